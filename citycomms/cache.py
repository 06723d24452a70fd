"""Publish-aware caching of whole public responses, and of data the pages are made from.

Anonymous readers get published pages (and the other views that opt in) from
Django's cache: Redis when REDIS_URL is set, local memory otherwise. A hit
costs no SQL at all, because `PageCacheMiddleware` answers before anything
that looks at the database.

Invalidation is a single "generation" token stored in the cache next to the
pages. Every stored response remembers the generation it was made in, and
is served only while that generation is current. Publishing, unpublishing,
moving or deleting any page, creating a page or saving one not yet published,
saving or deleting any model registered with `cache_changes.clear_on_change` (contacts,
service points, a page's listed contacts, documents, images, city settings,
sites, view restrictions), and running migrate (a deploy) replace the token,
so every page made before the change is ignored from then on. Changes are rare next to reads,
and a page shows contacts, documents, settings and other pages' titles
(breadcrumbs, lists, the footer), so clearing everything is both correct and
cheap. Tokens are random rather than counters: a token evicted from the cache
and made anew can never bring old pages back to life.

The same token retires data kept for the uncached path (until_next_change,
kept_until_next_change, for KEPT_SECONDS at most): the dashboard's translation
coverage, each city's site, languages, one-per-city pages (linked from every
page) and media directory, routes and rendered parts of pages (`{% kept %}`).
Each process also holds what it read of that data while the token stays the
same (HeldValues), so a request asks the cache for the token and little else.

Never cached: requests other than GET/HEAD, requests with a session cookie (a
signed-in editor, or a reader who has entered a private page's password),
Wagtail previews, responses other than 200, responses setting cookies or
marked private/no-cache (Wagtail marks the forms of private pages so), and
anything a view did not opt in with `mark_cacheable`/`cacheable`.
"""

import functools
import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, set_response_etag

from . import edge
from .expiry import expiry_of, stale
from .paths import NOT_PAGE_CACHED
from .per_request import remembered

logger = logging.getLogger(__name__)

GENERATION_KEY = "citycomms:page-cache:generation"
KEY_PREFIX = "citycomms:page-cache:page:"
# Responses carrying any of these Cache-Control directives are meant for one reader only.
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")
# How long kept data lives at most when nothing changes (a change retires it at once): an unused entry goes.
KEPT_SECONDS = 60 * 60
# Headers added per response by the servers in front; never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date"}
# The generation token the request being served started in (see read_current); PageCacheMiddleware gives each
# request its own.
_request_generation = ContextVar("citycomms_request_generation", default=None)


def page_cache():
    """The Django cache the pages and the generation token live in."""
    return caches[settings.CITYCOMMS_PAGE_CACHE_ALIAS]


def mark_cacheable(request):
    """Allow the response to this request to be cached, if the middleware's other rules allow it too."""
    remembered(request, "page cache")["cacheable"] = True


