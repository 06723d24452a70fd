"""Each city sealed off (issue 14): each city's editor and moderator walk every admin URL pattern with the
other city's ids; nothing of the other city shows and every POST is refused."""

import pytest

from tests.conftest import CITY_SITES
from tests.isolation.admin_walk import admin_walk
from tests.isolation.conftest import CITY_NAMES, other
from tests.isolation.walker import Walker, walk_one

pytestmark = pytest.mark.django_db


STAFF = [(key, role) for key in CITY_SITES for role in ("editor", "moderator")]


@pytest.mark.parametrize(("key", "role"), STAFF)
def test_the_admin_shows_and_accepts_nothing_of_another_city(world, key, role):
    """Every admin pattern, with the other city's ids: no marker or name of the other city in any response, no
    server error, and every POST refused with the database unchanged."""
    me, o = world[key], other(world, key)
    walker = Walker(me.users[role], me.host, own=me)
    forbidden, names = o.markers, CITY_NAMES[o.key]
    problems, done = [], set()
    for hits in admin_walk(o, me).values():
        for hit in hits:
            if hit.key in done or (hit.towards and role != "moderator"):
                continue
            done.add(hit.key)
            problems += walk_one(walker, hit, forbidden, names)
    assert problems == [], f"{len(problems)} problems for {me.users[role].username}:\n" + "\n".join(problems)
