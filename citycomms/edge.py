"""The cache in front (Varnish, a CDN): every change that retires the page cache is sent there too.

citycomms.cache calls `changed` with the signal's instance from every change that retires the page cache
(publish, unpublish, move, delete, a contact, a document, the city's settings, a deploy's migrate...). Once the
change is committed, the edge drops what it keeps of the sites that show the city it belongs to: every URL, in
every language (pages, lists, feeds, vCards, the sitemap, the API, a kept 404). A page shows other pages' titles,
people and settings, so anything narrower would miss some; a change that belongs to no one city (a site, a shared
collection, a deploy) drops every site's.

The backends are Wagtail's frontend cache settings (WAGTAILFRONTENDCACHE). `VarnishBackend` here soft-purges by
key (varnish-modules' xkey, deploy/varnish/default.vcl): every response the edge may keep names its site in an
`xkey` header (`tag`), and a change sends the keys of the sites that show its city. A soft purge leaves the copies
in grace, so readers keep getting the old page while one background fetch brings the new one: with bans (which
hard-drop the copies) every reader of a page waited for that fetch after each change, and the crisis drill's
p95 was 55-126 ms instead of 5.6 (bench/crisis.py, docs/performance.md). A change that may take something away
from the public (a view restriction, a file or its collection, an unpublish of a page, a contact or an
announcement (Wagtail's unpublish signals), a move, a deletion, a site) drops
the copies at once instead (`takes_away`): no reader may get a now staff-only page or file from grace.

Wagtail's own backends (Cloudflare, a generic HTTP PURGE URL), which purge URL by URL, get the city's home in
each language and the changed pages' URLs in each language, and the rest of their copies follow within s-maxage.

The work runs as a task (django-tasks, TASKS["edge"]: the database backend and its worker in production,
the immediate one in development and tests). A send that fails is logged and tried again after each of
CITYCOMMS_EDGE_RETRY_SECONDS (later, with a worker; at once, without); it never fails the editor's publish, and an
edge that is down or not configured leaves the site as it is.

A page whose making began before the change and ended after the purge would stay at the edge for its whole
s-maxage: the page cache sees the change's new generation token when it finishes such a page and sends it with
s-maxage=0 and `X-Page-Cache: outdated` (citycomms.cache.retired_since), which the VCL fetches again before any
reader gets it. With
a worker, the purge is also sent once more after CITYCOMMS_EDGE_BAN_AGAIN_SECONDS, for what does not go through the
page cache (an installation with it turned off).
"""

import logging
import re
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Collection, Page, Site
from wagtail.signals import page_unpublished, post_page_move, unpublished

from .tree import home_path

logger = logging.getLogger(__name__)

# The TASKS alias the purges run on.
TASK_BACKEND = "edge"
# The response header that names what a copy at the edge belongs to (xkey's), and the key every copy has.
KEYS_HEADER = "xkey"
EVERY_KEY = "citycomms"
# Files (documents, images) answer on every host, whichever city's they are: they have a key of their own, which
# every change of a file or collection purges at once, and nothing else.
FILES_KEY = "files"
# Wagtail hook: each function takes a Site and returns the full URLs, in every language, of what shows the whole
# city besides its pages (opendata: its downloads). Backends that purge URL by URL get them with the site's home
# on every change of the city; Varnish's purge of the city's sites' keys covers them anyway.
CITY_URLS_HOOK = "citycomms_edge_city_urls"


class EdgeError(Exception):
    """The cache in front did not take a purge."""


