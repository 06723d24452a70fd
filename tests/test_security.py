"""Security and reliability: production settings, probes, headers, sign-in throttling, uploads."""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from citycomms.headers import client_ip, permissions_policy
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import edit_form_values

REPO_ROOT = Path(__file__).resolve().parent.parent

# --- production settings (in a fresh interpreter: they read the environment at import) ----


def run_with_production_settings(code, **env):
    """Runs `code` after django.setup() under production settings and returns the finished process."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "AXES_"))}
    environ.update(DJANGO_SETTINGS_MODULE="citycomms.settings.production", **env)
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def production_settings(**env):
    """The production settings that matter here, as the app would see them with `env`."""
    names = [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASES",
        "CACHES",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "DEBUG",
    ]
    code = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_with_production_settings(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def a_secret_key():
    return secrets.token_urlsafe(50)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings("print('started')")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "Set DJANGO_SECRET_KEY in the environment." in result.stderr


def test_production_passes_the_deploy_checks():
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    environ.update(
        DJANGO_SETTINGS_MODULE="citycomms.settings.production",
        DJANGO_SECRET_KEY=a_secret_key(),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_takes_secrets_hosts_database_and_cache_from_the_environment():
    key = a_secret_key()
    values = production_settings(
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS="www.hel.fi,goteborg.se",
        DATABASE_URL="postgres://cms:s3cret@db.internal:5433/citycomms",
        REDIS_URL="redis://cache.internal:6379/2",
    )
    assert values["SECRET_KEY"] == key
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["www.hel.fi", "goteborg.se"]
    database = values["DATABASES"]["default"]
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.internal",
        5433,
        "citycomms",
        "cms",
    )
    assert values["CACHES"]["default"]["BACKEND"] == "citycomms.redis_cache.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/2"


def test_production_defaults_are_strict_and_switchable():
    strict = production_settings(DJANGO_SECRET_KEY=a_secret_key())
    assert strict["SECURE_SSL_REDIRECT"] is True
    assert strict["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert strict["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert strict["SESSION_COOKIE_SECURE"] is True
    assert strict["SESSION_COOKIE_HTTPONLY"] is True
    assert strict["CSRF_COOKIE_SECURE"] is True

    relaxed = production_settings(
        DJANGO_SECRET_KEY=a_secret_key(),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_HSTS_PRELOAD="1",
    )
    assert relaxed["SECURE_SSL_REDIRECT"] is False
    assert relaxed["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert relaxed["SECURE_HSTS_PRELOAD"] is True


def test_production_redirects_http_but_lets_probes_through_and_sends_hsts_over_https():
    # No database here: /robots.txt redirects before any view runs, and /healthz needs none.
    code = """
import json
from django.test import Client
client = Client()
plain_probe = client.get("/healthz")
plain_page = client.get("/robots.txt")
proxied_probe = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "plain_probe": [plain_probe.status_code, plain_probe.content.decode()],
    "plain_page": [plain_page.status_code, plain_page.get("Location")],
    "hsts": proxied_probe.get("Strict-Transport-Security"),
}))
"""
    result = run_with_production_settings(code, DJANGO_SECRET_KEY=a_secret_key(), DJANGO_ALLOWED_HOSTS="testserver")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_probe"] == [200, "ok"]
    assert seen["plain_page"] == [301, "https://testserver/robots.txt"]
    assert seen["hsts"] == "max-age=31536000"


# --- /healthz and /readyz ----------------------------------------------------------------


def test_healthz_answers_without_database_or_site(client):
    # No db fixture: pytest-django fails any database access in this test.
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_readyz_reports_a_cache_that_does_not_answer(client):
    # A Redis cache on a port nothing listens on: the real client, a real refused connection.
    unreachable = {"default": {"BACKEND": "citycomms.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    with override_settings(CACHES=unreachable):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"unavailable: cache"


def test_readyz_reports_a_database_that_does_not_answer(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"unavailable: database"


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


# --- uploads -------------------------------------------------------------------------------------


def png_bytes(width, height, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_image(admin_client, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return admin_client.post("/admin/images/add/", {"title": name, "file": upload})


def file_error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["file"]]


@pytest.mark.django_db
def test_a_png_image_upload_is_accepted(admin_client):
    response = add_image(admin_client, "photo.png", png_bytes(40, 30), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="photo.png").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ],
)
def test_image_upload_refuses_formats_that_are_not_allowed(admin_client, name, content, content_type):
    response = add_image(admin_client, name, content, content_type)
    assert response.status_code == 200
    assert "invalid_image_extension" in file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_html_named_as_png(admin_client):
    response = add_image(admin_client, "page.png", b"<html><script>alert(1)</script></html>", "image/png")
    assert response.status_code == 200
    assert file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_a_decompression_bomb(admin_client):
    # 72 megapixels of one colour: a few kilobytes on disk, hundreds of megabytes decoded.
    bomb = png_bytes(9000, 8000, mode="1")
    assert len(bomb) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert 9000 * 8000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    response = add_image(admin_client, "bomb.png", bomb, "image/png")
    assert response.status_code == 200
    assert "file_too_many_pixels" in file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_a_file_over_the_size_limit(admin_client):
    oversized = png_bytes(10, 10) + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = add_image(admin_client, "big.png", oversized, "image/png")
    assert response.status_code == 200
    assert "file_too_large" in file_error_codes(response)


def add_document(admin_client, size):
    """An admin's upload of a PDF of `size` bytes through the documents' add form."""
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    upload = SimpleUploadedFile("raportti.pdf", content, content_type="application/pdf")
    return admin_client.post("/admin/documents/add/", {"title": "Raportti", "file": upload})


@pytest.mark.django_db
def test_a_document_over_10_mb_is_refused_with_a_message_naming_both_sizes(admin_client):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    response = add_document(admin_client, 11 * 1024 * 1024)
    assert response.status_code == 200
    assert "file_too_large" in file_error_codes(response)
    with translation.override("fi"):  # the admin's language
        message = gettext("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s.") % {
            "file_size": filesizeformat(11 * 1024 * 1024),
            "max_filesize": filesizeformat(10 * 1024 * 1024),
        }
    assert message.startswith("Tiedosto on liian suuri (11,0") and "10,0" in message
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_document_of_10_mb_is_accepted(admin_client):
    response = add_document(admin_client, 10 * 1024 * 1024)
    assert response.status_code == 302
    assert get_document_model().objects.get().file.size == 10 * 1024 * 1024


@pytest.mark.django_db
def test_document_upload_refuses_html(admin_client):
    upload = SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>", content_type="text/html")
    response = admin_client.post("/admin/documents/add/", {"title": "page", "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()
