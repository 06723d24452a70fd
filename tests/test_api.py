"""The read API and the media contacts CSV: published, public content only, in the language asked for."""

import csv
import io

import pytest
from wagtail.models import PageViewRestriction

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory

pytestmark = pytest.mark.django_db

CONTACT_FIELDS = {"id", "meta", "first_name", "last_name", "job_title", "phone", "email"}
CONTACT_FIELDS |= {"is_media_contact", "media_topics"}


def api(client, path, host="localhost", status=200):
    response = client.get(f"/api/v2/{path}", HTTP_HOST=host)
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture
def departments(helsinki):
    live = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", title_sv="Kommunikationsavdelningen")
    draft = DepartmentPageFactory(parent=helsinki, title_fi="Luonnososasto", live=False)
    private = DepartmentPageFactory(parent=helsinki, title_fi="Sisäinen osasto")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    hidden_unit = UnitPageFactory(parent=private, title_fi="Salainen yksikkö")
    return live, draft, private, hidden_unit


def titles(data):
    return {item["title"] for item in data["items"]}


def test_pages_come_in_the_language_asked_for_and_the_sites_default_otherwise(client, departments, goteborg):
    assert "Kommunikationsavdelningen" in titles(api(client, "pages/?lang=sv"))
    assert "Viestintäosasto" in titles(api(client, "pages/"))
    assert "Viestintäosasto" in titles(api(client, "pages/?lang=fi&type=departments.DepartmentPage&fields=intro"))
    assert titles(api(client, "pages/", host="goteborg.localhost")) == {"Göteborgs Stad"}


def test_translated_body_fields_follow_the_language(client, departments):
    live = departments[0]
    live.intro_sv = "Svensk ingress."
    live.save_revision().publish()
    detail = api(client, f"pages/{live.pk}/?lang=sv")
    assert (detail["title"], detail["intro"]) == ("Kommunikationsavdelningen", "Svensk ingress.")
    assert detail["meta"]["html_url"] == f"http://localhost/sv/{live.slug_sv}/"


def test_drafts_and_private_pages_never_appear(client, departments):
    live, draft, private, hidden_unit = departments
    listed = titles(api(client, "pages/?limit=20"))
    assert "Viestintäosasto" in listed
    assert not listed & {"Luonnososasto", "Sisäinen osasto", "Salainen yksikkö"}
    for page in (draft, private, hidden_unit):
        api(client, f"pages/{page.pk}/", status=404)


def test_a_language_the_site_does_not_offer_is_refused_with_a_message(client, goteborg):
    data = api(client, "pages/?lang=fi", host="goteborg.localhost", status=400)
    assert "sv, en" in data["message"]
    assert api(client, "pages/?lang=de", status=400)["message"]


def test_contacts_are_the_citys_own_with_public_fields_in_the_language_asked_for(client, helsinki, goteborg):
    ContactPersonFactory(city=helsinki, last_name="Kivelä", is_media_contact=True)  # on no page, but for the press
    DepartmentPageFactory(parent=helsinki, head=ContactPersonFactory(city=helsinki, last_name="Virtanen"))
    ContactPersonFactory(city=helsinki, last_name="Nobody")  # on no page and not for the press: not public
    ContactPersonFactory(city=goteborg, last_name="Mehner", is_media_contact=True)
    data = api(client, "contacts/?lang=sv")
    assert [item["last_name"] for item in data["items"]] == ["Kivelä", "Virtanen"]
    assert set(data["items"][0]) == CONTACT_FIELDS
    assert data["items"][0]["job_title"] == "kommunikationsexpert"
    assert [item["last_name"] for item in api(client, "contacts/?is_media_contact=true")["items"]] == ["Kivelä"]
    assert [item["last_name"] for item in api(client, "contacts/", host="goteborg.localhost")["items"]] == ["Mehner"]


def test_unknown_contacts_and_other_cities_contacts_are_not_found(client, helsinki, goteborg):
    other = ContactPersonFactory(city=goteborg)
    api(client, "contacts/999999/", status=404)
    api(client, f"contacts/{other.pk}/", status=404)
    api(client, "contacts/?fields=updated_at", status=400)


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_media_contacts_export_as_csv_in_the_urls_language(client, departments, press_page):
    live, _draft, private, hidden_unit = departments
    unit = UnitPageFactory(parent=live, title_fi="Viestintäyksikkö", title_sv="Kommunikationsenheten")
    person = ContactPersonFactory(
        city=live.get_parent().specific,
        first_name="Liisa",
        last_name="Kivelä",
        is_media_contact=True,
        media_topics_sv='=HYPERLINK("http://evil")',
    )
    PageContact.objects.create(page=unit, contact=person, sort_order=0)
    secret = ContactPersonFactory(city=person.city, last_name="Salainen", is_media_contact=True)
    PageContact.objects.create(page=hidden_unit, contact=secret, sort_order=0)

    header, *rows = read_csv(client.get("/sv/media-contacts.csv"))
    assert header == ["Namn", "Titel", "Ämnen för medier", "Telefon", "E-post", "Avdelning", "Enhet", "Roll"]
    [liisa] = [row for row in rows if row[0] == "Liisa Kivelä"]
    assert liisa[1:] == [
        "kommunikationsexpert",
        '\'=HYPERLINK("http://evil")',
        person.phone,  # a phone number is no formula: no apostrophe before it
        person.email,
        "Kommunikationsavdelningen",
        "Kommunikationsenheten",
        "",  # listed without a role
    ]
    assert "Salainen" not in str(rows)  # neither the staff-only unit nor the person only it lists


@pytest.mark.parametrize("path", ["/api/v2/pages/999999/", "/documents/999999/missing.pdf", "/api/v2/nothing/"])
def test_missing_things_outside_the_language_prefix_are_not_found_not_redirected(client, helsinki, path):
    assert client.get(path).status_code == 404


def test_press_releases_come_newest_first_with_their_dates(client, helsinki):
    newsroom = NewsroomPageFactory(parent=helsinki)
    older, newer = PressReleasePageFactory(parent=newsroom), PressReleasePageFactory(parent=newsroom)
    data = api(client, "pages/?type=newsroom.PressReleasePage&fields=publication_date,intro&order=-publication_date")
    assert [item["id"] for item in data["items"]] == [newer.pk, older.pk]
    assert data["items"][0]["intro"] == newer.intro_fi


def test_a_release_names_its_public_department_and_hides_a_private_one(client, departments):
    live, _draft, private, _hidden = departments
    newsroom = NewsroomPageFactory(parent=live.get_parent())
    public = PressReleasePageFactory(parent=newsroom, organisation=live)
    internal = PressReleasePageFactory(parent=newsroom, organisation=private)
    data = api(client, "pages/?type=newsroom.PressReleasePage&fields=organisation&lang=sv")
    sources = {item["id"]: item["organisation"] for item in data["items"]}
    assert sources[internal.pk] is None
    assert sources[public.pk]["id"] == live.pk
    assert sources[public.pk]["title"] == "Kommunikationsavdelningen"
    assert sources[public.pk]["meta"]["html_url"].endswith(f"/sv/{live.slug_sv}/")
