"""Open data (issue 18, item 4): each city's published organisation as Popolo JSON and CSV files, valid against the
JSON Schema the repository holds; only the people the public site shows, with their work details only; only the
city's own live, public pages, former ones with the date they ended; appointments with their dates and the acting
flag; `?since=` for what changed; a bad `since` a translated 400; the footer's link; the edge told."""

import csv
import datetime
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from jsonschema import Draft202012Validator
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction, Site

from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory, post
from departments.models import PageContact
from departments.reorganisation import Successor
from opendata.models import OpenDataPage
from opendata.tables import COLUMNS
from opendata.views import BAD_SINCE, SCHEMA
from tests.conftest import COMMUNICATIONS_DEPARTMENT, COMMUNICATIONS_UNIT, publish, text_of

SCHEMA_DATA = json.loads(SCHEMA.read_text())
VALIDATOR = Draft202012Validator(SCHEMA_DATA, format_checker=Draft202012Validator.FORMAT_CHECKER)
JSON_URL = "/{language}/open-data/organisation.json"
CSV_URL = "/{language}/open-data/{name}.csv"
OLD = timezone.make_aware(datetime.datetime(2024, 1, 1, 12))
NEW = timezone.make_aware(datetime.datetime(2025, 6, 1, 9))
BAD_SINCES = ["yesterday", "2025-02-30", "2025-1-01", "20250101", "2025-01-01T00:00", "٢٠٢٥-٠١-٠١", "0000-01-01"]
HELSINKI_HOST = "localhost"
GOTEBORG_HOST = "goteborg.localhost"
SENT = []


