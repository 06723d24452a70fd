"""The bad day through a real Varnish: a Helsinki moderator publishes an alert in the admin, in Finnish, and a reader
whose front page Varnish already keeps sees it on the next load, in each language, without a wait.

Varnish (bench.varnish, the repository's VCL) stands in front of the browser tests' live server; the live server
purges it as production does (citycomms.edge.VarnishBackend). Needs varnishd and varnish-modules, as
tests/test_varnish_edge.py does: without them it skips, and fails in CI."""

import os
import time

import pytest

from announcements.models import Announcement
from bench.varnish import VARNISH_PACKAGES, Varnish, varnishd_path
from tests.browser.conftest import sign_in_to_the_admin

pytestmark = [pytest.mark.django_db, pytest.mark.browser, pytest.mark.varnish]

TEXTS = {"fi": "Vesikatko Kalliossa", "sv": "Vattenavbrott i Berghäll", "en": "Water cut in Kallio"}
FRONT_PAGES = {"fi": "/fi/", "sv": "/sv/", "en": "/en/"}


@pytest.fixture(scope="module")
def edge(demo):
    found = varnishd_path()
    if not found and not os.environ.get("CI"):
        pytest.skip(f"the edge journey needs varnishd and varnish-modules ({VARNISH_PACKAGES})")
    assert found, "CI must install varnish and varnish-modules (.ci/run)"
    varnish = Varnish(demo.port, varnishd=found)
    try:
        varnish.wait_until_serving()
        yield varnish
    finally:
        varnish.stop()


def kept_at_the_edge(browser, url):
    """Whether Varnish answers `url` from its copy within a few loads (the first makes it). Each load in a browser
    of its own: a browser that keeps the page asks Varnish only whether it changed, and shows its first answer."""
    for _load in range(4):
        context = browser.new_context()
        try:
            if context.new_page().goto(url).headers["x-cache"] == "hit":
                return True
        finally:
            context.close()
    return False


def shown_on_reload(page, text, within=3):
    """The element holding `text` once the reader's reloads (as a reader on a bad day does) bring it: the first may
    still be the old copy, which Varnish serves while it fetches the new one."""
    deadline = time.monotonic() + within
    while True:
        page.reload()
        found = page.get_by_text(text)
        if found.count():
            return found.first.locator("xpath=ancestor-or-self::*[@role][1]")
        assert time.monotonic() < deadline, f"{text} not shown within {within} s"
        time.sleep(0.1)


def test_a_moderators_alert_reaches_readers_of_kept_pages_at_once(
    browser, server_url, edge, settings, django_db_blocker
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "citycomms.edge.VarnishBackend", "LOCATION": f"http://127.0.0.1:{edge.port}"}
    }
    reader_context, moderator_context = browser.new_context(), browser.new_context(locale="fi-FI")
    reader, moderator = reader_context.new_page(), moderator_context.new_page()
    with django_db_blocker.unblock():  # the live server reads the database while it answers
        for path in FRONT_PAGES.values():
            reader.goto(f"http://localhost:{edge.port}{path}")  # the reader's browser keeps it too (max-age)
            assert kept_at_the_edge(browser, f"http://localhost:{edge.port}{path}"), path

        sign_in_to_the_admin(moderator, server_url("localhost", "/admin/login/"), "helsinki-moderator")
        moderator.goto(server_url("localhost", "/admin/snippets/announcements/announcement/add/"))
        moderator.get_by_label("Varoitus").check()  # an alert
        for code, text in TEXTS.items():
            moderator.fill(f"#id_text_{code}", text)
        moderator.get_by_role("button", name="Lisää toimintoja").click()
        moderator.get_by_role("button", name="Julkaise").click()
        moderator.wait_for_url("**/admin/snippets/announcements/announcement/")
        published = time.monotonic()

        try:
            assert Announcement.objects.get(text_fi=TEXTS["fi"]).live
            for code, path in FRONT_PAGES.items():
                reader.goto(f"http://localhost:{edge.port}{path}")
                alert = shown_on_reload(reader, TEXTS[code])
                assert alert.get_attribute("role") == "alert", code  # read out by screen readers
            shown_after = time.monotonic() - published
        finally:
            Announcement.objects.filter(text_fi=TEXTS["fi"]).delete()
            reader_context.close()
            moderator_context.close()
    assert shown_after < 5  # every language, reloads included; the crisis drill measures it to the millisecond
