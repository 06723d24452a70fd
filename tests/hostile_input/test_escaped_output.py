"""Hostile input: whatever editors type is escaped on every page, card and feed.

Hypothesis makes up the input. Each property runs inside one test (and one database
transaction) against a small city built once for it, so the module stays quick."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from citycomms.models import CityHomePage
from contacts.models import ContactPerson
from tests.hostile_input.conftest import PAYLOADS, fill, public_paths, text_fields

PROJECT_APPS = {"citycomms", "contacts", "departments", "press", "newsroom", "search", "opendata"}


# Editors cannot type NUL: Django's form fields refuse it before it reaches the database.
typed = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=3)


payloads = st.builds(
    lambda before, payload, after: before + payload + after,
    typed,
    st.sampled_from(PAYLOADS),
    typed,
)


def project_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in PROJECT_APPS and model.is_creatable
    ]


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
