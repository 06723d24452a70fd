"""Which announcements show where and when: on the pages, in the API and in the feed.

Every page asks, for each request, whether an announcement shows on it (PAGE_NOTICES_HOOK, rendered outside any
kept fragment): from the city's published announcements not yet ended, kept until the next change (one read of
the cache), compared with the clock. A published change retires that list with everything else (citycomms.cache);
a start or an end changes nothing stored, so each page tells the page cache the next moment an announcement
starts or ends on it (citycomms.expiry.expire_at), and is served from the cache until then at most.
"""

from functools import partial

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from citycomms.cache import kept_until_next_change
from citycomms.expiry import expire_at
from citycomms.visibility import public

from .models import KIND_ORDER, Announcement

ATOM = "application/atom+xml"


def city_announcements(home):
    """The published announcements of the city `home` and those to every city, not ended yet: alerts first, then
    the latest to start. Kept until the next change."""
    return kept_until_next_change(f"announcements:city:{home.pk}", partial(published_announcements, home))


def published_announcements(home):
    """What city_announcements keeps: each announcement with the tree path of the page it shows on and below
    (`subtree_path`, "" for every page) and whether the public may read it (`is_public`: not only on staff-only
    or unpublished pages)."""
    not_ended = Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
    found = list(Announcement.objects.filter(Q(city=home) | Q(city__isnull=True), not_ended, live=True))
    pages = {announcement.page_id for announcement in found if announcement.page_id}
    paths = dict(Page.objects.filter(pk__in=pages).values_list("pk", "path"))
    readable = set(public(Page.objects.filter(pk__in=pages).live()).values_list("pk", flat=True))
    found = [item for item in found if not item.page_id or item.page_id in paths]  # never widened to every page
    for announcement in found:
        announcement.subtree_path = paths.get(announcement.page_id, "")
        announcement.is_public = not announcement.page_id or announcement.page_id in readable
    return sorted(found, key=lambda item: (KIND_ORDER.get(item.kind, len(KIND_ORDER)), -item.starts_at.timestamp()))


def shown_on(announcements, path):
    """Those of `announcements` for the page at tree `path` (None: a view that is no page, such as the search)."""
    return [item for item in announcements if not item.subtree_path or (path or "").startswith(item.subtree_path)]


def next_change(announcements, now):
    """The first moment after `now` at which one of `announcements` starts or ends; None if none will."""
    moments = (moment for item in announcements for moment in (item.starts_at, item.ends_at))
    return min((moment for moment in moments if moment is not None and moment > now), default=None)


def current(announcements, request):
    """Those of `announcements` showing now; the response to `request` is cached until the next start or end."""
    now = timezone.now()
    expire_at(request, next_change(announcements, now))
    return [item for item in announcements if item.is_on(now)]


def public_now(home, request):
    """The city's announcements showing now that the public may read anywhere: for the API and the feed."""
    return current([item for item in city_announcements(home) if item.is_public], request)


def page_notices(page, request):
    """PAGE_NOTICES_HOOK: the announcements showing now on `page` (or on a view that is no page), as the design
    system's notifications; an alert with role="alert", which screen readers read out at once."""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    here = shown_on(city_announcements(site.root_page), getattr(page, "path", None))
    shown = current(here, request)
    if not shown:
        return ""
    return render_to_string("announcements/includes/notices.html", {"announcements": shown}, request=request)


def feed_links(request):
    """PAGE_FEEDS_HOOK: the city's announcements feed in the reader's language."""
    if Site.find_for_request(request) is None:
        return []
    return [(ATOM, reverse("announcements_feed"), _("Announcements (Atom)"))]
