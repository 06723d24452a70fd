"""schema.org data of the newsroom and its press releases."""

from django import template
from django.utils import translation
from django.utils.timezone import localtime

from citycomms.i18n import city_settings, translated_value
from citycomms.structured_data import json_ld, organisation, present

register = template.Library()

# Large enough for search engines' article images (they ask for 1200 pixels wide), never larger than uploaded.
IMAGE_FILTER = "max-1200x1200"


@register.simple_tag(takes_context=True)
def release_json_ld(context):
    """The release as a NewsArticle: headline, lead, image, dates, language, the city as publisher, the unit as
    author."""
    request, page = context["request"], context["page"]
    fallbacks = city_settings(request).fallback_order
    publisher = organisation(list(context["breadcrumbs"])[0], request, fallbacks)
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@type": "NewsArticle",
        "headline": str(translated_value(page, "title", fallbacks)),
        "datePublished": iso_datetime(page.publication_date),
        "dateModified": iso_datetime(modified(page)),
        "inLanguage": translation.get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher,
        "author": organisation(page.source, request, fallbacks) if page.source else publisher,
    }
    image = release_image(page, request, fallbacks)
    return json_ld({**data, **present(description=str(translated_value(page, "intro", fallbacks)), image=image)})


@register.simple_tag(takes_context=True)
def newsroom_json_ld(context):
    """The newsroom as a CollectionPage of the city, its releases shown on the page as an ItemList."""
    request, page, releases = context["request"], context["page"], context["releases"]
    fallbacks = city_settings(request).fallback_order
    url = request.build_absolute_uri(page.get_url(request))
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "url": request.build_absolute_uri(release.get_url(request)),
            "name": str(translated_value(release, "title", fallbacks)),
        }
        for position, release in enumerate(releases, start=releases.start_index())
    ]
    data = {
        "@type": "CollectionPage",
        "name": str(translated_value(page, "title", fallbacks)),
        "url": url,
        "inLanguage": translation.get_language(),
        "publisher": organisation(list(context["breadcrumbs"])[0], request, fallbacks),
        "mainEntity": {"@type": "ItemList", "itemListElement": items},
    }
    return json_ld({**data, **present(description=str(translated_value(page, "intro", fallbacks)))})


@register.filter
def iso_datetime(value):
    """In the site's time zone, as the page shows it, to the second: ISO 8601 with the offset."""
    return localtime(value).isoformat(timespec="seconds")


def modified(release):
    """When the release last changed: its last publishing, but never before the date it says it was published
    (a release published ahead of its date, or dated later by hand)."""
    return max(filter(None, [release.last_published_at, release.publication_date]))


def release_image(release, request, fallbacks):
    """The absolute URL of the release's first image, else the city's logo, else None."""
    body = translated_value(release, "body", fallbacks).value or []
    image = next((block.value for block in body if block.block_type == "image"), None)
    image = image or city_settings(request).logo
    if image is None:
        return None
    try:
        return request.build_absolute_uri(image.get_rendition(IMAGE_FILTER).url)
    except OSError:  # the original file is gone (SourceImageIOError) or no picture Willow reads: no image beats a 500
        return None
