"""The Content-Security-Policy in a real browser: public pages and the Wagtail admin work under it,
and the page editor's preview still shows the page in its iframe."""

import pytest
from django.utils import translation

from departments.models import DepartmentPage

# The browser tests read the demo the package loads once; what a test writes is rolled back.
pytestmark = pytest.mark.django_db


def watch_csp_violations(page):
    """Collects Chromium's console reports of anything the Content-Security-Policy refused."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def department():
    return DepartmentPage.objects.live().get(slug_fi="viestintaosasto")


@pytest.mark.browser
def test_public_pages_load_everything_under_the_strict_policy(page, server_url):
    refused = watch_csp_violations(page)
    with translation.override("fi"):
        _site_id, _root_url, department_path = department().get_url_parts()
    urls = [
        server_url("localhost", "/fi/"),
        server_url("localhost", department_path),
        server_url("localhost", "/fi/search/?q=viestintä"),
        server_url("localhost", "/fi/no-such-page/"),
        server_url("goteborg.localhost", "/sv/"),
    ]
    for url in urls:
        response = page.goto(url)
        policy = dict(part.split(maxsplit=1) for part in response.headers["content-security-policy"].split(";"))
        # django-csp writes the directives in no fixed order, so compare them by name.
        assert policy["script-src"] == "'self'", url
        # The stylesheets really applied: the skip link is moved off-screen by site.css.
        assert page.locator(".skip-link").bounding_box()["y"] < 0, url
    assert refused == []


@pytest.mark.browser
def test_admin_page_editor_and_its_preview_work_under_the_admin_policy(page, server_url):
    refused = watch_csp_violations(page)
    page.goto(server_url("localhost", "/admin/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "citycomms-admin")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(server_url("localhost", f"/admin/pages/{department().pk}/edit/"))
    page.locator("input[name=title_fi]").wait_for()
    page.click("[data-side-panel-toggle=preview]")
    preview = page.frame_locator("#w-preview-iframe")
    heading = preview.locator("h1")
    heading.wait_for(timeout=15_000)

    # The preview speaks the editor's language, which follows the browser here.
    titles = {department().title_fi, department().title_sv, department().title_en}
    assert heading.inner_text().strip() in titles
    assert refused == []
