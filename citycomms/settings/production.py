"""Production: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")

ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", ".localhost"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Each gunicorn worker has its own local-memory cache, and a publish clears only
# the one of the worker that handled it: without Redis, other workers would keep
# serving the old page. So production caches pages only with REDIS_URL set.
CITYCOMMS_PAGE_CACHE_ENABLED = CITYCOMMS_PAGE_CACHE_ENABLED and bool(os.environ.get("REDIS_URL"))  # noqa: F405

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# A CDN or Varnish in front: Wagtail purges a page's URL there when it is published
# or unpublished. Off unless configured. FRONTEND_CACHE_PURGE_URL is an HTTP purge
# endpoint (Varnish, Fastly-style); Cloudflare takes a zone id and an API token.
WAGTAILFRONTENDCACHE = {}
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
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
    # Slugs are translated, so another language's URL is not this one with its prefix swapped.
    WAGTAILFRONTENDCACHE_LANGUAGES = []
