"""schema.org data of the media contacts page."""

from django import template

from citycomms.i18n import city_settings
from citycomms.structured_data import json_ld, organisation
from contacts.structured_data import contact_point
from press.directory import people_in

MEDIA_RELATIONS = "media relations"

register = template.Library()


@register.simple_tag(takes_context=True)
def media_json_ld(context):
    """The city with a "media relations" ContactPoint for its media desk and each media contact shown."""
    request = context["request"]
    settings = city_settings(request)
    home = list(context["breadcrumbs"])[0]
    contacts = [context["media_desk"]] if context["media_desk"] else []
    contacts += [person for person, _page in people_in(context["groups"])]
    points = [
        contact_point(contact, settings.fallback_order, MEDIA_RELATIONS, settings.languages) for contact in contacts
    ]
    return json_ld(organisation(home, request, settings.fallback_order, contactPoint=points))
