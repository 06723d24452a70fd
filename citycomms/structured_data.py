"""schema.org data for search engines and newsroom tools, as JSON-LD in the page.

Each floor describes its own things: this module the city and the script
element, contacts.structured_data the people, departments and press the
pages they own. Every value is what the page shows, in its language.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .i18n import translated_value

SCHEMA_ORG = "https://schema.org"

# Editors' text must not end the script element early: <, > and & become JSON escapes.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as a <script type="application/ld+json"> element; text in it cannot break out of the element."""
    text = json.dumps({"@context": SCHEMA_ORG, **data}, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_ESCAPES)))


def organisation(page, request, fallbacks, **properties):
    """A GovernmentOrganization named and linked as `page`, with `properties` that have a value."""
    data = {
        "@type": "GovernmentOrganization",
        "name": str(translated_value(page, "title", fallbacks)),
        "url": request.build_absolute_uri(page.get_url(request)),
    }
    return {**data, **present(**properties)}


def present(**properties):
    """The properties that have a value: schema.org readers take a missing property better than an empty one."""
    return {name: value for name, value in properties.items() if value}
