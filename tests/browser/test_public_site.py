"""The public site as readers use it in a browser: a journalist's way from a city's front page to its media
contacts, a keyboard-only reader's way through the main menu, reflow at 320 px and axe on the front and
department pages at a desktop's and a phone's width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from wagtail.models import Site

from citycomms.models import CitySettings
from departments.models import DepartmentPage
from press.models import PressContactsPage
from tests.browser.conftest import WCAG_21_AA

# The browser tests read the demo the package loads once; what a test writes is rolled back.
pytestmark = pytest.mark.django_db

HOSTS = ["localhost", "goteborg.localhost", "stockholm.localhost"]
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
WIDTHS = {"1280": DESKTOP, "320": NARROW}

# The focused element: its text, whether it is in the main menu, and whether it shows a focus indicator.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        text: el.textContent.trim(),
        inMenu: Boolean(el.closest('nav.main-menu')),
        indicated: (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none',
    };
}"""


def city(hostname):
    """(home page, its default language) of the city on `hostname`."""
    site = Site.objects.get(hostname=hostname)
    return site.root_page.specific, CitySettings.for_site(site).default_language


def path_of(page, language):
    with translation.override(language):
        _site_id, _root_url, path = page.get_url_parts()
    return path


def title_of(page, language):
    return getattr(page, f"title_{language}") or page.title


def first_department(home):
    return DepartmentPage.objects.live().child_of(home).first()


@pytest.mark.browser
@pytest.mark.parametrize("hostname", HOSTS)
def test_from_each_citys_home_a_journalist_reaches_the_media_contacts_in_one_click(page, server_url, hostname):
    home, language = city(hostname)
    press = PressContactsPage.objects.live().child_of(home).get()
    page.goto(server_url(hostname, path_of(home, language)))
    page.locator("nav.main-menu a", has_text=title_of(press, language)).click()
    page.wait_for_url(server_url(hostname, path_of(press, language)))
    assert page.locator("h1").inner_text() == title_of(press, language)


@pytest.mark.browser
def test_a_keyboard_only_reader_uses_the_main_menu(page, server_url):
    home, language = city("localhost")
    department = first_department(home)
    page.goto(server_url("localhost", path_of(home, language)))
    target = title_of(department, language)
    for _tab in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["inMenu"]:
            assert focused["indicated"], f"{focused['text']} has no visible focus"
        if focused["inMenu"] and focused["text"] == target:
            break
    else:
        pytest.fail(f"Tab never reached {target} in the main menu")
    page.keyboard.press("Enter")
    page.wait_for_url(server_url("localhost", path_of(department, language)))
    current = page.locator("nav.main-menu a[aria-current='page']")
    assert current.inner_text() == target


@pytest.fixture(scope="module")
def front_and_department_pages(django_db_blocker):
    """(hostname, path) of each city's front page and first department page, in its default language."""
    with django_db_blocker.unblock():
        pages = []
        for hostname in HOSTS:
            home, language = city(hostname)
            pages += [(hostname, path_of(home, language)), (hostname, path_of(first_department(home), language))]
        return pages


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_front_and_department_pages_pass_axe_and_reflow(browser, server_url, front_and_department_pages, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    axe = Axe()
    problems = []
    for hostname, path in front_and_department_pages:
        page.goto(server_url(hostname, path))
        violations = axe.run(page, options=WCAG_21_AA).response["violations"]
        problems += [f"{hostname}{path}: {violation['id']}" for violation in violations]
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTHS[width]["width"]:
            problems.append(f"{hostname}{path}: {scroll_width} px wide at {width} px")
    context.close()
    assert problems == []


@pytest.mark.browser
def test_long_words_are_never_broken_in_cards_at_320_px(page, server_url):
    """Cards' titles, contacts' job titles and the menu wrap between words, not inside one
    ("kommunikationsdirek/tör"): no word's letters lie on two lines. (The tests' Chromium has no hyphenation
    dictionaries, so a word on two lines was broken, not hyphenated.)"""
    home, language = city("goteborg.localhost")
    page.set_viewport_size(NARROW)
    page.goto(server_url("goteborg.localhost", path_of(first_department(home), language)))
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.page-list__link, .contact-card__title, .main-menu__link')]
            .flatMap(el => {
                const words = el.textContent.trim().split(/\\s+/);
                const range = document.createRange();
                const node = el.firstChild;
                if (!node || node.nodeType !== Node.TEXT_NODE) return [];
                let offset = node.textContent.indexOf(words[0]);
                return words.filter(word => {
                    const start = node.textContent.indexOf(word, offset);
                    offset = start + word.length;
                    range.setStart(node, start);
                    range.setEnd(node, start + word.length);
                    return range.getClientRects().length > 1;
                });
            })"""
    )
    assert broken == []
