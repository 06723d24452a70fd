"""Each city sealed off (issue 14): the isolation walk.

Two cities, each with content only its own staff may see, every piece of it named with a
marker that occurs nowhere else ("helsecret-draftpage", "gotsecret-staffdocument" …).
Signed in as each city's editor and as its moderator, every admin URL pattern is requested
with the other city's ids; state-changing ones are also POSTed to, and the database must be
unchanged. No response (body, headers, the messages it leaves for the next page, a CSV or
XLSX download unpacked) may carry a marker of the other city. The public routes and the file
routes of each city's site are walked anonymously and as the other city's staff: only the
city's public content may appear there.

The walk is driven by the URL configuration: a pattern that is neither walked (admin_walk(),
public_walk()) nor listed in NOT_APPLICABLE with the reason fails test_every_url_pattern_is_walked.
The walk's own checks are checked too: the markers are found by those allowed to see them, and every
POST it expects refused would change the database if it were allowed.

Each request is made in a savepoint rolled back after it, so the walk always finds the same content.

The walk's helpers are in this package's modules (city_content, hits, walker, admin_*, public_walk); the tests
in its test_*.py modules.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from citycomms.factories import make_city
from citycomms.roles import setup_city_roles
from tests.conftest import CITY_SITES, fresh_tree_root, quiet
from tests.isolation.city_content import build_city
from tests.isolation.walker import forget_caches

# A city's name is no secret on the public web, but another city's staff have no business with it in the
# admin: where it appears there (a group, a collection, a workflow, a task, a site named after the city),
# something of the other city is shown. Checked like the markers, and reported as "name".
CITY_NAMES = {
    key: [args[f"title_{code}"].lower() for code in ("fi", "sv", "en") if args[f"title_{code}"]]
    for key, args in CITY_SITES.items()
}


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """Both cities, their roles and their markers, in a transaction rolled back after the package's
    tests (built once for them all, as the walk's forms are read once: hits.FORMS)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            forget_caches()


def build_world():
    fresh_tree_root()
    # As tests/conftest.py's helsinki and goteborg fixtures make them; built once for the package here, as
    # building both cities' content takes seconds and every test only reads it (each request is rolled back).
    homes = {key: make_city(**args) for key, args in CITY_SITES.items()}
    roles = {item.home.pk: item for item in setup_city_roles(log=quiet)}
    cities = {key: build_city(key, home, site, roles[home.pk]) for key, (home, site) in homes.items()}
    # As a deployment does (tests/test_staff_only.py): the staff-only page and collection, made "for any signed-in
    # user" above, become the city's staff's.
    setup_city_roles(log=quiet)
    get_user_model().objects.create_superuser("walk-superuser", "walk-superuser@example.org", "x")
    return cities


def other(world, key):
    (found,) = [city for other_key, city in world.items() if other_key != key]
    return found
