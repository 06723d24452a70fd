"""The Atom feed of a city's announcements showing now, one per city and language (announcements.views).

Its language is the language of its URL; texts missing in it come in the site's fallback language, as on the
pages. Announcements shown only on staff-only or unpublished pages are left out.
"""

import textwrap

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from citycomms.cities import city_name
from citycomms.i18n import city_settings, feed_text

from .notices import public_now

TITLE_LENGTH = 100


class AnnouncementsAtomFeed(Feed):
    """Atom 1.0: the city's announcements showing now, alerts first; the city as author."""

    feed_type = Atom1Feed

    def get_object(self, request, home):
        self.request = request
        self.fallbacks = city_settings(request).fallback_order
        self.home_url = request.build_absolute_uri(home.get_url(request))
        self.tag_authority = request.get_host().split(":")[0]
        announcements = public_now(home, request)
        pages = Page.objects.in_bulk([item.page_id for item in announcements if item.page_id])
        self.page_urls = {pk: request.build_absolute_uri(page.get_url(request)) for pk, page in pages.items()}
        self.city = self.text(home, "title") or city_name(home)
        return announcements

    def text(self, obj, field_name):
        return feed_text(obj, field_name, self.fallbacks)

    def title(self, announcements):
        return _("Announcements – %(city)s") % {"city": self.city}

    def subtitle(self, announcements):
        return _("What %(city)s announces on its pages now") % {"city": self.city}

    def link(self, announcements):
        return self.home_url

    def author_name(self, announcements):
        return self.city

    def author_link(self, announcements):
        return self.home_url

    def items(self, announcements):
        return announcements

    def item_title(self, item):
        text = textwrap.shorten(self.text(item, "text"), TITLE_LENGTH, placeholder=" …")
        return f"{item.get_kind_display()}: {text}"

    def item_description(self, item):
        return self.text(item, "text")

    def item_link(self, item):
        """Where to read more: its link, else the page it shows on, else the city's front page."""
        return self.text(item, "link") or self.page_urls.get(item.page_id) or self.home_url

    def item_guid(self, item):
        # The same announcement in every language and whatever its link: a tag URI of the host and its number.
        return f"tag:{self.tag_authority},{item.starts_at:%Y-%m-%d}:announcement:{item.pk}"

    def item_pubdate(self, item):
        return item.starts_at

    def item_updateddate(self, item):
        return max(item.starts_at, item.last_published_at or item.starts_at)

    def item_categories(self, item):
        return (str(item.get_kind_display()),)
