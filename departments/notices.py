"""What a reorganised page says at its top ("This department was replaced by …"), and what a successor says it
replaced ("Replaces: …"), in the reader's language with links to the pages named.

One sentence per change, kind of page and whether a date is known: Finnish and Swedish put the noun and the date
in different places ("Tämä osasto on korvattu: …", "Denna avdelning ersattes av … den …"), and Swedish nouns
differ in gender ("Denna enhet", "Detta team"), so the sentences are translated whole.
"""

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citycomms.i18n import translated_value
from citycomms.visibility import public_pages

from .models import DepartmentPage, TeamPage, UnitPage
from .reorganisation import WITH_SUCCESSORS, Reorganisation, reorganisation_of

R = Reorganisation

# (change, kind): (without a date, with one). %(pages)s are the successors, linked; %(date)s the date.
SENTENCES = {
    (R.RENAMED, "department"): (
        _("This department was renamed %(pages)s."),
        _("This department was renamed %(pages)s on %(date)s."),
    ),
    (R.RENAMED, "unit"): (
        _("This unit was renamed %(pages)s."),
        _("This unit was renamed %(pages)s on %(date)s."),
    ),
    (R.RENAMED, "team"): (
        _("This team was renamed %(pages)s."),
        _("This team was renamed %(pages)s on %(date)s."),
    ),
    (R.MERGED, "department"): (
        _("This department was merged into %(pages)s."),
        _("This department was merged into %(pages)s on %(date)s."),
    ),
    (R.MERGED, "unit"): (
        _("This unit was merged into %(pages)s."),
        _("This unit was merged into %(pages)s on %(date)s."),
    ),
    (R.MERGED, "team"): (
        _("This team was merged into %(pages)s."),
        _("This team was merged into %(pages)s on %(date)s."),
    ),
    (R.SPLIT, "department"): (
        _("This department was split into %(pages)s."),
        _("This department was split into %(pages)s on %(date)s."),
    ),
    (R.SPLIT, "unit"): (
        _("This unit was split into %(pages)s."),
        _("This unit was split into %(pages)s on %(date)s."),
    ),
    (R.SPLIT, "team"): (
        _("This team was split into %(pages)s."),
        _("This team was split into %(pages)s on %(date)s."),
    ),
    (R.REPLACED, "department"): (
        _("This department was replaced by %(pages)s."),
        _("This department was replaced by %(pages)s on %(date)s."),
    ),
    (R.REPLACED, "unit"): (
        _("This unit was replaced by %(pages)s."),
        _("This unit was replaced by %(pages)s on %(date)s."),
    ),
    (R.REPLACED, "team"): (
        _("This team was replaced by %(pages)s."),
        _("This team was replaced by %(pages)s on %(date)s."),
    ),
    (R.CLOSED, "department"): (_("This department was closed."), _("This department was closed on %(date)s.")),
    (R.CLOSED, "unit"): (_("This unit was closed."), _("This unit was closed on %(date)s.")),
    (R.CLOSED, "team"): (_("This team was closed."), _("This team was closed on %(date)s.")),
}
# A change whose successors are no longer public (unpublished, or made staff-only since).
WITHOUT_SUCCESSORS = {
    "department": _("This department has been reorganised."),
    "unit": _("This unit has been reorganised."),
    "team": _("This team has been reorganised."),
}
# A unit or team with no change of its own below a reorganised department or unit: %(page)s is that one, linked.
BELOW_A_FORMER_PAGE = {
    "unit": _("This unit belongs to a former part of the organisation: %(page)s."),
    "team": _("This team belongs to a former part of the organisation: %(page)s."),
}
REPLACES = _("Replaces: %(pages)s")
# The last two of a list of names: "Viestintä and Markkinointi"; the ones before are separated by commas.
LAST_TWO = _("%(first)s and %(second)s")

KINDS = [(DepartmentPage, "department"), (UnitPage, "unit"), (TeamPage, "team")]


def kind_of(page):
    return next((kind for model, kind in KINDS if isinstance(page, model)), "unit")


def reorganisation_notice(page, request, fallbacks):
    """The notice at the top of `page`, as safe HTML; "" for a page that is current."""
    if page.reorganisation:
        sentences = SENTENCES.get((page.reorganisation, kind_of(page)))
        if sentences is None:
            return ""
        date = date_format(page.reorganised_on) if page.reorganised_on else None
        successors = successors_of(page)
        if page.reorganisation in WITH_SUCCESSORS and not successors:
            return sentence(WITHOUT_SUCCESSORS[kind_of(page)])
        pages = linked_list(successors, request, fallbacks)
        return sentence(sentences[1] if date else sentences[0], pages=pages, date=date)
    line = page.former_line()
    if not line or kind_of(page) not in BELOW_A_FORMER_PAGE:
        return ""
    return sentence(BELOW_A_FORMER_PAGE[kind_of(page)], page=link(line[-1], request, fallbacks))


def replaced_pages_line(page, request, fallbacks):
    """The line "Replaces: …" with the live, public pages that name `page` as their successor; "" if none."""
    predecessors = reorganisation_of(page).predecessors
    shown = public_pages(predecessors) if predecessors else []
    if not shown:
        return ""
    return sentence(REPLACES, pages=linked_list(shown, request, fallbacks))


def successors_of(page):
    """The live, public successors `page` names, in its order."""
    chosen = [item.successor for item in page.successors.select_related("successor") if item.successor]
    return public_pages(chosen)


def sentence(message, **values):
    """`message` translated, with `values` (safe HTML, or text to escape) put in; the translation is escaped too."""
    text = conditional_escape(gettext(message))
    return mark_safe(text % {name: conditional_escape(value) for name, value in values.items()})


def link(page, request, fallbacks):
    title = translated_value(page, "title", fallbacks)
    if title.is_fallback:
        return format_html('<a href="{}" lang="{}">{}</a>', page.get_url(request), title.lang, title)
    return format_html('<a href="{}">{}</a>', page.get_url(request), title)


def linked_list(pages, request, fallbacks):
    """The pages as links, "A, B and C"."""
    links = [link(item, request, fallbacks) for item in pages]
    if len(links) < 2:
        return links[0] if links else ""
    first = mark_safe(", ".join(links[:-1]))
    return sentence(LAST_TWO, first=first, second=links[-1])
