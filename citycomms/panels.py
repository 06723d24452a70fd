"""The page editor in each city's language order.

wagtail-modeltranslation gives every translated field one input per language,
always fi, sv, en. A Swedish-speaking city's editors should meet Swedish
first: `CityLanguageTabs` puts each field's inputs in the page's city's order,
its default language first, then its other languages, then the ones it does
not offer. Only the order changes; every input stays in the form, so nothing
an editor does not see is lost on save.
"""

import re

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.admin.panels.group import PanelGroup

from .languages import LANGUAGE_CODES

TRANSLATED_FIELD = re.compile(rf"^(?P<base>.+)_(?P<code>{'|'.join(LANGUAGE_CODES)})$")


def page_tabs(page_class):
    """The editor's usual Content, Promote and Settings tabs for `page_class`, in city language order."""
    tabs = [
        ObjectList(panels, heading=heading)
        for panels, heading in [
            (page_class.content_panels, _("Content")),
            (page_class.promote_panels, _("Promote")),
            (page_class.settings_panels, _("Settings")),
        ]
        if panels
    ]
    return CityLanguageTabs(tabs)


def languages_of_city(page):
    """The languages of the city `page` belongs to, default first; every language while it has no city."""
    from .models import CitySettings  # models defines the pages that use this module

    site = page.get_site() if page is not None and page.url_path else None
    return CitySettings.for_site(site).fallback_order if site else list(LANGUAGE_CODES)


def editor_languages(page, form):
    """`languages_of_city`, then the languages the city does not offer; a new page takes its parent's city."""
    offered = languages_of_city(page if page.pk else getattr(form, "parent_page", None))
    return offered + [code for code in LANGUAGE_CODES if code not in offered]


def in_language_order(bound_group, languages):
    """Reorder, in place and all the way down, each translated field's inputs by `languages`.

    Other panels keep their places: a field's inputs only trade the slots they already hold.
    """
    children = list(bound_group.children)
    identifiers = list(bound_group.panel.child_identifiers)
    slots = {}
    for index, child in enumerate(children):
        match = TRANSLATED_FIELD.match(getattr(child.panel, "field_name", "") or "")
        if match:
            slots.setdefault(match["base"], []).append((languages.index(match["code"]), index))
    order = list(range(len(children)))
    for taken in slots.values():
        for slot, (_rank, source) in zip(sorted(index for _rank, index in taken), sorted(taken), strict=True):
            order[slot] = source
    # children and the two lists below are cached properties: setting them replaces the cached value.
    bound_group.children = [children[index] for index in order]
    bound_group.visible_children = [child for child in bound_group.children if child.is_shown()]
    bound_group.visible_children_with_identifiers = [
        (children[index], identifiers[index]) for index in order if children[index].is_shown()
    ]
    for child in bound_group.children:
        for group in _groups_within(child):
            in_language_order(group, languages)


def _groups_within(bound_panel):
    """The panel groups at or just below `bound_panel`: itself, or an inline panel's forms."""
    if isinstance(bound_panel, PanelGroup.BoundPanel):
        return [bound_panel]
    return [child for child in getattr(bound_panel, "children", []) if isinstance(child, PanelGroup.BoundPanel)]


class CityLanguageTabs(TabbedInterface):
    """The page editor's tabs, with each translated field's default-language input first."""

    class BoundPanel(TabbedInterface.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            in_language_order(self, editor_languages(self.instance, self.form))
