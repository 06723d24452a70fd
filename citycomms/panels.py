"""The editor's forms in the city's languages: pages and contacts alike.

wagtail-modeltranslation gives every translated field one input per language,
always fi, sv, en. A Swedish-speaking city's editors should meet Swedish first
and never Finnish inputs their city does not publish: `CityLanguageTabs` (pages)
and `CityLanguageObjectList` (snippets) put each field's inputs in the city's
order, its default language first, and `keep_city_languages` takes the inputs
of languages the city does not offer out of the form. A field that is not in
the form is not saved, so what it holds is kept.
"""

import functools
import re

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
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


def editor_languages(form):
    """The languages of the city the form's object belongs to (`form.city_page()`), then the others."""
    offered = languages_of_city(form.city_page())
    return offered + [code for code in LANGUAGE_CODES if code not in offered]


def keep_city_languages(form):
    """Take the inputs of translated fields in languages the form's city does not offer out of `form` and of
    its inline forms (a page's contacts)."""
    offered = tuple(languages_of_city(form.city_page()))
    if len(offered) < len(LANGUAGE_CODES):
        _keep_languages(form, offered)


def _keep_languages(form, offered):
    for name in _translated_field_names(form._meta.model, offered):
        form.fields.pop(name, None)
    for formset in getattr(form, "formsets", {}).values():
        # Each inline form, and the empty one Wagtail copies for a new row, is made from formset.form.
        formset.form = _in_languages(formset.form, offered)


@functools.cache
def _in_languages(form_class, offered):
    """`form_class`, keeping only the inputs of translated fields in the `offered` languages."""

    class InLanguages(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            _keep_languages(self, offered)

    return InLanguages


def _translated_field_names(model, offered):
    """The names of `model`'s translated fields in the languages not `offered` (none for a model without)."""
    try:
        bases = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [build_localized_fieldname(base, code) for base in bases for code in LANGUAGE_CODES if code not in offered]


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


class CityLanguageOrder:
    """For a panel group whose form has `city_page()`: each translated field's inputs in the city's order."""

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        ordered = self.in_order(tuple(editor_languages(form))) if hasattr(form, "city_page") else self
        return super(CityLanguageOrder, ordered).get_bound_panel(instance, request, form, prefix)

    @functools.cache  # noqa: B019 - one copy per panel and language order, for the process's lifetime
    def in_order(self, languages):
        """This panel, bound to its model as this one is, with its fields in `languages` order."""
        return in_language_order(self, list(languages)).bind_to_model(self.model)


class CityLanguageTabs(CityLanguageOrder, TabbedInterface):
    """The page editor's tabs in the city's language order."""


class CityLanguageObjectList(CityLanguageOrder, ObjectList):
    """A snippet's form in its city's language order."""
