"""RSS 2.0 and Atom feeds of a newsroom's press releases, one per city and language.

The newsroom serves them from its own routes (NewsroomPage.rss_feed and
atom_feed), so the feed's language is the language of its URL. Texts missing
in that language come in the site's fallback language, as on the pages.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from citycomms.i18n import city_settings, feed_text

from .sources import with_public_sources

# Feed readers poll often; the latest releases are what they need.
FEED_LENGTH = 20


@dataclass(frozen=True)
class FeedEntry:
    """One press release as a feed item: its texts already in the feed's language, its link absolute."""

    title: str
    description: str
    link: str
    published: datetime
    updated: datetime
    categories: tuple


@dataclass(frozen=True)
class FeedChannel:
    """The newsroom as a feed: its title, link, description, author (the city, named and linked) and latest
    releases."""

    title: str
    link: str
    description: str
    entries: list
    author: str = ""
    author_link: str = ""


def newsroom_channel(newsroom, request):
    """The feed of `newsroom` in the active language, with absolute links on the host the reader used."""
    fallback_order = city_settings(request).fallback_order

    def text(obj, field_name):
        return feed_text(obj, field_name, fallback_order)

    home = newsroom.get_parent()
    city = text(home, "title")
    entries = [
        FeedEntry(
            title=text(release, "title"),
            description=text(release, "intro"),
            link=request.build_absolute_uri(release.get_url(request)),
            published=release.publication_date,
            updated=release.last_published_at or release.publication_date,
            categories=(text(release.source, "title"),) if release.source else (),
        )
        for release in with_public_sources(newsroom.releases()[:FEED_LENGTH])
    ]
    return FeedChannel(
        title=f"{text(newsroom, 'title')} – {city}",
        link=request.build_absolute_uri(newsroom.get_url(request)),
        description=text(newsroom, "intro") or _("Press releases of %(city)s") % {"city": city},
        entries=entries,
        author=city,
        author_link=request.build_absolute_uri(home.get_url(request)),
    )


class NewsroomRssFeed(Feed):
    """RSS 2.0: the newsroom's latest press releases."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, newsroom):
        return newsroom_channel(newsroom, request)

    def title(self, channel):
        return channel.title

    def link(self, channel):
        return channel.link

    def description(self, channel):
        return channel.description

    def items(self, channel):
        return channel.entries

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.description

    def item_link(self, entry):
        return entry.link

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories


class NewsroomAtomFeed(NewsroomRssFeed):
    """Atom 1.0: the same releases; Atom calls the description a subtitle, and requires an author: the city."""

    feed_type = Atom1Feed

    def subtitle(self, channel):
        return channel.description

    def author_name(self, channel):
        return channel.author

    def author_link(self, channel):
        return channel.author_link
