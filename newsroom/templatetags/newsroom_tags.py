"""schema.org data of press releases."""

from django import template
from django.utils import translation
from django.utils.timezone import localtime

from citycomms.i18n import city_settings, translated_value
from citycomms.structured_data import json_ld, organisation, present

register = template.Library()


@register.simple_tag(takes_context=True)
def release_json_ld(context):
    """The release as a NewsArticle: headline, lead, dates, language, the city as publisher, the unit as author."""
    request, page = context["request"], context["page"]
    fallbacks = city_settings(request).fallback_order
    publisher = organisation(list(context["breadcrumbs"])[0], request, fallbacks)
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@type": "NewsArticle",
        "headline": str(translated_value(page, "title", fallbacks)),
        # In the site's time zone, as the page shows them.
        "datePublished": localtime(page.publication_date).isoformat(),
        "dateModified": localtime(page.last_published_at or page.publication_date).isoformat(),
        "inLanguage": translation.get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher,
        "author": organisation(page.source, request, fallbacks) if page.source else publisher,
    }
    return json_ld({**data, **present(description=str(translated_value(page, "intro", fallbacks)))})
