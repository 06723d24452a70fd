"""The organisation chart (issue 18, item 3): one page per city with its departments, units and teams as lists in
lists, each with its head post and who holds it (acting, or vacant), linked; the same tree as JSON-LD; only what is
live, public and current in the city; fresh after any change to it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory, post
from departments.models import OrganisationChartPage
from departments.reorganisation import Reorganisation
from departments.templatetags.department_tags import ACTING, CONTACT_INSTEAD, VACANT
from tests.conftest import publish, signed_in

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def chart_page(home, **titles):
    page = OrganisationChartPage(
        title_fi="Organisaatio",
        title_sv="Organisation",
        title_en="Organisation chart",
        slug_fi="organisaatio",
        slug_sv="organisation",
        slug_en="organisation-chart",
        **titles,
    )
    home.add_child(instance=page)
    return page


@pytest.fixture
def people(helsinki):
    names = ["Liisa Kivelä", "Markku Raitio", "Ville Lähtenyt", "Sanna Sijainen"]
    return [
        ContactPersonFactory(city=helsinki, first_name=name.split()[0], last_name=name.split()[1]) for name in names
    ]


@pytest.fixture
def tree(helsinki, people):
    """Helsinki's department with a unit headed by an acting head, and below it a team whose head post is vacant."""
    kivela, raitio, left, stand_in = people
    department = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintäosasto",
        title_sv="Kommunikationsavdelningen",
        title_en="Communications Department",
        posts=[post(kivela, title_sv="kommunikationsdirektör", title_en="Director of Communications")],
    )
    unit = UnitPageFactory(
        parent=department,
        title_fi="Viestintä",
        posts=[
            post(
                {"person": raitio, "acting": True},
                title_fi="viestintäpäällikkö",
                title_sv="kommunikationschef",
                title_en="Head of Communications",
            )
        ],
    )
    team = TeamPageFactory(
        parent=unit,
        title_fi="PR ja protokolla",
        posts=[
            post(
                {"person": left, "ends_on": timezone.localdate() - DAY},
                title_fi="tiimin vetäjä",
                title_sv="teamledare",
                title_en="team leader",
                contact_when_vacant=stand_in,
            )
        ],
    )
    second_unit = UnitPageFactory(parent=department, title_fi="Markkinointi")
    return {"department": department, "unit": unit, "team": team, "second_unit": second_unit}


@pytest.fixture
def chart(helsinki, tree):
    return chart_page(helsinki)


def read(client, page, language="fi", **headers):
    with translation.override(language):
        url = page.url
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def words(element):
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def url_of(page, language="fi"):
    """The page's path, as links on its own site give it (page.url is absolute once there are two cities)."""
    with translation.override(language):
        return page.get_url_parts()[2]


def items(html_list):
    """{name: (heading level, head line, the item's own list or None)} of a chart list's items."""
    found = {}
    for item in html_list.find_all("li", recursive=False):
        heading = item.find(["h2", "h3", "h4"], recursive=False)
        head = item.find("p", class_="org-chart__head", recursive=False)
        found[words(heading)] = (heading.name, words(head), item.find("ul", recursive=False))
    return found


def top_list(html):
    return html.select_one("article.org-chart > ul.org-chart__list")


def json_ld(html):
    [script] = html.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_departments_units_and_teams_are_lists_in_lists_with_headings_by_level_linking_their_pages(
    client, chart, tree
):
    html = read(client, chart)

    top = top_list(html)
    assert top["aria-labelledby"] == html.h1["id"]
    departments = items(top)
    assert list(departments) == ["Viestintäosasto"]
    level, _head, units_list = departments["Viestintäosasto"]
    units = items(units_list)
    assert level == "h2" and list(units) == ["Viestintä", "Markkinointi"]
    assert units["Viestintä"][0] == "h3" and units["Markkinointi"][2] is None
    teams = items(units["Viestintä"][2])
    assert list(teams) == ["PR ja protokolla"] and teams["PR ja protokolla"][0] == "h4"
    assert teams["PR ja protokolla"][2] is None
    links = [heading.a["href"] for heading in top.select(".org-chart__name")]
    assert links == [url_of(tree[name]) for name in ("department", "unit", "team", "second_unit")]


@pytest.mark.parametrize(
    "language, department_title, unit_title",
    [
        ("fi", "viestintäjohtaja", "viestintäpäällikkö"),
        ("sv", "kommunikationsdirektör", "kommunikationschef"),
        ("en", "Director of Communications", "Head of Communications"),
    ],
)
def test_each_head_is_named_with_their_post_and_an_acting_one_as_acting(
    client, chart, tree, language, department_title, unit_title
):
    html = read(client, chart, language)

    heads = html.select(".org-chart__head")
    with translation.override(language):
        acting = gettext(ACTING) % {"title": unit_title}
    assert words(heads[0]) == f"{department_title} Liisa Kivelä"
    assert words(heads[1]) == f"{acting} Markku Raitio"
    # The holder links to the contacts of the page they head, where their card is.
    assert heads[1].a["href"] == url_of(tree["unit"], language) + "#contacts-heading"
    assert words(heads[1].a) == "Markku Raitio"


@pytest.mark.parametrize("language, title", [("fi", "tiimin vetäjä"), ("sv", "teamledare"), ("en", "team leader")])
def test_a_vacant_head_post_says_so_and_whom_to_contact(client, chart, language, title):
    html = read(client, chart, language)

    with translation.override(language):
        sentence = gettext(VACANT) % {"title": title} + " " + gettext(CONTACT_INSTEAD) % {"name": "Sanna Sijainen"}
    assert words(html.select_one(".org-chart__head--vacant")) == sentence
    assert "Lähtenyt" not in words(html.select_one("main"))


