"""Department, unit and team pages and the organisation chart: their posts' holders as the reader's language
words them, their reorganisation notices, and their schema.org data."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from citycomms.i18n import TranslatedValue, city_settings, translated_value
from citycomms.structured_data import json_ld, organisation
from citycomms.templatetags.citycomms_tags import in_sentence
from contacts.models import published
from contacts.structured_data import person, postal_address

from ..notices import reorganisation_notice, replaced_pages_line

register = template.Library()

# How each language says a post is held for the time being: "viestintäjohtaja va.", "t.f. kommunikationsdirektör".
ACTING = _("acting %(title)s")
VACANT = _("The post of %(title)s is vacant.")
CONTACT_INSTEAD = _("Until it is filled, please contact %(name)s.")
STANDS_IN = _("Contact while the post of %(title)s is vacant")


def fallbacks_of(context):
    return city_settings(context.get("request")).fallback_order


def title_html(holding, fallbacks, mid_sentence=False):
    """The holding's post title (or job title) as safe HTML: marked with its language when it fell back, lower
    case mid-sentence in Finnish and Swedish, and worded as acting when the holder is."""
    obj, field_name = holding.title_source
    value = translated_value(obj, field_name, fallbacks)
    if mid_sentence:
        text = conditional_escape(in_sentence(value))
    elif value.is_fallback:
        text = format_html('<span lang="{}">{}</span>', value.lang, value)
    else:
        text = conditional_escape(value)
    if holding.acting:
        return mark_safe(conditional_escape(gettext(ACTING)) % {"title": text})
    return text


@register.simple_tag(takes_context=True)
def post_title(context, holding, mid_sentence=False):
    """`{% post_title leader mid_sentence=True as head_title %}`: see title_html."""
    return title_html(holding, fallbacks_of(context), mid_sentence)


@register.simple_tag(takes_context=True)
def holding_role(context, holding):
    """The role a holder's contact card shows: the post (acting or not), unless it reads as their job title; for
    whom to contact while the post is vacant, that they stand in."""
    fallbacks = fallbacks_of(context)
    title = title_html(holding, fallbacks)
    if holding.person is None:
        title = mark_safe(conditional_escape(gettext(STANDS_IN)) % {"title": title})
    elif holding.post is None or plain_title(holding, fallbacks) == str(
        translated_value(holding.person, "job_title", fallbacks)
    ):
        return ""
    return TranslatedValue(title, get_language(), False)


@register.simple_tag(takes_context=True)
def vacancy(context, holding):
    """The sentence "The post of … is vacant." and, if the page names one, whom to contact instead."""
    title = title_html(holding, fallbacks_of(context), mid_sentence=True)
    text = conditional_escape(gettext(VACANT)) % {"title": title}
    if holding.contact_instead is not None:
        name = conditional_escape(holding.contact_instead.full_name)
        text += " " + conditional_escape(gettext(CONTACT_INSTEAD)) % {"name": name}
    return mark_safe(text)


def plain_title(holding, fallbacks):
    """The holding's title as plain text, worded as title_html words it."""
    obj, field_name = holding.title_source
    title = str(translated_value(obj, field_name, fallbacks))
    return gettext(ACTING) % {"title": title} if holding.acting else title


@register.simple_tag(takes_context=True)
def reorganisation(context):
    """The reorganised page's notice ("This department was replaced by …"), or ""."""
    return reorganisation_notice(context["page"], context["request"], fallbacks_of(context))


@register.simple_tag(takes_context=True)
def replaces(context):
    """The line "Replaces: …" on a page other pages name as their successor, or ""."""
    return replaced_pages_line(context["page"], context["request"], fallbacks_of(context))


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The page as a GovernmentOrganization: its parent, its sub-units, its people and its service point."""
    request, page = context["request"], context["page"]
    fallbacks = fallbacks_of(context)
    parent = live_parent(context)
    point = first_service_point(page, fallbacks)
    data = organisation(
        page,
        request,
        fallbacks,
        parentOrganization=organisation(parent, request, fallbacks) if parent else None,
        subOrganization=[organisation(subpage, request, fallbacks) for subpage in context["subpages"]],
        member=[person(member, fallbacks) for member in page.people(context["contacts"], context["holdings"])],
        telephone=point and point.phone,
        email=point and point.email,
        address=point and postal_address(point, fallbacks),
        dissolutionDate=page.reorganised_on.isoformat() if page.reorganisation and page.reorganised_on else None,
    )
    return json_ld(data)


@register.simple_tag(takes_context=True)
def organisation_chart_json_ld(context):
    """The chart's city as a GovernmentOrganization with the chart's tree: each department, unit and team with its
    parentOrganization, its subOrganization and the holder of its head post as a member."""
    request, fallbacks = context["request"], fallbacks_of(context)
    home = live_parent(context)
    if home is None:
        return ""
    branches = branches_data(context["branches"], home, request, fallbacks)
    return json_ld(organisation(home, request, fallbacks, subOrganization=branches))


def branches_data(branches, parent, request, fallbacks):
    """schema.org data of the chart's `branches` (departments.chart.Branch) below the page `parent`."""
    above = organisation(parent, request, fallbacks)
    return [
        organisation(
            branch.page,
            request,
            fallbacks,
            parentOrganization=above,
            subOrganization=branches_data(branch.branches, branch.page, request, fallbacks),
            member=[person(branch.leader.person, fallbacks)] if branch.leader and branch.leader.person else None,
        )
        for branch in branches
    ]


def live_parent(context):
    """The live page nearest above the page being shown (its breadcrumbs), or None."""
    parent = [ancestor for ancestor in context["breadcrumbs"] if ancestor.live][-1:]
    return parent[0] if parent else None


def first_service_point(page, fallbacks):
    """The first published service point the page's body (as shown) embeds: the unit's own phone, email and
    address."""
    body = translated_value(page, "body", fallbacks).value or []
    points = (block.value for block in body if block.block_type == "service_point")
    return next((point for point in points if published(point)), None)
