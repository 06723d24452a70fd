"""Wagtail hooks of the site-wide package."""

from wagtail import hooks

from .cache import mark_cacheable


@hooks.register("before_serve_page")
def allow_page_caching(page, request, serve_args, serve_kwargs):
    """Published pages may come from the page cache; the middleware still refuses private ones.

    Wagtail marks every response of a page with view restrictions anywhere up
    the tree never-cache (the password form, the login redirect and the page
    itself once let in), and the middleware stores no such response. That
    costs no query of its own, unlike looking the restrictions up again here.
    """
    mark_cacheable(request)
