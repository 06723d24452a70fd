"""The media directory: each person once with every page that lists them, the exports alike, the demo's press desks."""

import csv
import io
from io import StringIO

import pytest
import vobject
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase

from citycomms.spreadsheets import as_text_cell
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from press.models import PressContactsPage

GOTEBORG = "goteborg.localhost"
STOCKHOLM = "stockholm.localhost"


def html_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def names_on(response):
    return [name.get_text(strip=True) for name in html_of(response).select(".directory .contact-card__name")]


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def head_and_unit_contact(city):
    """A department headed by a media contact who is also listed, with a role, on its unit."""
    person = ContactPersonFactory(
        city=city, first_name="Liisa", last_name="Kivelä", is_media_contact=True, phone="+358931036211"
    )
    department = DepartmentPageFactory(
        parent=city,
        title_fi="Viestintäosasto",
        title_en="Communications Department",
        slug_fi="viestintaosasto",
        head=person,
    )
    unit = UnitPageFactory(parent=department, title_fi="Viestintä", title_en="Communications", slug_fi="viestinta")
    PageContact.objects.create(
        page=unit, contact=person, sort_order=0, role_fi="Mediatiedustelut", role_en="Media enquiries"
    )
    return person, department, unit


@pytest.mark.django_db
def test_a_person_two_pages_list_is_shown_once_with_both_places(client, helsinki, press_page):
    head_and_unit_contact(helsinki)

    html = html_of(client.get(press_page.url))

    assert [name.get_text() for name in html.select(".contact-card__name")] == ["Liisa Kivelä"]
    also = html.select_one(".directory__also")
    assert "Viestintä" in also.get_text() and "Mediatiedustelut" in also.get_text()
    assert also.select_one("a")["href"] == "/fi/viestintaosasto/viestinta/"


@pytest.mark.django_db
def test_the_department_filter_finds_a_person_first_listed_in_another_department(client, helsinki, press_page):
    person, _department, _unit = head_and_unit_contact(helsinki)
    other = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto")
    PageContact.objects.create(page=other, contact=person, sort_order=0, role_fi="Kulttuuri")

    assert names_on(client.get(f"{press_page.url}?department={other.pk}")) == ["Liisa Kivelä"]
    assert names_on(client.get(press_page.url)) == ["Liisa Kivelä"]


@pytest.mark.django_db
def test_a_search_reads_every_place_of_a_person(client, helsinki, press_page):
    head_and_unit_contact(helsinki)
    assert names_on(client.get(f"{press_page.url}?q=mediatiedustelut")) == ["Liisa Kivelä"]
    assert names_on(client.get(f"{press_page.url}?q=kivela")) == ["Liisa Kivelä"]


@pytest.mark.django_db
def test_the_csv_has_one_row_per_person_with_every_place_and_the_phone_as_written(client, helsinki, press_page):
    head_and_unit_contact(helsinki)

    header, *rows = csv_rows(client.get("/en/media-contacts.csv"))

    assert header == ["Name", "Job title", "Media topics", "Phone", "Email", "Department", "Unit", "Role"]
    [row] = rows
    assert row[0] == "Liisa Kivelä"
    assert row[3] == "+358931036211"  # no apostrophe: a phone number is no formula
    assert row[5:7] == ["Communications Department", "Communications"]
    assert row[7] == "Head: Communications Department; Communications: Media enquiries"


@pytest.mark.django_db
def test_the_media_vcards_hold_each_person_once_with_tel_types_unquoted(client, helsinki, press_page):
    head_and_unit_contact(helsinki)

    body = client.get("/fi/vcard/media.vcf").content.decode()

    assert [card.fn.value for card in vobject.readComponents(body)] == ["Liisa Kivelä"]
    assert "TEL;TYPE=WORK,VOICE:+358931036211" in body.splitlines()


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("+46313680603", "+46313680603"),
        ("+358 9 310 36 211", "+358 9 310 36 211"),
        ("-12", "-12"),
        ("+A1", "'+A1"),
        ("-2+3", "'-2+3"),
        ("+1-1", "'+1-1"),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kivelä", "Kivelä"),
        ("", ""),
    ],
)
def test_only_what_a_spreadsheet_would_run_gets_an_apostrophe(value, cell):
    assert as_text_cell(value) == cell


