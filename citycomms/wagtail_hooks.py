"""Wagtail hooks of the site-wide package."""

from wagtail import hooks

from .cache import mark_cacheable


@hooks.register("before_serve_page")
def allow_page_caching(page, request, serve_args, serve_kwargs):
    """Published pages may come from the page cache; the middleware still refuses private ones.

    Wagtail answers a private page's anonymous reader with a never-cache
    password form or a redirect to the login, and its signed-in readers carry a
    session cookie, so neither ever reaches the cache.
    """
    mark_cacheable(request)
