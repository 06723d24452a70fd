"""Template tools for translated text, the language switcher and site-wide parts."""

import textwrap
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote

from django import template
from django.forms.utils import flatatt
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Page, Site, get_page_models
from wagtail.rich_text import RichText

from citycomms.cache import kept_until_next_change
from citycomms.columns import LINK_FIELDS
from citycomms.i18n import city_settings, first_translated_value, language_links
from citycomms.models import HOME_DEPARTMENTS_HOOK, AccessibilityStatementPage, city_child_page
from citycomms.models.pages import FOOTER_PAGES_HOOK, HOME_SECTIONS_HOOK, PAGE_FEEDS_HOOK, PAGE_NOTICES_HOOK
from citycomms.per_request import remembered
from citycomms.seo import head_links
from citycomms.structured_data import json_ld, organisation
from citycomms.visibility import current, public

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, obj, *field_names):
    """`{% translated page "intro" as intro %}`: the text in the reader's language, or the
    site's fallback, together with the language it is written in.

    With several fields (`{% translated page "search_description" "intro" as text %}`)
    the first that has text in the reader's language wins, then the same in the fallbacks."""
    return first_translated_value(obj, field_names, city_settings(context.get("request")).fallback_order)


@register.simple_tag(takes_context=True)
def translated_element(context, obj, field_name, element="p", rich=False, lines=False, **attributes):
    """`{% translated_element page "intro" "p" class="intro" %}`: the field in the reader's language (or the
    site's fallback) in an element, with `lang` when it fell back; nothing when the field is empty in every
    language. `rich=True` renders rich text, `lines=True` plain text's paragraphs and line breaks (both in a
    div, say). The one place the markup of a translated text is written, so that no template forgets `lang`."""
    value = first_translated_value(obj, [field_name], city_settings(context.get("request")).fallback_order)
    if not value:
        return ""
    if rich:
        content = RichText(value.value).__html__()
    elif lines:
        content = linebreaks(value.value, autoescape=True)
    else:
        content = conditional_escape(value)
    attributes = {name: text for name, text in attributes.items() if text}
    if value.is_fallback:
        attributes["lang"] = value.lang
    return format_html("<{0}{1}>{2}</{0}>", element, flatatt(attributes), mark_safe(content))


@register.simple_tag(takes_context=True)
def page_title(context):
    """The page's title for the browser's tab and search engines: its SEO title, else its title."""
    page = context.get("page")
    if page is None:
        return ""
    fallbacks = city_settings(context.get("request")).fallback_order
    return first_translated_value(page, ["seo_title"], fallbacks) or first_translated_value(page, ["title"], fallbacks)


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


@dataclass(frozen=True)
class MenuItem:
    """A main menu link: the page, whether the reader is on it ("page") or below it ("true"), and whether it
    is one of the city's sections (the newsroom, the media contacts…) rather than a department."""

    page: Page
    current: str
    is_section: bool

    @property
    def current_attr(self):
        """` aria-current="page"` (or "true") for the link's tag, or nothing."""
        return format_html(' aria-current="{}"', self.current) if self.current else ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The city's main menu: its departments, then its other sections (the newsroom, the media contacts…),
    each a page directly below the city home; the accessibility statement is in the footer instead.

    Every page shows the menu: the departments are kept until the next change, and the sections are the
    one-per-city pages every page reads anyway (city_child_page), so the menu costs one query at most.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    home = site.root_page
    known = remembered(request, "main menu")
    if home.pk not in known:
        departments = kept_until_next_change(
            f"citycomms:menu-departments:{home.path}", partial(department_pages, home)
        )
        sections = [city_child_page(model, home, request) for model in section_models()]
        known[home.pk] = departments, sorted((page for page in sections if page), key=lambda page: page.path)
    here = getattr(context.get("page"), "path", "")
    departments, sections = known[home.pk]
    return [MenuItem(page, current_state(page.path, here), False) for page in departments] + [
        MenuItem(page, current_state(page.path, here), True) for page in sections
    ]


def department_pages(home):
    """The live, public, current (not reorganised) pages directly below `home` of the department types
    (HOME_DEPARTMENTS_HOOK), in tree order, as plain pages with what a link needs."""
    models = [department_model() for department_model in hooks.get_hooks(HOME_DEPARTMENTS_HOOK)]
    if not models:
        return []
    return list(public(current(home.get_children().live().exact_type(*models))).order_by("path").only(*LINK_FIELDS))


