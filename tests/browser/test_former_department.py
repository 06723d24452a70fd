"""Seed 002's former department in a browser (issue 18): its notice is at the top, read before the text, its link
to the new department reached by keyboard, and axe finds nothing wrong on it in any of Helsinki's languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import WCAG_21_AA

pytestmark = pytest.mark.django_db

FOCUSED_LINK = "() => [document.activeElement.closest('.reorganisation-notice') !== null, location.pathname]"


@pytest.mark.browser
def test_the_former_department_says_where_its_work_went_accessibly(page, server_url):
    axe = Axe()
    for language, successor in [("fi", "/fi/viestintaosasto/"), ("sv", "/sv/kommunikationsavdelningen/")]:
        page.goto(server_url("localhost", f"/{language}/tietotekniikka-ja-viestintaosasto/"))
        notice = page.locator("main .reorganisation-notice")
        assert notice.is_visible()
        # Right below the title, before the lead.
        assert page.locator("main h1 + .reorganisation-notice").count() == 1
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()

        page.locator("main h1").click()  # start tabbing from the title, as after the skip link
        for _tab in range(5):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUSED_LINK)[0]:
                break
        assert page.evaluate(FOCUSED_LINK)[0], "the notice's link is not reached by Tab"
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{successor}")
