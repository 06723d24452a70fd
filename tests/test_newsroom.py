"""The newsroom: press releases listed, filtered, syndicated as RSS and Atom, and shown on department pages."""

import datetime
import json
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from wagtail.models import PageViewRestriction

from citycomms.models import CityHomePage
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import DepartmentPage
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import NewsroomPage, PressReleasePage, ReleaseContact

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def release_titles(html):
    return [link.get_text(strip=True) for link in html.select(".release-list__link")]


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


@pytest.fixture
def newsroom(helsinki):
    return NewsroomPageFactory(parent=helsinki)


@pytest.fixture
def department(helsinki):
    return DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")


# --- The page tree ---------------------------------------------------------------------------------


@pytest.mark.django_db  # can_create_at looks up content types: from the database once their cache is cleared
def test_newsroom_goes_under_a_city_home_and_releases_under_the_newsroom():
    assert NewsroomPage.can_create_at(CityHomePage()) is True
    assert NewsroomPage.can_create_at(DepartmentPage()) is False
    assert PressReleasePage.can_create_at(NewsroomPage()) is True
    assert PressReleasePage.can_create_at(CityHomePage()) is False
    assert PressReleasePage.can_create_at(DepartmentPage()) is False
    assert PressReleasePage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_a_city_has_one_newsroom(helsinki, goteborg):
    assert NewsroomPage.can_create_at(helsinki) is True
    NewsroomPageFactory(parent=helsinki)
    assert NewsroomPage.can_create_at(helsinki) is False
    assert NewsroomPage.can_create_at(goteborg) is True


@pytest.mark.django_db
def test_a_release_comes_from_a_department_or_a_unit_not_a_team(newsroom, department):
    unit = UnitPageFactory(parent=department)
    team = TeamPageFactory(parent=unit)
    for source in (department, unit):
        PressReleasePageFactory.build(organisation=source).clean()
    with pytest.raises(ValidationError) as error:
        PressReleasePageFactory.build(organisation=team).clean()
    assert "organisation" in error.value.message_dict


@pytest.mark.django_db
def test_editors_get_a_press_release_form_with_a_department_or_unit_chooser(admin_client, newsroom):
    response = admin_client.get(f"/admin/pages/add/newsroom/pressreleasepage/{newsroom.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="organisation"' in html
    assert "departments.departmentpage" in html and "departments.unitpage" in html
    assert "release_contacts-TOTAL_FORMS" in html


@pytest.mark.django_db
def test_the_city_home_does_not_list_the_newsroom_as_a_department(client, helsinki, newsroom, department):
    html = html_of(client, "/fi/")
    listed = [link.get_text(strip=True) for link in html.select(".page-list__link")]
    assert listed == ["Viestintäosasto"]


# --- The newsroom ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_newsroom_lists_releases_newest_first_ten_a_page(client, newsroom):
    releases = [PressReleasePageFactory(parent=newsroom, title_fi=f"Tiedote {n:02}") for n in range(12)]
    # Publication dates, not the order of creation, decide.
    releases[0].publication_date = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    releases[0].save()

    first = html_of(client, "/fi/uutishuone/")
    second = html_of(client, "/fi/uutishuone/", page=2)

    assert release_titles(first) == ["Tiedote 00"] + [f"Tiedote {n:02}" for n in range(11, 2, -1)]
    assert release_titles(second) == ["Tiedote 02", "Tiedote 01"]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    assert first.h1.get_text() == "Uutishuone"


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("0", 2), ("-1", 2), ("99999", 2), ("1.5", 1), ("", 1)])
def test_bad_page_numbers_give_the_first_or_last_page(client, newsroom, page, shown):
    for n in range(11):
        PressReleasePageFactory(parent=newsroom, title_fi=f"Tiedote {n:02}")
    html = html_of(client, "/fi/uutishuone/", page=page)
    assert len(release_titles(html)) == (10 if shown == 1 else 1)


