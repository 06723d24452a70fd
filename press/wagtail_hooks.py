"""The media desk's part of other apps' pages: a link to the media contacts from department, unit and team pages,
and the press desk's phone and email on the city's front page."""

from django.template.loader import render_to_string
from wagtail import hooks

from citycomms.models import city_child_page
from citycomms.models.pages import HOME_SECTIONS_HOOK
from contacts.models import ServicePoint
from departments.models import ORGANISATION_PAGE_SECTIONS_HOOK

from .models import PressContactsPage


@hooks.register(ORGANISATION_PAGE_SECTIONS_HOOK)
def media_contacts_link(page, request):
    """A link to the city's live, public media contacts page; nothing when the city has none."""
    press_page = city_child_page(PressContactsPage, page, request)
    if press_page is None:
        return ""
    return render_to_string("press/includes/media_contacts_link.html", {"press_page": press_page}, request=request)


@hooks.register(HOME_SECTIONS_HOOK)
def city_press_desk(home, request):
    """The press desk a journalist calls first, on the city's front page, with a link to all media contacts.

    Only the desk of a live, public media contacts page (city_child_page), and only once the desk is published:
    a staff-only page's desk, or one still in moderation, is not the public's to see.
    """
    press_page = city_child_page(PressContactsPage, home, request)
    if press_page is None:
        return ""
    desk = published_desk(press_page)
    if desk is None:
        return ""
    context = {"desk": desk, "press_page": press_page}
    return render_to_string("press/includes/home_press_desk.html", context, request=request)


def published_desk(press_page):
    """The published media desk of `press_page` (a plain Page, as city_child_page gives it), or None: one query."""
    chosen = PressContactsPage.objects.filter(pk=press_page.pk).values("media_desk_id")
    return ServicePoint.objects.filter(pk__in=chosen, live=True).first()
