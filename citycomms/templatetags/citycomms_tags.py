"""Template tools for translated text, the language switcher and site-wide parts."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Site

from citycomms.i18n import city_settings, language_links, translated_value

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, obj, field_name):
    """`{% translated page "intro" as intro %}`: the text in the reader's language, or the
    site's fallback, together with the language it is written in."""
    return translated_value(obj, field_name, city_settings(context["request"]).fallback_order)


@register.filter
def lang_attr(value):
    """` lang="fi"` when a translated value fell back to another language, so screen readers switch voice."""
    if getattr(value, "is_fallback", False):
        return format_html(' lang="{}"', value.lang)
    return ""


@register.filter
def in_sentence(job_title):
    """Job titles stand lower-case mid-sentence in Finnish and Swedish ("… leds av kommunikationsdirektör …")."""
    text = str(job_title or "")
    if translation.get_language() == "en":
        return text
    return text[:1].lower() + text[1:]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": language_links(context.get("page"), request), "request": request}


@register.simple_tag(takes_context=True)
def city_home(context):
    """The home page of the city whose site serves this request."""
    site = Site.find_for_request(context["request"])
    return site.root_page if site else None
