"""Wagtail hooks of the site-wide package."""

from wagtail import hooks

from .admin_scope import in_user_cities
from .cache import mark_cacheable

# The Reports menu's items for the reports citycomms.admin_scope keeps to superusers.
REPORTS_OF_EVERY_CITY = {
    "locked-pages",
    "workflows",
    "workflow-tasks",
    "site-history",
    "aging-pages",
    "page-types-usage",
}


@hooks.register("before_serve_page")
def allow_page_caching(page, request, serve_args, serve_kwargs):
    """Published pages may come from the page cache; the middleware still refuses private ones.

    Wagtail marks every response of a page with view restrictions anywhere up
    the tree never-cache (the password form, the login redirect and the page
    itself once let in), and the middleware stores no such response. That
    costs no query of its own, unlike looking the restrictions up again here.
    """
    mark_cacheable(request)


@hooks.register("construct_page_chooser_queryset")
def pages_of_user_cities(pages, request):
    """The page chooser browses and searches only the user's own cities (every city for a superuser)."""
    if request.user.is_superuser:
        return pages
    return pages.filter(in_user_cities(request.user))


@hooks.register("construct_reports_menu")
def hide_reports_of_every_city(request, menu_items):
    """The reports that span every city are for superusers (citycomms.admin_scope refuses them to others)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in REPORTS_OF_EVERY_CITY]