@pytest.mark.django_db
def test_newsroom_filters_by_department_including_its_units(client, helsinki, newsroom, department):
    unit = UnitPageFactory(parent=department)
    other = DepartmentPageFactory(parent=helsinki, title_fi="Talousosasto")
    PressReleasePageFactory(parent=newsroom, title_fi="Osastolta", organisation=department)
    PressReleasePageFactory(parent=newsroom, title_fi="Yksiköltä", organisation=unit)
    PressReleasePageFactory(parent=newsroom, title_fi="Taloudesta", organisation=other)

    html = html_of(client, "/fi/uutishuone/", department=department.pk)

    assert release_titles(html) == ["Yksiköltä", "Osastolta"]
    assert html.select_one("#release-department option[selected]")["value"] == str(department.pk)
    assert [option.get_text(strip=True) for option in html.select("#release-department option")][1:] == [
        "Viestintäosasto",
        "Talousosasto",
    ]


@pytest.mark.django_db
def test_pagination_links_keep_the_department_filter(client, newsroom, department):
    for n in range(11):
        PressReleasePageFactory(parent=newsroom, organisation=department, title_fi=f"Tiedote {n:02}")
    html = html_of(client, "/fi/uutishuone/", department=department.pk)
    assert html.select_one('.pagination a[rel="next"]')["href"] == f"?department={department.pk}&page=2"


@pytest.mark.django_db
def test_unknown_or_malformed_departments_are_ignored(client, goteborg, newsroom, department):
    unit = UnitPageFactory(parent=department)
    elsewhere = DepartmentPageFactory(parent=goteborg)
    PressReleasePageFactory(parent=newsroom, title_fi="Osastolta", organisation=department)
    PressReleasePageFactory(parent=newsroom, title_fi="Ilman lähdettä")
    for value in ["abc", "", "-1", "0", "99999999", "9" * 30, str(unit.pk), str(elsewhere.pk)]:
        html = html_of(client, "/fi/uutishuone/", department=value)
        assert release_titles(html) == ["Ilman lähdettä", "Osastolta"], value


@pytest.mark.django_db
def test_release_titles_in_another_language_fall_back_with_their_lang(client, newsroom):
    PressReleasePageFactory(parent=newsroom, title_fi="Vain suomeksi", title_sv="", title_en="")
    link = html_of(client, "/sv/nyhetsrum/").select_one(".release-list__link")
    assert (link.get_text(strip=True), link["lang"]) == ("Vain suomeksi", "fi")


