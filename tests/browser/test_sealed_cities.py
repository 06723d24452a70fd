"""Each city sealed off, as its people meet it in a browser: a city's staff reader signs in and reads the
intranet while another city's editor is turned away; an editor's admin shows their own city only; every
contact photo a public page shows loads. Screenshots of each step go to the test's temporary folder."""

import pytest
from django.utils import translation

from citycomms.models import InformationPage
from departments.models import DepartmentPage
from tests.browser.conftest import sign_in, sign_in_to_the_admin

pytestmark = pytest.mark.django_db

GUIDELINES = "/fi/sisaisen-viestinnan-ohjeet/"


@pytest.mark.browser
def test_a_citys_staff_reader_reads_the_intranet_and_another_citys_editor_is_turned_away(
    browser, server_url, tmp_path
):
    guidelines = InformationPage.objects.get(slug_fi="sisaisen-viestinnan-ohjeet", url_path__contains="helsinki")
    staff_text = guidelines.intro_fi.split(".")[0]

    reader = browser.new_context(locale="fi-FI").new_page()
    reader.goto(server_url("localhost", GUIDELINES))
    assert reader.locator("h1").inner_text() == "Tämä sivu on henkilöstölle"
    assert staff_text not in reader.content()
    sign_in(reader, "helsinki-staff", button="main button[type=submit]")
    reader.wait_for_url(f"**{GUIDELINES}")
    assert staff_text in reader.locator("main").inner_text()
    reader.screenshot(path=tmp_path / "helsinki-staff-reads.png", full_page=True)

    outsider = browser.new_context(locale="sv-SE").new_page()
    outsider.goto(server_url("localhost", GUIDELINES))
    sign_in(outsider, "goteborg-editor", button="main button[type=submit]")
    outsider.wait_for_load_state()
    outsider.screenshot(path=tmp_path / "goteborg-editor-turned-away.png", full_page=True)
    assert staff_text not in outsider.content()
    assert "Tilisi ei voi avata tätä sivua" in outsider.locator("main").inner_text()


@pytest.mark.browser
def test_a_goteborg_moderators_admin_shows_goteborg_only(browser, server_url, tmp_path):
    page = browser.new_context(locale="sv-SE").new_page()
    sign_in_to_the_admin(page, server_url("goteborg.localhost", "/admin/login/"), "goteborg-moderator")
    helsinki_department = DepartmentPage.objects.get(slug_fi="viestintaosasto")

    page.goto(server_url("goteborg.localhost", "/admin/pages/search/?q=Viestintä"))
    page.screenshot(path=tmp_path / "search.png", full_page=True)
    assert "Viestintäosasto" not in page.locator("main").inner_text()

    refused = page.goto(server_url("goteborg.localhost", f"/admin/pages/{helsinki_department.pk}/edit/"))
    assert refused.status == 404
    assert "Viestintäosasto" not in page.content()

    page.goto(server_url("goteborg.localhost", "/admin/"))
    page.get_by_role("button", name="Rapporter").click()
    # The submenu's links are drawn after the click returns: read the menu once they are there.
    page.locator(".sidebar-sub-menu-panel a:visible").first.wait_for()
    menu = page.locator("nav").inner_text()
    page.screenshot(path=tmp_path / "reports-menu.png")
    assert "Översättningsstatus" in menu or "Translation status" in menu  # the city's own reports
    assert "Webbplatshistorik" not in menu and "Site history" not in menu


@pytest.mark.browser
def test_every_contact_photo_on_a_department_page_loads(page, server_url):
    department = DepartmentPage.objects.live().get(slug_fi="viestintaosasto")
    with translation.override("fi"):
        _site_id, _root_url, path = department.get_url_parts()
    page.goto(server_url("localhost", path))
    photos = page.locator("main img")
    assert photos.count() > 0
    for index in range(photos.count()):
        photo = photos.nth(index)
        photo.scroll_into_view_if_needed()
        loaded = photo.evaluate("image => image.complete && image.naturalWidth > 0")
        assert loaded, photo.get_attribute("src")
