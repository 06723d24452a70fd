"""The cache in front (Varnish, a CDN): every change that retires the page cache is sent there too.

citycomms.cache calls `changed` with the signal's instance from every change that retires the page cache
(publish, unpublish, move, delete, a contact, a document, the city's settings, a deploy's migrate...). Once the
change is committed, the city it belongs to is banned at the edge: every URL of each host that city is served on,
in every language (pages, lists, feeds, vCards, the sitemap, the API). A page shows other pages' titles, people
and settings, so anything narrower would miss some; a change that belongs to no one city (a site, a shared
collection, a deploy) bans every host. The city that is Wagtail's default site answers host names that no site
has too, so its changes ban every host but the other cities'.

The backends are Wagtail's frontend cache settings (WAGTAILFRONTENDCACHE): `VarnishBanBackend` here sends one
BAN that deploy/varnish/default.vcl understands (X-Ban-Host and X-Ban-Url, two regular expressions); Wagtail's
own (Cloudflare, a generic HTTP PURGE URL), which purge URL by URL, get the city's home in each language and the
changed pages' URLs in each language, and the rest of their copies follow within s-maxage.

The work runs as a task (django-tasks, TASKS["edge"]: the database backend and its worker in production,
the immediate one in development and tests). A send that fails is logged and tried again after each of
CITYCOMMS_EDGE_RETRY_SECONDS (later, with a worker; at once, without); it never fails the editor's publish, and an
edge that is down or not configured leaves the site as it is.

A page whose making began before the change and ended after the ban would stay at the edge for its whole
s-maxage: the page cache sees the change's new generation token when it finishes such a page and sends it with
s-maxage=0 (citycomms.cache.retired_since), which the VCL keeps only until the next request fetches it again. With
a worker, the ban is also sent once more after CITYCOMMS_EDGE_BAN_AGAIN_SECONDS, for what does not go through the
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
from django.utils import timezone, translation
from django_tasks import task
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Collection, Page, Site

from .tree import home_path

logger = logging.getLogger(__name__)

# The TASKS alias the purges run on.
TASK_BACKEND = "edge"
# A host pattern every host name matches.
EVERY_HOST = "."
# Wagtail hook: each function takes a Site and returns the full URLs, in every language, of what shows the whole
# city besides its pages (opendata: its downloads). Backends that purge URL by URL get them with the site's home
# on every change of the city; a Varnish ban of the city's hosts covers them anyway.
CITY_URLS_HOOK = "citycomms_edge_city_urls"


class EdgeError(Exception):
    """The cache in front did not take a ban."""


class VarnishBanBackend(BaseBackend):
    """A Wagtail frontend cache backend for deploy/varnish/default.vcl: `BAN` with X-Ban-Host and X-Ban-Url.

    WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": "citycomms.edge.VarnishBanBackend",
    "LOCATION": "http://varnish:80"}}; TIMEOUT (seconds) is optional. Unlike Wagtail's HTTP backend it raises
    EdgeError when Varnish does not answer 200, so that the task tries again.
    """

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.timeout = params.get("TIMEOUT", settings.CITYCOMMS_EDGE_TIMEOUT)

    def ban(self, host_pattern, url_pattern="^/"):
        """Drop every copy whose host name (without port) matches `host_pattern` and whose URL `url_pattern`."""
        headers = {"X-Ban-Host": host_pattern, "X-Ban-Url": url_pattern, "User-Agent": "CityComms edge"}
        request = urllib.request.Request(f"{self.location}/", method="BAN", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - a configured URL
                response.read()
        except (OSError, ValueError) as error:  # refused, timed out, or an answer other than 2xx (HTTPError)
            raise EdgeError(f"{self.location} did not ban {host_pattern} {url_pattern}: {error}") from error

    def purge(self, url):
        """Wagtail's interface: the URL and everything below its path, on its host."""
        parts = urlsplit(url)
        self.ban(exactly({parts.hostname or ""}), "^" + re.escape(parts.path or "/"))


