"""Template tools for translated text, the language switcher and site-wide parts."""

import textwrap
from urllib.parse import quote

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from citycomms.cache import kept_until_next_change
from citycomms.i18n import city_settings, first_translated_value, language_links
from citycomms.models import AccessibilityStatementPage, city_child_page
from citycomms.seo import head_links
from citycomms.structured_data import json_ld, organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, obj, *field_names):
    """`{% translated page "intro" as intro %}`: the text in the reader's language, or the
    site's fallback, together with the language it is written in.

    With several fields (`{% translated page "search_description" "intro" as text %}`)
    the first that has text in the reader's language wins, then the same in the fallbacks."""
    return first_translated_value(obj, field_names, city_settings(context.get("request")).fallback_order)


@register.filter
def lang_attr(value):
    """` lang="fi"` when a translated value fell back to another language, so screen readers switch voice."""
    if getattr(value, "is_fallback", False):
        return format_html(' lang="{}"', value.lang)
    return ""


@register.simple_tag
def kept_query(**params):
    """`q=…&department=…&`: the parameters that have a value, encoded as the urlencode filter does, for links
    to other pages of results (includes/pagination.html adds `page=N`) that keep the search and the filter."""
    kept = [(name, value) for name, value in params.items() if value not in (None, "")]
    return "".join(f"{name}={quote(str(value), safe='/')}&" for name, value in kept)


@register.filter
def shorten(value, width):
    """The text cut at a word boundary to at most `width` characters, e.g. for meta descriptions."""
    return textwrap.shorten(str(value or ""), width=int(width), placeholder=" …")


@register.filter
def in_sentence(job_title):
    """A translated job title to stand mid-sentence: lower-case in Finnish and Swedish
    ("… leds av kommunikationsdirektör …"), marked with its language when it fell back."""
    text = str(job_title or "")
    if job_title.lang != "en" and not text[1:2].isupper():  # leave acronyms such as "IT-johtaja"
        text = text[:1].lower() + text[1:]
    if job_title.is_fallback:
        return format_html('<span lang="{}">{}</span>', job_title.lang, text)
    return text


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": language_links(context.get("page"), request), "request": request}


@register.inclusion_tag("includes/head_links.html", takes_context=True)
def page_head_links(context):
    """hreflang alternates and the canonical link of the page, for search engines."""
    return head_links(context["page"], context["request"])


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """`{% canonical_url page as url %}`: the page's absolute URL in the reader's language."""
    return head_links(page, context["request"])["canonical"]


@register.simple_tag(takes_context=True)
def city_home(context):
    """The home page of the city whose site serves this request."""
    site = Site.find_for_request(context["request"])
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def accessibility_statement(context):
    """The accessibility statement of the city whose site serves this request, or None.

    Looked up once per request, however many templates ask.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    return city_child_page(AccessibilityStatementPage, site.root_page, request) if site else None


@register.simple_tag(takes_context=True)
def city_json_ld(context):
    """The city as a GovernmentOrganization with its departments, for search engines."""
    request = context["request"]
    fallbacks = city_settings(request).fallback_order
    departments = [organisation(department, request, fallbacks) for department in context["departments"]]
    return json_ld(organisation(context["page"], request, fallbacks, subOrganization=departments))


class KeptFragmentNode(template.Node):
    """The HTML of `{% kept "name" %}…{% endkept %}`, kept until the next change (kept_until_next_change)."""

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = fragment_key(self.name, request, context.get("page"))
        return mark_safe(kept_until_next_change(key, lambda: str(self.nodelist.render(context))))


def fragment_key(name, request, page):
    """The fragment's key: its name, the site, scheme and host (absolute links such as the share links are
    built from them), the page and the reader's language."""
    site = Site.find_for_request(request)
    parts = [name, site.pk if site else "", request.scheme, request.get_host().lower()]
    parts += [page.pk if page else "", translation.get_language() or ""]
    return "citycomms:fragment:" + ":".join(str(part) for part in parts)


@register.tag
def kept(parser, token):
    """`{% kept "organisation" %}…{% endkept %}`: a part of a page kept, rendered, until the next published
    change (citycomms.cache), by site, scheme, host, page and language; Wagtail's previews always render it afresh.

    Only for parts that are the same for every reader of the page: nothing that depends on who is signed in,
    the query string or a form's token. Kept only where every process shares the cache (CITYCOMMS_CACHE_SHARED).
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% kept %} takes one quoted name: {% kept "organisation" %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, bits[1][1:-1])
