"""Security: the security headers of public and admin responses, and admin sign-in throttling."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.translation import gettext

from citycomms.headers import client_ip, permissions_policy
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import REPO_ROOT, edit_form_values

# --- headers ----------------------------------------------------------------------------------


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def public_urls(helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    department.save_revision().publish()
    return ["/fi/", "/sv/", "/fi/viestintaosasto/", "/fi/search/?q=viestintä", "/fi/no-such-page/"] + [
        "/sitemap.xml",
        "/robots.txt",
        "/city.css",
        "/healthz",
        "/readyz",
    ]


@pytest.mark.django_db
def test_every_public_response_carries_the_security_headers(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        directives = csp_directives(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


def test_public_templates_have_no_inline_script_or_style():
    # The public policy refuses inline code, so a template that had some would break in browsers.
    offenders = []
    for template in (REPO_ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.IGNORECASE):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"<style\b|\sstyle=|\son[a-z]+=", text, re.IGNORECASE):
            offenders.append(f"{template}: inline style or event handler")
    assert offenders == []


def test_permissions_policy_header_format():
    assert permissions_policy({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"


@pytest.mark.django_db
def test_admin_gets_a_policy_it_can_work_with_and_still_refuses_framing(admin_client, helsinki):
    response = admin_client.get(f"/admin/pages/{helsinki.pk}/edit/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_admin_preview_of_a_page_may_be_framed_by_the_admin_itself(admin_client, helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    preview_url = f"/admin/pages/{department.pk}/edit/preview/"
    form = edit_form_values(admin_client.get(f"/admin/pages/{department.pk}/edit/").content.decode(), DepartmentPage)
    form["title_fi"] = "Esikatseltava osasto"
    assert admin_client.post(preview_url, form).json()["is_valid"] is True

    response = admin_client.get(f"{preview_url}?in_preview_panel=true")

    assert response.status_code == 200
    assert "Esikatseltava osasto" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


# --- admin sign-in throttling --------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "correct-horse-battery")


def sign_in(client, password, address="10.0.0.1", username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_admin_sign_in_works_with_the_right_password(client, editor):
    response = sign_in(client, "correct-horse-battery")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_account_out_for_that_address(client, editor):
    for attempt in range(1, 5):
        response = sign_in(client, f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    assert sign_in(client, "wrong-5").status_code == 429

    refused = sign_in(client, "correct-horse-battery")
    assert refused.status_code == 429
    # The admin speaks the project's default language, Finnish, to a browser that names none.
    with translation.override("fi"):
        message = gettext(
            "Too many failed sign-in attempts. Try again later, or ask an administrator to unlock your account."
        )
    assert message in refused.content.decode()
    assert client.get("/admin/").status_code == 302  # still signed out

    # Another address, or another user at this one, is not locked out.
    assert sign_in(client, "correct-horse-battery", address="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_axes_reset_unlocks(client, editor):
    for attempt in range(5):
        sign_in(client, f"wrong-{attempt}")
    assert sign_in(client, "correct-horse-battery").status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    assert sign_in(client, "correct-horse-battery").status_code == 302


@pytest.mark.django_db
def test_a_successful_sign_in_clears_earlier_failures(client, editor):
    for attempt in range(4):
        sign_in(client, f"wrong-{attempt}")
    assert sign_in(client, "correct-horse-battery").status_code == 302
    client.logout()
    for attempt in range(4):
        assert sign_in(client, f"wrong-again-{attempt}").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_address_behind_one_proxy_is_the_one_the_proxy_saw():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == "203.0.113.7"


def test_client_address_without_proxy_ignores_forwarded_for():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="203.0.113.7")
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_ip(request) == "203.0.113.7"