def test_a_page_without_a_head_post_shows_no_head_line(client, chart, tree):
    html = read(client, chart)

    second_unit = next(item for item in html.select(".org-chart__item") if "Markkinointi" in words(item.h3))
    assert second_unit.select(".org-chart__head") == []


def test_former_private_draft_and_other_cities_pages_are_left_out_with_what_lies_below_them(
    client, helsinki, goteborg, chart, tree
):
    former = DepartmentPageFactory(
        parent=helsinki, title_fi="Tietotekniikka- ja viestintäosasto", reorganisation=Reorganisation.CLOSED
    )
    UnitPageFactory(parent=former, title_fi="Tietotekniikka")
    publish(tree["second_unit"], reorganisation=Reorganisation.REPLACED)
    TeamPageFactory(parent=tree["second_unit"], title_fi="Markkinointitiimi")
    private = DepartmentPageFactory(parent=helsinki, title_fi="Sisäinen osasto")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    UnitPageFactory(parent=private, title_fi="Sisäinen yksikkö")
    private_team = TeamPageFactory(parent=tree["unit"], title_fi="Salainen tiimi")
    PageViewRestriction.objects.create(page=private_team, restriction_type=PageViewRestriction.PASSWORD, password="x")
    draft = DepartmentPageFactory(parent=helsinki, title_fi="Luonnososasto", live=False)
    UnitPageFactory(parent=draft, title_fi="Elävä yksikkö luonnoksen alla")
    DepartmentPageFactory(parent=goteborg, title_fi="Göteborgin osasto", title_sv="Kommunikationsavdelningen GBG")

    html = read(client, chart)

    names = [words(heading) for heading in html.select(".org-chart__name")]
    assert names == ["Viestintäosasto", "Viestintä", "PR ja protokolla"]
    assert [item["name"] for item in json_ld(html)["subOrganization"]] == ["Viestintäosasto"]


def test_the_json_ld_is_the_same_tree_with_parents_and_heads(client, chart):
    html = read(client, chart, "sv")

    data = json_ld(html)
    assert (data["@context"], data["@type"], data["name"]) == (
        "https://schema.org",
        "GovernmentOrganization",
        "Helsingfors stad",
    )
    [department] = data["subOrganization"]
    assert department["name"] == "Kommunikationsavdelningen"
    assert department["parentOrganization"]["name"] == "Helsingfors stad"
    assert department["member"] == [
        {
            "@type": "Person",
            "name": "Liisa Kivelä",
            "givenName": "Liisa",
            "familyName": "Kivelä",
            "jobTitle": "kommunikationsexpert",
            "telephone": department["member"][0]["telephone"],
            "email": "liisa.kivelä@example.fi",
        }
    ]
    unit, second_unit = department["subOrganization"]
    assert unit["parentOrganization"]["name"] == "Kommunikationsavdelningen"
    assert unit["parentOrganization"]["url"] == department["url"]
    assert [member["name"] for member in unit["member"]] == ["Markku Raitio"]
    [team] = unit["subOrganization"]
    assert team["parentOrganization"]["url"] == unit["url"]
    assert "member" not in team and "subOrganization" not in team  # vacant, and nothing below it
    assert "member" not in second_unit
    names = [item["name"] for item in (department, unit, team, second_unit)]
    assert names == [words(heading) for heading in html.select(".org-chart__name")]


def test_a_change_to_any_organisation_page_or_head_shows_on_the_chart_at_once(client, chart, tree, people):
    assert "Viestintä" in words(read(client, chart).select_one(".org-chart"))

    publish(tree["team"], title_fi="Protokolla")
    people[1].last_name = "Raitio-Uusi"
    people[1].save()

    text = words(read(client, chart).select_one(".org-chart"))
    assert "Protokolla" in text and "PR ja protokolla" not in text
    assert "Markku Raitio-Uusi" in text


def test_the_cost_of_the_chart_does_not_grow_with_the_organisation(
    client, helsinki, chart, tree, people, no_page_cache, count_render_queries
):
    before, _html = count_render_queries(client, url_of(chart))
    for number in range(3):
        department = DepartmentPageFactory(parent=helsinki, posts=[post(people[number % 2])])
        UnitPageFactory(parent=department, posts=[post({"person": people[0], "acting": True}, is_head=True)])

    after, html = count_render_queries(client, url_of(chart))

    assert html.count('class="org-chart__item"') == 4 + 6
    assert after == before


def test_one_chart_per_city_directly_below_its_home_and_linked_from_its_main_menu(
    client, helsinki, goteborg, chart, tree
):
    assert OrganisationChartPage.can_create_at(goteborg)
    assert not OrganisationChartPage.can_create_at(helsinki)
    assert not OrganisationChartPage.can_create_at(tree["department"])

    menu = read(client, tree["department"]).select_one(".main-menu")
    assert url_of(chart) in [link["href"] for link in menu.select("a")]


def test_a_moderator_adds_the_chart_in_the_admin_with_an_intro_in_each_language(client, helsinki, helsinki_moderator):
    response = signed_in(client, helsinki_moderator).get(
        f"/admin/pages/add/departments/organisationchartpage/{helsinki.pk}/"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert all(f'name="intro_{code}"' in html for code in ("fi", "sv", "en"))
