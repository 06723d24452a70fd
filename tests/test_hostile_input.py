"""Hostile input: odd query strings and paths never give a 500, and whatever editors type is escaped, and read
back as the same text from every output the city offers in every language: pages, feeds, vCards, CSV and JSON.

Hypothesis makes up the input. Each property runs inside one test (and one database
transaction) against a small city built once for it, so the module stays quick.
"""

import csv
import io
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
import vobject
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modeltranslation.translator import NotRegistered, translator
from wagtail import blocks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import get_snippet_models

from announcements.models import Announcement
from citycomms.factories import AccessibilityStatementPageFactory, InformationPageFactory
from citycomms.models import CityHomePage, CitySettings
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from press.models import PressContactsPage

# What editors type among the fields of Wagtail's Page, in each language.
PAGE_TEXT_FIELDS = ("title_", "seo_title_", "search_description_")
PROJECT_APPS = {"citycomms", "contacts", "departments", "press", "newsroom", "search"}
# Few examples, no deadline: every example renders real pages, and the suite has a time budget.
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
        paths += [f"/{language}/announcements/feed/atom/"]
    return sorted(set(paths))


def newsroom_url(city, language):
    """The newsroom's address in `language`: each language has its own slug, and so its own feeds."""
    with translation.override(language):
        return city["newsroom"].get_url_parts()[2]


def city_languages(city):
    return CitySettings.for_site(city["home"].get_site()).languages


# --- (a) query strings and paths ------------------------------------------------------------------

KNOWN_KEYS = ["page", "q", "lang", "department", "type", "fields", "order", "limit", "offset", "search"]
KNOWN_KEYS += ["child_of", "descendant_of", "id", "html_path", "is_media_contact", "next"]
ODD_VALUES = ["-1", "0", "1e9", "99999999999999999999999", "xx", "abc", "\x00", "*", "-id", "%", "../..", "' OR 1=1"]
texts = st.text(max_size=40) | st.sampled_from(ODD_VALUES) | st.integers(0, 5000).map(lambda n: "ä" * n)
queries = st.lists(st.tuples(st.sampled_from(KNOWN_KEYS) | st.text(max_size=10), texts), max_size=4)
segments = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30).map(urllib.parse.quote)
prefixes = st.sampled_from(["fi", "sv", "en", "xx", "fi-fi", "de", "", "api/v2/pages", "documents", "fi/vcard"])
big_ids = st.integers(-(10**30), 10**30)


def status_of(client, path):
    response = client.get(path)
    return response.status_code


@pytest.mark.django_db
def test_no_query_string_makes_any_public_route_fail(client, city):
    paths = public_paths(city)

    @QUICK
    @given(path=st.sampled_from(paths), query=queries)
    def check(path, query):
        url = f"{path}?{urllib.parse.urlencode(query)}"
        assert status_of(client, url) < 500, url

    check()


@pytest.mark.django_db
def test_no_path_makes_the_site_fail(client, city):
    @QUICK
    @given(prefix=prefixes, parts=st.lists(segments, max_size=3), number=big_ids, suffix=st.sampled_from(["/", ""]))
    def check(prefix, parts, number, suffix):
        for url in [
            "/" + "/".join([prefix, *parts]) + suffix,
            f"/{prefix}/vcard/{number}.vcf",
            f"/{prefix}/vcard/page/{number}.vcf",
            f"/api/v2/pages/{number}/",
            f"/api/v2/contacts/{number}/",
            f"/documents/{number}/{parts[0] if parts else 'x'}",
        ]:
            assert status_of(client, url) < 500, url

    check()


# --- (b) what editors type is escaped ----------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "]]></title><script>alert(1)</script>",
]
# Editors cannot type NUL: Django's form fields refuse it before it reaches the database.
typed = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=3)
payloads = st.builds(
    lambda before, payload, after: before + payload + after,
    typed,
    st.sampled_from(PAYLOADS),
    typed,
)


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


def project_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in PROJECT_APPS and model.is_creatable
    ]


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


