"""Contact people in spreadsheets: reading an uploaded CSV or XLSX, checking every row, writing all or none, exporting.

Export and import share one set of columns, so an exported file imports unchanged: the unit column names a page
by its path of slugs below the city home ("viestintaosasto/viestinta", citycomms.trails), read back to that page.
A row is the same person as one of the city's contacts with the same email address
or, for a row without one, the same first and last name; it then updates that person.
Everything written goes through the draft and approval path: new people are drafts,
changes to existing people are new revisions, and a unit gets the person in a new
draft of its page, for the city's moderators to publish.

Organisation pages are a floor above contacts: they come from the app that registers them (contacts.organisation).
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from wagtail.log_actions import log

from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CityHomePage
from citycomms.spreadsheets import FORMULA_STARTS, csv_response, xlsx_response
from citycomms.trails import SLUG_SEPARATOR, trails

from .filters import organisation_pages
from .models import ContactPerson
from .organisation import organisation

COLUMNS = [
    "first_name",
    "last_name",
    *[f"job_title_{code}" for code in LANGUAGE_CODES],
    "email",
    "phone",
    "media_contact",
    *[f"media_topics_{code}" for code in LANGUAGE_CODES],
    "unit",
]
# The columns that are the person's own fields, as they are named on the model.
PERSON_FIELDS = [column for column in COLUMNS if column not in ("media_contact", "unit")]

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100

YES = {"yes", "y", "true", "1", "x", "kyllä", "k", "ja", "j"}
NO = {"", "no", "n", "false", "0", "ei", "e", "nej"}


class SpreadsheetError(Exception):
    """A file that cannot be read as contacts at all; the message tells the editor why."""


def from_text_cell(value):
    """What as_text_cell() wrote, read back: the apostrophe before a would-be formula goes."""
    value = str(value).strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# --- Reading a file ----------------------------------------------------------------------------------


def read_upload(upload):
    """The rows (dicts of COLUMNS) of an uploaded CSV or XLSX file; SpreadsheetError if it cannot be used."""
    if upload.size > MAX_BYTES:
        raise SpreadsheetError(_("The file is too large: at most 2 MB."))
    data = upload.read()
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    name = upload.name.lower()
    if name.endswith(".csv"):
        table = csv_table(data)
    elif name.endswith(".xlsx"):
        table = xlsx_table(data)
    else:
        raise SpreadsheetError(_("Upload a CSV or an XLSX file."))
    return table_rows(table)


def csv_table(data):
    try:
        text = data.decode("utf-8-sig")  # with or without a byte order mark
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” in your spreadsheet program and try again.")
        ) from error
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise SpreadsheetError(_("The file is not a readable CSV file.")) from error


def xlsx_table(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX file.")) from error
    # A small file can unpack into millions of cells: read no more than a full import could use.
    rows = islice(workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True), MAX_ROWS + 2)
    return [["" if value is None else str(value) for value in row] for row in rows]


def table_rows(table):
    """The rows below the heading row, as dicts of COLUMNS; blank lines are skipped."""
    table = [row for row in table if any(str(cell).strip() for cell in row)]
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    heading = [str(cell).strip().lower() for cell in table[0]]
    missing = [column for column in COLUMNS if column not in heading]
    if missing:
        raise SpreadsheetError(_("The file lacks these columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(table) == 1:
        raise SpreadsheetError(_("The file has a heading row but no contacts."))
    if len(table) - 1 > MAX_ROWS:
        raise SpreadsheetError(_("The file has too many rows: at most %(count)s.") % {"count": MAX_ROWS})
    index = {column: heading.index(column) for column in COLUMNS}
    return [
        {column: from_text_cell(row[i]) if i < len(row) else "" for column, i in index.items()} for row in table[1:]
    ]


# --- Checking rows -----------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One row of the file: the person it makes or updates, the unit page it names (and that page's name with its
    trail, to show which page it is), and what is wrong with it."""

    line: int
    values: dict
    person: ContactPerson
    errors: list
    unit: object = None
    unit_name: str = ""
    changed: bool = True

    @property
    def is_new(self):
        return self.person.pk is None

    @property
    def cells(self):
        """(value, the unit page's name with its trail for the unit column, else "") for each of COLUMNS."""
        return [(self.values[column], self.unit_name if column == "unit" else "") for column in COLUMNS]


