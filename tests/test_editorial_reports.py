"""The editorial reports and dashboard panels: translation status and content freshness, per city."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import UnitPage
from editorial.models import PageEditVisits
from tests.conftest import FRESHNESS_URL, GOTEBORG, HELSINKI, TRANSLATIONS_URL, in_english, make_user


@pytest.fixture
def helsinki_editor(roles):
    return in_english(make_user("helsinki-editor", roles[HELSINKI].editors))


@pytest.fixture
def goteborg_editor(roles):
    return in_english(make_user("goteborg-editor", roles[GOTEBORG].editors))


@pytest.fixture
def superuser(roles):
    return in_english(get_user_model().objects.create_superuser("boss", "boss@example.com", "x"))


@pytest.fixture
def content(helsinki, goteborg):
    """Pages and contacts with known gaps; the comments say what each lacks in which language."""
    person = ContactPersonFactory(
        city=helsinki,
        first_name="Hanna",
        last_name="Head",
        job_title_fi="Päällikkö",
        job_title_sv="",  # sv: job title
        job_title_en="Head",
    )
    department = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintä",
        title_sv="Kommunikation",
        title_en="",  # en: title (a required field)
        intro_fi="Johdanto.",
        intro_sv="",  # sv: intro
        intro_en="Intro.",
        head=person,
    )
    unit = UnitPageFactory(
        parent=department,
        title_fi="Mediayksikkö",
        title_sv="Medieenheten",
        title_en="Media unit",
        intro_fi="Johdanto.",
    )  # sv, en: intro
    point = ServicePointFactory(
        city=helsinki,
        name_fi="Neuvonta",
        name_sv="Rådgivning",
        name_en="",  # en: name (required)
        description_fi="Kuvaus.",
        description_sv="Beskrivning.",
        description_en="",  # en: description
    )
    goteborg_department = DepartmentPageFactory(
        parent=goteborg,
        title_fi="",
        title_sv="Kommunikation",
        title_en="Communications",
        intro_fi="",
        intro_sv="Inledning.",
        intro_en="",  # en: intro; fi is not Göteborg's language
    )
    return {
        "person": person,
        "department": department,
        "unit": unit,
        "point": point,
        "goteborg_department": goteborg_department,
    }


# Pages by their names with their trails, in the admin's language (English) where they have it, else in their city's.
UNIT = "Viestintä › Media unit"
HELSINKI_ROWS = {
    ("Viestintä", "Page", HELSINKI, "sv", "Intro"),
    ("Viestintä", "Page", HELSINKI, "en", "Title"),
    (UNIT, "Page", HELSINKI, "sv", "Intro"),
    (UNIT, "Page", HELSINKI, "en", "Intro"),
    ("Hanna Head", "Contact person", HELSINKI, "sv", "Job title"),
    ("Neuvonta", "Service point", HELSINKI, "en", "Name, Description"),
}
GOTEBORG_ROWS = {("Communications", "Page", GOTEBORG, "en", "Intro")}


def csv_rows(client, url, **params):
    response = client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    heading, *rows = csv.reader(io.StringIO(text))
    return heading, [tuple(row) for row in rows]


def xlsx_rows(client, url, **params):
    response = client.get(url, {**params, "export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    heading, *rows = workbook.active.iter_rows(values_only=True)
    return list(heading), [tuple("" if cell is None else cell for cell in row) for row in rows]


# --- translation status ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_report_lists_exactly_the_missing_fields(client, superuser, content):
    client.force_login(superuser)

    heading, rows = csv_rows(client, TRANSLATIONS_URL)

    assert heading == ["Title", "Type", "City", "Language", "Missing fields"]
    assert sorted(rows) == sorted(HELSINKI_ROWS | GOTEBORG_ROWS)


@pytest.mark.django_db
def test_the_csv_keeps_an_editors_formula_as_text(client, superuser, helsinki):
    ServicePointFactory(city=helsinki, name_fi="=HYPERLINK(1)", name_sv="=HYPERLINK(1)", name_en="")
    client.force_login(superuser)

    _heading, rows = csv_rows(client, TRANSLATIONS_URL)

    assert rows == [("'=HYPERLINK(1)", "Service point", HELSINKI, "en", "Name")]


@pytest.mark.django_db
def test_the_report_page_shows_the_rows_with_links_to_their_editors(client, superuser, content):
    client.force_login(superuser)

    response = client.get(TRANSLATIONS_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/admin/pages/{content["unit"].pk}/edit/"' in html
    assert f'href="/admin/snippets/contacts/servicepoint/edit/{content["point"].pk}/"' in html
    assert "Name, Description" in html


@pytest.mark.django_db
def test_csv_and_xlsx_exports_have_the_same_rows(client, helsinki_editor, content):
    client.force_login(helsinki_editor)

    csv_heading, from_csv = csv_rows(client, TRANSLATIONS_URL, language="sv")
    xlsx_heading, from_xlsx = xlsx_rows(client, TRANSLATIONS_URL, language="sv")

    assert xlsx_heading == csv_heading
    assert from_xlsx == from_csv
    assert set(from_csv) == {row for row in HELSINKI_ROWS if row[3] == "sv"}


@pytest.mark.django_db
def test_filters_by_city_department_and_language(client, superuser, content):
    client.force_login(superuser)
    helsinki_pk = content["department"].get_parent().pk

    _heading, by_city = csv_rows(client, TRANSLATIONS_URL, city=helsinki_pk)
    _heading, by_department = csv_rows(client, TRANSLATIONS_URL, department=content["department"].pk)
    _heading, by_language = csv_rows(client, TRANSLATIONS_URL, language="en")

    html = client.get(
        TRANSLATIONS_URL, {"city": helsinki_pk, "department": content["department"].pk, "language": "sv"}
    ).content.decode()

    assert set(by_city) == HELSINKI_ROWS
    # The department's pages and the head they name; service points belong to the whole city.
    assert set(by_department) == {row for row in HELSINKI_ROWS if row[1] != "Service point"}
    assert set(by_language) == {row for row in HELSINKI_ROWS | GOTEBORG_ROWS if row[3] == "en"}
    goteborg_link = f'href="/admin/pages/{content["goteborg_department"].pk}/edit/"'
    assert UNIT in html and "Neuvonta" not in html and goteborg_link not in html


@pytest.mark.django_db
def test_a_goteborg_editor_never_sees_helsinki(client, goteborg_editor, content):
    client.force_login(goteborg_editor)
    helsinki_pk = content["department"].get_parent().pk

    _heading, rows = csv_rows(client, TRANSLATIONS_URL)
    _heading, asking_for_helsinki = csv_rows(client, TRANSLATIONS_URL, city=helsinki_pk)
    _heading, asking_for_its_department = csv_rows(client, TRANSLATIONS_URL, department=content["department"].pk)
    html = client.get(TRANSLATIONS_URL).content.decode()

    assert set(rows) == GOTEBORG_ROWS
    assert set(asking_for_helsinki) == GOTEBORG_ROWS
    assert set(asking_for_its_department) == GOTEBORG_ROWS
    assert "Viestintä" not in html and "Neuvonta" not in html and "Hanna" not in html


@pytest.mark.django_db
def test_bad_filter_values_are_refused_without_an_error(client, helsinki_editor, content):
    client.force_login(helsinki_editor)
    bad = [
        {"city": "abc"},
        {"city": "999999"},
        {"department": "-1"},
        {"language": "xx"},
        {"p": "zzz"},
        {"export": "pdf"},
        {"city": "1" * 30, "language": "<script>"},
    ]

    for params in bad:
        response = client.get(TRANSLATIONS_URL, params)
        html = response.content.decode()
        assert response.status_code == 200, params
        assert "Viestintä" in html and "<script>" not in html, params


@pytest.mark.django_db
def test_the_reports_refuse_a_user_who_works_for_no_city(client, roles):
    client.force_login(make_user("nobody"))
    assert client.get(TRANSLATIONS_URL).status_code in {302, 403}
    assert client.get(FRESHNESS_URL).status_code in {302, 403}


@pytest.mark.django_db
def test_the_report_costs_the_same_queries_however_many_pages(client, superuser, content):
    client.force_login(superuser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            csv_rows(client, TRANSLATIONS_URL)
            assert client.get(TRANSLATIONS_URL).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(5):
        UnitPageFactory(parent=content["department"], intro_fi="Lisää.")
        ContactPersonFactory(city=content["person"].city, job_title_sv="")
        ServicePointFactory(city=content["person"].city, name_en="")
    assert queries() == few


# --- the translation dashboard panel ---------------------------------------------------------------


def coverage_cells(html):
    return dict(re.findall(r'data-coverage="\d+-(\w+)">(\d+) %', html))


@pytest.mark.django_db
def test_the_panel_shows_each_languages_coverage(client, helsinki_editor, content):
    client.force_login(helsinki_editor)

    html = client.get("/admin/").content.decode()

    # Helsinki counts 11 texts in each language: the home's title and slug (2), the department's
    # title, slug and intro (3), the unit's (3), the head's job title (1), the service point's
    # name and description (2). Swedish lacks 3 of them, English 4: 8/11 and 7/11, rounded down.
    assert coverage_cells(html) == {"fi": "100", "sv": "72", "en": "63"}


@pytest.mark.django_db
def test_the_panel_lists_the_most_visited_untranslated_pages_first(client, helsinki_editor, content):
    client.force_login(helsinki_editor)
    for page, visits in ((content["unit"], 2), (content["department"], 1)):
        for _ in range(visits):
            assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    html = client.get("/admin/").content.decode()

    listed = [int(pk) for pk in re.findall(r'data-untranslated-page="(\d+)"', html)]
    assert listed == [content["unit"].pk, content["department"].pk]
    assert PageEditVisits.objects.get(page=content["unit"]).visits == 2


@pytest.mark.django_db
def test_the_panel_is_kept_until_content_is_published(client, helsinki_editor, content):
    client.force_login(helsinki_editor)

    def swedish_coverage():
        return coverage_cells(client.get("/admin/").content.decode())["sv"]

    assert swedish_coverage() == "72"
    unit = content["unit"]
    # Written behind Wagtail's back (no publish, no signal): the kept panel does not see it.
    UnitPage.objects.filter(pk=unit.pk).update(intro_sv="Inledning.")
    assert swedish_coverage() == "72"

    unit.refresh_from_db()
    unit.save_revision().publish()

    assert swedish_coverage() == "81"  # 9 of Helsinki's 11 Swedish texts


@pytest.mark.django_db
def test_the_goteborg_panel_shows_only_goteborg(client, goteborg_editor, content):
    client.force_login(goteborg_editor)

    html = client.get("/admin/").content.decode()

    # Göteborg's home (title and slug) and department (title, slug, intro): 5 texts; English lacks the intro.
    assert coverage_cells(html) == {"sv": "100", "en": "80"}
    assert "Viestintä" not in html and "Mediayksikkö" not in html


# --- content freshness ----------------------------------------------------------------------------


@pytest.fixture
def ages(content):
    """Every page published today, except three published long ago."""
    now = timezone.now()
    Page.objects.filter(depth__gt=1).update(last_published_at=now)
    aged = {"department": 400, "unit": 800, "goteborg_department": 100}
    for name, days in aged.items():
        Page.objects.filter(pk=content[name].pk).update(last_published_at=now - timedelta(days=days))
    return aged


@pytest.mark.django_db
def test_freshness_lists_pages_older_than_a_year_oldest_first(client, superuser, content, ages):
    client.force_login(superuser)

    heading, rows = csv_rows(client, FRESHNESS_URL)

    assert heading[:3] == ["Title", "City", "Type"]
    assert [row[:3] for row in rows] == [
        (UNIT, HELSINKI, "unit"),
        ("Viestintä", HELSINKI, "department"),
    ]


@pytest.mark.django_db
def test_freshness_period_comes_from_the_filter_or_the_setting(client, superuser, settings, content, ages):
    client.force_login(superuser)

    _heading, three_months = csv_rows(client, FRESHNESS_URL, months=3)
    settings.CITYCOMMS_STALE_AFTER_DAYS = 90
    _heading, ninety_days = csv_rows(client, FRESHNESS_URL)
    _heading, two_years = csv_rows(client, FRESHNESS_URL, months=24)

    expected = [UNIT, "Viestintä", "Communications"]
    assert [row[0] for row in three_months] == expected
    assert [row[0] for row in ninety_days] == expected
    assert [row[0] for row in two_years] == [UNIT]


@pytest.mark.django_db
def test_freshness_filters_by_city_and_keeps_editors_to_their_own(client, superuser, goteborg_editor, content, ages):
    client.force_login(superuser)
    goteborg_pk = content["goteborg_department"].get_parent().pk
    _heading, goteborg_only = csv_rows(client, FRESHNESS_URL, city=goteborg_pk)
    html = client.get(FRESHNESS_URL, {"city": goteborg_pk, "months": 2}).content.decode()
    client.force_login(goteborg_editor)
    _heading, for_goteborg = csv_rows(client, FRESHNESS_URL, months=1)
    _heading, xlsx_for_goteborg = xlsx_rows(client, FRESHNESS_URL, months=1)

    assert goteborg_only == []
    assert "Communications" in html and UNIT not in html
    assert [row[:2] for row in for_goteborg] == [("Communications", GOTEBORG)]
    assert [row[:2] for row in xlsx_for_goteborg] == [("Communications", GOTEBORG)]


@pytest.mark.django_db
def test_a_bad_period_shows_an_error_and_keeps_the_default(client, superuser, content, ages):
    client.force_login(superuser)

    for months in ["abc", "0", "-3", "1.5", "99999999999999999999"]:
        response = client.get(FRESHNESS_URL, {"months": months})
        _heading, rows = csv_rows(client, FRESHNESS_URL, months=months)
        assert response.status_code == 200, months
        assert 'w-field--error" data-field data-contentpath="months"' in response.content.decode(), months
        assert [row[0] for row in rows] == [UNIT, "Viestintä"], months


@pytest.mark.django_db
def test_the_stale_pages_panel_lists_the_editors_city(client, helsinki_editor, goteborg_editor, content, ages):
    client.force_login(helsinki_editor)
    helsinki_html = client.get("/admin/").content.decode()
    client.force_login(goteborg_editor)
    goteborg_html = client.get("/admin/").content.decode()

    helsinki_listed = [int(pk) for pk in re.findall(r'data-stale-page="(\d+)"', helsinki_html)]
    assert helsinki_listed == [content["unit"].pk, content["department"].pk]
    assert re.findall(r'data-stale-page="(\d+)"', goteborg_html) == []
    assert "Every live page was published within the last 365 days." in goteborg_html