def exactly(hosts):
    """A pattern that matches exactly these host names."""
    return f"^{alternatives(hosts)}$"


def alternatives(hosts):
    return "(" + "|".join(sorted(re.escape(host.lower()) for host in hosts)) + ")"


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


@dataclass
class Change:
    """What the changes of one transaction touched: pages (tree paths, ids), sites, collections, or everything."""

    everything: bool = False
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
    except Exception:
        logger.exception("Could not tell which city a change belongs to; banning every host")
        _pending.change.everything = True
    if first:
        transaction.on_commit(send_pending)


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
        host_pattern = hosts_showing(homes)
        if host_pattern is not None:
            enqueue(host_pattern, front_urls(homes, change.paths) if purges_by_url() else [])
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


def hosts_showing(homes):
    """A pattern of the host names that show these cities (None: no site does); every host for None."""
    if homes is None:
        return EVERY_HOST
    sites = list(Site.objects.values_list("hostname", "root_page__path", "is_default_site"))
    ours = {host for host, root, _default in sites if any(shows(root, home) for home in homes)}
    if any(default and host in ours for host, _root, default in sites):
        others = {host for host, _root, _default in sites} - ours
        return f"^(?!{alternatives(others)}$)" if others else EVERY_HOST
    return exactly(ours) if ours else None


def shows(site_root, home):
    """Whether a site rooted at `site_root` shows pages of the city at `home` (its root is in it or above it)."""
    return site_root.startswith(home) or home.startswith(site_root)


def purges_by_url():
    """Whether a configured backend can only purge URL by URL (Cloudflare, a generic PURGE URL)."""
    return any(not hasattr(backend, "ban") for backend in get_backends().values())


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


def enqueue(host_pattern, urls):
    purge_at_edge.enqueue(host_pattern, urls)
    again = settings.CITYCOMMS_EDGE_BAN_AGAIN_SECONDS
    if again and purge_at_edge.get_backend().supports_defer:
        purge_at_edge.using(run_after=timezone.now() + timedelta(seconds=again)).enqueue(host_pattern, urls)


@task(backend=TASK_BACKEND)
def purge_at_edge(host_pattern, urls, backend_names=None, attempt=1):
    """Ban `host_pattern`'s copies at every configured edge (or those named), purge `urls` where bans are not
    understood; what fails is tried again later."""
    failed = [
        name
        for name, backend in get_backends(backends=backend_names).items()
        if not purged(name, backend, host_pattern, urls, attempt)
    ]
    if failed:
        try_again(host_pattern, urls, failed, attempt)


def purged(name, backend, host_pattern, urls, attempt):
    try:
        if hasattr(backend, "ban"):
            backend.ban(host_pattern)
        else:
            backend.purge_batch([url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)])
    except Exception:
        logger.warning("The cache in front (%s) missed a change (attempt %s)", name, attempt, exc_info=True)
        return False
    logger.info("The cache in front (%s) dropped its copies for hosts %s", name, host_pattern)
    return True


def try_again(host_pattern, urls, backend_names, attempt):
    delays = settings.CITYCOMMS_EDGE_RETRY_SECONDS
    if attempt > len(delays):
        logger.error(
            "Gave up telling the cache in front (%s) of a change to hosts %s after %s attempts: it serves its "
            "copies until their s-maxage ends",
            ", ".join(backend_names),
            host_pattern,
            attempt,
        )
        return
    if purge_at_edge.get_backend().supports_defer:
        later = purge_at_edge.using(run_after=timezone.now() + timedelta(seconds=delays[attempt - 1]))
        later.enqueue(host_pattern, urls, backend_names, attempt + 1)
    else:
        # No worker (the immediate backend: development, tests): at once, rather than hold the editor's request.
        purge_at_edge.call(host_pattern, urls, backend_names, attempt + 1)
