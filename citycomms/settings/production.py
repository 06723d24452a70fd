"""Production: everything secret or site-specific comes from the environment.

DJANGO_SECRET_KEY       required; the app refuses to start without it
DJANGO_ALLOWED_HOSTS    comma-separated host names of the cities served
DATABASE_URL            e.g. postgres://user:password@host:5432/citycomms
REDIS_URL               the cache (redis://host:6379/0); a per-process memory cache without it
DJANGO_SECURE_SSL_REDIRECT   1 (default): redirect http to https; 0 when the proxy already does
DJANGO_SECURE_COOKIES   1 (default): session and CSRF cookies only over https
DJANGO_HSTS_SECONDS     default one year; 0 turns HSTS off
DJANGO_HSTS_INCLUDE_SUBDOMAINS, DJANGO_HSTS_PRELOAD   0 (default) or 1, see below
DJANGO_TRUSTED_PROXY_COUNT   proxies in front of the app that append to X-Forwarded-For
WAGTAILADMIN_BASE_URL   where notification emails link to the admin, e.g. https://www.hel.fi; default https://
                        and the first host of DJANGO_ALLOWED_HOSTS that is a name, not a pattern
VARNISH_URL             the Varnish in front (deploy/varnish/), e.g. http://varnish:80; purges go there
FRONTEND_CACHE_PURGE_URL, CLOUDFLARE_ZONE_ID and CLOUDFLARE_BEARER_TOKEN   other caches in front, see below
EDGE_WORKER             1 (default): purges run in `manage.py db_worker --backend edge`; 0: in the request
HTTP_CACHE_*            how long browsers and the edge keep public responses (settings/base.py)
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_flag(name, default):
    """A "1"/"0" switch from the environment."""
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")

ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", ".localhost"]  # noqa: F405


def admin_base_url(hosts):
    """https:// and the first of `hosts` that is one host name (not ".example.fi" or "*")."""
    names = [host for host in hosts if not host.startswith(".") and "*" not in host]
    return f"https://{names[0]}" if names else "https://localhost"


# Emails sent in production must not point at a development server (base.py's default).
if not os.environ.get("WAGTAILADMIN_BASE_URL"):
    WAGTAILADMIN_BASE_URL = admin_base_url(ALLOWED_HOSTS)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Each gunicorn worker has its own local-memory cache, and a publish clears only
# the one of the worker that handled it: without Redis, other workers would keep
# serving the old page. So production caches pages (and keeps data) only with REDIS_URL set.
CITYCOMMS_CACHE_SHARED = bool(os.environ.get("REDIS_URL"))
CITYCOMMS_PAGE_CACHE_ENABLED = CITYCOMMS_PAGE_CACHE_ENABLED and CITYCOMMS_CACHE_SHARED  # noqa: F405

# TLS is expected to end at a proxy or load balancer in front of gunicorn. The proxy
# must set X-Forwarded-Proto itself (overwriting whatever the client sent), otherwise a
# client could claim https; every common proxy and cloud load balancer does.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", "1")
# Load balancers probe over plain http inside the network; a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
# includeSubDomains and preload are off by default on purpose: a city may serve this site
# from its apex domain (e.g. city.fi), and the header would then force https on every
# other subdomain of that domain, run by other departments we know nothing about; preload
# would make that permanent in browsers. A city that owns its whole domain can turn them on.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "0")
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", "0")
SILENCED_SYSTEM_CHECKS = []
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")  # the decision above, not an oversight
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", "1")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# A CDN or Varnish in front: every change is sent there (citycomms.edge), from a background task. Off unless
# configured. VARNISH_URL is a Varnish running deploy/varnish/default.vcl, which soft-purges every URL of the
# sites that show the changed city; FRONTEND_CACHE_PURGE_URL an HTTP PURGE endpoint (another Varnish,
# Fastly-style) and Cloudflare a zone id and an API token: those purge the city's home and the changed pages in
# every language, URL by URL.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "citycomms.edge.VarnishBackend",
        "LOCATION": os.environ["VARNISH_URL"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID") and os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
    }
# With a cache in front, no worker keeps pages in its own memory (citycomms.cache.LocalPages): a ban that reached
# the edge within that window had the edge fetch the old page again from a worker's memory, and keep it for
# s-maxage (the crisis drill, bench/crisis.py, on 2026-12-06). The edge is where the speed is anyway.
if WAGTAILFRONTENDCACHE:
    CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = 0
# Not wagtail.contrib.frontend_cache's app: its signal handlers would purge one URL per publish, in the editor's
# request; citycomms.edge sends every change to these backends itself.
#
# The purges run in `manage.py db_worker --backend edge` (docker-compose.yml's worker), from the database;
# EDGE_WORKER=0 runs them in the request that made the change instead, for an installation without a worker.
if env_flag("EDGE_WORKER", "1"):
    TASKS["edge"] = {"BACKEND": "django_tasks_db.DatabaseBackend"}  # noqa: F405