class UrlBackend(BaseBackend):
    """A cache in front that purges URL by URL, as Cloudflare's and Wagtail's HTTP backend do."""

    def purge(self, url):
        SENT.append(url)


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


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA_DATA)
    assert SCHEMA_DATA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_catches_what_the_data_must_not_hold():
    """A positive control: the validator refuses a person with a private field, an unknown classification and a
    membership without its acting flag."""
    data = {
        "meta": {},
        "organizations": [{"id": "organization/1", "classification": "club"}],
        "posts": [],
        "persons": [{"id": "person/1", "name": "A B", "home_phone": "+358401234567"}],
        "memberships": [{"id": "membership/1"}],
    }
    errors = " ".join(schema_errors(data))
    assert "'club' is not one of" in errors
    assert "'home_phone' was unexpected" in errors
    assert "'acting' is a required property" in errors


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "languages"), [(HELSINKI_HOST, ["fi", "sv", "en"]), (GOTEBORG_HOST, ["sv", "en"])])
def test_each_citys_popolo_json_validates_against_the_schema_in_each_of_its_languages(world, host, languages):
    client = Client()
    for language in languages:
        data = popolo(client, language, host)
        assert schema_errors(data) == [], (host, language)
        assert data["meta"]["language"] == language
        assert data["meta"]["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
        # Every id referred to is there.
        organizations, people = set(ids(data["organizations"])), set(ids(data["persons"]))
        parents = {item["parent_id"] for item in data["organizations"]} - {None}
        assert parents <= organizations
        assert {item["organization_id"] for item in data["posts"]} <= organizations
        assert {item["person_id"] for item in data["memberships"]} <= people
        assert {item["post_id"] for item in data["memberships"]} - {None} <= set(ids(data["posts"]))


@pytest.mark.django_db
def test_the_organisation_is_the_citys_own_live_public_pages_in_tree_order(client, world, helsinki):
    data = popolo(client)
    expected = [helsinki, world["department"], world["unit"], world["team"], world["former"], world["former_unit"]]
    assert ids(data["organizations"]) == [org(page) for page in expected]
    city, department, unit, team = data["organizations"][:4]
    assert (city["classification"], city["parent_id"], city["name"]) == ("city", None, "Helsingin kaupunki")
    assert (department["classification"], department["parent_id"]) == ("department", org(helsinki))
    assert (unit["classification"], unit["parent_id"], unit["name"]) == ("unit", org(world["department"]), "Viestintä")
    assert (team["classification"], team["parent_id"]) == ("team", org(world["unit"]))
    assert department["links"] == [{"url": "http://localhost/fi/viestintaosasto/"}]
    assert department["abstract"] == "Suomenkielinen johdanto."


@pytest.mark.django_db
def test_texts_are_in_the_urls_language_else_in_the_citys_own(client, world):
    data = popolo(client, "sv")
    department = by_id(data["organizations"])[org(world["department"])]
    assert department["name"] == "Kommunikationsavdelningen"
    assert department["links"] == [{"url": "http://localhost/sv/kommunikationsavdelningen/"}]
    assert department["abstract"] == "Suomenkielinen johdanto."  # written in Finnish only
    assert by_id(data["posts"])[f"post/{world['department'].posts.get().pk}"]["label"] == "kommunikationsdirektör"
    assert by_id(data["persons"])[f"person/{world['people']['kivela'].pk}"]["job_title"] == "kommunikationsdirektör"


@pytest.mark.django_db
def test_a_former_department_ends_on_its_date_with_its_unit_and_its_successor_is_there(client, world):
    found = by_id(popolo(client)["organizations"])
    former, former_unit = found[org(world["former"])], found[org(world["former_unit"])]
    assert former["dissolution_date"] == "2024-12-31"
    assert former["reorganisation"] == "merged"
    assert former["successor_ids"] == [org(world["department"])]
    assert org(world["department"]) in found
    # Its unit went with it: the department's date, and nothing happened to the unit of its own.
    assert (former_unit["dissolution_date"], former_unit["reorganisation"]) == ("2024-12-31", None)
    assert former_unit["parent_id"] == org(world["former"])
    current = found[org(world["department"])]
    assert (current["dissolution_date"], current["reorganisation"], current["successor_ids"]) == (None, None, [])


@pytest.mark.django_db
def test_appointments_are_memberships_with_their_dates_and_acting_flag(client, world):
    data = popolo(client)
    people, unit = world["people"], world["unit"]
    manager = unit.posts.get()
    assert by_id(data["posts"])[f"post/{manager.pk}"] == {
        "id": f"post/{manager.pk}",
        "label": "viestintäpäällikkö",
        "organization_id": org(unit),
        "is_head": True,
    }
    held = [item for item in data["memberships"] if item["post_id"] == f"post/{manager.pk}"]
    rows = {row.person_id: row for row in manager.appointments.all()}
    assert held == [
        {
            "id": f"membership/{rows[people['raitio'].pk].pk}",
            "person_id": f"person/{people['raitio'].pk}",
            "organization_id": org(unit),
            "post_id": f"post/{manager.pk}",
            "role": "viestintäpäällikkö",
            "start_date": "2020-01-01",
            "end_date": "2023-12-31",
            "acting": False,
        },
        {
            "id": f"membership/{rows[people['aalto'].pk].pk}",
            "person_id": f"person/{people['aalto'].pk}",
            "organization_id": org(unit),
            "post_id": f"post/{manager.pk}",
            "role": "viestintäpäällikkö",
            "start_date": "2024-01-01",
            "end_date": None,
            "acting": True,
        },
    ]  # the draft person's appointment is left out: the public does not see her


@pytest.mark.django_db
def test_a_pages_contacts_are_members_with_their_role_or_their_job_title(client, world):
    data = popolo(client)
    listed = [item for item in data["memberships"] if item["post_id"] is None]
    people = world["people"]
    assert [(item["person_id"], item["organization_id"], item["role"]) for item in listed] == [
        (f"person/{people['salo'].pk}", org(world["unit"]), "Mediapalvelut"),
        (f"person/{people['lehto'].pk}", org(world["unit"]), "verkkotoimittaja"),
    ]
    assert all(item["id"].startswith("membership/contact/") and item["acting"] is False for item in listed)


@pytest.mark.django_db
def test_persons_are_the_people_the_site_shows_with_their_work_details_only(client, world):
    data = popolo(client)
    people = world["people"]
    assert ids(data["persons"]) == [
        f"person/{people[name].pk}" for name in ("aalto", "kivela", "lehto", "raitio", "salo")
    ]  # by last name
    salo = by_id(data["persons"])[f"person/{people['salo'].pk}"]
    assert salo == {
        "id": f"person/{people['salo'].pk}",
        "name": "Sanna Salo",
        "given_name": "Sanna",
        "family_name": "Salo",
        "job_title": "viestintäasiantuntija",
        "contact_details": [
            {"type": "email", "value": people["salo"].email},
            {"type": "voice", "value": people["salo"].phone},
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    assert "kriisiviestintä" not in text  # media topics are not work contact details
    for hidden in world["not_shown"]:
        assert f'"person/{hidden.pk}"' not in text and hidden.last_name not in text, hidden


@pytest.mark.django_db
def test_staff_only_and_unpublished_pages_and_the_other_city_are_left_out(client, world):
    helsinki = json.dumps(popolo(client), ensure_ascii=False)
    goteborg = json.dumps(popolo(client, "sv", GOTEBORG_HOST), ensure_ascii=False)
    for page in (world["private"], world["unpublished"], world["gbg_department"]):
        assert f'"{org(page)}"' not in helsinki
    for word in ("Zorblax", "Luonnososasto", "Göta", "goteborg"):
        assert word not in helsinki
    assert "Göta Älvsson" in goteborg and "Kivelä" not in goteborg and "Viestintä" not in goteborg


@pytest.mark.django_db
def test_each_csv_has_the_jsons_fields_as_columns_and_its_rows(client, world):
    data = popolo(client)
    for name, columns in COLUMNS.items():
        response = client.get(CSV_URL.format(language="fi", name=name))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == columns, name
        assert [row[0] for row in rows[1:]] == ids(data[name]), name


@pytest.mark.django_db
def test_the_csv_cells_hold_the_json_values(client, world):
    rows = {name: csv_rows(client, "fi", name) for name in COLUMNS}
    former = next(row for row in rows["organizations"] if row["id"] == org(world["former"]))
    assert (former["dissolution_date"], former["successor_ids"], former["parent_id"]) == (
        "2024-12-31",
        org(world["department"]),
        org(world["former"].get_parent()),
    )
    assert former["url"] == "http://localhost/fi/tiv/"
    salo = world["people"]["salo"]
    person_row = next(row for row in rows["persons"] if row["id"] == f"person/{salo.pk}")
    assert (person_row["email"], person_row["phone"]) == (salo.email, salo.phone)
    acting = next(row for row in rows["memberships"] if row["acting"] == "true")
    assert (acting["start_date"], acting["end_date"]) == ("2024-01-01", "")
    assert {row["is_head"] for row in rows["posts"]} == {"true"}


@pytest.mark.django_db
def test_since_gives_what_changed_from_that_day_on(client, world, helsinki, no_page_cache):
    pages = [helsinki, world["department"], world["unit"], world["team"], world["former"], world["former_unit"]]
    for page in pages:
        type(page).objects.filter(pk=page.pk).update(last_published_at=OLD)
    type(world["unit"]).objects.filter(pk=world["unit"].pk).update(last_published_at=NEW)
    ContactPerson.objects.update(updated_at=OLD)
    newcomer = world["people"]["kivela"]
    ContactPerson.objects.filter(pk=newcomer.pk).update(updated_at=NEW)

    data = popolo(client, query="?since=2025-06-01")
    assert schema_errors(data) == []
    assert data["meta"]["since"] == "2025-06-01"
    assert ids(data["organizations"]) == [org(world["unit"])]
    assert ids(data["posts"]) == [f"post/{world['unit'].posts.get().pk}"]
    assert {item["organization_id"] for item in data["memberships"]} == {org(world["unit"])}
    people = world["people"]
    # The unit's members, and whoever was saved since.
    expected = {people[name].pk for name in ("aalto", "kivela", "lehto", "raitio", "salo")}
    assert set(ids(data["persons"])) == {f"person/{pk}" for pk in expected}
    assert popolo(client, query="?since=2025-06-02")["organizations"] == []

    # A department reorganised since takes its unit with it: the unit's end date came from there.
    type(world["former"]).objects.filter(pk=world["former"].pk).update(last_published_at=NEW)
    assert set(ids(popolo(client, query="?since=2025-06-01")["organizations"])) == {
        org(world["unit"]),
        org(world["former"]),
        org(world["former_unit"]),
    }
    # A day long before anything: everything.
    assert len(popolo(client, query="?since=0001-01-01")["organizations"]) == len(pages)
    assert popolo(client, query="?since=") == popolo(client)


@pytest.mark.django_db
@pytest.mark.parametrize("since", BAD_SINCES)
def test_a_bad_since_is_a_400_with_a_translated_message(client, world, since):
    for language in ("fi", "sv"):
        with translation.override(language):
            message = str(BAD_SINCE)
        response = client.get(JSON_URL.format(language=language), {"since": since})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"message": message}
        response = client.get(CSV_URL.format(language=language, name="persons"), {"since": since})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode() == message
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_files_have_their_types_and_are_cached_like_pages(client, world):
    json_response = client.get(JSON_URL.format(language="fi"))
    assert json_response["Content-Type"] == "application/json"
    assert json_response["Cache-Control"].startswith("public")
    assert json_response["ETag"]
    assert client.get(JSON_URL.format(language="fi"), HTTP_IF_NONE_MATCH=json_response["ETag"]).status_code == 304
    assert client.get(CSV_URL.format(language="fi", name="posts"))["Cache-Control"].startswith("public")
    schema = client.get("/open-data/popolo-organisation.schema.json")
    assert schema["Content-Type"] == "application/schema+json"
    assert json.loads(schema.content) == SCHEMA_DATA
    assert popolo(client)["meta"]["schema"] == "http://localhost/open-data/popolo-organisation.schema.json"


@pytest.mark.django_db
def test_a_change_in_the_city_retires_the_cached_files(client, world):
    before = popolo(client)
    publish(world["department"], title_fi="Viestinnän osasto")
    after = popolo(client)
    assert before != after
    assert by_id(after["organizations"])[org(world["department"])]["name"] == "Viestinnän osasto"


@pytest.mark.django_db
def test_the_files_exist_only_while_the_open_data_page_is_live_and_public(client, world, helsinki):
    page = OpenDataPage.objects.child_of(helsinki).get()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(JSON_URL.format(language="fi")).status_code == 404
    PageViewRestriction.objects.all().delete()
    page.unpublish()
    for url in (JSON_URL.format(language="fi"), CSV_URL.format(language="fi", name="persons")):
        assert client.get(url).status_code == 404
    assert client.get(CSV_URL.format(language="fi", name="people")).status_code == 404  # no such file


@pytest.mark.django_db
def test_the_open_data_page_lists_the_files_licence_schema_and_since(client, world):
    response = client.get("/fi/avoin-data/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in ["organisation.json", "organizations.csv", "posts.csv", "persons.csv", "memberships.csv"]:
        assert f'href="/fi/open-data/{path}"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.fi" rel="license"' in html
    assert 'href="/open-data/popolo-organisation.schema.json"' in html
    assert "?since=" in html and "CC BY 4.0" in text_of(response)


@pytest.mark.django_db
def test_the_footer_links_the_open_data_page_and_the_main_menu_does_not(client, world):
    for language, path, title in [("fi", "/fi/avoin-data/", "Avoin data"), ("en", "/en/open-data/", "Open data")]:
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index('<footer class="site-footer"') :]
        assert f'href="{path}"' in footer and f">{title}</a>" in footer, language
        assert f'href="{path}"' not in html[: html.index('<footer class="site-footer"')]
    on_the_page = client.get("/fi/avoin-data/").content.decode()
    assert 'href="/fi/avoin-data/"\n                 aria-current="page"' in on_the_page


@pytest.mark.django_db
def test_caches_that_purge_by_url_get_the_files_of_a_changed_city(world, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": "tests.test_open_data.UrlBackend"}}
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(world["gbg_department"], title_sv="Kommunikation")
    root = "http://goteborg.localhost"
    expected = {
        f"{root}/{language}/open-data/{name}"
        for language in ("sv", "en")
        for name in ("organisation.json", "persons.csv", "memberships.csv")
    }
    assert expected <= set(SENT)
    assert not [url for url in SENT if url.startswith("http://localhost/")]


@pytest.mark.django_db
def test_the_work_is_the_same_number_of_queries_however_large_the_organisation(client, world, helsinki, no_page_cache):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(JSON_URL.format(language="fi")).status_code == 200
        return len(captured)

    queries()  # what a process keeps for good (site root paths, content types) is read once
    small = queries()
    for number in range(5):
        unit = UnitPageFactory(parent=world["department"], posts=[post(world["people"]["lehto"], is_head=False)])
        newcomer = person(helsinki, "Uusi", f"Ihminen{number}")
        PageContact.objects.create(page=unit, contact=newcomer, sort_order=0)
    assert queries() == small


class DemoOpenDataTests(TestCase):
    """The demo's three cities: their open data validates in every language they offer (issue 18's done-when)."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_every_demo_citys_open_data_validates_in_each_of_its_languages(self):
        for site in Site.objects.exclude(hostname="helsinki.localhost"):
            for language in CitySettings.for_site(site).languages:
                data = popolo(self.client, language, site.hostname)
                self.assertEqual(schema_errors(data), [], (site.hostname, language))
                self.assertGreater(len(data["organizations"]), 1, site.hostname)
                if site.hostname != "stockholm.localhost":  # Stockholm's demo names no contact people
                    self.assertTrue(data["persons"] and data["memberships"], site.hostname)
                for name in COLUMNS:
                    rows = csv_rows(self.client, language, name, site.hostname)
                    self.assertEqual([row["id"] for row in rows], ids(data[name]), (site.hostname, language, name))

    def test_helsinkis_former_department_is_there_with_its_successor_and_acting_head(self):
        data = popolo(self.client)
        found = by_id(data["organizations"])
        former = next(item for item in data["organizations"] if item["reorganisation"] == "replaced")
        self.assertEqual(former["classification"], "department")
        self.assertEqual(found[former["successor_ids"][0]]["name"], "Viestintäosasto")
        acting = [item for item in data["memberships"] if item["acting"]]
        self.assertTrue(acting and all(item["organization_id"] == former["id"] for item in acting))
