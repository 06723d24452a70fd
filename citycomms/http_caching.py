"""What browsers and the caches in front (Varnish, a CDN) may keep of each response: decided here, for all.

`HttpCachingMiddleware` gives every response its Cache-Control, in this order:

- Files (/media/, /documents/): their own, by their collection's privacy (citycomms.media); `private, no-store`
  where it set none (a missing document).
- Not for everyone (`private, no-store`, or the view's own never-cache header, which says as much): a signed-in
  reader or one who entered a page's password (a session cookie), a Wagtail preview, anything but GET and HEAD, a
  response that sets a cookie or holds a form's CSRF token (the sign-in and password forms), one the view already
  marked private, no-cache or no-store (Wagtail marks pages with view restrictions so, and the admin), and
  errors: 400–599 but the 404 below.
- The same for every anonymous reader (`public, max-age=…, s-maxage=…, stale-while-revalidate=…,
  stale-if-error=…`, settings CITYCOMMS_HTTP_*; no longer than until the response changes by itself, when an
  announcement starts or ends: citycomms.expiry), with a strong ETag (a hash of the body) that makes a
  conditional request a 304: a 200 of a view that opted in with citycomms.cache's `cacheable` (pages, feeds,
  search, vCards, the media contacts CSV, the sitemap), the read API (/api/v2/), and whatever the page cache
  serves (it stored only such responses). One made while a change landed (citycomms.cache.retired_since) gets
  max-age=0 and s-maxage=0, and `X-Page-Cache: outdated`, on which deploy/varnish/default.vcl fetches it again
  before any reader gets it. Each names its site for the edge's purges (citycomms.edge.tag).
- Briefly, at the edge only (`public, max-age=0, s-maxage=CITYCOMMS_HTTP_MISSING_SHARED_MAX_AGE`): a 404 under a
  language prefix, and redirects. Every change purges the city's sites at the edge (citycomms.edge), so a page
  published after its 404 was kept shows from the next request on; the short time covers what no purge follows
  (an editor's redirect). A 404 outside the prefix is in the reader's Accept-Language without a Vary saying so:
  never kept.
- Anything else keeps a Cache-Control its view set (city.css, favicon.ico), or gets `private, no-store`.

It sits outside the session middleware, so that it sees the session cookie that middleware may set, and outside
the page cache, so that a copy from the cache gets the same headers as a fresh one. Vary: the language is in the
URL (LocaleMiddleware adds `Accept-Language` only where it is not), and `Cookie` is added to public responses: a
signed-in reader is answered differently at the same URL. The Host is part of every cache's key.
"""

import time

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_path

from . import edge
from .cache import mark_cacheable, outdated
from .expiry import expiry_of
from .paths import API, FILES
from .per_request import remembered

PRIVATE = "private, no-store"
# Directives by which a view (Wagtail's never_cache, a preview) says its response is for one reader only.
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")
SAFE_METHODS = ("GET", "HEAD")
REDIRECTS = (301, 302, 303, 307, 308)


def public_cache_control(request):
    """The Cache-Control of a response that is the same for every anonymous reader: for the times in the settings,
    or until the moment it changes by itself (an announcement starts or ends, citycomms.expiry), if sooner."""
    max_age, shared_max_age = settings.CITYCOMMS_HTTP_MAX_AGE, settings.CITYCOMMS_HTTP_SHARED_MAX_AGE
    stale_while_revalidate = settings.CITYCOMMS_HTTP_STALE_WHILE_REVALIDATE
    expires = expiry_of(request)
    if outdated(request):
        # Made while a change landed: the edge may serve it only while its next request fetches the new page, and a
        # browser asks again next time.
        max_age = shared_max_age = 0
    elif expires is not None:
        left = max(0, int(expires - time.time()))
        max_age, shared_max_age = min(max_age, left), min(shared_max_age, left)
        stale_while_revalidate = 0  # a browser would show the old one once more
    return (
        f"public, max-age={max_age}, s-maxage={shared_max_age}, stale-while-revalidate={stale_while_revalidate}, "
        f"stale-if-error={settings.CITYCOMMS_HTTP_STALE_IF_ERROR}"
    )


def missing_cache_control():
    """The Cache-Control of a 404 or a redirect: kept briefly at the edge, never by a browser."""
    seconds = settings.CITYCOMMS_HTTP_MISSING_SHARED_MAX_AGE
    return f"public, max-age=0, s-maxage={seconds}" if seconds > 0 else PRIVATE


class HttpCachingMiddleware:
    """Decide each response's Cache-Control (see the module's docstring), add an ETag to public ones, and answer
    a conditional request for a public response with 304 Not Modified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API):
            # The read API shows the same live, public pages and people to everyone: the page cache may keep it.
            mark_cacheable(request)
        response = self.get_response(request)
        if request.path_info.startswith(FILES):
            # citycomms.media decides by the collection's privacy; what it did not answer (a 404) is private.
            response.headers.setdefault("Cache-Control", PRIVATE)
            if "public" in response["Cache-Control"]:
                edge.tag(request, response, edge.FILES_KEY)  # any host serves any city's files
            return response
        if not for_everyone(request, response):
            return private(response)
        if response.status_code in (200, 304) and opted_in(request, response):
            return public(request, response)
        if response.status_code in REDIRECTS or (response.status_code == 404 and language_prefixed(request)):
            response["Cache-Control"] = missing_cache_control()
            edge.tag(request, response)
            return response
        if response.status_code == 200 and "public" in response.get("Cache-Control", ""):
            edge.tag(request, response)
            return response  # the view's own public time (city.css, favicon.ico)
        return private(response)


def private(response):
    """`response` for its reader only; a view's own never-cache header (Wagtail's, the probes') says so already."""
    given = response.get("Cache-Control", "")
    if not ("private" in given and "no-store" in given):
        response["Cache-Control"] = PRIVATE
    return response


def for_everyone(request, response):
    """Whether the response could be the same for every anonymous reader: the request is an anonymous read, and
    the response carries nothing of one reader's (a cookie, a form's CSRF token, a view's own private mark) and is
    no error but a 404."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)  # Wagtail's preview request, before it is marked a preview
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not any(directive in response.get("Cache-Control", "") for directive in PRIVATE_DIRECTIVES)
        and (response.status_code < 400 or response.status_code == 404)
    )


def opted_in(request, response):
    """Whether the view said its response may be kept (citycomms.cache.cacheable), or it is the page cache's."""
    return remembered(request, "page cache").get("cacheable", False) or response.get("X-Page-Cache") == "hit"


def language_prefixed(request):
    return get_language_from_path(request.path_info) is not None


def public(request, response):
    """`response` marked public, with its ETag; a 304 instead when the request already has this version."""
    response["Cache-Control"] = public_cache_control(request)
    edge.tag(request, response)
    patch_vary_headers(response, ("Cookie",))
    if response.status_code == 200 and not response.streaming and not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)
