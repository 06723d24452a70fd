"""Browser tests: the demo cities on a live server, driven by the system's Chromium.

Playwright's own browser downloads are never used: Debian's chromium is
(`.ci/run` installs it in CI). Without it the tests skip locally, and fail in CI.
"""

import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test.testcases import LiveServerThread
from django.utils import translation
from wagtail.models import Site

from citycomms.models import CitySettings

# Playwright's sync API keeps an asyncio event loop running in the test thread;
# without this Django refuses the ORM calls the tests make from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# What axe checks: WCAG 2.1 levels A and AA, the public sector's bar.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Quiet, offline Chromium: no sandbox (containers), no GPU, no update or sync traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class DemoPage:
    """One demo page in one language, as a reader's browser asks for it."""

    page: object
    language: str
    url: str

    def __str__(self):
        return f"{self.url} ({type(self.page).__name__})"


def assert_accessible(page):
    """axe finds no WCAG 2.1 A or AA violation on what `page` shows."""
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, username, button="button[type=submit]"):
    """On the sign-in form `page` shows, the demo user `username` signs in (password citycomms-<username>)."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"citycomms-{username}")
    page.click(button)


def sign_in_to_the_admin(page, login_url, username):
    """The demo user `username` signs in to the admin at `login_url` and lands on its dashboard."""
    page.goto(login_url)
    sign_in(page, username)
    page.wait_for_url("**/admin/")


def screenshot(page, folder, name):
    """The whole of what `page` shows, into `folder`/`name`.png."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium, once for the session; ended before the test databases are dropped (hence django_db_setup)."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop runs, asgiref gives this thread database connections of their own
        # (tests/conftest.py, serialized_migrated_state): closed here, or dropping the test database would
        # find them still open.
        connections.close_all()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: no cookies, history or focus left from another test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="package")
def demo(browser, django_db_setup, django_db_blocker):
    """The demo cities, loaded and committed once for all browser tests, served by a live server thread.

    pytest-django's live_server makes every test transactional, which empties
    the database after each one: the demo would be loaded again for every
    test, a quarter of a minute each. The tests are marked django_db instead,
    so what one writes is rolled back; when the browser tests end, the
    database gets back its migrated state (Wagtail's tree root, its groups)
    for the tests that follow.
    """
    with django_db_blocker.unblock():
        migrated_state = connection.creation.serialize_db_to_string()
        call_command("load_demo", stdout=StringIO())
    server = LiveServerThread("localhost", StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield server
    server.terminate()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_state)
        if connection.vendor == "postgresql":
            # Fresh planner statistics for the emptied tables: with the demo's, later tests' searches
            # took seconds each instead of milliseconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    # Wagtail caches the sites' root paths; flush sent no signal to clear them.
    cache.clear()


@pytest.fixture(scope="package")
def server_url(demo):
    """`server_url("goteborg.localhost", "/sv/")`: an address on the live server for a city's host."""
    port = demo.port

    def url(hostname, path):
        return f"http://{hostname}:{port}{path}"

    return url


@pytest.fixture(scope="package")
def demo_pages(server_url, django_db_blocker):
    """Every live demo page in every language its city offers, one host per city; a staff-only
    page as the public meets it, its sign-in prompt."""
    with django_db_blocker.unblock():
        return list(each_demo_page(server_url))


def each_demo_page(server_url):
    pages = []
    seen_roots = set()
    for site in Site.objects.order_by("-is_default_site", "hostname"):
        if site.root_page_id in seen_roots:
            continue
        seen_roots.add(site.root_page_id)
        languages = CitySettings.for_site(site).languages
        for page in site.root_page.get_descendants(inclusive=True).live().specific():
            for language in languages:
                with translation.override(language):
                    _site_id, _root_url, path = page.get_url_parts()
                pages.append(DemoPage(page, language, server_url(site.hostname, path)))
    return pages


@pytest.fixture(scope="package")
def not_found_urls(server_url, django_db_blocker):
    """A missing page's address on every city, in every language the city offers."""
    with django_db_blocker.unblock():
        return list(each_not_found_url(server_url))


def each_not_found_url(server_url):
    return [
        server_url(site.hostname, f"/{language}/no-such-page/")
        for site in Site.objects.order_by("hostname")
        for language in CitySettings.for_site(site).languages
    ]
