"""Open data: the CSV files match the JSON, `?since=`, caching and purging, the open data page and its footer
link, the queries, and the demo cities' files."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction, Site

from citycomms.models import CitySettings
from contacts.models import ContactPerson
from departments.factories import UnitPageFactory, post
from departments.models import PageContact
from opendata.models import OpenDataPage
from opendata.tables import COLUMNS
from opendata.views import BAD_SINCE
from tests.conftest import publish, text_of
from tests.open_data.conftest import (
    BAD_SINCES,
    CSV_URL,
    JSON_URL,
    NEW,
    OLD,
    SCHEMA_DATA,
    by_id,
    csv_rows,
    ids,
    org,
    person,
    popolo,
    schema_errors,
)

SENT = []


class UrlBackend(BaseBackend):
    """A cache in front that purges URL by URL, as Cloudflare's and Wagtail's HTTP backend do."""

    def purge(self, url):
        SENT.append(url)


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
    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": "tests.open_data.test_downloads.UrlBackend"}}
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
