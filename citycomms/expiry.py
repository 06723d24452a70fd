"""Responses that change by themselves at a known moment, with nobody publishing anything.

An announcement shows on the pages of its city from its start to its end (announcements.notices): a page made
before the start, or one made while it shows, is wrong from that moment on, though nothing was changed, so no
generation token was replaced (citycomms.cache). The code that renders such a part calls `expire_at` with the
moment; the page cache (citycomms.cache.PageCacheMiddleware) stores the moment with the page and serves the page
until then at most, from Redis and from each process's own memory alike. `expiry_of` gives it to whatever tells
caches in front how long they may keep the response.
"""

import math

from django.utils import timezone

from .per_request import remembered


def expire_at(request, moment):
    """Serve the response to `request` from the page cache only until `moment` (an aware datetime; None: no such
    moment). The earliest of several moments counts; a change still retires the page before it."""
    if request is not None and moment is not None:
        known = remembered(request, "page cache")
        known["expires"] = min(moment.timestamp(), known.get("expires", math.inf))


def expiry_of(request):
    """The moment (a POSIX timestamp) until which the response to `request` may be served, or None for no limit."""
    return remembered(request, "page cache").get("expires")


def stale(entry):
    """Whether the page cache entry `entry` cannot be served: there is none (None), or it was to be served only
    until a moment now past. An expired entry stays until the next response for its key replaces it."""
    if entry is None:
        return True
    expires = entry.get("expires")
    return expires is not None and timezone.now().timestamp() >= expires
