"""Two units of one name told apart: wherever the admin offers or lists a page, it names it with its trail
("Viestintäosasto › Viestintä"), in the admin's language where the page has it, else in the city's default one."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from tests.conftest import (
    COMMUNICATIONS_DEPARTMENT,
    COMMUNICATIONS_UNIT,
    CONTACTS_URL,
    FRESHNESS_URL,
    IMPORT_URL,
    TRANSLATIONS_URL,
    csv_file,
    in_english,
    make_user,
    row,
)

pytestmark = pytest.mark.django_db

TODAY = "Communications Department › Communications"
FORMER = "Tietotekniikka- ja viestintäosasto › Viestintä"  # Finnish only: in Helsinki's language, Finnish


def slugs(slug):
    return {f"slug_{code}": slug for code in ("fi", "sv", "en")}


@pytest.fixture
def units(helsinki):
    """Helsinki's two units called Viestintä, as in the demo: today's department's, and the former department's
    (written in Finnish only, its slugs the same in every language)."""
    today = DepartmentPageFactory(
        parent=helsinki,
        **COMMUNICATIONS_DEPARTMENT,
    )
    unit = UnitPageFactory(parent=today, **COMMUNICATIONS_UNIT)
    former = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Tietotekniikka- ja viestintäosasto",
        title_sv="",
        title_en="",
        **slugs("tietotekniikka-ja-viestintaosasto"),
    )
    former_unit = UnitPageFactory(parent=former, title_fi="Viestintä", title_sv="", title_en="", **slugs("viestinta"))
    return unit, former_unit


def user_in(language, *groups, username="someone"):
    user = make_user(username, *groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def options(html):
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', html))


# --- The helper ------------------------------------------------------------------------------------


def test_a_pages_name_has_its_trail_in_the_admins_language_else_the_citys(units, helsinki, goteborg):
    from citycomms.trails import trail_name, trails

    unit, former_unit = units
    assert trail_name(unit, "fi") == "Viestintäosasto › Viestintä"
    assert trail_name(unit, "sv") == "Kommunikationsavdelningen › Kommunikation"
    assert trail_name(former_unit, "sv") == FORMER
    assert trail_name(helsinki, "en") == "City of Helsinki"  # a city home's trail is itself
    # Göteborg writes Swedish first: a Finnish title it does not publish is not its name in the English admin.
    department = DepartmentPageFactory(parent=goteborg, title_fi="Viestintä", title_sv="Kommunikation", title_en="")
    assert trail_name(department, "en") == "Kommunikation"
    # The path of slugs, in the city's default language first.
    assert trails([unit.path])[unit.path].path == "viestintaosasto/viestinta"
    assert trails([unit.path])[unit.path].slug_paths()["sv"] == "kommunikationsavdelningen/kommunikation"


# --- Contacts --------------------------------------------------------------------------------------


def test_the_contact_filter_names_each_unit_with_its_trail(client, units, roles):
    unit, former_unit = units
    client.force_login(user_in("sv", roles["Helsingin kaupunki"].editors))

    offered = options(client.get(CONTACTS_URL).content.decode())

    assert offered[str(unit.pk)] == "Kommunikationsavdelningen › Kommunikation"
    assert offered[str(former_unit.pk)] == FORMER


def test_the_import_preview_shows_which_page_each_row_names(client, units, roles, helsinki):
    unit, former_unit = units
    client.force_login(user_in("en", roles["Helsingin kaupunki"].editors))
    rows = [
        row(unit="kommunikation"),
        row(first_name="Olli", email="olli@example.fi", unit="tietotekniikka-ja-viestintaosasto/viestinta"),
    ]

    html = client.post(IMPORT_URL, {"city": helsinki.pk, "file": csv_file(rows)}).content.decode()

    assert "2 rows are fine" in html
    assert f'data-import-unit="{unit.pk}">{TODAY}<' in html
    assert f'data-import-unit="{former_unit.pk}">{FORMER}<' in html


# --- The editorial reports and the dashboard ---------------------------------------------------------


def report_titles(client, url, **params):
    response = client.get(url, {**params, "export": "csv"})
    _heading, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8")))
    return {values[0] for values in rows}


def test_the_translation_report_names_pages_with_their_trails(client, units, roles, helsinki):
    PageContact.objects.create(page=units[1], contact=ContactPersonFactory(city=helsinki))
    client.force_login(in_english(make_user("editor", roles["Helsingin kaupunki"].editors)))

    titles = report_titles(client, TRANSLATIONS_URL)
    html = client.get(TRANSLATIONS_URL).content.decode()

    assert {TODAY, FORMER} <= titles
    assert "Viestintä" not in titles
    assert TODAY in html and FORMER in html


def test_the_translation_reports_department_filter_names_departments_in_the_citys_language(client, roles, goteborg):
    department = DepartmentPageFactory(parent=goteborg, title_fi="Viestintä", title_sv="Kommunikation", title_en="")
    client.force_login(in_english(make_user("editor", roles["Göteborgs Stad"].editors)))

    offered = options(client.get(TRANSLATIONS_URL).content.decode())

    assert offered[str(department.pk)] == "Kommunikation"


@pytest.fixture
def stale(units):
    """Both units published two years ago, everything else today."""
    now = timezone.now()
    Page.objects.filter(depth__gt=1).update(last_published_at=now)
    Page.objects.filter(pk__in=[unit.pk for unit in units]).update(last_published_at=now - timedelta(days=730))
    return units


def test_the_freshness_report_and_the_dashboard_name_pages_with_their_trails(client, stale, roles):
    client.force_login(in_english(make_user("editor", roles["Helsingin kaupunki"].editors)))
    for unit in stale:
        assert client.get(f"/admin/pages/{unit.pk}/edit/").status_code == 200  # an editor's visit

    titles = report_titles(client, FRESHNESS_URL)
    dashboard = client.get("/admin/").content.decode()

    assert titles == {TODAY, FORMER}
    for unit, name in zip(stale, (TODAY, FORMER), strict=True):
        assert f'data-stale-page="{unit.pk}">{name}<' in dashboard
    # The former unit lacks its Swedish and English titles: the most edited untranslated pages list it.
    assert f'data-untranslated-page="{stale[1].pk}">{FORMER}<' in dashboard
