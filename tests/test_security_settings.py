"""Security and reliability: production settings and the /healthz and /readyz probes."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.conftest import REPO_ROOT

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
        "CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS",
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


def test_with_an_edge_in_front_no_worker_answers_from_its_own_memory():
    """A worker's own copy of a page, kept for a second, could be what the edge fetches again after a ban."""
    alone = production_settings(DJANGO_SECRET_KEY=a_secret_key())
    edge = production_settings(DJANGO_SECRET_KEY=a_secret_key(), VARNISH_URL="http://127.0.0.1:9")
    assert alone["CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS"] == 1
    assert edge["CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS"] == 0
