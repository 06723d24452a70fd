"""Contact people at scale: the listing's filters, and import from CSV or XLSX with a preview (all or none)."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from contacts.spreadsheet import COLUMNS, MAX_BYTES
from departments.factories import DepartmentPageFactory, TeamPageFactory
from departments.models import PageContact
from tests.conftest import CONTACTS_URL, IMPORT_URL, csv_file, make_user, row, signed_in
from tests.contact_import.conftest import confirm, upload, written

pytestmark = pytest.mark.django_db


def xlsx_file(rows, name="contacts.xlsx"):
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    for values in rows:
        workbook.active.append([values[column] for column in COLUMNS])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


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