def cacheable(view):
    """Decorator: the view's responses to anonymous readers may be cached (see `mark_cacheable`)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapper


def page_key(request):
    """The cache key of the response to `request`: scheme, host (which picks the site), language and full path.

    Hashed, so that long or odd query strings make keys any cache accepts.
    """
    parts = [request.scheme, request.get_host(), translation.get_language() or "", request.get_full_path()]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return KEY_PREFIX + digest


def may_use_cache(request):
    """Whether this request may be answered from the cache, and its response stored."""
    return (
        settings.CITYCOMMS_PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(NOT_PAGE_CACHED)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def may_store(request, response):
    """Whether the response the site just made for `request` is the same for every anonymous reader."""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and remembered(request, "page cache").get("cacheable", False)
        and not (user is not None and user.is_authenticated)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in response.get("Cache-Control", "") for directive in PRIVATE_DIRECTIVES)
        and get_max_age(response) != 0
    )


class ProcessMemory:
    """What this process keeps in its own memory: entries by key, the least recently used dropped once their sizes
    add up to more than the setting named `limit_setting` (in bytes)."""

    def __init__(self, limit_setting):
        self.limit_setting = limit_setting
        self.lock = threading.Lock()
        self.entries = OrderedDict()  # key: (entry, its size in bytes)
        self.size = 0

    def used(self, key, usable):
        """The entry under `key`, marked as just used, if there is one and `usable(entry)`; else None. Call it with
        the lock held."""
        found = self.entries.get(key)
        if found is None or not usable(found[0]):
            return None
        self.entries.move_to_end(key)
        return found[0]

    def keep(self, key, entry, size):
        """Keep `entry`, dropping the least recently used beyond the limit; one larger than the limit on its own is
        not kept (it would only push out the others)."""
        limit = getattr(settings, self.limit_setting)
        if size > limit:
            return
        with self.lock:
            self.forget(key)
            self.entries[key] = (entry, size)
            self.size += size
            while self.size > limit:
                self.forget(next(iter(self.entries)))

    def forget(self, key):
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= found[1]

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


class LocalPages(ProcessMemory):
    """This process's copies of the pages it served from the cache lately (CITYCOMMS_PAGE_CACHE_LOCAL_BYTES of
    them at most), and the generation token as it last read it: a page asked for again within
    CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS of that read is answered without asking the cache (Redis) at all, as the
    trivial view is. A change made in this process replaces the token here at once; one made in another process
    shows here once the token is read again, within those seconds."""

    def __init__(self):
        super().__init__("CITYCOMMS_PAGE_CACHE_LOCAL_BYTES")
        self.token = None
        self.read_at = float("-inf")

    def saw(self, token, asked_at):
        """`token` is the generation as asked for at `asked_at` (time.monotonic()): taken unless a later read,
        or a change made here, is already known (a slow read must not bring back a token a change retired)."""
        with self.lock:
            if asked_at >= self.read_at:
                self.token, self.read_at = token, asked_at

    def page(self, key):
        """The entry kept here under `key`, if the token was read lately and the entry was made in it."""
        with self.lock:
            if self.token is None or time.monotonic() - self.read_at >= settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS:
                return None
            return self.used(key, lambda entry: not stale(entry) and entry["generation"] == self.token)

    def keep_page(self, key, entry):
        self.keep(key, entry, len(entry["content"]))

    def clear(self):
        super().clear()
        with self.lock:
            self.token, self.read_at = None, float("-inf")


local_pages = LocalPages()


def current_generation(cache, known=None):
    """The current generation token; made (atomically, if absent) when the cache has none."""
    if known is not None:
        return known
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def bump_generation(**kwargs):
    """Retire every cached response; from now on pages are made afresh.

    Runs at once, and again when the surrounding transaction commits: a reader
    who was served between the two saw the old, still uncommitted data, and
    must not keep it in the cache. The cache in front too (citycomms.edge).
    """
    _set_new_generation()
    transaction.on_commit(_set_new_generation)
    edge.changed(**kwargs)


def _set_new_generation():
    token = uuid.uuid4().hex
    # This process at once; the others when they next read the token from the cache. If the cache refuses the
    # new token, the next read here brings back the old one: the change then shows with the next one that lands.
    local_pages.saw(token, time.monotonic())
    try:
        page_cache().set(GENERATION_KEY, token, timeout=None)
    except Exception:
        # Without a reachable cache nothing is served from it either; the page itself must still save.
        logger.exception("Could not retire the cached pages")


class PageCacheMiddleware:
    """Serve anonymous readers' GET and HEAD requests from the page cache, and fill it on a miss.

    Put it right after LocaleMiddleware, before anything that queries the
    database: the language from the URL is then known, and a hit costs no SQL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = _request_generation.set({})
        try:
            return self.respond(request)
        finally:
            _request_generation.reset(scope)

    def respond(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        cache = page_cache()
        key = page_key(request)
        entry = local_pages.page(key)
        if entry is not None:
            return cached_response(entry, request)
        try:
            generation, entry = read_current(cache, key)
        except Exception:
            logger.exception("The page cache cannot be read; serving without it")
            return self.get_response(request)
        if entry is not None:
            local_pages.keep_page(key, entry)
            return cached_response(entry, request)
        response = self.get_response(request)
        if may_store(request, response):
            if retired_since(cache, generation):
                # A change landed while this was made, so it may show the old data: neither this cache nor the
                # one in front keeps it (citycomms.http_caching), and Varnish asks for it again (its VCL).
                remembered(request, "page cache")["outdated"] = True
                response["X-Page-Cache"] = "outdated"
                return response
            set_response_etag(response)  # kept with the copy: a copy answers If-None-Match as the original
            edge.tag(request, response)  # and its site's key for the edge, so that a copy served needs no lookup
            entry = {
                "generation": generation,
                "expires": expiry_of(request),
                "content": response.content,
                "headers": [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS],
            }
            store_entry(cache, key, entry, settings.CITYCOMMS_PAGE_CACHE_SECONDS)
            local_pages.keep_page(key, entry)
        return response


def read_current(cache, key):
    """The current generation token, and the entry stored under `key` if it was made in that generation.

    Within a request, the token is the one read first (before the request read anything else): what the
    request keeps is made from what it read, and a change landing while it is served must retire that too.
    """
    remembered = _request_generation.get()
    if remembered:
        generation, entry = remembered["token"], cache.get(key)
    else:
        asked_at = time.monotonic()
        found = cache.get_many([GENERATION_KEY, key])
        generation, entry = current_generation(cache, found.get(GENERATION_KEY)), found.get(key)
        local_pages.saw(generation, asked_at)
        if remembered is not None:
            remembered["token"] = generation
    return generation, (None if stale(entry) or entry["generation"] != generation else entry)


def retired_since(cache, generation):
    """Whether a change has replaced the generation token `generation` (read when the request began).

    The cache in front is banned as a change commits, but a page whose making began before that reaches it after the
    ban and would be kept for its whole s-maxage. The change replaces the token before it bans, so a page finished
    after the ban sees the new token here."""
    try:
        return cache.get(GENERATION_KEY) != generation
    except Exception:
        logger.exception("The page cache cannot be read; the page is not kept")
        return True


def outdated(request):
    """Whether the response to `request` was made while a change landed (see retired_since)."""
    return remembered(request, "page cache").get("outdated", False)


def store_entry(cache, key, entry, timeout):
    try:
        cache.set(key, entry, timeout=timeout)
    except Exception:
        # A cache that cannot take it costs the next reader a fresh render, nothing more.
        logger.exception("Could not store %s in the page cache", key)


def until_next_change(key, make, timeout):
    """`make()`'s value, kept in the page cache under `key` until the next published change (the generation
    token above) or for `timeout` seconds, whichever comes first; for costly admin views of published content.
    None is made afresh each time.
    """
    cache = page_cache()
    try:
        generation, entry = read_current(cache, key)
    except Exception:
        logger.exception("The page cache cannot be read; working it out afresh")
        forget(cache, key)
        return make()
    if entry is not None:
        return entry["value"]
    value = make()
    if value is not None:  # nothing found is not kept: a request for what does not exist leaves nothing behind
        store_entry(cache, key, {"generation": generation, "value": value}, timeout)
    return value


def forget(cache, key):
    """Remove what is kept under `key`: an entry that cannot be read (say, of a class since changed) would
    otherwise stay until it expires. Nothing to do when the cache does not answer at all."""
    try:
        cache.delete(key)
    except Exception:
        pass  # already logged: the read failed the same way


class HeldValues(ProcessMemory):
    """The values kept until the next change that this process read lately, each with the generation token it
    was kept in, CITYCOMMS_KEPT_LOCAL_BYTES of them at most (by their pickled size): a request that starts in that
    generation takes them from here instead of asking the cache (Redis) once for each, as every page would for its
    city, its route and its menus. The request still reads the token from the cache first, so a change made in
    any process retires them all at once. Each is held for HELD_SECONDS at most, then read from the cache again:
    where a change could not replace the token (the cache refused it), what it retired is gone from every process
    as soon as it is gone from the cache (KEPT_SECONDS), or a minute after."""

    def __init__(self):
        super().__init__("CITYCOMMS_KEPT_LOCAL_BYTES")

    def value(self, key, token):
        """The value held under `key` if it was kept in generation `token`, else MISSING. Each caller gets a copy
        of its own (unpickled anew), but for values held `shared`."""
        with self.lock:
            entry = self.used(key, lambda entry: entry[0] == token and time.monotonic() - entry[3] < HELD_SECONDS)
        if entry is None:
            return MISSING
        _, held, shared, _ = entry
        return held if shared else pickle.loads(held)

    def hold(self, key, token, value, shared):
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self.keep(key, (token, value if shared else data, shared, time.monotonic()), len(data))


held_values = HeldValues()
MISSING = object()
HELD_SECONDS = 60


def kept_until_next_change(key, make, shared=False):
    """Like until_next_change (for KEPT_SECONDS at most), for what decides what the public sees (which city,
    which pages and people to list): kept only where every process shares the cache (CITYCOMMS_CACHE_SHARED),
    so that a change made in one process retires it in all; otherwise made afresh each time. Also held in this
    process (HeldValues) while requests start in the generation it was kept in. `shared`: every request gets the
    same object, not a copy, which saves unpickling a large value (a city's media directory) on every request;
    only for values no request changes."""
    if not settings.CITYCOMMS_CACHE_SHARED:
        return make()
    token = request_token()
    value = MISSING if token is None else held_values.value(key, token)
    if value is MISSING:
        value = until_next_change(key, make, KEPT_SECONDS)
        token = request_token()  # read by until_next_change if not before
        if token is not None and value is not None:
            held_values.hold(key, token, value, shared)
    return value


def clear_process_memory():
    """Forget what this process keeps for itself (its pages and held values), as a new process starts."""
    local_pages.clear()
    held_values.clear()


def request_token():
    """The generation token the request being served read first, or None (none read yet, or no request)."""
    remembered = _request_generation.get()
    return remembered.get("token") if remembered else None


def cached_response(entry, request):
    """A fresh response from a cache entry, marked as a hit for whoever looks at the headers; the moment it may be
    served until goes with it, for the headers that tell caches in front (citycomms.http_caching)."""
    if entry.get("expires") is not None:
        remembered(request, "page cache")["expires"] = entry["expires"]
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