class VarnishBackend(BaseBackend):
    """A Wagtail frontend cache backend for deploy/varnish/default.vcl: soft purges by key, bans by URL.

    WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": "citycomms.edge.VarnishBackend",
    "LOCATION": "http://varnish:80"}}; TIMEOUT (seconds) is optional. Unlike Wagtail's HTTP backend it raises
    EdgeError when Varnish does not answer 200, so that the task tries again.
    """

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.timeout = params.get("TIMEOUT", settings.CITYCOMMS_EDGE_TIMEOUT)

    def soft_purge(self, keys):
        """Expire every copy tagged with one of `keys`: served in grace while one request fetches it again."""
        self.send("PURGE", {"X-Soft-Purge": " ".join(keys)})

    def purge_keys(self, keys):
        """Drop every copy tagged with one of `keys` at once."""
        self.send("PURGE", {"X-Purge-Keys": " ".join(keys)})

    def purge(self, url):
        """Wagtail's interface: drop the URL and everything below its path, on its host (a BAN)."""
        parts = urlsplit(url)
        host = "^" + re.escape((parts.hostname or "").lower()) + "$"
        self.send("BAN", {"X-Ban-Host": host, "X-Ban-Url": "^" + re.escape(parts.path or "/")})

    def send(self, method, headers):
        request = urllib.request.Request(
            f"{self.location}/", method=method, headers={**headers, "User-Agent": "CityComms edge"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - a configured URL
                response.read()
        except (OSError, ValueError) as error:  # refused, timed out, or an answer other than 2xx (HTTPError)
            raise EdgeError(f"{self.location} did not take {method} {headers}: {error}") from error


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def tag(request, response, key=None):
    """Name what `response` belongs to in its KEYS_HEADER, for a cache in front that purges by key: `key`, or the
    site that served it.

    Called for every response the edge may keep (citycomms.http_caching), and by the page cache before it stores
    one, so that a copy served from it needs no lookup of its site. A host name no site has is the default
    site's, as Wagtail answers it: the default site's key purges those copies too."""
    if KEYS_HEADER in response or not purges_by_key():
        return
    if key is None:
        site = Site.find_for_request(request)
        key = site_key(site.pk) if site else None
    response[KEYS_HEADER] = " ".join([EVERY_KEY, *([key] if key else [])])


def site_key(site_id):
    return f"site-{site_id}"


def purges_by_key():
    """Whether a configured backend purges by key (and so wants the keys on every response)."""
    return any(hasattr(backend, "soft_purge") for backend in backend_classes())


def backend_classes():
    """The configured backends' classes (WAGTAILFRONTENDCACHE), without making them: asked on every response."""
    backends = getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}
    return [import_string(backend["BACKEND"]) for backend in backends.values()]


@dataclass
class Change:
    """What the changes of one transaction touched: pages (tree paths, ids), sites, collections, or everything."""

    everything: bool = False
    at_once: bool = False  # no copy may be served from grace (takes_away)
    paths: set = field(default_factory=set)
    page_ids: set = field(default_factory=set)
    site_ids: set = field(default_factory=set)
    collection_ids: set = field(default_factory=set)


class Pending(threading.local):
    """The change under way in this thread, until its transaction commits."""

    def __init__(self):
        self.change = Change()
        self.waiting = False  # for send_pending, which an earlier change of this transaction asked for

    def take(self):
        change, self.change, self.waiting = self.change, Change(), False
        return change


_pending = Pending()


def changed(instance=None, **kwargs):
    """Note what a change touched (`instance`, as citycomms.cache's signals give it); tell the edge on commit."""
    if not configured():
        return
    first = not waiting_for_commit()
    if first:  # of this transaction: what a rolled-back one noted is dropped
        _pending.change, _pending.waiting = Change(), True
    try:
        note(_pending.change, instance, kwargs.get("parent_page_before"))
        _pending.change.at_once |= takes_away(instance, kwargs.get("signal"))
    except Exception:
        logger.exception("Could not tell which city a change belongs to; purging every site")
        _pending.change.everything = _pending.change.at_once = True
    if first:
        transaction.on_commit(send_pending)


def takes_away(instance, signal):
    """Whether a change may make something no longer public: its copies must go at once, not through grace."""
    return (
        instance is None  # a deploy
        or signal in (page_unpublished, unpublished, post_page_move, post_delete)
        # A file may have moved into a staff-only collection.
        or isinstance(instance, (BaseViewRestriction, Collection, Site, AbstractDocument, AbstractImage))
    )


def waiting_for_commit():
    """Whether an earlier change of the transaction under way already asked to be sent on commit (and that
    request was not rolled back with its savepoint)."""
    connection = transaction.get_connection()
    return (
        _pending.waiting
        and connection.in_atomic_block
        and any(func is send_pending for _ids, func, _robust in connection.run_on_commit)
    )


def note(change, instance, parent_before=None):
    """Add the city `instance` belongs to (by a page, a city, a site or a collection) to `change`."""
    if isinstance(instance, Page):
        change.paths.add(instance.path)
        if parent_before is not None:  # moved: the city it left showed it too
            change.paths.add(parent_before.path)
    elif isinstance(instance, Collection):
        change.collection_ids.add(instance.pk)
    elif instance is None or isinstance(instance, Site):  # a deploy, or a host name that may have changed
        change.everything = True
    elif hasattr(instance, "city_id"):  # contact people, service points; no city: every city's
        if instance.city_id is None:
            change.everything = True
        else:
            change.page_ids.add(instance.city_id)
    elif hasattr(instance, "page_id"):  # a page's listed contacts, its view restriction
        change.page_ids.add(instance.page_id)
    elif hasattr(instance, "site_id"):  # city settings
        change.site_ids.add(instance.site_id)
    elif hasattr(instance, "collection_id"):  # documents, images, a collection's view restriction
        change.collection_ids.add(instance.collection_id)
    else:
        change.everything = True


def send_pending():
    """Enqueue the purge of what the committed changes touched (the signals of one publish make one purge)."""
    change = _pending.take()
    try:
        homes = city_homes(change)
        keys = keys_showing(homes) + ([FILES_KEY] if change.collection_ids else [])
        if keys:
            enqueue(keys, front_urls(homes, change.paths) if purges_by_url() else [], change.at_once)
    except Exception:
        logger.exception("Could not send a change to the cache in front")


def city_homes(change):
    """The tree paths of the city homes `change` belongs to; None for every city."""
    if change.everything:
        return None
    paths = set(change.paths)
    paths |= set(Page.objects.filter(pk__in=change.page_ids).values_list("path", flat=True))
    paths |= set(Site.objects.filter(pk__in=change.site_ids).values_list("root_page__path", flat=True))
    if change.collection_ids:
        collection_homes = homes_of_collections(change.collection_ids)
        if collection_homes is None:
            return None
        paths |= collection_homes
    homes = {home_path(path) for path in paths}
    return None if "" in homes else homes


def homes_of_collections(collection_ids):
    """The home paths of the cities these collections are of; None when one is of no city (shared by all)."""
    from .cities import city_collections  # not at the top: citycomms.cache imports this module early

    owned = {path: home_pk for home_pk, path in city_collections().items()}
    home_pks = set()
    for path in Collection.objects.filter(pk__in=collection_ids).values_list("path", flat=True):
        owners = [home_pk for owned_path, home_pk in owned.items() if path.startswith(owned_path)]
        if not owners:
            return None
        home_pks.update(owners)
    return set(Page.objects.filter(pk__in=home_pks).values_list("path", flat=True))


def keys_showing(homes):
    """The keys of the sites that show these cities (none: no site does); every copy's key for None."""
    if homes is None:
        return [EVERY_KEY]
    sites = Site.objects.values_list("pk", "root_page__path")
    return sorted(site_key(pk) for pk, root in sites if any(shows(root, home) for home in homes))


def shows(site_root, home):
    """Whether a site rooted at `site_root` shows pages of the city at `home` (its root is in it or above it)."""
    return site_root.startswith(home) or home.startswith(site_root)


def purges_by_url():
    """Whether a configured backend can only purge URL by URL (Cloudflare, a generic PURGE URL)."""
    return any(not hasattr(backend, "soft_purge") for backend in backend_classes())


def front_urls(homes, page_paths):
    """For backends that purge by URL: each showing site's home in each language and what shows the whole city
    (CITY_URLS_HOOK), and the changed pages'."""
    languages = [code for code, _name in settings.LANGUAGES]
    urls = []
    for site in Site.objects.select_related("root_page"):
        if homes is None or any(shows(site.root_page.path, home) for home in homes):
            urls += [f"{site.root_url}/"] + [f"{site.root_url}/{code}/" for code in languages]
            urls += [url for city_urls in hooks.get_hooks(CITY_URLS_HOOK) for url in city_urls(site)]
    for page in Page.objects.filter(path__in=page_paths).live().specific():
        for code in languages:
            with translation.override(code):
                url = page.get_full_url()
            if url:
                urls.append(url)
    return sorted(set(urls))


def enqueue(keys, urls, at_once):
    purge_at_edge.enqueue(keys, urls, at_once=at_once)
    again = settings.CITYCOMMS_EDGE_BAN_AGAIN_SECONDS
    if again and purge_at_edge.get_backend().supports_defer:
        purge_at_edge.using(run_after=timezone.now() + timedelta(seconds=again)).enqueue(keys, urls, at_once=at_once)


@task(backend=TASK_BACKEND)
def purge_at_edge(keys, urls, backend_names=None, attempt=1, at_once=False):
    """Purge the copies of the sites `keys` name at every configured edge (or those named), softly unless
    `at_once`, and `urls` where keys are not understood; what fails is tried again later."""
    failed = [
        name
        for name, backend in get_backends(backends=backend_names).items()
        if not purged(name, backend, keys, urls, attempt, at_once)
    ]
    if failed:
        try_again(keys, urls, failed, attempt, at_once)


def purged(name, backend, keys, urls, attempt, at_once):
    try:
        if hasattr(backend, "soft_purge"):
            backend.purge_keys(keys) if at_once else backend.soft_purge(keys)
        else:
            backend.purge_batch([url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)])
    except Exception:
        logger.warning("The cache in front (%s) missed a change (attempt %s)", name, attempt, exc_info=True)
        return False
    logger.info("The cache in front (%s) dropped its copies of %s", name, " ".join(keys))
    return True


def try_again(keys, urls, backend_names, attempt, at_once):
    delays = settings.CITYCOMMS_EDGE_RETRY_SECONDS
    if attempt > len(delays):
        logger.error(
            "Gave up telling the cache in front (%s) of a change to %s after %s attempts: it serves its "
            "copies until their s-maxage ends",
            ", ".join(backend_names),
            " ".join(keys),
            attempt,
        )
        return
    if purge_at_edge.get_backend().supports_defer:
        later = purge_at_edge.using(run_after=timezone.now() + timedelta(seconds=delays[attempt - 1]))
        later.enqueue(keys, urls, backend_names, attempt + 1, at_once=at_once)
    else:
        # No worker (the immediate backend: development, tests): at once, rather than hold the editor's request.
        purge_at_edge.call(keys, urls, backend_names, attempt + 1, at_once=at_once)
