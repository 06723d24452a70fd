"""Screenshots of a department page, taken by the browser tests; `make screenshots` writes them into
docs/screenshots/ for the README, an ordinary run into a temporary folder (a test run changes no
committed file)."""

import os
import struct

import pytest
from django.conf import settings
from django.utils import translation

from departments.models import DepartmentPage

pytestmark = pytest.mark.django_db

README_SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


def png_width(path):
    # A PNG's width is the big-endian integer at bytes 16–20 of its IHDR chunk.
    return struct.unpack(">I", path.read_bytes()[16:20])[0]


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 800), ("mobile", 375, 812)])
def test_department_page_screenshots(page, server_url, name, width, height, tmp_path):
    department = DepartmentPage.objects.live().get(slug_fi="viestintaosasto")
    with translation.override("fi"):
        _site_id, _root_url, path = department.get_url_parts()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server_url("localhost", path))
    folder = README_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    target = folder / f"department-{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=target, full_page=True)
    assert png_width(target) == width
