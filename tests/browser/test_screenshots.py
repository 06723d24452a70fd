"""Screenshots of the public site, taken by the browser tests; `make screenshots` writes the README's into
docs/screenshots/, an ordinary run into a temporary folder (a test run changes no committed file).

Every public page type is also read on a 320 px wide phone: nothing may need scrolling sideways, axe finds
nothing (WCAG 2.1 A and AA, and 2.2's target size), and every link or button that stands on its own is at
least 24 × 24 CSS pixels to tap."""

import os
import struct
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from citycomms.models import AccessibilityStatementPage, InformationPage
from departments.models import DepartmentPage, TeamPage, UnitPage
from newsroom.models import NewsroomPage, PressReleasePage
from press.models import PressContactsPage

pytestmark = pytest.mark.django_db

README_SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"
DESKTOP, PHONE = 1280, 320
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

# Links, buttons and fields smaller than 24 × 24 CSS pixels that are not part of a sentence: a link that is all
# of its paragraph, list item or definition stands on its own and must be easy to tap.
SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select')]
    .filter(el => {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || el.closest('.visually-hidden')) return false;
        if (box.width >= 24 && box.height >= 24) return false;
        const words = node => node.textContent.replace(/\\s+/g, ' ').trim();
        const block = el.parentElement.closest('p, li, dd, div');
        return !block || words(block) === words(el);
    })
    .map(el => `"${el.textContent.trim()}" ${Math.round(el.getBoundingClientRect().width)}×`
        + `${Math.round(el.getBoundingClientRect().height)} px`)"""


def png_width(path):
    # A PNG's width is the big-endian integer at bytes 16–20 of its IHDR chunk.
    return struct.unpack(">I", path.read_bytes()[16:20])[0]


def path_of(page, language):
    with translation.override(language):
        _site_id, _root_url, path = page.get_url_parts()
    return path


def home_of(hostname):
    return Site.objects.get(hostname=hostname).root_page


def one_below(model, hostname):
    return model.objects.live().child_of(home_of(hostname)).get()


def helsinki_department(_hostname):
    return DepartmentPage.objects.get(slug_fi="viestintaosasto")


def below(model):
    return lambda hostname: one_below(model, hostname)


def first_of(model):
    return lambda hostname: model.objects.live().descendant_of(home_of(hostname)).order_by("path").first()


def page_at(find, query=""):
    """The path of the page `find` finds on a host, in a language, with `query`."""
    return lambda hostname, language: path_of(find(hostname), language) + query


def search_for(words):
    def path(_hostname, language):
        with translation.override(language):
            return f"{reverse('search')}?q={quote(words)}"

    return path


def missing(_hostname, language):
    return f"/{language}/no-such-page/"


def screenshot(page, name, tmp_path, readme):
    """A full-page screenshot: into docs/screenshots/ for the README with UPDATE_SCREENSHOTS=1, else aside."""
    folder = README_SCREENSHOTS if readme and os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    target = folder / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=target, full_page=True)
    return target


# name: (host, the page found on it, language, query string)
SHOTS = {
    "helsinki-fi": ("localhost", home_of, "fi", ""),
    "goteborg-sv": ("goteborg.localhost", home_of, "sv", ""),
    "stockholm-en": ("stockholm.localhost", home_of, "en", ""),
    "department-desktop": ("localhost", helsinki_department, "fi", ""),
    "media-contacts-fi": ("localhost", below(PressContactsPage), "fi", "?q=kivela"),
    "newsroom-goteborg-sv": ("goteborg.localhost", below(NewsroomPage), "sv", ""),
}


@pytest.mark.browser
@pytest.mark.parametrize("name", SHOTS)
def test_public_site_screenshots(page, server_url, name, tmp_path):
    hostname, find, language, query = SHOTS[name]
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    response = page.goto(server_url(hostname, path_of(find(hostname), language) + query))
    assert response.status == 200
    assert png_width(screenshot(page, name, tmp_path, readme=True)) == DESKTOP


# Every public page type on a phone, across the three cities and their languages; the README shows a few.
# name: (host, language, the path there, the answer's status, whether the README shows it)
PHONE_PAGES = {
    "home-mobile": ("localhost", "fi", page_at(home_of), 200, True),
    "department-mobile": ("localhost", "fi", page_at(helsinki_department), 200, True),
    "unit-mobile": ("goteborg.localhost", "sv", page_at(first_of(UnitPage)), 200, False),
    "team-mobile": ("localhost", "sv", page_at(first_of(TeamPage)), 200, False),
    "newsroom-mobile": ("stockholm.localhost", "sv", page_at(below(NewsroomPage)), 200, False),
    "release-mobile": ("localhost", "en", page_at(first_of(PressReleasePage)), 200, False),
    "media-contacts-mobile": ("localhost", "fi", page_at(below(PressContactsPage), "?q=kivela"), 200, True),
    "search-mobile": ("goteborg.localhost", "sv", search_for("kommunikation"), 200, False),
    "statement-mobile": ("stockholm.localhost", "en", page_at(below(AccessibilityStatementPage)), 200, False),
    "not-found-mobile": ("goteborg.localhost", "sv", missing, 404, False),
}


def check_on_a_phone(page, axe):
    """What a careful reader would notice on a phone: sideways scrolling, axe's findings, tiny targets."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE:
        problems.append(f"{width} px wide")
    problems += [f"axe: {violation['id']}" for violation in axe.run(page, options=AXE_RULES).response["violations"]]
    problems += [f"small target {target}" for target in page.evaluate(SMALL_TARGETS)]
    return problems


@pytest.mark.browser
def test_every_page_type_reads_well_on_a_320_px_phone(browser, server_url, tmp_path):
    context = browser.new_context(viewport={"width": PHONE, "height": 640})
    page, axe, problems = context.new_page(), Axe(), {}
    for name, (hostname, language, path, status, readme) in PHONE_PAGES.items():
        response = page.goto(server_url(hostname, path(hostname, language)))
        assert response.status == status, name
        problems[name] = check_on_a_phone(page, axe)
        assert png_width(screenshot(page, name, tmp_path, readme)) == PHONE
    # An information page is for the city's staff in the demo: the sign-in prompt first, then the page.
    information = first_of(InformationPage)("localhost")
    page.goto(server_url("localhost", path_of(information, "fi")))
    problems["sign-in-mobile"] = check_on_a_phone(page, axe)
    page.fill("input[name=username]", "helsinki-staff")
    page.fill("input[name=password]", "citycomms-helsinki-staff")
    page.locator("form.signin-form button[type=submit]").click()
    page.wait_for_url(server_url("localhost", path_of(information, "fi")))
    problems["information-mobile"] = check_on_a_phone(page, axe)
    screenshot(page, "information-mobile", tmp_path, readme=False)
    context.close()
    assert {name: found for name, found in problems.items() if found} == {}
