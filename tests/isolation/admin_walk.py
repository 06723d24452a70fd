"""The admin walk: every admin URL pattern, each section walked in its module, and the patterns not walked."""

from tests.isolation.admin_files import walk_choosers, walk_collections, walk_files
from tests.isolation.admin_pages import walk_api, walk_pages
from tests.isolation.admin_site import (
    walk_account,
    walk_bulk,
    walk_reports,
    walk_settings,
    walk_sites_and_users,
    walk_workflows,
)
from tests.isolation.admin_snippets import walk_contact_import, walk_snippets

# --- the admin walk ----------------------------------------------------------------------------------------

# Admin patterns not walked, each with the reason.
NOT_APPLICABLE = {
    "admin/failwhale/": "Wagtail's error test view: raises on purpose for every signed-in user; names no object",
    "admin/logout/": "signs the walking user out; it concerns only the user's own session",
}


def admin_walk(o, me):
    """{route: [Hit]}: each admin pattern, requested with the ids of `o` (the other city) by staff of `me`."""
    walk = {}

    def add(route, *hits):
        walk.setdefault(route, []).extend(hits)

    walk_api(o, me, add)
    walk_pages(o, me, add)
    walk_choosers(o, me, add)
    walk_collections(o, me, add)
    walk_workflows(o, me, add)
    walk_reports(o, me, add)
    walk_account(o, me, add)
    walk_contact_import(o, me, add)
    walk_settings(o, me, add)
    walk_files(o, me, add)
    walk_snippets(o, me, add)
    walk_sites_and_users(o, me, add)
    walk_bulk(o, me, add)
    return walk
