"""The organisation chart in a browser (issue 18, item 3): Helsinki's in Finnish and Swedish and Göteborg's in
Swedish expose their departments, units and teams as lists in lists with headings by level, are used by keyboard,
pass axe, fit a phone, and print on A4 without the site's header, menu, breadcrumbs and footer."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from wagtail.models import Site

from departments.models import OrganisationChartPage
from tests.browser.conftest import WCAG_21_AA

pytestmark = pytest.mark.django_db

# On a phone, 2.2's target size too (tests/browser/test_screenshots.py reads every other page type so).
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
CHARTS = [("localhost", "fi"), ("localhost", "sv"), ("goteborg.localhost", "sv")]
FOCUSED = "() => [document.activeElement.tagName, Boolean(document.activeElement.closest('.org-chart__list'))]"
CHROME = [".site-header", ".main-menu", ".breadcrumbs", ".site-footer", ".skip-link"]
# An A4 sheet in PDF points (1/72 in): 210 × 297 mm.
A4_POINTS = (595, 842)


def chart_url(server_url, hostname, language):
    home = Site.objects.get(hostname=hostname).root_page
    chart = OrganisationChartPage.objects.live().child_of(home).get()
    with translation.override(language):
        _site_id, _root_url, path = chart.get_url_parts()
    return server_url(hostname, path)


def nesting(snapshot):
    """The (lists around it, heading level) of each heading in an ARIA snapshot, as a screen reader announces
    them: a line's ancestors are the lines above it indented less."""
    found, above = [], []  # above: (indent, is a list) of the lines enclosing the current one
    for line in snapshot.splitlines():
        indent = len(line) - len(line.lstrip())
        above = [(own, is_list) for own, is_list in above if own < indent]
        heading = re.match(r" *- heading .*\[level=(\d)\]", line)
        if heading:
            found.append((sum(is_list for _own, is_list in above), int(heading[1])))
        above.append((indent, bool(re.match(r" *- list[ :]", line))))
    return found


def mediabox(pdf):
    """The width and height, in whole points, of the first page of a PDF Chromium made."""
    match = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return round(float(match[1])), round(float(match[2]))


@pytest.mark.browser
@pytest.mark.parametrize(("hostname", "language"), CHARTS)
def test_the_chart_is_lists_in_lists_for_keyboard_and_screen_reader_and_prints_on_a4(
    page, server_url, hostname, language, tmp_path
):
    response = page.goto(chart_url(server_url, hostname, language))
    assert response.status == 200

    snapshot = page.locator("article.org-chart").aria_snapshot()
    levels = nesting(snapshot)
    # Departments (h2) in the outer list, units (h3) in a list inside a department's item, teams (h4) deeper.
    assert (1, 2) in levels and (2, 3) in levels, snapshot
    assert all(depth == level - 1 for depth, level in levels), snapshot
    assert re.search(r'- list "[^"]+":', snapshot), "the chart's list is not named by the page's title"

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    page.locator("main h1").click()  # start tabbing from the title, as after the skip link
    for _tab in range(3):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == ["A", True]:
            break
    assert page.evaluate(FOCUSED) == ["A", True], "Tab never reached the chart's first link"
    first = page.locator(".org-chart__name a").first
    target = first.get_attribute("href")
    screenshot = tmp_path / f"chart-{hostname}-{language}.png"
    page.screenshot(path=screenshot, full_page=True)

    page.emulate_media(media="print")
    for selector in CHROME:
        assert page.locator(selector).first.is_hidden(), f"{selector} shows in print"
    assert page.locator(".org-chart__name").first.is_visible()
    page.screenshot(path=tmp_path / f"chart-{hostname}-{language}-print.png", full_page=True)
    assert mediabox(page.pdf(prefer_css_page_size=True)) == A4_POINTS

    page.emulate_media(media="screen")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")


@pytest.mark.browser
def test_the_chart_reflows_on_a_320_px_phone_with_targets_big_enough_to_tap(browser, server_url, tmp_path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    axe, problems = Axe(), {}
    for hostname, language in CHARTS:
        page.goto(chart_url(server_url, hostname, language))
        width = page.evaluate("document.documentElement.scrollWidth")
        found = [f"{width} px wide"] if width > 320 else []
        found += [violation["id"] for violation in axe.run(page, options=WCAG_22_AA).response["violations"]]
        problems[hostname, language] = found
        page.screenshot(path=tmp_path / f"chart-{hostname}-{language}-phone.png", full_page=True)
    context.close()
    assert {key: found for key, found in problems.items() if found} == {}