def check_rows(rows, city):
    """An ImportRow for each of `rows` (dicts of COLUMNS) for `city`, with every error found in it."""
    units = UnitFinder(city)
    seen = {}
    checked = []
    for line, values in enumerate(rows, start=2):  # line 1 is the heading
        row = ImportRow(line, values, *match_person(city, values))
        before = snapshot(row.person)
        row.errors += fill_person(row.person, values)
        row.changed = row.is_new or snapshot(row.person) != before
        row.unit, unit_error = units.find(values["unit"])
        row.unit_name = units.name(row.unit) if row.unit else ""
        row.errors += [unit_error] if unit_error else []
        key = person_key(values)
        if key in seen:
            row.errors.append(_("The same person as on line %(line)s.") % {"line": seen[key]})
        seen.setdefault(key, line)
        checked.append(row)
    return checked


def snapshot(person):
    return [getattr(person, name) or "" for name in PERSON_FIELDS] + [person.is_media_contact]


def person_key(values):
    email = values["email"].casefold()
    return ("email", email) if email else ("name", values["first_name"].casefold(), values["last_name"].casefold())


def match_person(city, values):
    """The city's contact this row is (a new one if none) and, if the match is unclear, why."""
    people = ContactPerson.objects.filter(city=city)
    named = people.filter(first_name__iexact=values["first_name"], last_name__iexact=values["last_name"])
    matches = list(people.filter(email__iexact=values["email"]) if values["email"] else named)
    if len(matches) > 1:
        return ContactPerson(city=city), [_("Several of the city's contacts match this row; edit them in the admin.")]
    if matches:
        return matches[0].get_latest_revision_as_object(), []
    if values["email"] and named.exists():
        message = _("%(name)s is already a contact with another email address: a duplicate person?")
        return ContactPerson(city=city), [message % {"name": f"{values['first_name']} {values['last_name']}"}]
    return ContactPerson(city=city, live=False), []


def fill_person(person, values):
    """Put the row's values in `person` and validate them as the admin form would; the error messages."""
    for name in PERSON_FIELDS:
        setattr(person, name, values[name])
    errors = []
    answer = values["media_contact"].casefold()
    if answer not in YES | NO:
        errors.append(_("Media contact: write yes or no, not “%(value)s”.") % {"value": values["media_contact"]})
    person.is_media_contact = answer in YES
    try:
        person.full_clean()
    except ValidationError as error:
        errors += [field_message(name, text) for name, texts in error.message_dict.items() for text in texts]
    return errors


def field_message(name, message):
    if name not in {f.name for f in ContactPerson._meta.get_fields()}:
        return message
    return f"{ContactPerson._meta.get_field(name).verbose_name.capitalize()}: {message}"


