"""Contact people at scale: the listing's filters, import from CSV or XLSX with a preview (all or none), export."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from openpyxl import Workbook, load_workbook
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry, Page, Revision, Site
from wagtail.users.models import UserProfile

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from contacts.spreadsheet import COLUMNS, MAX_BYTES
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import OrganisationPage, PageContact
from tests.conftest import CONTACTS_URL, IMPORT_URL, csv_file, make_user, row, signed_in

pytestmark = pytest.mark.django_db


def xlsx_file(rows, name="contacts.xlsx"):
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    for values in rows:
        workbook.active.append([values[column] for column in COLUMNS])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def upload(client, city, file):
    return client.post(IMPORT_URL, {"city": city.pk, "file": file})


def confirm(client):
    return client.post(IMPORT_URL, {"confirm": "1"})


def written():
    """What an import could have written: people, and revisions of people and pages."""
    return ContactPerson.objects.count(), Revision.objects.count(), PageContact.objects.count()


@pytest.fixture
def organisation(helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    unit = UnitPageFactory(parent=department, title_fi="Viestintä", title_sv="Kommunikation", slug_fi="viestinta")
    return department, unit


@pytest.fixture
def client_editor(client, helsinki_editor):
    profile = UserProfile.get_for_user(helsinki_editor)
    profile.preferred_language = "en"  # the messages checked below, untranslated
    profile.save()
    return signed_in(client, helsinki_editor)


# --- The listing's filters ---------------------------------------------------------------------------


def listed(client, query):
    html = client.get(f"{CONTACTS_URL}?{query}").content.decode()
    return {person.last_name for person in ContactPerson.objects.all() if person.last_name in html}


def test_the_listing_filters_by_department_or_unit_media_contact_photo_and_translation(
    client_editor, helsinki, goteborg, organisation
):
    department, unit = organisation
    department.head = ContactPersonFactory(city=helsinki, last_name="Osastopää")
    department.save_revision().publish()
    PageContact.objects.create(page=unit, contact=ContactPersonFactory(city=helsinki, last_name="Yksikköläinen"))
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    ContactPersonFactory(city=helsinki, last_name="Kuvallinen", photo=photo, is_media_contact=True)
    ContactPersonFactory(city=helsinki, last_name="Suomeksi", job_title_sv="", job_title_en="")
    ContactPersonFactory(city=goteborg, last_name="Svensk", job_title_fi="")  # Göteborg offers no Finnish

    everyone = {"Osastopää", "Yksikköläinen", "Kuvallinen", "Suomeksi"}
    assert listed(client_editor, "") == everyone
    assert listed(client_editor, f"organisation={department.pk}") == {"Osastopää", "Yksikköläinen"}
    assert listed(client_editor, f"organisation={unit.pk}") == {"Yksikköläinen"}
    assert listed(client_editor, "is_media_contact=true") == {"Kuvallinen"}
    assert listed(client_editor, "missing_photo=true") == everyone - {"Kuvallinen"}
    assert listed(client_editor, "missing_translation=true") == {"Suomeksi"}


def test_the_department_filter_offers_only_the_editors_city(client_editor, helsinki, goteborg, organisation):
    department, unit = organisation
    team = TeamPageFactory(parent=unit)
    elsewhere = DepartmentPageFactory(parent=goteborg)
    html = client_editor.get(CONTACTS_URL).content.decode()
    # An option's whole start tag: a bare value="100" also matches Wagtail's data-…-delay-value="100".
    offered = set(re.findall(r'<option value="(\d+)"', html))
    assert {str(department.pk), str(unit.pk)} <= offered
    assert str(elsewhere.pk) not in offered
    # Teams are left out of the list: their unit takes them in.
    assert str(team.pk) not in offered


def test_the_listing_links_the_import_and_the_exports(client_editor, helsinki):
    html = client_editor.get(CONTACTS_URL).content.decode()
    assert IMPORT_URL in html and "export=csv" in html and "export=xlsx" in html


# --- The import ---------------------------------------------------------------------------------


def test_the_preview_shows_every_rows_errors_and_writes_nothing(client_editor, helsinki, organisation):
    ContactPersonFactory(city=helsinki, first_name="Olli", last_name="Olemassa", email="olli@example.fi")
    before = written()
    rows = [
        row(),
        row(first_name="Pekka", last_name="Puhelin", email="pekka@example.fi", phone="12"),
        row(first_name="Essi", last_name="Sähköposti", email="not an email"),
        row(first_name="Aino", last_name="Aalto"),  # the same email as line 2
        row(first_name="Olli", last_name="Olemassa", email="toinen@example.fi"),
        row(first_name="Yrjö", last_name="Yksikötön", email="yrjo@example.fi", unit="Ei ole"),
        row(first_name="Mirja", last_name="Media", email="mirja@", media_contact="maybe"),
    ]
    response = upload(client_editor, helsinki, csv_file(rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 rows have errors" in html
    assert "is not a valid phone number" in html
    assert "Enter a valid email address." in html
    assert "The same person as on line 2." in html
    assert "Olli Olemassa is already a contact with another email address" in html
    assert "No department, unit or team of the city is called “Ei ole”." in html
    assert "Media contact: write yes or no, not “maybe”." in html
    assert html.count("Enter a valid email address.") == 2  # every error of a row, not just the first
    assert 'name="confirm"' not in html
    assert written() == before
    # Confirming anyway (a forged request) checks the rows again and still writes nothing.
    assert "6 rows have errors" in confirm(client_editor).content.decode()
    assert written() == before


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_good_file_writes_every_row_as_drafts(client_editor, helsinki, organisation, make_file):
    _department, unit = organisation
    existing = ContactPersonFactory(city=helsinki, first_name="Olli", last_name="Olemassa", email="olli@example.fi")
    rows = [
        row(unit="Kommunikation"),  # a unit by its Swedish title
        row(first_name="Olli", last_name="Olemassa", email="OLLI@example.fi", job_title_fi="uusi nimike"),
        row(
            first_name="Bea",
            last_name="Bergman",
            email="",
            phone="+46 31 368 06 03",
            media_contact="",
            unit="viestinta",
        ),
    ]
    preview = upload(client_editor, helsinki, make_file(rows))
    assert "are fine" in preview.content.decode()
    assert ContactPerson.objects.count() == 1

    response = confirm(client_editor)
    assert response.status_code == 302 and response.url == CONTACTS_URL
    aino = ContactPerson.objects.get(last_name="Aalto")
    bea = ContactPerson.objects.get(last_name="Bergman")
    assert not aino.live and not bea.live  # drafts, for the moderators
    history = ModelLogEntry.objects.filter(object_id=str(aino.pk)).values_list("action", flat=True)
    # Written as a draft and submitted to moderation with the rest of the import (contacts.importing).
    assert set(history) == {"wagtail.create", "wagtail.edit", "wagtail.workflow.start"}
    assert (aino.phone, aino.is_media_contact, aino.job_title_sv) == ("+358931011111", True, "kommunikationschef")
    assert (bea.phone, bea.is_media_contact) == ("+46313680603", False)
    existing.refresh_from_db()
    assert existing.live and existing.job_title_fi == "viestintäasiantuntija"  # the public keeps the published
    assert existing.latest_revision.as_object().job_title_fi == "uusi nimike"
    unit.refresh_from_db()
    page_draft = unit.get_latest_revision_as_object()
    assert {item.contact_id for item in page_draft.page_contacts.all()} == {aino.pk, bea.pk}
    assert not PageContact.objects.filter(page=unit).exists()  # the live page waits for publishing


def test_a_file_with_one_bad_row_writes_none(client_editor, helsinki):
    before = written()
    rows = [row(), row(first_name="Pekka", email="pekka@example.fi"), row(first_name="Paha", email="x@", phone="0")]
    assert "1 row has errors" in upload(client_editor, helsinki, csv_file(rows)).content.decode()
    confirm(client_editor)
    assert written() == before


def too_large():
    filler = row(**{f"media_topics_{code}": "x" * 300 for code in ("fi", "sv", "en")})
    return csv_file([filler] * (MAX_BYTES // 1000))


@pytest.mark.parametrize(
    "make_file, message",
    [
        (lambda: SimpleUploadedFile("contacts.csv", b""), "The submitted file is empty."),
        (lambda: SimpleUploadedFile("contacts.csv", b"\n\n"), "The file is empty."),
        (lambda: SimpleUploadedFile("contacts.txt", b"first_name\nAino"), "Upload a CSV or an XLSX file."),
        (lambda: SimpleUploadedFile("contacts.xlsx", b"first_name,last_name"), "not a readable XLSX file"),
        (lambda: csv_file([row(last_name="Äijälä")], encoding="latin-1"), "The file is not in UTF-8."),
        (lambda: csv_file([row()], columns=COLUMNS[:-2]), "lacks these columns: media_topics_en, unit"),
        (lambda: csv_file([]), "a heading row but no contacts"),
        (too_large, "The file is too large"),
    ],
)
def test_bad_files_get_a_clear_message_and_write_nothing(client_editor, helsinki, make_file, message):
    before = written()
    response = upload(client_editor, helsinki, make_file())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert written() == before


def test_the_upload_form_offers_the_editors_cities_and_needs_the_add_permission(
    client_editor, helsinki, goteborg, client
):
    html = client_editor.get(IMPORT_URL).content.decode()
    assert 'type="file"' in html and f'value="{helsinki.pk}"' in html and f'value="{goteborg.pk}"' not in html
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    refused = signed_in(client, viewer).get(IMPORT_URL)
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's answer to a PermissionDenied


def test_an_editor_imports_only_into_their_own_city(client_editor, helsinki, goteborg):
    response = upload(client_editor, goteborg, csv_file([row()]))
    assert response.status_code == 400
    assert confirm(client_editor).status_code == 302  # nothing stored: back to the upload form
    assert not ContactPerson.objects.exists()


def test_a_file_in_utf8_without_a_byte_order_mark_reads_the_same(client_editor, helsinki):
    upload(client_editor, helsinki, csv_file([row(last_name="Äijälä")], encoding="utf-8"))
    confirm(client_editor)
    assert ContactPerson.objects.get().last_name == "Äijälä"


# --- Export, and back ----------------------------------------------------------------------------


def exported_csv(client, query=""):
    response = client.get(f"{CONTACTS_URL}?export=csv&{query}")
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(client_editor, helsinki, organisation, spreadsheet_format):
    _department, unit = organisation
    tricky = ContactPersonFactory(
        city=helsinki, last_name="Kaava", job_title_en="=HYPERLINK(1)", is_media_contact=True
    )
    PageContact.objects.create(page=unit, contact=tricky)
    ContactPersonFactory(city=helsinki, last_name="Tavallinen", email="")
    response = client_editor.get(f"{CONTACTS_URL}?export={spreadsheet_format}")
    assert response.status_code == 200
    before = written()

    preview = upload(client_editor, helsinki, SimpleUploadedFile(f"contacts.{spreadsheet_format}", response.content))
    html = preview.content.decode()
    assert "No changes" in html and html.count(">Unchanged<") == 2 and 'name="confirm"' not in html
    confirm(client_editor)
    assert written() == before


def test_the_csv_export_follows_the_filters_and_writes_formulas_as_text(client_editor, helsinki):
    ContactPersonFactory(city=helsinki, last_name="Kaava", job_title_en="=HYPERLINK(1)", is_media_contact=True)
    ContactPersonFactory(city=helsinki, last_name="Muu")
    heading, *rows = list(
        csv.reader(io.StringIO(exported_csv(client_editor, "is_media_contact=true").decode("utf-8-sig")))
    )
    assert heading == COLUMNS
    assert [values[1] for values in rows] == ["Kaava"]
    assert rows[0][COLUMNS.index("job_title_en")] == "'=HYPERLINK(1)"
    assert rows[0][COLUMNS.index("phone")].startswith("+358")  # a phone number, not a formula: kept as typed


def test_the_xlsx_export_has_no_formulas(client_editor, helsinki):
    ContactPersonFactory(city=helsinki, last_name="Kaava", job_title_en="=HYPERLINK(1)")
    sheet = load_workbook(io.BytesIO(client_editor.get(f"{CONTACTS_URL}?export=xlsx").content)).active
    cells = [cell for cells in sheet.iter_rows() for cell in cells]
    assert not [cell for cell in cells if cell.data_type == "f"]


# --- Same-named units: the export names each by its path, the import reads any unique name -----------


@pytest.fixture
def same_named(helsinki, organisation):
    """A second unit called Viestintä, with the slug viestinta in every language, under another department."""
    former = DepartmentPageFactory(
        parent=helsinki, title_fi="Tietotekniikkaosasto", title_sv="", title_en="", slug_fi="tietotekniikka"
    )
    other = UnitPageFactory(
        parent=former,
        title_fi="Viestintä",
        title_sv="",
        title_en="",
        **{f"slug_{code}": "viestinta" for code in ("fi", "sv", "en")},
    )
    return organisation[1], other


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_same_named_units_export_as_paths_and_import_back_unchanged(
    client_editor, helsinki, same_named, spreadsheet_format
):
    unit, other = same_named
    PageContact.objects.create(page=unit, contact=ContactPersonFactory(city=helsinki, last_name="Nykyinen"))
    PageContact.objects.create(page=other, contact=ContactPersonFactory(city=helsinki, last_name="Entinen"))
    exported = client_editor.get(f"{CONTACTS_URL}?export={spreadsheet_format}").content
    heading, *lines = list(csv.reader(io.StringIO(exported_csv(client_editor).decode("utf-8-sig"))))
    assert {(line[1], line[heading.index("unit")]) for line in lines} == {
        ("Nykyinen", "kanslia/viestinta"),
        ("Entinen", "tietotekniikka/viestinta"),
    }
    before = written()

    html = upload(client_editor, helsinki, SimpleUploadedFile(f"c.{spreadsheet_format}", exported)).content.decode()
    assert "No changes" in html and html.count(">Unchanged<") == 2 and 'name="confirm"' not in html
    confirm(client_editor)
    assert written() == before


@pytest.mark.parametrize(
    "unit_cell, found",
    [
        ("kanslia/viestinta", "unit"),
        (" /Kanslia / Viestinta/ ", "unit"),  # spaces, slashes at the ends and capitals do not matter
        ("tietotekniikka/viestinta", "other"),
        ("Kaupunginkanslia › Viestintä", "unit"),  # the name with its trail, as the preview shows it
        # The department's whole path, though a unit has the slug too.
        ("tietotekniikka", "department"),
    ],
)
def test_the_import_finds_a_unit_by_its_path_or_a_name_only_it_has(
    client_editor, helsinki, same_named, unit_cell, found
):
    unit, other = same_named
    UnitPageFactory(parent=unit.get_parent(), title_fi="Tietotekniikka", slug_fi="tietotekniikka")
    pages = {"unit": unit, "other": other, "department": other.get_parent().specific}
    upload(client_editor, helsinki, csv_file([row(unit=unit_cell)]))
    confirm(client_editor)
    page = Page.objects.get(pk=pages[found].pk).specific.get_latest_revision_as_object()
    assert [item.contact.last_name for item in page.page_contacts.all()] == ["Aalto"]


def test_an_ambiguous_unit_names_the_pages_it_could_be(client_editor, helsinki, same_named):
    before = written()
    rows = [row(unit="viestinta"), row(first_name="Bea", email="bea@example.fi", unit="Viestintä")]

    html = upload(client_editor, helsinki, csv_file(rows)).content.decode()

    assert "2 rows have errors" in html
    unit, other = same_named
    # Each by its path, and its name with its trail in the admin's language (else in Finnish, Helsinki's).
    candidates = (
        f"kanslia/viestinta ({unit.get_parent().specific.title_en} › {unit.title_en}); "
        "tietotekniikka/viestinta (Tietotekniikkaosasto › Viestintä)"
    )
    assert f"Several pages are called “viestinta”: write the path of the one you mean: {candidates}." in html
    assert f"Several pages are called “Viestintä”: write the path of the one you mean: {candidates}." in html
    confirm(client_editor)
    assert written() == before


class DemoRoundTripTests(TestCase):
    """Each city's demo contacts exported from the listing and imported back unchanged by its moderator (Stockholm's
    demo has none). Two of Helsinki's units are called Viestintä (today's department's and the former department's,
    with the slug viestinta in every language): the export names each person's unit so that the import finds that
    same page."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=io.StringIO())

    def places(self, city):
        """(person, page) for each page of `city` heading or listing a person, live or in its latest draft."""
        places = set()
        for page in OrganisationPage.objects.filter(path__startswith=city.path):
            for version in (page, page.get_latest_revision_as_object()):
                places |= {(item.contact_id, page.pk) for item in version.page_contacts.all()}
                places |= {(version.head_id, page.pk, "head")} if version.head_id else set()
        return places

    def assert_round_trip(self, spreadsheet_format, host="localhost", moderator="helsinki-moderator"):
        city = Site.objects.get(hostname=host).root_page
        self.client.force_login(get_user_model().objects.get(username=moderator))
        exported = self.client.get(f"{CONTACTS_URL}?export={spreadsheet_format}")
        self.assertEqual(exported.status_code, 200)
        people = ContactPerson.objects.filter(city=city).count()
        self.assertEqual(len(rows_of(exported.content, spreadsheet_format)), people + 1)  # and the heading
        before, places = written(), self.places(city)

        file = SimpleUploadedFile(f"contacts.{spreadsheet_format}", exported.content)
        preview = self.client.post(IMPORT_URL, {"city": city.pk, "file": file})
        html = preview.content.decode()
        self.assertEqual(preview.status_code, 200)
        self.assertEqual(re.findall(r'<ul class="import-errors">(.*?)</ul>', html), [])  # every row accepted
        self.assertEqual(html.count('<tr class="import-row">'), people)
        self.assertIn('<p role="status">', html)  # "No changes", in the moderator's admin language
        self.assertNotIn('name="confirm"', html)
        self.assertEqual(self.client.post(IMPORT_URL, {"confirm": "1"}).status_code, 302)  # a stale form: no-op

        self.assertEqual(written(), before)
        self.assertEqual(self.places(city), places)  # each person on the same pages
        again = self.client.get(f"{CONTACTS_URL}?export={spreadsheet_format}").content
        self.assertEqual(rows_of(again, spreadsheet_format), rows_of(exported.content, spreadsheet_format))

    def test_the_csv_export_imports_back_unchanged(self):
        self.assert_round_trip("csv")
        self.assert_round_trip("csv", host="goteborg.localhost", moderator="goteborg-moderator")

    def test_the_xlsx_export_imports_back_unchanged(self):
        self.assert_round_trip("xlsx")
        self.assert_round_trip("xlsx", host="goteborg.localhost", moderator="goteborg-moderator")

    def test_liisa_kivelas_unit_is_written_as_its_path(self):
        self.client.force_login(get_user_model().objects.get(username="helsinki-moderator"))
        exported = self.client.get(f"{CONTACTS_URL}?export=csv").content
        units = {values[1]: values[-1] for values in rows_of(exported, "csv")[1:]}
        self.assertEqual(units["Kivelä"], "viestintaosasto/viestinta")


def rows_of(content, spreadsheet_format):
    if spreadsheet_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [list(values) for values in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
