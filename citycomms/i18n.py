"""Language tools: which languages a city offers, and translated values that know their language."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from .models import CitySettings

# Languages named in their own words, as a reader looking for theirs expects.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def city_settings(request):
    """The CitySettings of the site serving this request (cached on the request)."""
    return CitySettings.for_request(request)


@dataclass(frozen=True)
class TranslatedValue:
    """A field's text as shown to the reader, with the language it is really written in."""

    value: object
    lang: str
    is_fallback: bool

    def __str__(self):
        return str(self.value or "")

    def __bool__(self):
        return bool(self.value)


def translated_value(obj, field_name, fallback_order, language=None):
    """The value of `field_name` in `language`, else in the first of `fallback_order` that has one."""
    language = language or translation.get_language()
    for code in [language, *fallback_order]:
        value = getattr(obj, build_localized_fieldname(field_name, code), None)
        if _has_content(value):
            return TranslatedValue(value, code, code != language)
    return TranslatedValue(None, language, False)


def _has_content(value):
    # StreamValue and RichText are falsy when empty; strings when blank.
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and bool(value)


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def language_links(page, request):
    """Links to `page` in each language its site offers, for the language switcher."""
    current = translation.get_language()
    links = []
    for code in city_settings(request).languages:
        with translation.override(code):
            url = page.get_url(request) if page is not None else f"/{code}/"
        links.append(LanguageLink(code, LANGUAGE_NAMES.get(code, code), url, code == current))
    return links


def prepare_tree_root(root):
    """Give Wagtail's tree root a title and url_path in every language.

    wagtail-modeltranslation adds the columns after migrations have run, so the
    root created by Wagtail's first migration has them empty; child pages build
    their per-language url_path from it.
    """
    for code, _name in settings.LANGUAGES:
        setattr(root, build_localized_fieldname("url_path", code), "/")
        setattr(root, build_localized_fieldname("title", code), root.title or "Root")
    root.save(
        update_fields=[build_localized_fieldname(f, c) for f in ("url_path", "title") for c, _n in settings.LANGUAGES]
    )
