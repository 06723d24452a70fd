"""Open data in a browser (issue 18, item 4): from a Helsinki page's footer, in Finnish, to the open data page with
its licence and downloads; the Popolo JSON its link gives validates against the repository's JSON Schema, which
its other link serves; axe finds nothing wrong on the page."""

import json
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from jsonschema import Draft202012Validator

from opendata.views import SCHEMA
from tests.browser.conftest import WCAG_21_AA

# The browser tests read the demo the package loads once; what a test writes is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.browser]

FILES = ["organisation.json", "organizations.csv", "posts.csv", "persons.csv", "memberships.csv"]


def test_a_developer_follows_the_footer_to_the_open_data_and_downloads_valid_popolo(page, server_url, tmp_path):
    page.goto(server_url("localhost", "/fi/viestintaosasto/"))
    page.locator("footer.site-footer").get_by_role("link", name="Avoin data", exact=True).click()
    page.wait_for_url("**/fi/avoin-data/")
    main = page.locator("main")
    assert main.locator("h1").inner_text() == "Avoin data"

    licence = main.locator("a[rel=license]")
    assert licence.inner_text() == "CC BY 4.0"
    assert licence.get_attribute("href") == "https://creativecommons.org/licenses/by/4.0/deed.fi"
    for name in FILES:
        assert main.get_by_role("link", name=name, exact=True).is_visible(), name
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=tmp_path / "open-data-fi.png", full_page=True)

    popolo = page.request.get(
        urljoin(page.url, main.get_by_role("link", name="organisation.json").get_attribute("href"))
    )
    assert popolo.ok and popolo.headers["content-type"] == "application/json"
    schema = page.request.get(
        urljoin(page.url, main.locator("a[type='application/schema+json']").get_attribute("href"))
    )
    assert schema.ok and schema.json() == json.loads(SCHEMA.read_text())
    data = popolo.json()
    errors = [error.message for error in Draft202012Validator(schema.json()).iter_errors(data)]
    assert errors == []
    # Addresses are the site's own (its configured host and port), as Wagtail's full URLs are.
    assert data["meta"]["language"] == "fi" and urlsplit(data["meta"]["documentation"]).path == "/fi/avoin-data/"
    assert "Viestintäosasto" in [item["name"] for item in data["organizations"]]
