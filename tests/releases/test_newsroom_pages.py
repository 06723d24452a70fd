"""The newsroom: where it goes in the page tree, its listing and filter, and press release pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from citycomms.models import CityHomePage
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import DepartmentPage
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import NewsroomPage, PressReleasePage, ReleaseContact
from tests.releases.conftest import html_of, release_titles

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
