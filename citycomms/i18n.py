"""Language tools: which languages a city offers, and translated values that know their language."""

import re
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from .cache import kept_until_next_change
from .languages import LANGUAGE_CODES
from .models import CitySettings
from .per_request import remembered

# Languages named in their own words, as a reader looking for theirs expects.
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def city_settings(request):
    """The CitySettings of the site serving this request, kept until the next change and remembered for the
    request: a page asks for them a dozen times (languages, fallbacks, the city's details), and Wagtail's
    `CitySettings.for_request` would read the database once a request.

    A host no city answers on gets the project's languages, so that its 404 page renders.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return CitySettings()
    known = remembered(request, "city settings")
    if site.pk not in known:
        known[site.pk] = kept_until_next_change(
            f"citycomms:city-settings:{site.pk}", partial(CitySettings.for_request, request)
        )
    return known[site.pk]


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
    return first_translated_value(obj, [field_name], fallback_order, language)


def first_translated_value(obj, field_names, fallback_order, language=None):
    """The first of `field_names` with a value in `language`, else the same in each of `fallback_order`.

    Languages come first: a reader is better served by another field in their
    own language ("intro" for "search_description") than by the field in another.
    """
    language = language or translation.get_language()
    # Any language as a last resort: better a title in Finnish on a Swedish-only site than none.
    for code in dict.fromkeys([language, *fallback_order, *LANGUAGE_CODES]):
        for field_name in field_names:
            value = getattr(obj, build_localized_fieldname(field_name, code), None)
            if has_content(value):
                return TranslatedValue(value, code, code != language)
    return TranslatedValue(None, language, False)


def has_content(value):
    """Whether a field's value says anything: not None, not empty, not only whitespace."""
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
        if page is None:
            url = view_url(request, code)  # resolved in the request's own language, as its path is
        else:
            with translation.override(code):
                url = page.get_url(request)
        links.append(LanguageLink(code, LANGUAGE_NAMES.get(code, code), url, code == current))
    return links


def view_url(request, code):
    """The address in language `code` of the view (not a page) serving `request`, such as the search; the city's
    home in that language when Wagtail serves it (a page not found)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        return f"/{code}/"
    return translate_url(request.path, code)


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


def allow_blank_in_default_language(model, *field_names):
    """Let texts be written in their own city's language only.

    wagtail-modeltranslation makes a required field's copy in the project
    default language (Finnish) required; a Göteborg page or service point has
    no Finnish text. The models' clean() asks for the text in some language
    instead. Call from AppConfig.ready(), after wagtail_modeltranslation's.
    """
    for name in field_names:
        model._meta.get_field(build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)).blank = True


# Control characters XML 1.0 cannot carry. Text pasted from word processors brings some (a line break in Word is
# a vertical tab), and one would make a whole feed fail.
XML_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def feed_text(obj, field_name, fallback_order):
    """A translated field as text a feed (XML) can carry: control characters become spaces."""
    return XML_CONTROL_CHARACTERS.sub(" ", str(translated_value(obj, field_name, fallback_order)))
