"""Paths outside the public pages' language prefix."""

# The admin, files, the API and the probes: they never redirect to a language and never look up the Site (/healthz
# answers without the database).
UNPREFIXED = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/favicon.ico", "/healthz", "/readyz")
# The read API: in the language its ?lang= names, the same for every reader; kept in the page cache like pages.
API = ("/api/v2/",)
# Never answered from the page cache, which would cost a cache read: the admin, files and the probes.
NOT_PAGE_CACHED = tuple(path for path in UNPREFIXED if path != "/api/")
# Files, the same whatever the reader's language.
FILES = ("/documents/", "/static/", "/media/")
