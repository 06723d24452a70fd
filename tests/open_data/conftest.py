"""Open data (issue 18, item 4): each city's published organisation as Popolo JSON and CSV files, valid against the
JSON Schema the repository holds; only the people the public site shows, with their work details only; only the
city's own live, public pages, former ones with the date they ended; appointments with their dates and the acting
flag; `?since=` for what changed; a bad `since` a translated 400; the footer's link; the edge told.

The shared world, its helpers and constants; the tests are in test_popolo.py and test_downloads.py."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator
from wagtail.models import PageViewRestriction

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory, post
from departments.models import PageContact
from departments.reorganisation import Successor
from opendata.models import OpenDataPage
from opendata.views import SCHEMA
from tests.conftest import COMMUNICATIONS_DEPARTMENT, COMMUNICATIONS_UNIT, publish

SCHEMA_DATA = json.loads(SCHEMA.read_text())
VALIDATOR = Draft202012Validator(SCHEMA_DATA, format_checker=Draft202012Validator.FORMAT_CHECKER)
JSON_URL = "/{language}/open-data/organisation.json"
CSV_URL = "/{language}/open-data/{name}.csv"
OLD = timezone.make_aware(datetime.datetime(2024, 1, 1, 12))
NEW = timezone.make_aware(datetime.datetime(2025, 6, 1, 9))
BAD_SINCES = ["yesterday", "2025-02-30", "2025-1-01", "20250101", "2025-01-01T00:00", "٢٠٢٥-٠١-٠١", "0000-01-01"]
HELSINKI_HOST = "localhost"
GOTEBORG_HOST = "goteborg.localhost"


def open_data_page(home):
    page = OpenDataPage(
        title_fi="Avoin data",
        title_sv="Öppna data",
        title_en="Open data",
        slug_fi="avoin-data",
        slug_sv="oppna-data",
        slug_en="open-data",
        intro_fi="Kaupungin organisaatio koneluettavana.",
    )
    home.add_child(instance=page)
    return page


def person(home, first_name, last_name, **fields):
    return ContactPersonFactory(city=home, first_name=first_name, last_name=last_name, **fields)


@pytest.fixture
def world(helsinki, goteborg):
    """Helsinki's communications department and unit with their posts and contacts, a team, a former department
    merged into it and a unit of that; a staff-only unit, an unpublished department and a draft person, none of
    whom the public sees; Göteborg with a department and its contact. Both cities have an open data page."""
    kivela = person(
        helsinki, "Liisa", "Kivelä", job_title_fi="viestintäjohtaja", job_title_sv="kommunikationsdirektör"
    )
    raitio = person(helsinki, "Markku", "Raitio")
    aalto = person(helsinki, "Aino", "Aalto")
    salo = person(helsinki, "Sanna", "Salo", is_media_contact=True, media_topics_fi="kriisiviestintä")
    lehto = person(helsinki, "Lauri", "Lehto", job_title_fi="verkkotoimittaja")
    secret = person(helsinki, "Quillon", "Vantablack")
    hidden = person(helsinki, "Hilkka", "Piilo")
    draft = person(helsinki, "Dora", "Luonnos", live=False)
    director = post(kivela, title_fi="viestintäjohtaja", title_sv="kommunikationsdirektör", title_en="Director")
    department = DepartmentPageFactory(parent=helsinki, **COMMUNICATIONS_DEPARTMENT, posts=[director])
    manager = post(
        {"person": raitio, "starts_on": datetime.date(2020, 1, 1), "ends_on": datetime.date(2023, 12, 31)},
        {"person": aalto, "starts_on": datetime.date(2024, 1, 1), "acting": True},
        {"person": draft, "starts_on": datetime.date(2030, 1, 1)},
        title_fi="viestintäpäällikkö",
    )
    unit = UnitPageFactory(parent=department, **COMMUNICATIONS_UNIT, posts=[manager])
    PageContact.objects.create(page=unit, contact=salo, role_fi="Mediapalvelut", sort_order=0)
    PageContact.objects.create(page=unit, contact=lehto, sort_order=1)
    PageContact.objects.create(page=unit, contact=draft, sort_order=2)
    team = TeamPageFactory(parent=unit, title_fi="Verkkotiimi")
    former = DepartmentPageFactory(parent=helsinki, title_fi="Tietotekniikka- ja viestintäosasto", slug_fi="tiv")
    former_unit = UnitPageFactory(parent=former, title_fi="Vanha yksikkö", slug_fi="vanha")
    publish(
        former,
        reorganisation="merged",
        reorganised_on=datetime.date(2024, 12, 31),
        successors=[Successor(successor=department)],
    )
    private = UnitPageFactory(parent=department, title_fi="Zorblax-yksikkö", slug_fi="zorblax")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    PageContact.objects.create(page=private, contact=secret, sort_order=0)
    unpublished = DepartmentPageFactory(parent=helsinki, title_fi="Luonnososasto", slug_fi="luonnos", live=False)
    PageContact.objects.create(page=unpublished, contact=hidden, sort_order=0)
    gbg_person = person(goteborg, "Göta", "Älvsson")
    gbg_department = DepartmentPageFactory(
        parent=goteborg, title_sv="Kommunikationsavdelningen", slug_fi="gbg-viestinta", slug_sv="kommunikation"
    )
    PageContact.objects.create(page=gbg_department, contact=gbg_person, sort_order=0)
    open_data_page(helsinki)
    open_data_page(goteborg)
    return {
        "department": department,
        "unit": unit,
        "team": team,
        "former": former,
        "former_unit": former_unit,
        "private": private,
        "unpublished": unpublished,
        "people": {"kivela": kivela, "raitio": raitio, "aalto": aalto, "salo": salo, "lehto": lehto},
        "not_shown": [secret, hidden, draft, gbg_person],
        "gbg_department": gbg_department,
    }


def popolo(client, language="fi", host=HELSINKI_HOST, query=""):
    response = client.get(JSON_URL.format(language=language) + query, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response.json()


def csv_rows(client, language, name, host=HELSINKI_HOST):
    """The rows of one CSV file as dicts by column."""
    response = client.get(CSV_URL.format(language=language, name=name), HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def ids(items):
    return [item["id"] for item in items]


def org(page):
    return f"organization/{page.pk}"


def by_id(items):
    return {item["id"]: item for item in items}


def schema_errors(data):
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(data)]
