"""Open data: the Popolo JSON validates against the schema, and holds only the city's own live, public
organisation and the people the site shows, with their work details."""

import json

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from tests.open_data.conftest import GOTEBORG_HOST, HELSINKI_HOST, SCHEMA_DATA, by_id, ids, org, popolo, schema_errors


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
