"""The page cache shared through Redis, the process's own memory in front of it, and production's choice."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from citycomms.cache import GENERATION_KEY, local_pages
from departments.models import DepartmentPage
from tests.caching.conftest import TEST_REDIS_URL, URLS, get, is_hit

pytestmark = pytest.mark.django_db


def test_redis_serves_the_second_request_and_a_publish_clears_it(client, department, redis_cache):
    client.get(URLS["sv"])
    response, queries = get(client, URLS["sv"])
    assert is_hit(response) and queries == 0
    assert redis_cache.dbsize() >= 2  # the page and the generation token are really in Redis

    department.title_sv = "Nytt namn"
    department.save_revision().publish()
    response, queries = get(client, URLS["sv"])
    assert not is_hit(response) and "Nytt namn" in response.content.decode()


@pytest.mark.parametrize(("local_seconds", "asks_redis"), [(30, False), (0, True)])
def test_a_page_served_again_soon_comes_from_the_process_memory(
    client, department, settings, redis_reads, local_seconds, asks_redis
):
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = local_seconds
    client.get(URLS["fi"])
    redis_reads.clear()
    response = client.get(URLS["fi"])
    assert is_hit(response) and "Liisa Kivelä" in response.content.decode()
    assert bool(redis_reads) is asks_redis


def test_a_change_made_in_another_process_shows_here_once_the_local_window_ends(
    client, department, settings, redis_cache, monkeypatch
):
    """Another gunicorn worker publishes: it replaces the token in Redis. This process reads the token again
    CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS after its last read (pages served from its memory meanwhile do not
    extend that), and from then on serves the new page. The process's clock is the test's."""
    now = [time.monotonic() + 3600]  # after any read an earlier test made
    monkeypatch.setattr("citycomms.cache.time.monotonic", lambda: now[0])
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = 2
    client.get(URLS["fi"])
    DepartmentPage.objects.filter(pk=department.pk).update(title_fi="Toisen prosessin otsikko")
    caches["default"].set(GENERATION_KEY, "made-by-another-process", timeout=None)

    now[0] += 1.5
    assert is_hit(client.get(URLS["fi"]))  # within the window: this process's copy
    now[0] += 0.6
    response = client.get(URLS["fi"])
    assert not is_hit(response) and "Toisen prosessin otsikko" in response.content.decode()


def test_a_slow_read_of_the_token_does_not_bring_back_one_a_change_here_retired(department):
    """Threads: one reads the token, another publishes, then the first's answer arrives."""
    local_pages.saw("new", time.monotonic())
    local_pages.saw("old", time.monotonic() - 0.01)  # asked before the change
    assert local_pages.token == "new"


def test_the_process_memory_keeps_pages_up_to_its_size(client, department, settings, redis_reads):
    """Room for one page and a half: the page served before the last one goes back to Redis."""
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = 30
    size = len(client.get(URLS["fi"]).content)
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_BYTES = size * 3 // 2
    client.get(URLS["sv"])

    redis_reads.clear()
    assert is_hit(client.get(URLS["sv"])) and redis_reads == []  # the last page served: from this process
    assert is_hit(client.get(URLS["fi"])) and redis_reads  # the one before it went: from Redis


def test_production_keeps_the_media_directory_only_in_a_shared_redis():
    assert production_settings()["shared"] is False  # each worker's memory: a change elsewhere would not show
    assert production_settings(REDIS_URL=TEST_REDIS_URL)["shared"] is True


def production_settings(**env):
    """The production settings as the environment `env` makes them, read in a fresh interpreter."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
        "'page_cache': settings.CITYCOMMS_PAGE_CACHE_ENABLED, 'shared': settings.CITYCOMMS_CACHE_SHARED, "
        "'cache': settings.CACHES['default']['BACKEND'], "
        "'frontend': settings.WAGTAILFRONTENDCACHE, "
        "'frontend_app': 'wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS}))"
    )
    keep = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "DATABASE_URL")}
    environ = {**keep, "DJANGO_SETTINGS_MODULE": "citycomms.settings.production", "DJANGO_SECRET_KEY": "x", **env}
    result = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_production_caches_pages_only_in_a_shared_redis():
    assert production_settings() == {
        "page_cache": False,
        "shared": False,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "frontend": {},
        "frontend_app": False,
    }
    with_redis = production_settings(REDIS_URL=TEST_REDIS_URL)
    assert with_redis["page_cache"] is True
    assert with_redis["cache"] == "citycomms.redis_cache.RedisCache"


def test_production_purges_a_frontend_cache_when_one_is_configured():
    configured = production_settings(FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081")
    # citycomms.edge sends every change there from a task; Wagtail's app would purge one URL in the editor's request.
    assert configured["frontend_app"] is False
    assert configured["frontend"]["http"]["LOCATION"] == "http://varnish.internal:6081"
