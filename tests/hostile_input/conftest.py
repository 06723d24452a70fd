"""What the hostile input tests share: a small city, its public paths, and what editors type into its fields."""

import json
import urllib.parse

import pytest
from django.db import models
from django.utils import translation
from hypothesis import strategies as st
from modeltranslation.translator import NotRegistered, translator
from wagtail import blocks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from announcements.models import Announcement
from citycomms.factories import AccessibilityStatementPageFactory, InformationPageFactory
from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import OrganisationChartPage, PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from opendata.models import OpenDataPage
from press.models import PressContactsPage

# What editors type among the fields of Wagtail's Page, in each language.
PAGE_TEXT_FIELDS = ("title_", "seo_title_", "search_description_")


@pytest.fixture
def city(helsinki):
    """One live page of every type the project has, with a head and contact, a release and a media contact."""
    person = ContactPersonFactory(city=helsinki, is_media_contact=True)
    point = ServicePointFactory(city=helsinki)
    department = DepartmentPageFactory(parent=helsinki, slug_fi="osasto", head=person)
    unit = UnitPageFactory(parent=department, slug_fi="yksikko")
    team = TeamPageFactory(parent=unit, slug_fi="tiimi")
    PageContact.objects.create(page=unit, contact=person, sort_order=0)
    helsinki.add_child(instance=PressContactsPage(title_fi="Medialle", slug_fi="medialle", slug_sv="medier"))
    newsroom = NewsroomPageFactory(parent=helsinki)
    release = PressReleasePageFactory(parent=newsroom, slug_fi="tiedote", organisation=department)
    AccessibilityStatementPageFactory(parent=helsinki)
    InformationPageFactory(parent=helsinki, slug_fi="tietoa")
    helsinki.add_child(instance=OpenDataPage(title_fi="Avoin data", slug_fi="avoin-data", slug_sv="oppna-data"))
    helsinki.add_child(instance=OrganisationChartPage(title_fi="Organisaatio", slug_fi="organisaatio"))
    announcement = Announcement.objects.create(city=helsinki, text_fi="Tiedote")  # on every page, from now on
    return {
        "home": helsinki,
        "person": person,
        "point": point,
        "announcement": announcement,
        "pages": [department, unit, team, release],
        "newsroom": newsroom,
    }


def public_paths(city):
    """Every public route of the small city, in every language it offers."""
    person, department = city["person"], city["pages"][0]
    paths = ["/", "/healthz", "/readyz", "/city.css", "/sitemap.xml", "/robots.txt", "/api/v2/pages/"]
    paths += ["/api/v2/contacts/", f"/api/v2/pages/{department.pk}/", f"/api/v2/contacts/{person.pk}/"]
    paths += ["/api/v2/pages/find/", "/documents/1/x.pdf"]
    paths += ["/api/v2/announcements/", f"/api/v2/announcements/{city['announcement'].pk}/"]
    pages = Page.objects.live().descendant_of(city["home"], inclusive=True)
    for language in city_languages(city):
        with translation.override(language):
            paths += [page.get_url_parts()[2] for page in pages]
        paths += [f"/{language}/search/", f"/{language}/vcard/{person.pk}.vcf", f"/{language}/media-contacts.csv"]
        paths += [f"/{language}/vcard/page/{department.pk}.vcf", f"/{language}/vcard/media.vcf"]
        paths += [f"{newsroom_url(city, language)}feed/rss/", f"{newsroom_url(city, language)}feed/atom/"]
        paths += [f"/{language}/announcements/feed/atom/", f"/{language}/open-data/organisation.json"]
        paths += [f"/{language}/open-data/{name}.csv" for name in ("organizations", "posts", "persons", "memberships")]
    return sorted(set(paths))


def newsroom_url(city, language):
    """The newsroom's address in `language`: each language has its own slug, and so its own feeds."""
    with translation.override(language):
        return city["newsroom"].get_url_parts()[2]


def city_languages(city):
    return CitySettings.for_site(city["home"].get_site()).languages


ODD_VALUES = ["-1", "0", "1e9", "99999999999999999999999", "xx", "abc", "\x00", "*", "-id", "%", "../..", "' OR 1=1"]


texts = st.text(max_size=40) | st.sampled_from(ODD_VALUES) | st.integers(0, 5000).map(lambda n: "ä" * n)


# --- (b) what editors type is escaped ----------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "]]></title><script>alert(1)</script>",
]


def text_fields(model):
    """The editable text fields of `model` an editor types into, per language where translated."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    fields = []
    for field in model._meta.get_fields():
        if not isinstance(field, (models.CharField, models.TextField, StreamField)) or not field.editable:
            continue
        if field.name.startswith("slug") or getattr(field, "choices", None) or field.name in translated:
            continue  # slugs are the address; choices are not typed; a translated field is set per language
        if field.model is Page and not field.name.startswith(PAGE_TEXT_FIELDS):
            continue  # Wagtail's own bookkeeping (the tree path, the revision's title)
        fields.append(field)
    return fields


def stream_value(block, payload, chosen):
    """A raw StreamField value for `block` with `payload` in every text it has and every chooser
    pointing at the object of its model in `chosen` (a link block gets its address, not a page)."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": stream_value(child, payload, chosen)} for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.StructBlock):
        return {name: stream_value(child, payload, chosen) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [stream_value(block.child_block, payload, chosen)]
    if isinstance(block, SnippetChooserBlock):
        return chosen[block.target_model].pk
    if isinstance(block, blocks.RichTextBlock):
        return sanitised(payload, block.features)
    if isinstance(block, blocks.URLBlock):
        return "https://example.com/?q=" + urllib.parse.quote(payload)
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return payload
    if isinstance(block, blocks.ChoiceBlock):
        return block.field.choices[-1][0]
    return None  # page and document choosers: nothing chosen


def sanitised(payload, features):
    """The payload as Wagtail's rich text whitelist stores it when an editor pastes it."""
    return EditorHTMLConverter(features=features).to_database_format(f"<p>{payload}</p>")


def fill(instance, payload, chosen, blank_languages):
    """Every text field of `instance` gets the payload, those in `blank_languages` nothing:
    pages then show the default language's text in their place, marked with its language."""
    for field in text_fields(type(instance)):
        if isinstance(field, models.EmailField):
            continue  # validated: a payload is never an address
        if field.name.endswith(tuple(f"_{language}" for language in blank_languages)):
            setattr(instance, field.name, "[]" if isinstance(field, StreamField) else "")
            continue
        if isinstance(field, models.URLField):
            value = "https://example.com/?q=" + urllib.parse.quote(payload)
        elif isinstance(field, RichTextField):
            value = sanitised(payload, field.features)
        elif isinstance(field, StreamField):
            value = json.dumps(stream_value(field.stream_block, payload, chosen))
        else:
            value = payload[: field.max_length] if field.max_length else payload
        setattr(instance, field.name, value)