def unescaped(html):
    """What in `html` would run in a browser: script elements other than JSON-LD, on… attributes, injected tags."""
    found = []
    parsed = BeautifulSoup(html, "html.parser")
    for script in parsed.find_all("script"):
        if script.get("type") != "application/ld+json":
            found.append(str(script)[:80])
        elif "<" in script.string:
            found.append("'<' inside JSON-LD")
    for tag in parsed.find_all(True):
        found += [f"<{tag.name} {name}=…>" for name in tag.attrs if name.lower().startswith("on")]
    # An injected image or drawing; the site's own drawings (the city mark, icons) are hidden from screen readers.
    found += [str(tag) for tag in parsed.find_all("img") if tag.get("src") == "x"]
    found += [str(tag) for tag in parsed.find_all("svg") if tag.get("aria-hidden") != "true"]
    if "<script>alert" in html:
        found.append("<script>alert")
    return found


def test_every_project_page_type_and_snippet_is_covered():
    # A new page type or snippet joins the escaping test by itself; this guards the discovery.
    names = {model.__name__ for model in project_page_models()} | {model.__name__ for model in get_snippet_models()}
    assert {"CityHomePage", "DepartmentPage", "UnitPage", "TeamPage", "PressContactsPage", "NewsroomPage"} <= names
    assert {"PressReleasePage", "AccessibilityStatementPage", "ContactPerson", "ServicePoint"} <= names
    assert {field.name for field in text_fields(ContactPerson)} >= {"first_name", "job_title_sv", "media_topics_en"}
    assert {field.name for field in text_fields(CityHomePage)} >= {"title_sv", "intro_en", "body_fi"}


@pytest.mark.django_db
def test_whatever_editors_type_is_escaped_on_every_page_card_and_feed(city):
    pages = Page.objects.live().descendant_of(city["home"], inclusive=True).specific()
    by_type = {type(page) for page in pages}
    assert set(project_page_models()) <= by_type, "the city lacks a page of some type"
    snippets = [city["person"], city["point"], city["announcement"]]
    assert {type(snippet) for snippet in snippets} == set(get_snippet_models())
    paths = public_paths(city)
    client = Client()

    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(payload=payloads, blank_languages=st.sets(st.sampled_from(["sv", "en"])))
    def check(payload, blank_languages):
        chosen = {type(snippet): snippet for snippet in snippets}
        for snippet in snippets:
            fill(snippet, payload, chosen, blank_languages)
            snippet.save()
        for page in pages:
            fill(page, payload, chosen, blank_languages)
            page.save_revision().publish()
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, path
            content_type = response.get("Content-Type", "")
            if content_type.startswith("text/html"):
                assert unescaped(response.content.decode()) == [], (path, payload)
            else:
                assert response["X-Content-Type-Options"] == "nosniff", path  # never sniffed as HTML

    check()


# --- (c) what editors type reads back as the same text from every output --------------------------------

# What each format must escape: vCard's ; , and \, CSV's quotes and commas, JSON's quotes and backslashes,
# XML's & and the end of a CDATA section, HTML's tags.
FORMAT_PAYLOAD = 'Öljy; "lainaus", \\ & ]]> <b>lihava</b>'
ATOM = "{http://www.w3.org/2005/Atom}"


def fill_everything(city, payload):
    """Every text of the city's people, service points and pages in every language is `payload`."""
    snippets = [city["person"], city["point"]]
    chosen = {type(snippet): snippet for snippet in snippets}
    for snippet in snippets:
        fill(snippet, payload, chosen, blank_languages=set())
        snippet.save()
    for page in Page.objects.live().descendant_of(city["home"], inclusive=True).specific():
        fill(page, payload, chosen, blank_languages=set())
        page.save_revision().publish()
    city["person"].refresh_from_db()


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode("utf-8-sig")


def feed_texts(client, city, language):
    """The titles and descriptions of the newsroom's RSS and Atom feeds in `language`, parsed as XML."""
    rss = ET.fromstring(ok(client, f"{newsroom_url(city, language)}feed/rss/"))
    atom = ET.fromstring(ok(client, f"{newsroom_url(city, language)}feed/atom/"))
    [rss_item] = rss.iter("item")
    [atom_entry] = atom.iter(f"{ATOM}entry")
    return {
        "rss channel": rss.find("channel/title").text,
        "rss item": rss_item.find("title").text,
        "rss description": rss_item.find("description").text,
        "atom feed": atom.find(f"{ATOM}title").text,
        "atom entry": atom_entry.find(f"{ATOM}title").text,
        "atom summary": atom_entry.find(f"{ATOM}summary").text,
    }


