"""The newsroom's part of other apps' pages: the latest press releases on a department's page and on the city's
front page."""

from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.models import Page

from citycomms.models import city_child_page
from citycomms.models.pages import HOME_SECTIONS_HOOK
from citycomms.tree import CITY_HOME_DEPTH, path_at_depth
from departments.models import ORGANISATION_PAGE_SECTIONS_HOOK

from .models import NewsroomPage, PressReleasePage
from .sources import with_public_sources

LATEST_RELEASES_SHOWN = 3


@hooks.register(ORGANISATION_PAGE_SECTIONS_HOOK)
def latest_press_releases(page, request):
    """The latest releases from `page` or any unit below it, with a link to all of its department's releases."""
    releases = with_public_sources(PressReleasePage.latest_from(page)[:LATEST_RELEASES_SHOWN])
    if not releases:
        return ""
    context = {"releases": releases, "all_url": all_releases_url(page, request)}
    return render_to_string("newsroom/includes/latest_releases.html", context, request=request)


@hooks.register(HOME_SECTIONS_HOOK)
def city_latest_press_releases(home, request):
    """The city's latest releases, whichever department they come from, with a link to its newsroom."""
    releases = with_public_sources(
        PressReleasePage.published().filter(path__startswith=home.path)[:LATEST_RELEASES_SHOWN]
    )
    if not releases:
        return ""
    newsroom = city_child_page(NewsroomPage, home, request)
    context = {"releases": releases, "all_url": newsroom.get_url(request) if newsroom else None}
    return render_to_string("newsroom/includes/latest_releases.html", context, request=request)


def all_releases_url(page, request):
    """The city's newsroom filtered to the department `page` belongs to (or is); None without a newsroom.

    The tree path gives the department (just below the city home) without querying the ancestors.
    """
    newsroom = city_child_page(NewsroomPage, page, request)
    if newsroom is None:
        return None
    department_path = path_at_depth(page.path, CITY_HOME_DEPTH + 1)
    if page.path == department_path:  # the page is the department: no need to look it up
        department_id = page.pk
    else:
        department_id = Page.objects.filter(path=department_path).values_list("pk", flat=True).first()
    return f"{newsroom.get_url(request)}?department={department_id}"
