"""Test runs: fast hashing, files in a throw-away folder, the database from DATABASE_URL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Wagtail serves documents from disk, so uploads need a real (temporary) folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="citycomms-test-media-"))
