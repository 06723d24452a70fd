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
