"""What the page cache tests share: a client of the default site, the department page and Redis."""

import os

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import PageContact

# A database of the machine's Redis that nothing else uses (the benchmark has 14); the Redis tests empty it.
# Each pytest-xdist worker (make test TEST_WORKERS=2) has its own: 13 for gw0, 15 for gw1.
TEST_REDIS_DATABASES = (13, 15)
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:])
TEST_REDIS_URL = f"redis://127.0.0.1:6379/{TEST_REDIS_DATABASES[WORKER]}"


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def department(helsinki):
    person = ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä", job_title_fi="johtaja")
    page = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintäosasto",
        title_sv="Kommunikationsavdelningen",
        title_en="Communications Department",
        slug_fi="viestintaosasto",
        slug_sv="kommunikationsavdelningen",
        slug_en="communications",
    )
    PageContact.objects.create(page=page, contact=person, sort_order=0)
    return page


URLS = {"fi": "/fi/viestintaosasto/", "sv": "/sv/kommunikationsavdelningen/", "en": "/en/communications/"}


def get(client, url, **extra):
    """The response and the number of SQL queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def is_hit(response):
    return response.get("X-Page-Cache") == "hit"


@pytest.fixture
def redis_cache(settings):
    """The default cache on a spare Redis database, emptied before and after the test."""
    settings.CACHES = {"default": {"BACKEND": "citycomms.redis_cache.RedisCache", "LOCATION": TEST_REDIS_URL}}
    server = redis.Redis.from_url(TEST_REDIS_URL)
    server.flushdb()
    yield server
    server.flushdb()


@pytest.fixture
def redis_reads(redis_cache, monkeypatch):
    """The reads this process asks of the cache, as they are made (Redis counts every client's)."""
    cache, reads = caches["default"], []
    for name in ("get", "get_many"):
        read = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *args, read=read, **kwargs: reads.append(args) or read(*args, **kwargs)
        )
    return reads