class DemoDirectoryTests(TestCase):
    """The demo's media contacts pages: press desks, the people their seed pages name, each once."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def page(self, host, url):
        return html_of(self.client.get(url, HTTP_HOST=host))

    def test_each_city_has_a_press_desk_with_a_way_to_reach_it(self):
        for host, url, name in [
            ("localhost", "/fi/yhteystiedot-medialle/", "Viestinnän mediapalvelu"),
            (GOTEBORG, "/sv/kontaktuppgifter-for-medierna/", "Presstjänsten"),
            (STOCKHOLM, "/sv/kontaktuppgifter-for-medierna/", "Pressjouren"),
        ]:
            desk = self.page(host, url).select_one(".media-desk")
            self.assertIn(name, desk.get_text(), host)
            self.assertTrue(desk.select("a[href^='mailto:']"), host)
        for host, phone in [(GOTEBORG, "tel:+46313650000"), (STOCKHOLM, "tel:+46850829000")]:
            desk = self.page(host, "/sv/kontaktuppgifter-for-medierna/").select_one(".media-desk")
            self.assertTrue(desk.select(f"a[href='{phone}']"), host)

    def test_bokmark_and_kivela_are_found_in_the_directories(self):
        goteborg = self.client.get("/sv/kontaktuppgifter-for-medierna/?q=bokmark", HTTP_HOST=GOTEBORG)
        self.assertEqual(names_on(goteborg), ["Gunilla Bökmark"])
        helsinki = self.client.get("/fi/yhteystiedot-medialle/?q=kivela")
        self.assertEqual(names_on(helsinki), ["Liisa Kivelä"])

    def test_bokmark_and_kivela_are_found_by_the_site_search_with_the_pages_they_head(self):
        for host, url, name, page in [
            (GOTEBORG, "/sv/search/?q=bokmark", "Gunilla Bökmark", "Internationell avdelning"),
            ("localhost", "/fi/search/?q=kivela", "Liisa Kivelä", "Viestintäosasto"),
        ]:
            html = self.page(host, url)
            self.assertIn(name, [card.get_text(strip=True) for card in html.select(".contact-card__name")], host)
            self.assertIn(page, [link.get_text(strip=True) for link in html.select(".search-result__link")], host)

    def test_every_person_once_on_the_page_and_in_the_exports(self):
        for host, url in [
            ("localhost", "/fi/yhteystiedot-medialle/"),
            (GOTEBORG, "/sv/kontaktuppgifter-for-medierna/"),
        ]:
            names = names_on(self.client.get(url, HTTP_HOST=host))
            self.assertEqual(len(names), len(set(names)), names)
            rows = csv_rows(self.client.get(f"/{url[1:3]}/media-contacts.csv", HTTP_HOST=host))[1:]
            self.assertEqual([row[0] for row in rows], names)
        self.assertEqual(
            names_on(self.client.get("/sv/kontaktuppgifter-for-medierna/", HTTP_HOST=GOTEBORG)),
            ["Helena Mehner", "Gunilla Bökmark"],
        )
        self.assertEqual(names_on(self.client.get("/fi/yhteystiedot-medialle/")), ["Liisa Kivelä"])

    def test_the_heads_other_unit_is_named_on_her_card(self):
        html = self.page(GOTEBORG, "/en/media-contacts/")
        [mehner] = [item for item in html.select(".directory li") if "Helena Mehner" in item.get_text()]
        self.assertIn("Communications", mehner.select_one(".directory__also").get_text())

    def test_the_media_contacts_page_is_the_citys(self):
        self.assertEqual(PressContactsPage.objects.count(), 3)
