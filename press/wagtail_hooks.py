"""The media desk's part of other apps' pages: a link to the media contacts from department, unit and team pages."""

from django.template.loader import render_to_string
from wagtail import hooks

from citycomms.models import city_child_page
from departments.models import ORGANISATION_PAGE_SECTIONS_HOOK

from .models import PressContactsPage


@hooks.register(ORGANISATION_PAGE_SECTIONS_HOOK)
def media_contacts_link(page, request):
    """A link to the city's live, public media contacts page; nothing when the city has none."""
    press_page = city_child_page(PressContactsPage, page, request)
    if press_page is None:
        return ""
    return render_to_string("press/includes/media_contacts_link.html", {"press_page": press_page}, request=request)