class UnitFinder:
    """Finds one of a city's department, unit and team pages by what a row names it by: its path of slugs below the
    city home in any language (what the export writes, "viestintaosasto/viestinta"), or its slug, title or name with
    its trail ("Viestintäosasto › Viestintä", as the preview shows it) in any language where no other page of the
    city has it. A page whose whole path the row names wins over pages that only have that slug (a department's
    path "viestinta" over a unit with the slug "viestinta")."""

    def __init__(self, city):
        pages = list(organisation_pages(CityHomePage.objects.filter(pk=city.pk)))
        self.trails = trails(page.path for page in pages)
        self.by_path = {}
        self.by_name = {}
        for page in pages:
            trail = self.trails[page.path]
            for path in trail.slug_paths().values():
                self.by_path.setdefault(path.casefold(), {})[page.pk] = page
            names = [getattr(page, f"{field}_{code}") for field in ("title", "slug") for code in LANGUAGE_CODES]
            names += [trail.name(code) for code in LANGUAGE_CODES]
            for name in names:
                if name:
                    self.by_name.setdefault(name.strip().casefold(), {})[page.pk] = page

    def find(self, text):
        """(page, None), (None, error message), or (None, None) for an empty cell."""
        if not text:
            return None, None
        by_path = self.by_path.get(path_key(text), {})
        if len(by_path) == 1:
            return next(iter(by_path.values())), None
        found = by_path | self.by_name.get(text.strip().casefold(), {})
        if len(found) == 1:
            return next(iter(found.values())), None
        if found:
            pages = sorted(found.values(), key=lambda page: page.path)
            message = _("Several pages are called “%(unit)s”: write the path of the one you mean: %(pages)s.")
            return None, message % {"unit": text, "pages": "; ".join(self.described(page) for page in pages)}
        return None, _("No department, unit or team of the city is called “%(unit)s”.") % {"unit": text}

    def described(self, page):
        """The page's slug path, and its name with its trail to tell which it is: "a/b (A › B)"."""
        trail = self.trails[page.path]
        return f"{trail.path} ({trail.name()})"

    def name(self, page):
        return self.trails[page.path].name()


def path_key(text):
    """A path of slugs as written in a cell, to compare: no spaces around its slashes, none at its ends."""
    parts = [part.strip() for part in text.strip().strip(SLUG_SEPARATOR).split(SLUG_SEPARATOR)]
    return SLUG_SEPARATOR.join(parts).casefold()


# --- Writing -----------------------------------------------------------------------------------------


def write_rows(rows, user):
    """Save every checked row (none may have errors) as drafts, all or none; unchanged people are left alone.

    How many people were created and updated."""
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            if row.is_new:
                row.person.save()
                log(instance=row.person, action="wagtail.create", user=user)  # the history the admin's form keeps
                created += 1
            elif row.changed:
                updated += 1
            if row.changed:
                row.person.save_revision(user=user, log_action=True)
        list_on_units(rows, user)
    return created, updated


def list_on_units(rows, user):
    """Add each row's person to its unit page's contacts, in a new draft of the page, unless it lists them."""
    by_page = {}
    for row in rows:
        if row.unit is not None:
            by_page.setdefault(row.unit.pk, (row.unit, []))[1].append(row.person)
    for page, people in by_page.values():
        organisation().list_on_page(page, people, user)


# --- Export ------------------------------------------------------------------------------------------


def export_rows(people):
    """The COLUMNS of each of `people` as they are published, with the first page (in tree order) listing them."""
    units = units_of(people)
    for person in people:
        values = {name: getattr(person, name) or "" for name in PERSON_FIELDS}
        values["media_contact"] = "yes" if person.is_media_contact else "no"
        values["unit"] = units.get(person.pk, "")
        yield [values[column] for column in COLUMNS]


def units_of(people):
    """{person id: the path of slugs (Trail.path) of a page naming them}: the first in tree order listing them as a
    contact, else the first heading them. UnitFinder reads it back to that page."""
    ids = [person.pk for person in people]
    found = organisation().pages_naming(ids, ["path"])
    # Later pairs win: the listings over the heads, and within each the page first in tree order.
    page_paths = {person_id: path for person_id, path in found}
    by_path = trails(page_paths.values())
    return {person_id: by_path[path].path for person_id, path in page_paths.items()}


def export_response(people, spreadsheet_format, filename):
    """`people` as a CSV (UTF-8 with a byte order mark) or XLSX download in the import's columns."""
    rows = [COLUMNS, *export_rows(people)]
    if spreadsheet_format == "xlsx":
        return xlsx_response(rows, filename)
    return csv_response(rows, filename)
