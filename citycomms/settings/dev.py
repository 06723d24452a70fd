"""Local development: DEBUG on, every *.localhost city host allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", ".localhost", "127.0.0.1"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
