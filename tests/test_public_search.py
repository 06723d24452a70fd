"""The public search as a reader meets it: names however typed, people leading to their pages, counts that agree,
results that say where they are, and a language switcher that keeps the search."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from search.text import Folded, fold
from tests.conftest import result_titles, search

GOTEBORG = "goteborg.localhost"


def get(client, url, host="localhost", **params):
    response = client.get(url, params, HTTP_HOST=host)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def people(html):
    return [name.get_text(strip=True) for name in html.select(".contact-card__name")]


def switcher(html):
    return {link["hreflang"]: link["href"] for link in html.select("nav.language-switcher a")}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["bokmark", "BOKMARK", "Bökmark", "bÖkmark", "gunilla bokmark"])
def test_names_are_found_however_their_accents_and_case_are_typed(client, goteborg, typed):
    person = ContactPersonFactory(city=goteborg, first_name="Gunilla", last_name="Bökmark")
    DepartmentPageFactory(parent=goteborg, head=person)
    assert people(search(client, typed, "sv", GOTEBORG)) == ["Gunilla Bökmark"]


@pytest.mark.django_db
def test_the_database_folds_as_python_does(helsinki):
    ContactPersonFactory(city=helsinki, first_name="Åsa", last_name="KIVELÄ-Bökmark Éloïse")
    [folded] = ContactPerson.objects.annotate(folded=Folded("last_name")).values_list("folded", flat=True)
    assert folded == fold("KIVELÄ-Bökmark Éloïse") == "kivela-bokmark eloise"


@pytest.mark.django_db
def test_a_person_finds_the_pages_they_head_or_are_listed_on(client, goteborg):
    person = ContactPersonFactory(city=goteborg, first_name="Gunilla", last_name="Bökmark")
    headed = DepartmentPageFactory(parent=goteborg, title_sv="Internationell avdelning", head=person)
    listing = UnitPageFactory(parent=headed, title_sv="Partnerstäder")
    PageContact.objects.create(page=listing, contact=person, sort_order=0)
    DepartmentPageFactory(parent=goteborg, title_sv="Ekonomi")

    html = search(client, "bokmark", "sv", GOTEBORG)

    assert result_titles(html) == ["Internationell avdelning", "Partnerstäder"]
    assert html.select_one("#page-results-heading").get_text(strip=True).startswith("2 ")


@pytest.mark.django_db
def test_a_staff_only_page_is_not_found_through_its_people(client, goteborg):
    person = ContactPersonFactory(city=goteborg, first_name="Gunilla", last_name="Bökmark")
    DepartmentPageFactory(parent=goteborg, title_sv="Synlig", head=person)
    secret = DepartmentPageFactory(parent=goteborg, title_sv="Hemlig", head=person)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

    assert result_titles(search(client, "bokmark", "sv", GOTEBORG)) == ["Synlig"]


@pytest.mark.django_db
def test_no_zero_pages_heading_above_the_people_found(client, helsinki):
    ContactPersonFactory(city=helsinki, first_name="Press", last_name="Officer", is_media_contact=True)

    found = search(client, "officer", "en")
    assert people(found) == ["Press Officer"]
    assert found.select_one("#page-results-heading") is None
    assert "0 pages" not in found.get_text()

    nothing = search(client, "zzyzx", "en")
    assert nothing.select_one("#page-results-heading").get_text(strip=True) == "0 pages found for “zzyzx”"


@pytest.mark.django_db
def test_results_of_one_title_are_told_apart_by_their_parents(client, helsinki):
    for department in ("Kaupunginkanslia", "Kasvatus"):
        parent = DepartmentPageFactory(parent=helsinki, title_fi=department, title_en="")
        UnitPageFactory(parent=parent, title_fi="Viestintä", title_en="")

    html = search(client, "viestintä")

    results = html.select(".search-result")
    assert [result.select_one(".search-result__link").get_text(strip=True) for result in results] == ["Viestintä"] * 2
    assert [result.select_one(".search-result__trail").get_text(strip=True) for result in results] == [
        "Kaupunginkanslia",
        "Kasvatus",
    ]


@pytest.mark.django_db
def test_a_department_has_no_parent_line(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaariosasto")
    assert search(client, "sateenkaariosasto").select_one(".search-result__trail") is None


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_search(client, helsinki):
    links = switcher(search(client, "kivelä", "sv"))
    assert links == {
        "fi": "/fi/search/?q=kivel%C3%A4",
        "sv": "/sv/search/?q=kivel%C3%A4",
        "en": "/en/search/?q=kivel%C3%A4",
    }


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_directory_and_newsroom_filters(client, helsinki, press_page):
    department = DepartmentPageFactory(parent=helsinki)
    links = switcher(get(client, press_page.url, q="kivela", department=department.pk))
    assert links["sv"] == f"/sv/medier/?q=kivela&department={department.pk}"

    newsroom = NewsroomPageFactory(parent=helsinki)
    PressReleasePageFactory(parent=newsroom)
    links = switcher(get(client, newsroom.url, department=department.pk, page=1))
    assert links["en"] == f"/en/newsroom/?department={department.pk}&page=1"


@pytest.mark.django_db
def test_a_page_without_a_query_links_each_language_plainly(client, helsinki):
    DepartmentPageFactory(parent=helsinki, slug_fi="osasto", slug_sv="avdelning", slug_en="department")
    assert switcher(get(client, "/fi/osasto/")) == {
        "fi": "/fi/osasto/",
        "sv": "/sv/avdelning/",
        "en": "/en/department/",
    }


@pytest.mark.django_db
def test_the_search_page_has_a_description_and_its_canonical_address(client, helsinki):
    html = search(client, "kivelä", "en")
    assert html.select_one('meta[name="description"]')["content"] == (
        "Search the pages, contact people and service points of City of Helsinki."
    )
    assert [link["href"] for link in html.select('link[rel="canonical"]')] == [
        "http://localhost/en/search/?q=kivel%C3%A4"
    ]
    assert get(client, "/en/search/").select_one('link[rel="canonical"]')["href"] == "http://localhost/en/search/"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["⑴", "ͺ", "½", "kivelä ⑴"])
def test_characters_that_fold_into_punctuation_are_searched_not_parsed(client, helsinki, typed):
    """Some letters and digits fold into brackets or spaces, which tsquery would read as syntax (PostgreSQL)."""
    response = client.get("/fi/search/", {"q": typed})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_long_list_of_people_shows_the_best_matches_and_says_so(client, goteborg):
    department = DepartmentPageFactory(parent=goteborg, title_sv="Stadsledningskontoret")
    for number in range(13):
        person = ContactPersonFactory(city=goteborg, first_name=f"Anna{number}", last_name="Lindqvist")
        PageContact.objects.create(page=department, contact=person, sort_order=number)
    many = search(client, "lindqvist", "sv", GOTEBORG)
    assert len(people(many)) == 12
    assert "Visar de 12 bästa träffarna" in many.get_text(" ", strip=True)
    ContactPerson.objects.get(first_name="Anna12").delete()
    assert "12 bästa" not in search(client, "lindqvist", "sv", GOTEBORG).get_text(" ", strip=True)
