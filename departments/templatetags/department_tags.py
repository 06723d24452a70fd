"""schema.org data of department, unit and team pages."""

from django import template

from citycomms.i18n import city_settings, translated_value
from citycomms.structured_data import json_ld, organisation
from contacts.models import published
from contacts.structured_data import person, postal_address

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The page as a GovernmentOrganization: its parent, its sub-units, its people and its service point."""
    request, page = context["request"], context["page"]
    fallbacks = city_settings(request).fallback_order
    parent = [ancestor for ancestor in context["breadcrumbs"] if ancestor.live][-1:]
    point = first_service_point(page, fallbacks)
    data = organisation(
        page,
        request,
        fallbacks,
        parentOrganization=organisation(parent[0], request, fallbacks) if parent else None,
        subOrganization=[organisation(subpage, request, fallbacks) for subpage in context["subpages"]],
        member=[person(member, fallbacks) for member in page.people(context["contacts"])],
        telephone=point and point.phone,
        email=point and point.email,
        address=point and postal_address(point, fallbacks),
    )
    return json_ld(data)


def first_service_point(page, fallbacks):
    """The first published service point the page's body (as shown) embeds: the unit's own phone, email and
    address."""
    body = translated_value(page, "body", fallbacks).value or []
    points = (block.value for block in body if block.block_type == "service_point")
    return next((point for point in points if published(point)), None)
