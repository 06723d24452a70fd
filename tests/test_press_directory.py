"""The media desk: the directory of media contacts, its search, filter, pages and exports."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from citycomms.models import city_child_page
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import PageContact
from press.directory import fold, media_directory
from press.models import PressContactsPage
from tests.conftest import cards_in, text_of


@pytest.mark.parametrize(("typed", "folded"), [("Bökmark", "bokmark"), ("KIVELÄ", "kivela"), ("Åsa", "asa")])
def test_folding_drops_case_and_accents(typed, folded):
    assert fold(typed) == folded


def media_department(city, size, index):
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    department = DepartmentPageFactory(parent=city, head=ContactPersonFactory(city=city, is_media_contact=True))
    for n in range(size):
        unit = UnitPageFactory(parent=department)
        person = ContactPersonFactory(city=city, is_media_contact=True, photo=photo, last_name=f"Bökmark{index}-{n}")
        PageContact.objects.create(page=unit, contact=person, sort_order=0)
    return department


@pytest.mark.django_db
def test_press_page_queries_do_not_grow_with_the_number_of_contacts(
    client, helsinki, press_page, count_render_queries
):
    media_department(helsinki, 2, 1)
    small, html = count_render_queries(client, press_page.url)
    assert html.count('class="contact-card"') == 3  # the head and two unit contacts
    media_department(helsinki, 20, 2)
    large, html = count_render_queries(client, press_page.url)
    assert html.count('class="contact-card"') == 3 + 21
    assert large == small, (small, large)


@pytest.mark.django_db
def test_search_finds_accented_names_typed_without_accents(client, helsinki, press_page):
    media_department(helsinki, 1, 1)
    ContactPersonFactory(city=helsinki, first_name="Gunilla", last_name="Bökmark", is_media_contact=True)
    ContactPersonFactory(city=helsinki, first_name="Hidden", last_name="Bokmarkson", is_media_contact=False)
    text = text_of(client.get(press_page.url + "?q=bokmark"))
    assert "Gunilla Bökmark" in text and "Bökmark1-0" in text
    assert "Bokmarkson" not in text


@pytest.mark.django_db
def test_a_private_units_contacts_stay_out_of_the_directory_and_vcards(client, helsinki, press_page):
    department = DepartmentPageFactory(parent=helsinki)
    secret_unit = UnitPageFactory(parent=department, title_fi="Salainen yksikkö")
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Only", last_name="Internal")
    PageContact.objects.create(page=secret_unit, contact=person, sort_order=0)
    PageViewRestriction.objects.create(page=secret_unit, restriction_type=PageViewRestriction.LOGIN)

    text = text_of(client.get(press_page.url))
    assert "Salainen" not in text
    assert "Only Internal" not in text  # mentioned only on a staff-only page: staff-only too
    assert client.get(f"/fi/vcard/{person.pk}.vcf").status_code == 404
    assert client.get(f"/fi/vcard/page/{secret_unit.pk}.vcf").status_code == 404
    assert "Internal" not in client.get("/fi/media-contacts.csv").content.decode()
    assert "Internal" not in client.get("/fi/search/?q=internal").content.decode()


@pytest.mark.django_db
def test_a_media_contact_no_page_mentions_is_listed_for_journalists(client, helsinki, press_page):
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")
    ContactPersonFactory(city=helsinki, is_media_contact=False, first_name="Back", last_name="Office")
    text = text_of(client.get(press_page.url))
    assert "Muut median yhteyshenkilöt" in text and "Press Officer" in text
    assert "Back Office" not in text
    [card] = cards_in(client.get(f"/fi/vcard/{person.pk}.vcf"))
    assert card.org.value == ["Helsingin kaupunki"]


@pytest.mark.django_db
def test_exports_go_when_the_media_contacts_page_is_withdrawn(client, helsinki, press_page):
    ContactPersonFactory(city=helsinki, is_media_contact=True)
    assert client.get("/fi/media-contacts.csv").status_code == 200
    press_page.unpublish()
    assert client.get("/fi/media-contacts.csv").status_code == 404
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("restricted", ["press_page", "helsinki"])
def test_exports_go_when_the_page_or_the_whole_city_is_staff_only(client, helsinki, press_page, restricted):
    ContactPersonFactory(city=helsinki, is_media_contact=True)
    page = {"press_page": press_page, "helsinki": helsinki}[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/fi/media-contacts.csv").status_code == 404
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
def test_an_empty_directory_says_so(client, helsinki, press_page):
    assert "Median yhteyshenkilöitä ei ole vielä lueteltu." in text_of(client.get(press_page.url))
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
def test_the_citys_media_contacts_page_is_not_offered_from_a_staff_only_city(helsinki, press_page):
    assert city_child_page(PressContactsPage, press_page).pk == press_page.pk
    PageViewRestriction.objects.create(page=helsinki, restriction_type=PageViewRestriction.LOGIN)
    assert city_child_page(PressContactsPage, press_page) is None


@pytest.mark.django_db
def test_the_directory_holds_the_pages_around_media_contacts_and_every_department(helsinki):
    culture = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto")
    quiet = DepartmentPageFactory(parent=helsinki, title_fi="Hiljainen osasto")
    museums = UnitPageFactory(parent=culture, title_fi="Museot")
    UnitPageFactory(parent=culture, title_fi="Kirjastot", head=ContactPersonFactory(city=helsinki))
    exhibitions = TeamPageFactory(parent=museums, title_fi="Näyttelyt")
    officer = ContactPersonFactory(city=helsinki, is_media_contact=True)
    PageContact.objects.create(page=exhibitions, contact=officer, sort_order=0)

    directory = media_directory(helsinki)

    # The filter offers departments without media contacts too.
    assert [department.pk for department in directory.departments] == [culture.pk, quiet.pk]
    [group] = directory.groups  # the library, headed by someone who is no media contact, has no group
    assert [page.pk for page in (group.department, group.page)] == [culture.pk, exhibitions.pk]
    assert [page.pk for page in group.trail] == [museums.pk, exhibitions.pk]
    assert [entry.person for entry in group.entries] == [officer]
    museums.unpublish()
    [group] = media_directory(helsinki).groups
    assert [page.pk for page in (group.department, *group.trail)] == [culture.pk, exhibitions.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("shared_cache", [True, False], ids=["kept-directory", "read-per-request"])
def test_the_department_filter_leaves_out_other_departments_and_unlisted_contacts(
    client, helsinki, press_page, settings, shared_cache
):
    settings.CITYCOMMS_CACHE_SHARED = shared_cache
    media_department(helsinki, 1, 1)
    chosen = media_department(helsinki, 1, 2)
    ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")

    text = text_of(client.get(f"{press_page.url}?department={chosen.pk}"))

    assert "Bökmark2-0" in text
    assert "Bökmark1-0" not in text and "Press Officer" not in text
    assert "Bökmark1-0" in text_of(client.get(f"{press_page.url}?department={chosen.get_children()[0].pk}"))


def media_unit(city, count):
    """A unit listing `count` media contacts named Saarinen0, Saarinen1 … in that order, in a department."""
    department = DepartmentPageFactory(parent=city, title_fi="Viestintä")
    unit = UnitPageFactory(parent=department, title_fi="Mediapalvelu")
    for n in range(count):
        person = ContactPersonFactory(city=city, is_media_contact=True, first_name="Sanna", last_name=f"Saarinen{n}")
        PageContact.objects.create(page=unit, contact=person, sort_order=n)
    return department


def directory_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content, "html.parser")
    headings = [" ".join(group.h3.get_text(" ").split()) for group in html.select(".directory__group")]
    names = [name.get_text() for name in html.select(".directory .contact-card__name")]
    return html, headings, names


@pytest.mark.django_db
def test_the_directory_comes_a_page_at_a_time_and_says_which_contacts_it_shows(
    client, helsinki, press_page, monkeypatch
):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")

    first, headings, names = directory_page(client, press_page.url)
    assert (headings, names) == (["Viestintä › Mediapalvelu"], ["Sanna Saarinen0", "Sanna Saarinen1"])
    assert first.select_one(".directory__shown").get_text() == "Näytetään median yhteyshenkilöt 1–2 (yhteensä 4)."
    nav = first.select_one("nav.pagination")
    assert nav["aria-label"] == "Median yhteyshenkilöiden sivut"
    assert [link["href"] for link in nav.select("a")] == ["?page=2"]
    assert "Sivu 1 / 2" in nav.get_text()

    # The unit's contacts run over the edge of the first page: the second repeats its heading.
    second, headings, names = directory_page(client, press_page.url + "?page=2")
    assert headings == ["Viestintä › Mediapalvelu", "Muut median yhteyshenkilöt"]
    assert names == ["Sanna Saarinen2", "Press Officer"]
    assert second.select_one(".directory__shown").get_text() == "Näytetään median yhteyshenkilöt 3–4 (yhteensä 4)."
    assert [link["href"] for link in second.select(".pagination a")] == ["?page=1"]

    alone, _headings, names = directory_page(client, press_page.url + "?q=officer")
    assert names == ["Press Officer"]
    assert alone.select_one(".pagination") is None and alone.select_one(".directory__shown") is None


@pytest.mark.django_db
def test_page_links_keep_the_search_and_the_department(client, helsinki, press_page, monkeypatch):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    department = media_unit(helsinki, 3)
    url = f"{press_page.url}?q=saarinen&department={department.pk}"

    html, _headings, _names = directory_page(client, url)
    assert html.select_one('.pagination a[rel="next"]')["href"] == f"?q=saarinen&department={department.pk}&page=2"
    _html, _headings, names = directory_page(client, f"{url}&page=2")
    assert names == ["Sanna Saarinen2"]


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5", "1e9", "99999999999999999999", ""])
def test_a_bad_page_number_gives_a_page_of_the_directory(client, helsinki, press_page, monkeypatch, number):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    _html, _headings, names = directory_page(client, f"{press_page.url}?page={number}")
    assert names in (["Sanna Saarinen0", "Sanna Saarinen1"], ["Sanna Saarinen2"])


@pytest.mark.django_db
def test_the_exports_hold_every_media_contact_whatever_the_page_size(client, helsinki, press_page, monkeypatch):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    names = [f"Sanna Saarinen{n}" for n in range(3)]
    assert [card.fn.value for card in cards_in(client.get("/fi/vcard/media.vcf"))] == names
    rows = client.get("/fi/media-contacts.csv").content.decode("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == names
