"""`manage.py generate_scale_data`: reproducible, idempotent, realistic, and leaves other cities alone."""

from io import StringIO

import phonenumbers
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Page, Site

from citycomms.models import CityHomePage, CitySettings
from contacts.models import ContactPerson, ServicePoint
from departments.models import DepartmentPage, PageContact, TeamPage, UnitPage

pytestmark = pytest.mark.django_db

TINY = ["--cities", "3", "--departments", "4", "--units", "7", "--teams", "5", "--contacts", "30"]


def generate(*args):
    output = StringIO()
    call_command("generate_scale_data", *TINY, *args, stdout=output)
    return output.getvalue()


def snapshot():
    """What a run made, in a form that does not depend on database ids."""
    return {
        "people": sorted(
            ContactPerson.objects.values_list("first_name", "last_name", "job_title_sv", "phone", "email")
        ),
        "pages": sorted(
            Page.objects.filter(depth__gt=1).values_list("depth", "url_path_fi", "url_path_sv", "title_en")
        ),
        "sites": sorted(Site.objects.values_list("hostname", flat=True)),
    }


def test_it_builds_the_sizes_asked_for_and_reports_progress(root_page):
    output = generate()

    assert CityHomePage.objects.count() == 3
    assert DepartmentPage.objects.count() == 4
    assert UnitPage.objects.count() == 7
    assert TeamPage.objects.count() == 5
    assert ContactPerson.objects.count() == 30
    assert ServicePoint.objects.count() == 3
    assert PageContact.objects.count() == 3 * (4 + 7 + 5)
    assert CitySettings.objects.count() == 3
    assert "UnitPages" in output and "[####################] 7/7" in output


def test_the_same_seed_gives_the_same_data_and_a_rerun_replaces_it(root_page):
    generate("--seed", "7")
    first = snapshot()
    generate("--seed", "7")
    assert snapshot() == first  # replaced, not duplicated
    generate("--seed", "8")
    assert snapshot()["people"] != first["people"]


def test_other_cities_are_left_alone(helsinki):
    generate()
    generate()
    assert Site.objects.filter(hostname="localhost").exists()
    assert CityHomePage.objects.filter(pk=helsinki.pk).exists()
    assert CityHomePage.objects.count() == 4


def test_people_have_valid_numbers_of_their_citys_country_and_titles_in_its_languages(root_page):
    generate()
    for person in ContactPerson.objects.select_related("city"):
        number = phonenumbers.parse(person.phone)
        assert phonenumbers.is_valid_number(number), person.phone
        assert phonenumbers.region_code_for_number(number) == person.city.country
        languages = CitySettings.objects.get(site__root_page=person.city).languages
        for code in ("fi", "sv", "en"):
            assert bool(getattr(person, f"job_title_{code}")) == (code in languages), (person, code)


def test_the_generated_pages_are_served_in_each_language_of_their_city(root_page):
    generate()
    for settings in CitySettings.objects.select_related("site__root_page"):
        client = Client(HTTP_HOST=settings.site.hostname)
        unit = UnitPage.objects.descendant_of(settings.site.root_page).first()
        department = unit.get_parent()
        for code in settings.languages:
            with translation.override(code):
                url = department.get_url()
            response = client.get(url)
            assert response.status_code == 200, (settings.site.hostname, url)
            assert getattr(unit, f"title_{code}") in response.content.decode()


def test_impossible_sizes_are_refused(root_page):
    with pytest.raises(CommandError):
        call_command("generate_scale_data", "--cities", "2", "--contacts", "1", stdout=StringIO())
