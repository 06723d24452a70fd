"""Odd requests and half-deleted content give a page or a 4xx, never an error."""

import json
import time

import pytest
from bs4 import BeautifulSoup
from django.db import connections
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Site

from citycomms.errors import server_error
from citycomms.i18n import TranslatedValue
from citycomms.models import CitySettings
from citycomms.templatetags.citycomms_tags import in_sentence
from contacts.factories import ContactPersonFactory
from contacts.phone import format_phone
from departments.factories import DepartmentPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_a_host_no_city_answers_on_gets_a_404(client, goteborg):
    Site.objects.update(is_default_site=False)
    for path in ("/", "/fi/", "/sv/omrade/"):
        response = client.get(path, HTTP_HOST="unknown.localhost", follow=True)
        assert response.status_code == 404


def test_new_city_settings_start_with_every_language_as_a_list():
    settings = CitySettings()
    assert settings.languages == ["fi", "sv", "en"]
    settings.languages = "sv,sv,en"
    assert settings.languages == ["sv", "en"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"), [("en;q=0, sv;q=0.5", "/sv/"), ("fi;q=0", "/fi/"), ("sv;q=0", "/fi/")]
)
def test_languages_refused_with_quality_zero_are_not_chosen(client, helsinki, accept, expected):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=accept)["Location"] == expected


@pytest.mark.django_db
def test_admin_without_trailing_slash_reaches_the_admin(client, helsinki):
    response = client.get("/admin", follow=True)
    assert response.redirect_chain[0][0] == "/admin/"


@pytest.mark.django_db
def test_language_variant_prefix_keeps_the_rest_of_the_path(client, goteborg):
    assert client.get("/fi-fi/omrade/", HTTP_HOST="goteborg.localhost")["Location"] == "/sv/omrade/"


@pytest.mark.django_db
def test_preview_of_a_swedish_city_page_works_in_a_finnish_admin(goteborg):
    page = DepartmentPageFactory(
        parent=goteborg, title_fi="", intro_fi="", title_sv="Område", slug_sv="omrade", intro_sv="Utkast"
    )
    page.intro_sv = "Ett nytt utkast"
    with translation.override("fi"):
        response = page.make_preview_request()
    assert response.status_code == 200
    assert "Ett nytt utkast" in response.content.decode()


@pytest.mark.django_db
def test_lists_show_the_intros_of_departments_and_units(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", intro_fi="Osasto huolehtii viestinnästä.")
    item = soup(client.get("/fi/")).select_one(".page-list__item")
    assert item.p.get_text() == "Osasto huolehtii viestinnästä."


@pytest.mark.django_db
def test_a_page_titled_only_in_a_language_the_city_does_not_offer_still_has_a_title(client, goteborg):
    DepartmentPageFactory(parent=goteborg, title_fi="Vain suomeksi", title_sv="", title_en="", slug_sv="vain")
    page = soup(client.get("/sv/vain/", HTTP_HOST="goteborg.localhost"))
    assert page.h1.get_text() == "Vain suomeksi"
    assert page.h1["lang"] == "fi"


@pytest.mark.django_db
def test_admin_creates_a_swedish_only_service_point(admin_client, goteborg):
    response = admin_client.post(
        "/admin/snippets/contacts/servicepoint/add/",
        {"city": goteborg.pk, "name_sv": "Kontaktcenter", "phone": "031-365 00 00"},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_contact_search_works(admin_client, helsinki):
    ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä")
    response = admin_client.get("/admin/snippets/contacts/contactperson/?q=Kivel")
    assert response.status_code == 200
    assert "Liisa Kivelä" in response.content.decode()


@pytest.mark.django_db
def test_deleted_link_targets_and_documents_leave_no_empty_markup(client, helsinki):
    target = DepartmentPageFactory(parent=helsinki, slug_fi="poistuva")
    document = get_document_model().objects.create(title="Ohje", file="documents/ohje.pdf")
    body = [
        {"type": "links", "value": {"heading": "", "links": [{"text": "Poistuva", "page": target.pk, "url": ""}]}},
        {"type": "documents", "value": {"heading": "Asiakirjat", "documents": [document.pk]}},
    ]
    DepartmentPageFactory(parent=helsinki, slug_fi="osasto", body_fi=json.dumps(body))
    target.delete()
    document.delete()
    page = soup(client.get("/fi/osasto/"))
    assert page.select(".link-list a") == []
    assert page.select(".document-list") == []


def test_a_stored_number_that_is_not_e164_is_shown_as_stored():
    assert format_phone("0931011111") == "0931011111"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TranslatedValue("Kommunikationsdirektör", "sv", False), "kommunikationsdirektör"),
        (TranslatedValue("IT-johtaja", "fi", False), "IT-johtaja"),
        (TranslatedValue("Director of Communications", "en", False), "Director of Communications"),
        (TranslatedValue("viestintäjohtaja", "fi", True), '<span lang="fi">viestintäjohtaja</span>'),
    ],
)
def test_job_titles_in_a_sentence(value, expected):
    assert in_sentence(value) == expected


# --- a lost database ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [
        ("/fi/", "fi", "Palvelu ei ole hetkeen käytettävissä"),
        ("/sv/nagon-sida/", "sv", "Tjänsten är tillfälligt otillgänglig"),
        ("/en/search/?q=x", "en", "The service is temporarily unavailable"),
        ("/api/v2/pages/", "fi", "Palvelu ei ole hetkeen käytettävissä"),
    ],
)
def test_a_lost_database_answers_a_translated_503_with_retry_after(database_down, path, language, title):
    started = time.monotonic()
    response = Client(raise_request_exception=False).get(path)
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text() == title
    assert "Traceback" not in response.content.decode()
    assert "OperationalError" not in response.content.decode()


def test_other_errors_still_answer_500():
    # The 503 is for the database only: any other exception keeps Django's 500 page.
    request = RequestFactory().get("/fi/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_database_connections_give_up_quickly():
    assert connections["default"].settings_dict["OPTIONS"]["connect_timeout"] <= 5
    assert connections["default"].settings_dict["CONN_HEALTH_CHECKS"] is True
