"""The page editor in each city's language order.

wagtail-modeltranslation gives every translated field one input per language,
always fi, sv, en. A Swedish-speaking city's editors should meet Swedish
first: `CityLanguageTabs` puts each field's inputs in the page's city's order,
its default language first, then its other languages, then the ones it does
not offer. Only the order changes; every input stays in the form, so nothing
an editor does not see is lost on save.
"""

import functools
import re

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, ObjectList, PanelGroup, TabbedInterface

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


def in_language_order(panel, languages):
    """A copy of the (unbound) `panel` with each translated field's inputs in `languages` order, all the way
    down (inline panels' forms too). Other panels keep their places: a field's inputs only trade the slots
    they already hold."""
    if isinstance(panel, InlinePanel):
        kwargs = panel.clone_kwargs()
        kwargs["panels"] = [in_language_order(child, languages) for child in panel.panel_definitions]
        return panel.__class__(**kwargs)
    if not isinstance(panel, PanelGroup):
        return panel
    children = [in_language_order(child, languages) for child in panel.children]
    slots = {}
    for index, child in enumerate(children):
        match = TRANSLATED_FIELD.match(getattr(child, "field_name", "") or "")
        if match:
            slots.setdefault(match["base"], []).append((languages.index(match["code"]), index))
    order = list(range(len(children)))
    for taken in slots.values():
        for slot, (_rank, source) in zip(sorted(index for _rank, index in taken), sorted(taken), strict=True):
            order[slot] = source
    kwargs = panel.clone_kwargs()
    kwargs["children"] = [children[index] for index in order]
    return panel.__class__(**kwargs)


class CityLanguageTabs(TabbedInterface):
    """The page editor's tabs, with each translated field's inputs in the page's city's language order."""

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        ordered = self.in_order(tuple(editor_languages(instance, form)))
        return super(CityLanguageTabs, ordered).get_bound_panel(instance, request, form, prefix)

    @functools.cache  # noqa: B019 - one copy per panel and language order, for the process's lifetime
    def in_order(self, languages):
        """This panel, bound to its model as this one is, with its fields in `languages` order."""
        return in_language_order(self, list(languages)).bind_to_model(self.model)
