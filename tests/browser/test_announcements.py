"""Announcements in a real browser: an alert is one to screen readers (role="alert"), each type looks different,
and axe finds no WCAG 2.1 A/AA violation on a page showing all three."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Site

from announcements.models import ALERT, ATTENTION, NOTIFICATION, Announcement
from tests.browser.conftest import WCAG_21_AA

# Marked like the other browser modules (the demo is loaded once, for the package); the announcements themselves are
# committed by a module fixture before any test's transaction, so that the live server's own connection sees them.
pytestmark = [pytest.mark.django_db, pytest.mark.browser]


TEXTS = {
    ALERT: {"text_fi": "Evakuointi Kalasatamassa", "text_sv": "Evakuering i Fiskehamnen", "text_en": "Evacuation"},
    ATTENTION: {"text_fi": "Katutöitä", "text_sv": "Gatuarbeten", "text_en": "Roadworks"},
    NOTIFICATION: {"text_fi": "Uusi palvelu", "text_sv": "Ny tjänst", "text_en": "A new service"},
}


@pytest.fixture(scope="module")
def announced(demo, django_db_blocker):
    """One announcement of each type on every page of Helsinki, committed for the live server; removed after.

    The browser tests' database is the demo, loaded once: what this module adds, it takes away again."""
    with django_db_blocker.unblock():
        home = Site.objects.get(is_default_site=True).root_page.specific
        made = [
            Announcement.objects.create(city=home, kind=kind, link_sv="https://www.hel.fi/sv/", **texts)
            for kind, texts in TEXTS.items()
        ]
    yield made
    with django_db_blocker.unblock():
        Announcement.objects.filter(pk__in=[item.pk for item in made]).delete()


def test_an_alert_is_read_out_each_type_looks_different_and_axe_finds_nothing(
    page, server_url, announced, django_db_blocker
):
    with django_db_blocker.unblock():  # the live server reads the database while it answers
        page.goto(server_url("localhost", "/sv/"))
        alerts = page.get_by_role("alert")
        backgrounds = {
            kind: page.locator("main .page-notice", has_text=texts["text_sv"]).evaluate(
                "notice => getComputedStyle(notice).backgroundColor"
            )
            for kind, texts in TEXTS.items()
        }
        violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert alerts.count() == 1 and "Evakuering i Fiskehamnen" in alerts.inner_text()
    assert len(set(backgrounds.values())) == 3, backgrounds  # the demo's own notification may show too
    assert violations == [], [(item["id"], [node["target"] for node in item["nodes"]]) for item in violations]
