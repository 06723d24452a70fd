"""Accessibility in a real browser: axe-core, keyboard use, reflow, headings and alt text on the demo cities."""

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from wagtail.models import get_page_models

from departments.models import DepartmentPage
from tests.browser.conftest import WCAG_21_AA

# The browser tests read the demo the package loads once; what a test writes is rolled back.
pytestmark = pytest.mark.django_db

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}


HEADING_LEVELS = "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]))"

# What keyboard users see of the focused element, and whether it sits inside the viewport.
ACTIVE_ELEMENT = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: el.textContent.trim(),
        inSwitcher: Boolean(el.closest('.language-switcher')),
        onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= innerHeight && box.right <= innerWidth
            && style.visibility === 'visible' && style.opacity !== '0',
    };
}"""

FOCUS_INDICATOR = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"


def describe_violations(violations):
    """axe's findings, one rule per line with the elements it failed on."""
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        lines.extend(f"      {' '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


def heading_problems(levels):
    """What is wrong with a page's heading levels, in document order: one h1 first, no level skipped going down."""
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements")
    if levels and levels[0] != 1:
        problems.append(f"first heading is h{levels[0]}")
    problems.extend(
        f"h{before} followed by h{after}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    )
    return problems


def has_focus_indicator(style):
    outline_style, outline_width, box_shadow = style
    return (outline_style != "none" and outline_width != "0px") or box_shadow != "none"


def url_of(page, language, server_url, hostname="localhost"):
    with translation.override(language):
        _site_id, _root_url, path = page.get_url_parts()
    return server_url(hostname, path)


def helsinki_department():
    return DepartmentPage.objects.live().get(slug_fi="viestintaosasto")


@dataclass(frozen=True)
class PageCheck:
    """What the browser saw of one page: its status, axe's violations, its headings, its width at 320 px."""

    url: str
    page: object  # the Wagtail page, None for a 404 page
    status: int
    violations: list
    heading_levels: list
    width_at_320: int
    has_documents: bool


@pytest.fixture(scope="module")
def checked_pages(browser, demo_pages, not_found_urls, django_db_blocker):
    """Every demo page in every language, and every city's 404 page, each loaded once for all the checks.

    Loading a page is most of a check's cost; the reflow check only resizes
    the viewport of the page already loaded. The live server reads the
    database while it answers, so this walk needs the database unblocked.
    """
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    axe = Axe()
    targets = [(demo_page.url, demo_page.page) for demo_page in demo_pages] + [(url, None) for url in not_found_urls]
    with django_db_blocker.unblock():
        checks = [check_page(page, axe, url, wagtail_page) for url, wagtail_page in targets]
    context.close()
    return checks


def check_page(page, axe, url, wagtail_page):
    response = page.goto(url)
    violations = axe.run(page, options=WCAG_21_AA).response["violations"]
    levels = page.evaluate(HEADING_LEVELS)
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    documents = page.locator(".document-list").count() > 0
    return PageCheck(url, wagtail_page, response.status, violations, levels, width, documents)


@pytest.mark.browser
def test_axe_finds_no_wcag_21_aa_violations_on_any_demo_page(checked_pages):
    assert [check.status for check in checked_pages] == [200 if check.page else 404 for check in checked_pages]
    failures = [f"{check.url}\n{describe_violations(check.violations)}" for check in checked_pages if check.violations]
    count = len(checked_pages)
    assert not failures, f"axe found violations on {len(failures)} of {count} pages:\n" + "\n".join(failures)


@pytest.mark.browser
def test_every_demo_page_has_one_h1_and_no_skipped_heading_levels(checked_pages):
    failures = [
        f"{check.url}: {', '.join(heading_problems(check.heading_levels))}"
        for check in checked_pages
        if heading_problems(check.heading_levels)
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("levels", "problem"),
    [
        ([1, 3], "h1 followed by h3"),
        ([1, 2, 1], "2 h1 elements"),
        ([2, 1], "first heading is h2"),
        ([2], "0 h1 elements"),
    ],
)
def test_heading_check_reports_bad_outlines(levels, problem):
    assert problem in heading_problems(levels)


def test_heading_check_accepts_going_back_up_any_number_of_levels():
    assert heading_problems([1, 2, 3, 4, 2, 3, 2]) == []


@pytest.mark.browser
def test_every_page_type_reflows_at_320_css_pixels(checked_pages):
    # WCAG 1.4.10: at 320 CSS pixels wide nothing may need horizontal scrolling.
    too_wide = [f"{check.url}: {check.width_at_320} px" for check in checked_pages if check.width_at_320 > 320]
    assert not too_wide, "\n".join(too_wide)
    # Every page type an editor can create is in the demo, so every one is checked.
    types = {type(check.page) for check in checked_pages if check.page}
    assert types == {model for model in get_page_models() if model.is_creatable}
    assert any(check.has_documents for check in checked_pages), "no demo page with a document list was checked"


SKIP_LINK_TEXTS = {"fi": "Siirry sisältöön", "sv": "Hoppa till innehållet", "en": "Skip to content"}


@pytest.mark.browser
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page, server_url):
    department = helsinki_department()
    for language, text in SKIP_LINK_TEXTS.items():
        page.goto(url_of(department, language, server_url))
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE_ELEMENT)
        assert (focused["tag"], focused["text"]) == ("a", text), language
        assert focused["onScreen"], f"the focused skip link is not visible ({language})"
        page.keyboard.press("Enter")
        focused = page.evaluate(ACTIVE_ELEMENT)
        assert (focused["tag"], focused["id"]) == ("main", "main"), language


@pytest.mark.browser
def test_language_switcher_works_by_keyboard_with_a_visible_focus(page, server_url):
    department = helsinki_department()
    page.goto(url_of(department, "fi", server_url))
    swedish = page.locator(".language-switcher a", has_text="Svenska")
    unfocused = swedish.evaluate(FOCUS_INDICATOR)
    assert not has_focus_indicator(unfocused)
    for _tab in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE_ELEMENT)
        if focused["inSwitcher"]:
            style = page.evaluate(f"() => ({FOCUS_INDICATOR})(document.activeElement)")
            assert has_focus_indicator(style), f"{focused['text']} has no visible focus"
        if focused["text"] == "Svenska":
            break
    else:
        pytest.fail("Tab never reached the Svenska link")
    assert swedish.evaluate(FOCUS_INDICATOR) != unfocused
    page.keyboard.press("Enter")
    page.wait_for_url(url_of(department, "sv", server_url))
    assert page.evaluate("document.documentElement.lang") == "sv"


PORTRAITS = [
    ("localhost", "fi", "viestintaosasto", "Liisa Kivelä"),
    ("localhost", "sv", "viestintaosasto", "Liisa Kivelä"),
    ("goteborg.localhost", "en", "omrade-kommunikation", "Helena Mehner"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("hostname", "language", "slug", "name"), PORTRAITS)
def test_contact_photos_are_named_in_their_alt_text(page, server_url, hostname, language, slug, name):
    department = DepartmentPage.objects.live().get(slug=slug)
    page.goto(url_of(department, language, server_url, hostname=hostname))
    card = page.locator(".contact-card", has_text=name).first
    assert card.locator("img.contact-card__photo").get_attribute("alt") == name
