"""The 500 and 503 pages: in the site's look from the built CSS, in the reader's language from the URL, and
rendered without the database, the city or the request's context, which may be what failed."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.utils.translation import gettext

from citycomms.errors import server_error
from citycomms.models import CityHomePage

STYLESHEETS = ["/static/vendor/hds/hds.css", "/static/css/site.css"]
TITLES = {500: "Something went wrong", 503: "The service is temporarily unavailable"}


def handled(exception, path, **headers):
    """The 500 handler's answer while `exception` is being handled, as Django calls it."""
    request = RequestFactory().get(path, **headers)
    try:
        raise exception
    except type(exception):
        return server_error(request)


def check_error_page(response, status, language):
    """The page is the standalone error page, styled and in `language`, with nothing inline."""
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == language
    with translation.override(language):
        assert html.h1.get_text() == gettext(TITLES[status])
        assert html.select_one("header a.site-header__home")["href"] == f"/{language}/"
    assert [link["href"] for link in html.select('link[rel="stylesheet"]')] == STYLESHEETS
    assert html.select("main .site-width h1")
    assert html.select("[style], style, script") == []
    return html


# Not marked django_db: any database query fails the test (and would make the page the plain last resort).
@pytest.mark.parametrize(
    ("path", "headers", "language"),
    [
        ("/sv/nagon-sida/", {}, "sv"),
        ("/en/search/?q=x", {}, "en"),
        ("/fi/", {"HTTP_ACCEPT_LANGUAGE": "en"}, "fi"),  # the URL's prefix before the browser's wish
        ("/api/v2/pages/", {"HTTP_ACCEPT_LANGUAGE": "sv"}, "sv"),  # no prefix: the browser's
        ("/api/v2/pages/", {}, "fi"),  # neither: the site's default
    ],
)
def test_a_fault_answers_the_styled_500_page_in_the_readers_language_without_the_database(path, headers, language):
    check_error_page(handled(ValueError("a bug"), path, **headers), 500, language)


def test_a_database_error_answers_the_styled_503_page_with_retry_after():
    response = handled(OperationalError("connection refused"), "/sv/")
    check_error_page(response, 503, "sv")
    assert int(response["Retry-After"]) > 0


def test_the_error_pages_stylesheets_are_the_built_ones():
    # The design system's CSS is built by `make static`; the error pages link the files themselves.
    for url in STYLESHEETS:
        assert finders.find(url.removeprefix("/static/")), url


def test_static_files_not_collected_leave_the_500_page_unstyled_but_answering(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):  # no manifest there: {% static %} raises
        response = handled(ValueError("a bug"), "/fi/")
    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select('link[rel="stylesheet"]') == []
    assert html.h1 is not None


@pytest.mark.django_db
def test_a_page_that_fails_to_render_answers_the_500_page_through_the_whole_stack(helsinki, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug in a template tag")

    monkeypatch.setattr(CityHomePage, "serve", broken)
    response = Client(raise_request_exception=False).get("/sv/")
    check_error_page(response, 500, "sv")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "a bug in a template tag" not in response.content.decode()


def test_a_lost_database_answers_the_styled_503_page(database_down):
    # PostgreSQL out of reach (the fixture points the connection at a closed port): the whole stack's answer.
    response = Client(raise_request_exception=False).get("/en/")
    check_error_page(response, 503, "en")
