"""Paths outside the public pages' language prefix."""

# The admin, files, the API and the probes: they never redirect to a language, never look up the Site (/healthz
# answers without the database) and are never answered from the page cache (which would cost a cache read).
UNPREFIXED = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/favicon.ico", "/healthz", "/readyz")
# Files, the same whatever the reader's language.
FILES = ("/documents/", "/static/", "/media/")
