"""Contact people at scale: export, and the export imported back unchanged, same-named units included."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from openpyxl import load_workbook
from wagtail.models import Page, Site

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from contacts.spreadsheet import COLUMNS
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import OrganisationPage, PageContact
from tests.conftest import CONTACTS_URL, IMPORT_URL, csv_file, row
from tests.contact_import.conftest import confirm, upload, written

pytestmark = pytest.mark.django_db


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
