"""Probes for load balancers and orchestrators: is the process up, and can it serve?"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness: answers "ok" without touching the database or cache, so a database
    outage never makes the orchestrator restart healthy app processes."""
    return _plain("ok", 200)


@never_cache
def readyz(request):
    """Readiness: 200 when the database and cache both answer, else 503 naming what failed,
    so the load balancer stops sending readers here until they recover."""
    failures = [name for name, check in (("database", _database_answers), ("cache", _cache_answers)) if not check()]
    if failures:
        return _plain(f"unavailable: {', '.join(failures)}", 503)
    return _plain("ok", 200)


def _database_answers():
    # A probe must always answer, so any error at all counts as "not ready".
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return False


def _cache_answers():
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.warning("Readiness: the cache does not answer", exc_info=True)
        return False


def _plain(text, status):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
