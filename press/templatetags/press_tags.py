"""Links to the media desk from pages of the lower floors, which cannot import this app."""

from django import template
from wagtail.models import Site

from citycomms.i18n import city_settings
from citycomms.structured_data import json_ld, organisation
from contacts.structured_data import contact_point
from press.models import PressContactsPage

MEDIA_RELATIONS = "media relations"

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


@register.simple_tag(takes_context=True)
def media_json_ld(context):
    """The city with a "media relations" ContactPoint for its media desk and each media contact shown."""
    request, page = context["request"], context["page"]
    settings = city_settings(request)
    home = list(context["breadcrumbs"])[0]
    contacts = [page.media_desk] if page.media_desk else []
    contacts += list(
        {entry.person.pk: entry.person for group in context["groups"] for entry in group.entries}.values()
    )
    points = [
        contact_point(contact, settings.fallback_order, MEDIA_RELATIONS, settings.languages) for contact in contacts
    ]
    return json_ld(organisation(home, request, settings.fallback_order, contactPoint=points))
