"""Each city sealed off (issue 14): every URL pattern is walked, or listed as not applicable with the reason."""

import pytest

from tests.isolation.admin_walk import NOT_APPLICABLE, admin_walk
from tests.isolation.public_walk import every_route, public_walk, route_of

pytestmark = pytest.mark.django_db


def test_every_url_pattern_is_walked(world):
    """Every pattern of the URL configuration is walked or listed in NOT_APPLICABLE with the reason; each walked
    address answers to the pattern it is listed under."""
    helsinki, goteborg = world["helsinki"], world["goteborg"]
    walk = admin_walk(goteborg, helsinki)
    misfiled = [
        f"{hit.path} is listed under {route} but answers to {route_of(hit.path)}"
        for route, hits in walk.items()
        for hit in hits
        if route_of(hit.path) != route
    ]
    visited = set(walk) | {
        route_of(hit.path) for hit in public_walk(helsinki, goteborg) + public_walk(goteborg, helsinki)
    }
    routes = set(every_route())
    missed = sorted(route for route in routes if route not in visited and route not in NOT_APPLICABLE)
    stale = sorted(route for route in set(walk) | set(NOT_APPLICABLE) if route not in routes)
    assert misfiled == [], "\n".join(misfiled)
    assert missed == [], "URL patterns neither walked nor in NOT_APPLICABLE:\n" + "\n".join(missed)
    assert stale == [], "walked or excused patterns the URL configuration no longer has:\n" + "\n".join(stale)