# --- Press release pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_release_page_shows_date_source_and_more_information_contacts_in_order(client, helsinki, newsroom, department):
    release = PressReleasePageFactory(
        parent=newsroom,
        title_fi="Uusi asukaslehti",
        slug_fi="uusi-asukaslehti",
        intro_fi="Helsinki-info ilmestyy.",
        organisation=department,
        publication_date=datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC),
    )
    for n, name in enumerate(["Sara", "Aino"]):
        person = ContactPersonFactory(city=helsinki, first_name=name, last_name="Esimerkki")
        ReleaseContact.objects.create(page=release, contact=person, sort_order=n)

    html = html_of(client, "/fi/uutishuone/uusi-asukaslehti/")

    assert html.h1.get_text() == "Uusi asukaslehti"
    assert html.select_one(".release-facts time")["datetime"] == "2025-03-04T12:00:00+02:00"
    assert html.select_one(".release-facts a")["href"] == "/fi/viestintaosasto/"
    names = [name.get_text() for name in html.select(".contacts .contact-card__name")]
    assert names == ["Sara Esimerkki", "Aino Esimerkki"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fi/uutishuone/", "/fi/uutishuone/tiedote/", "/sv/nyhetsrum/tiedote/"])
def test_newsroom_and_release_pages_link_their_feeds(client, newsroom, url):
    PressReleasePageFactory(parent=newsroom, slug_fi="tiedote", slug_sv="tiedote")
    language = url.split("/")[1]
    newsroom_url = {"fi": "/fi/uutishuone/", "sv": "/sv/nyhetsrum/"}[language]
    head = html_of(client, url).head
    rss = head.select_one('link[rel="alternate"][type="application/rss+xml"]')["href"]
    atom = head.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"]
    assert (rss, atom) == (f"{newsroom_url}feed/rss/", f"{newsroom_url}feed/atom/")
    assert client.get(rss).status_code == client.get(atom).status_code == 200


# --- Feeds -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rss_feed_lists_releases_in_its_language_with_absolute_links(client, newsroom, department):
    PressReleasePageFactory(
        parent=newsroom,
        title_fi="Vanhempi",
        title_sv="Äldre",
        slug_sv="aldre",
        intro_sv="Ingress på svenska.",
        organisation=department,
        publication_date=datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC),
    )
    PressReleasePageFactory(
        parent=newsroom,
        title_fi="Uudempi",
        title_sv="",
        slug_sv="nyare",
        publication_date=datetime.datetime(2025, 6, 1, 9, tzinfo=datetime.UTC),
    )

    channel, items = rss_items(client, "/sv/nyhetsrum/feed/rss/")

    assert channel.findtext("language") == "sv"
    assert channel.findtext("title") == "Nyhetsrum – Helsingfors stad"
    assert channel.findtext("link") == "http://testserver/sv/nyhetsrum/"
    # Swedish where written, the site's default language (Finnish) where not.
    assert [item.findtext("title") for item in items] == ["Uudempi", "Äldre"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver/sv/nyhetsrum/nyare/",
        "http://testserver/sv/nyhetsrum/aldre/",
    ]
    assert items[1].findtext("description") == "Ingress på svenska."
    assert items[1].findtext("category") == department.title_sv
    assert parsedate_to_datetime(items[1].findtext("pubDate")) == datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_atom_feed_lists_releases_in_its_language_with_absolute_links(client, newsroom):
    PressReleasePageFactory(
        parent=newsroom,
        title_en="City magazine out",
        slug_en="city-magazine",
        publication_date=datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC),
    )

    feed, entries = atom_entries(client, "/en/newsroom/feed/atom/")

    assert feed.get(XML_LANG) == "en"
    assert feed.findtext(f"{ATOM}title") == "Newsroom – City of Helsinki"
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["City magazine out"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/en/newsroom/city-magazine/"
    assert datetime.datetime.fromisoformat(entries[0].findtext(f"{ATOM}published")) == datetime.datetime(
        2025, 5, 1, 9, tzinfo=datetime.UTC
    )


@pytest.mark.django_db
def test_feeds_of_a_city_hold_only_that_citys_releases(client, goteborg, newsroom):
    PressReleasePageFactory(parent=newsroom, title_sv="Från Helsingfors")
    nyhetsrum = NewsroomPageFactory(parent=goteborg, slug_fi="nyhetsrum")
    PressReleasePageFactory(parent=nyhetsrum, title_sv="Från Göteborg", slug_fi="goteborg-1")

    response = client.get("/sv/nyhetsrum/feed/rss/", HTTP_HOST="goteborg.localhost")
    items = ET.fromstring(response.content).find("channel").findall("item")

    assert [item.findtext("title") for item in items] == ["Från Göteborg"]
    assert items[0].findtext("link").startswith("http://goteborg.localhost/sv/nyhetsrum/")


# --- Only live, public releases --------------------------------------------------------------------


@pytest.mark.django_db
def test_draft_and_private_releases_appear_nowhere(client, newsroom, department):
    PressReleasePageFactory(parent=newsroom, title_fi="Julkinen", organisation=department)
    PressReleasePageFactory(parent=newsroom, title_fi="Luonnos", organisation=department, live=False)
    private = PressReleasePageFactory(parent=newsroom, title_fi="Yksityinen", organisation=department)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    shown = {
        "newsroom": release_titles(html_of(client, "/fi/uutishuone/")),
        "filtered": release_titles(html_of(client, "/fi/uutishuone/", department=department.pk)),
        "department": release_titles(html_of(client, "/fi/viestintaosasto/")),
        "rss": [item.findtext("title") for item in rss_items(client, "/fi/uutishuone/feed/rss/")[1]],
        "atom": [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, "/fi/uutishuone/feed/atom/")[1]],
    }
    assert shown == dict.fromkeys(shown, ["Julkinen"])


@pytest.mark.django_db
def test_a_private_newsroom_shows_its_releases_nowhere(client, newsroom, department):
    PressReleasePageFactory(parent=newsroom, title_fi="Sisäinen", organisation=department)
    PageViewRestriction.objects.create(page=newsroom, restriction_type=PageViewRestriction.LOGIN)
    assert release_titles(html_of(client, "/fi/viestintaosasto/")) == []


