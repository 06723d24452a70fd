"""The public views of announcements: the city's feed (pages show announcements through PAGE_NOTICES_HOOK)."""

from django.http import Http404
from wagtail.models import Site

from citycomms.cache import cacheable

from .feeds import AnnouncementsAtomFeed


@cacheable
def announcements_feed(request):
    """The announcements of the city whose host this is, in the URL's language; cached until one starts or ends."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return AnnouncementsAtomFeed()(request, home=site.root_page)
