"""Screenshots of the public site, taken by the browser tests; `make screenshots` writes them into
docs/screenshots/ for the README, an ordinary run into a temporary folder (a test run changes no
committed file)."""

import os
import struct

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from departments.models import DepartmentPage
from newsroom.models import NewsroomPage
from press.models import PressContactsPage

pytestmark = pytest.mark.django_db

README_SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"
DESKTOP, PHONE = 1280, 320


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


# name: (host, the page found on it, language, query string, width)
SHOTS = {
    "helsinki-fi": ("localhost", home_of, "fi", "", DESKTOP),
    "home-mobile": ("localhost", home_of, "fi", "", PHONE),
    "goteborg-sv": ("goteborg.localhost", home_of, "sv", "", DESKTOP),
    "stockholm-en": ("stockholm.localhost", home_of, "en", "", DESKTOP),
    "department-desktop": ("localhost", helsinki_department, "fi", "", DESKTOP),
    "department-mobile": ("localhost", helsinki_department, "fi", "", PHONE),
    "media-contacts-fi": ("localhost", lambda host: one_below(PressContactsPage, host), "fi", "?q=kivela", DESKTOP),
    "newsroom-goteborg-sv": ("goteborg.localhost", lambda host: one_below(NewsroomPage, host), "sv", "", DESKTOP),
}


@pytest.mark.browser
@pytest.mark.parametrize("name", SHOTS)
def test_public_site_screenshots(page, server_url, name, tmp_path):
    hostname, find, language, query, width = SHOTS[name]
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(server_url(hostname, path_of(find(hostname), language) + query))
    assert response.status == 200
    folder = README_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    target = folder / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=target, full_page=True)
    assert png_width(target) == width
