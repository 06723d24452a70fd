"""Journeys through the demo cities as a journalist and a reader take them, in a real browser.

Each starts where a visitor lands, the city's home page, or the search, and follows only links and forms a
visitor sees: no address typed halfway.
"""

import re

import pytest

# The browser tests read the demo the package loads once; what a test writes is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.browser]

MOST_CLICKS_TO_A_HEAD = 3


class Journey:
    """A visitor's clicks, counted."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0

    def click(self, locator):
        locator.click()
        self.page.wait_for_load_state()
        self.clicks += 1


def department_link(page, title):
    """The link to a department in the home page's list of departments (not a menu that may come and go)."""
    listing = page.locator("main section[aria-labelledby='departments-heading']")
    scope = listing if listing.count() else page.locator("main")
    return scope.get_by_role("link", name=title, exact=True).first


@pytest.mark.parametrize(
    ("host", "home", "steps", "head", "phone", "shown"),
    [
        # Göteborg in Swedish: the department, then its international unit, headed by Gunilla Bökmark.
        (
            "goteborg.localhost",
            "/sv/",
            ["Område kommunikation", "Internationell avdelning"],
            "Gunilla Bökmark",
            "tel:+46313650000",
            "031-365 00 00",
        ),
        # Helsinki in English, for an international journalist: the number with its country code.
        (
            "localhost",
            "/en/",
            ["Communications Department"],
            "Liisa Kivelä",
            "tel:+358931036211",
            "+358 9 310 36 211",
        ),
    ],
    ids=["goteborg-sv", "helsinki-en"],
)
def test_a_journalist_reaches_a_department_heads_phone_from_the_home_page(
    page, server_url, host, home, steps, head, phone, shown
):
    page.goto(server_url(host, home))
    journey = Journey(page)
    journey.click(department_link(page, steps[0]))
    for title in steps[1:]:
        journey.click(page.locator("main").get_by_role("link", name=title, exact=True).first)

    card = page.locator("main .contact-card", has_text=head).first
    link = card.locator(f"a[href='{phone}']")
    assert link.is_visible()
    assert link.inner_text() == shown
    assert journey.clicks <= MOST_CLICKS_TO_A_HEAD


def test_a_swedish_reader_of_helsinki_keeps_the_search_when_switching_language(page, server_url):
    page.goto(server_url("localhost", "/sv/search/"))
    page.locator("#search-query").fill("kivela")
    page.locator("#search-query").press("Enter")
    page.wait_for_url(re.compile(r"/sv/search/\?q=kivela$"))
    assert page.locator("main .contact-card__name", has_text="Liisa Kivelä").first.is_visible()

    page.locator(".language-switcher a", has_text="Suomi").click()

    page.wait_for_url(re.compile(r"/fi/search/\?q=kivela$"))
    assert page.evaluate("document.documentElement.lang") == "fi"
    assert page.locator("#search-query").input_value() == "kivela"
    assert page.locator("main .contact-card__name", has_text="Liisa Kivelä").first.is_visible()
