"""Each city sealed off (issue 14): the walk can fail. Its POSTs would change the database if they were
allowed, and its markers are found where they belong."""

import pytest
from django.contrib.auth import get_user_model

from tests.isolation.admin_walk import admin_walk
from tests.isolation.hits import G, P
from tests.isolation.walker import Walker, without_echo

pytestmark = pytest.mark.django_db


# --- the walk can fail --------------------------------------------------------------------------------------


def test_every_write_of_the_walk_would_change_the_database_if_it_were_allowed(world):
    """The walk's POSTs are writes a view accepts from someone allowed to make them, so that "the database is
    unchanged" means "refused": the superuser's POSTs to the other city's objects change it, and so do the
    moderator's POSTs of their own objects naming their own city's (the walk's "towards" ones, with `o` = `me`).
    Those that change nothing for anyone say why (`inert`)."""
    helsinki, goteborg = world["helsinki"], world["goteborg"]
    superuser = Walker(get_user_model().objects.get(username="walk-superuser"), helsinki.host, own=helsinki)
    moderator = Walker(helsinki.users["moderator"], helsinki.host, own=helsinki)
    writes = [(superuser, hit) for hits in admin_walk(goteborg, helsinki).values() for hit in hits if not hit.towards]
    writes += [(moderator, hit) for hits in admin_walk(helsinki, helsinki).values() for hit in hits if hit.towards]
    problems = []
    for walker, hit in writes:
        if hit.method != "POST":
            continue
        seen = walker.request(hit)
        if hit.inert and seen.changes:
            problems.append(f"POST {hit.path} is said to change nothing ({hit.inert}) but changed {seen.changes}")
        elif not hit.inert and not seen.changes and seen.status < 500:
            problems.append(f"POST {hit.path} → {seen.status} changed nothing: the walk's refusal proves nothing")
    assert problems == [], "\n".join(problems)


def test_the_markers_are_found_where_they_belong(world):
    """What the walk reads and how it searches finds a city's markers for those who may see them: in a search,
    a listing, tag suggestions, an unpacked XLSX export, a JSON answer, a message left for the next page, and
    the city's public and staff-only pages."""
    helsinki = world["helsinki"]
    draft, locked = helsinki.pages["draftpage"].pk, helsinki.pages["lockedpage"].pk
    expected = {
        (helsinki.users["moderator"], "GET", "/admin/pages/search/?q=helsecret"): "helsecret-draftpage",
        (helsinki.users["moderator"], "GET", "/admin/snippets/contacts/contactperson/?q=helsecret"): (
            "helsecret-persondraft"
        ),
        (helsinki.users["moderator"], "GET", "/admin/documents/?q=helsecret"): "helsecret-staffdocument",
        (helsinki.users["moderator"], "GET", "/admin/tag-autocomplete/?term=helsecret"): "helsecret-stafftag",
        (helsinki.users["moderator"], "GET", "/admin/snippets/contacts/contactperson/?export=xlsx"): (
            "helsecret-personsubmitted"
        ),
        (helsinki.users["moderator"], "GET", f"/admin/api/main/pages/{draft}/"): "helsecret-draftpage",
        (helsinki.users["editor"], "GET", "/admin/editorial/contact-checks/?export=xlsx"): "helsecret-servicepoint",
        (helsinki.users["moderator"], "POST", f"/admin/pages/{locked}/unlock/"): "helsecret-lockedpage",
        (helsinki.users["editor"], "GET", "/fi/helsecret-staffpage/"): "helsecret-personinternal",
        (None, "GET", "/fi/helsecret-department/"): "helsecret-personlive",
        (None, "GET", "/api/v2/contacts/?fields=*"): "helsecret-personlive",
    }
    missing = []
    for (user, method, path), string in expected.items():
        walker = Walker(user, helsinki.host, own=helsinki if user else None)
        seen = walker.request(G(path) if method == "GET" else P(path))
        if string not in without_echo(seen.text, path):
            missing.append(f"{method} {path} → {seen.status} lacks {string}")
    assert missing == [], "\n".join(missing)
