"""Template tags for showing contact details on the public site."""

from django import template
from django.utils.html import format_html
from wagtail.models import Site

from ..phone import format_phone, phone_uri

register = template.Library()


@register.simple_tag(takes_context=True)
def phone_link(context, number):
    """`{% phone_link person.phone %}`: a tel: link to the number, shown as the page's reader dials it from the
    city whose site serves the page (contacts.phone.format_phone); nothing without a number."""
    if not number:
        return ""
    country = city_country(context.get("request"))
    return format_html('<a href="{}">{}</a>', phone_uri(number, country), format_phone(number, country=country))


def city_country(request):
    """The country of the city whose site serves `request` ("FI"), None without one. Wagtail keeps the site on
    the request, and citycomms.patches its home page as its own type: no query."""
    site = Site.find_for_request(request) if request is not None else None
    return getattr(site.root_page.specific, "country", None) if site else None