def section_models():
    """The page types one per city (city_child_page) that the main menu links: all but the accessibility
    statement and those of FOOTER_PAGES_HOOK, which the footer links."""
    in_footer = [AccessibilityStatementPage, *footer_page_models()]
    return [model for model in get_page_models() if model.max_count_per_parent == 1 and model not in in_footer]


def footer_page_models():
    return [page_model() for page_model in hooks.get_hooks(FOOTER_PAGES_HOOK)]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The city's live, public pages of the types the footer links besides the accessibility statement
    (FOOTER_PAGES_HOOK), in tree order: one-per-city pages every page reads anyway (city_child_page)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = [city_child_page(model, site.root_page, request) for model in footer_page_models()]
    return sorted((page for page in pages if page), key=lambda page: page.path)


@register.simple_tag
def with_intros(items):
    """`{% with_intros menu as pages %}`: the pages of the menu's sections as their own types, which have an
    intro to show (one query per type): for the front page, whose fragment is kept."""
    ids = [item.page.pk for item in items if item.is_section]
    return sorted(Page.objects.filter(pk__in=ids).specific(), key=lambda page: page.path)


def current_state(item_path, here):
    """aria-current for a menu link to the page at `item_path`, read on the page at `here`."""
    if item_path == here:
        return "page"
    return "true" if here.startswith(item_path) else ""


@register.simple_tag(takes_context=True)
def home_sections(context):
    """The front page's sections that higher floors add (HOME_SECTIONS_HOOK), such as the latest releases."""
    request = context["request"]
    sections = (section(context["page"], request) for section in hooks.get_hooks(HOME_SECTIONS_HOOK))
    return mark_safe("".join(str(section) for section in sections if section))


@register.simple_tag(takes_context=True)
def page_notices(context):
    """The notices higher floors put at the top of every page (PAGE_NOTICES_HOOK), such as announcements.

    Never inside a {% kept %} fragment: a notice starts and ends with the clock, not with a change."""
    request = context.get("request")
    if request is None:
        return ""
    notices = (notice(context.get("page"), request) for notice in hooks.get_hooks(PAGE_NOTICES_HOOK))
    return mark_safe("".join(str(notice) for notice in notices if notice))


@register.simple_tag(takes_context=True)
def page_feed_links(context):
    """`<link rel="alternate">` to the feeds higher floors offer on every page (PAGE_FEEDS_HOOK)."""
    request = context.get("request")
    if request is None:
        return ""
    links = [link for feeds in hooks.get_hooks(PAGE_FEEDS_HOOK) for link in feeds(request)]
    return format_html_join("\n", '<link rel="alternate" type="{}" href="{}" title="{}">', links)


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

    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        varies = [value.resolve(context) for value in self.vary_on]
        key = fragment_key(self.name, request, context.get("page"), varies)
        return mark_safe(kept_until_next_change(key, lambda: str(self.nodelist.render(context))))


def fragment_key(name, request, page, varies=()):
    """The fragment's key: its name, the site, scheme and host (absolute links such as the share links are
    built from them), the page, the reader's language and the values the fragment varies on."""
    site = Site.find_for_request(request)
    parts = [name, site.pk if site else "", request.scheme, request.get_host().lower()]
    parts += [page.pk if page else "", translation.get_language() or "", *varies]
    return "citycomms:fragment:" + ":".join(str(part) for part in parts)


@register.tag
def kept(parser, token):
    """`{% kept "organisation" %}…{% endkept %}`: a part of a page kept, rendered, until the next published
    change (citycomms.cache), by site, scheme, host, page and language; Wagtail's previews always render it afresh.
    Values after the name are part of the key too, for a part shown once for each of several things (`{% kept
    "media-contact" person.pk listing.pk %}`): give every value the part's HTML depends on.

    Only for parts that are the same for every reader of the page: nothing that depends on who is signed in,
    the query string or a form's token. Kept only where every process shares the cache (CITYCOMMS_CACHE_SHARED).
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% kept %} takes a quoted name first: {% kept "organisation" %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
