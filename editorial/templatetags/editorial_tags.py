"""Template tags of the admin's editorial screens and notification emails."""

from django import template

from editorial.notifications import admin_base_url

register = template.Library()


@register.simple_tag(takes_context=True)
def city_admin_base_url(context):
    """The admin's address at the city of the email's `page` or `object` (editorial.notifications)."""
    return admin_base_url(context.get("page") or context.get("object"))
