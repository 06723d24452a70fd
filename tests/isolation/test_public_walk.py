"""Each city sealed off (issue 14): a city's public and file routes, walked anonymously and as the other
city's staff, show only the city's public content."""

import pytest

from tests.conftest import CITY_SITES
from tests.isolation.city_content import PUBLIC_KINDS, marker
from tests.isolation.conftest import other
from tests.isolation.public_walk import public_walk
from tests.isolation.walker import Walker, walk_one

pytestmark = pytest.mark.django_db


# The other city's editor stands for its staff: a moderator is an editor with more rights in the admin only.
PUBLIC_READERS = [(key, reader) for key in CITY_SITES for reader in ("anonymous", "editor")]


@pytest.mark.parametrize(("key", "reader"), PUBLIC_READERS)
def test_a_citys_site_shows_only_its_public_content_to_the_public_and_other_cities_staff(world, key, reader):
    """Each public and file route of the city's site, anonymously and as the other city's staff: only the city's
    public content, nothing of the other city, no file of a staff-only collection, no server error."""
    x, y = world[key], other(world, key)
    user = None if reader == "anonymous" else y.users[reader]
    walker = Walker(user, x.host)
    allowed = {marker(x.code, kind) for kind in PUBLIC_KINDS}
    if user is not None:
        allowed.add(user.username)  # a signed-in reader may see their own name
    forbidden = [item for item in x.markers + y.markers if item not in allowed]
    problems, done = [], set()
    for hit in public_walk(x, y):
        if hit.key not in done:
            done.add(hit.key)
            problems += walk_one(walker, hit, forbidden)
    who = reader if user is None else user.username
    assert problems == [], f"{len(problems)} problems on {x.host} for {who}:\n" + "\n".join(problems)