# --- Department pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_department_page_shows_its_latest_three_releases_and_links_to_all(client, helsinki, newsroom, department):
    unit = UnitPageFactory(parent=department, slug_fi="viestinta")
    other = DepartmentPageFactory(parent=helsinki)
    for n, source in enumerate([department, unit, department, unit, other]):
        PressReleasePageFactory(parent=newsroom, title_fi=f"Tiedote {n}", organisation=source)

    department_html = html_of(client, "/fi/viestintaosasto/")
    unit_html = html_of(client, "/fi/viestintaosasto/viestinta/")

    assert release_titles(department_html) == ["Tiedote 3", "Tiedote 2", "Tiedote 1"]
    assert release_titles(unit_html) == ["Tiedote 3", "Tiedote 1"]
    for html in (department_html, unit_html):
        all_link = html.select_one(".latest-releases p a")["href"]
        assert all_link == f"/fi/uutishuone/?department={department.pk}"


@pytest.mark.django_db
def test_department_without_releases_has_no_releases_section(client, newsroom, department):
    assert html_of(client, "/fi/viestintaosasto/").select_one(".latest-releases") is None


# --- Search ----------------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text search needs PostgreSQL")
@pytest.mark.django_db
def test_search_finds_press_releases(client, newsroom):
    PressReleasePageFactory(parent=newsroom, title_fi="Asukaslehti", intro_fi="Helsinki-info ilmestyy syksyllä.")
    html = html_of(client, "/fi/search/", q="syksyllä")
    assert [link.get_text(strip=True) for link in html.select(".search-result__link")] == ["Asukaslehti"]


# --- Queries ---------------------------------------------------------------------------------------


@pytest.fixture
def count_queries(count_render_queries):
    """count(client, url): the queries a real render of `url` costs (never a page cache hit), and the page."""

    def count(client, url):
        queries, html = count_render_queries(client, url)
        return queries, BeautifulSoup(html, "html.parser")

    return count


@pytest.mark.django_db
def test_newsroom_queries_do_not_grow_with_the_number_of_releases(client, helsinki, newsroom, count_queries):
    departments = [DepartmentPageFactory(parent=helsinki) for _n in range(3)]
    PressReleasePageFactory(parent=newsroom, organisation=departments[0])
    few, few_html = count_queries(client, "/fi/uutishuone/")
    for n in range(9):
        PressReleasePageFactory(parent=newsroom, organisation=departments[n % 3])
    many, many_html = count_queries(client, "/fi/uutishuone/")
    assert (len(release_titles(few_html)), len(release_titles(many_html))) == (1, 10)
    assert many == few, (few, many)
    assert few <= 25


@pytest.mark.django_db
def test_department_page_queries_do_not_grow_with_its_releases(client, newsroom, department, count_queries):
    PressReleasePageFactory(parent=newsroom, organisation=UnitPageFactory(parent=department))
    one, _html = count_queries(client, "/fi/viestintaosasto/")
    for _n in range(5):
        PressReleasePageFactory(parent=newsroom, organisation=UnitPageFactory(parent=department))
    many, html = count_queries(client, "/fi/viestintaosasto/")
    assert len(release_titles(html)) == 3
    assert many == one, (one, many)


# --- schema.org and staff-only sources -------------------------------------------------------------


def release_json(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    [script] = html.select('script[type="application/ld+json"]')
    return html, json.loads(script.string)


def test_a_release_is_a_news_article_matching_the_page(client, helsinki, newsroom, department):
    release = PressReleasePageFactory(parent=newsroom, organisation=department, intro_sv="Svensk ingress.")
    with translation.override("sv"):
        url = release.url
    html, data = release_json(client, url)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == html.h1.get_text(strip=True) == release.title_sv
    assert data["description"] == "Svensk ingress."
    assert data["inLanguage"] == "sv"
    assert data["datePublished"] == html.select_one(".release-facts time")["datetime"]
    assert data["publisher"]["name"] == "Helsingfors stad"
    assert data["author"]["@type"] == "GovernmentOrganization"
    assert data["url"].endswith(url)


def test_a_staff_only_source_is_named_nowhere(client, helsinki, newsroom, department):
    secret = UnitPageFactory(parent=department, title_fi="Salainen yksikkö")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    release = PressReleasePageFactory(parent=newsroom, organisation=secret)
    pages = [release.url, newsroom.url, f"{newsroom.url}feed/rss/", f"{newsroom.url}feed/atom/", department.url]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Salainen" not in response.content.decode(), url
    _html, data = release_json(client, release.url)
    assert data["author"] == data["publisher"]
