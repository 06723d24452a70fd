"""Links to the media desk from pages of the lower floors, which cannot import this app."""

from django import template
from wagtail.models import Site

from press.models import PressContactsPage

register = template.Library()


@register.simple_tag(takes_context=True)
def press_contacts_page(context):
    """`{% press_contacts_page as press_page %}`: the live, public media contacts page of this city, or None.

    Looked up once per request, however many templates ask.
    """
    request = context["request"]
    if not hasattr(request, "_press_contacts_page"):
        site = Site.find_for_request(request)
        pages = PressContactsPage.objects.live().public()
        request._press_contacts_page = pages.child_of(site.root_page).first() if site else None
    return request._press_contacts_page