def vcard_texts(client, city, language):
    """The person's name and title in each vCard file that names them in `language`, parsed back."""
    person, department = city["person"], city["pages"][0]
    texts = {}
    for url in [f"/{language}/vcard/{person.pk}.vcf", f"/{language}/vcard/page/{department.pk}.vcf"]:
        for n, card in enumerate(vobject.readComponents(ok(client, url))):
            texts[f"{url} {n} FN"] = card.fn.value
            texts[f"{url} {n} TITLE"] = card.title.value
    for n, card in enumerate(vobject.readComponents(ok(client, f"/{language}/vcard/media.vcf"))):
        texts[f"media.vcf {n} FN"] = card.fn.value
    return texts


# The media contacts CSV's columns that hold what the person's editors type: name, job title, media topics.
CSV_TEXT_COLUMNS = (0, 1, 2)


def csv_texts(client, language):
    """The media contacts CSV in `language`, parsed: every row as wide as the heading."""
    header, *rows = list(csv.reader(io.StringIO(ok(client, f"/{language}/media-contacts.csv"))))
    assert rows and all(len(row) == len(header) for row in rows), rows
    return {f"csv {n} {header[column]}": row[column] for n, row in enumerate(rows) for column in CSV_TEXT_COLUMNS}


def json_and_page_texts(client, city, language):
    """The person and the department as the JSON API gives them in `language`; each page's heading and the
    name in its JSON-LD."""
    person, department = city["person"], city["pages"][0]
    contacts = json.loads(ok(client, f"/api/v2/contacts/?lang={language}&fields=*"))["items"]
    [found] = [item for item in contacts if item["id"] == person.pk]
    page = json.loads(ok(client, f"/api/v2/pages/{department.pk}/?lang={language}&fields=*"))
    texts = {"api first_name": found["first_name"], "api job_title": found["job_title"], "api title": page["title"]}
    with translation.override(language):
        urls = [page.get_url_parts()[2] for page in city["pages"]]
    for url in urls:
        html = BeautifulSoup(ok(client, url), "html.parser")
        texts[f"{url} h1"] = html.find("h1").get_text()
        for n, script in enumerate(html.select("script[type]")):
            if script["type"] == "application/ld+json":
                data = json.loads(script.string)
                texts[f"{url} JSON-LD {n}"] = data.get("name") or data["headline"]  # a release is an article
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload", [*PAYLOADS, FORMAT_PAYLOAD], ids=["script", "end-script", "svg", "attribute", "cdata", "formats"]
)
def test_what_editors_type_reads_back_as_text_from_every_feed_vcard_csv_and_json_in_every_language(
    client, city, payload
):
    fill_everything(city, payload)
    person = city["person"]
    assert person.first_name == payload and person.job_title_sv == payload  # the fields hold it whole
    for language in city_languages(city):
        texts = {
            **feed_texts(client, city, language),
            **vcard_texts(client, city, language),
            **csv_texts(client, language),
            **json_and_page_texts(client, city, language),
        }
        # Each text either is the payload, or holds it whole (a channel title names the newsroom and the city;
        # a name is first and last name; a CSV cell may hold a department's and a unit's titles).
        broken = {where: text for where, text in texts.items() if payload not in (text or "")}
        assert len(texts) > 10 and not broken, (language, broken)
        assert texts["rss item"] == texts["atom entry"] == texts["api title"] == payload, language


# --- what the properties found, kept as plain examples ---------------------------------------------


@pytest.mark.django_db
def test_a_nul_in_the_path_is_a_404_not_a_database_error(client, helsinki):
    assert client.get("/fi/%00/").status_code == 404


@pytest.mark.django_db
def test_a_control_character_pasted_into_a_release_leaves_the_feeds_readable(client, helsinki):
    newsroom = NewsroomPageFactory(parent=helsinki)
    PressReleasePageFactory(parent=newsroom, title_fi="Rivi\x0bvaihto", intro_fi="Sivun\x0cvaihto")
    for feed in ("rss", "atom"):
        response = client.get(f"/fi/uutishuone/feed/{feed}/")
        assert response.status_code == 200
        assert "Rivi vaihto" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999999999999999999"])
def test_the_apis_find_answers_an_odd_id_with_a_404(client, helsinki, value):
    for endpoint in ("pages", "contacts"):
        assert client.get(f"/api/v2/{endpoint}/find/", {"id": value}).status_code == 404
