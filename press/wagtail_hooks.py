"""The media desk's part of other apps' pages: a link to the media contacts from department, unit and team pages."""

from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.models import Page

from departments.models import ORGANISATION_PAGE_SECTIONS_HOOK

from .models import PressContactsPage


@hooks.register(ORGANISATION_PAGE_SECTIONS_HOOK)
def media_contacts_link(page, request):
    """A link to the city's live, public media contacts page; nothing when the city has none."""
    home_path = page.path[: 2 * Page.steplen]  # the city home is at depth 2
    press_page = PressContactsPage.objects.live().public().filter(path__startswith=home_path, depth=3).first()
    if press_page is None:
        return ""
    return render_to_string("press/includes/media_contacts_link.html", {"press_page": press_page}, request=request)
