"""The site search reads stored texts on PostgreSQL (search.indexing): they follow every change of what they are
read from, so a reader finds what the site shows now."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from wagtail.models import Page, Site

from citycomms.models import CitySettings
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from search.models import PageText
from tests.conftest import publish, result_titles, search

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the texts are stored on PostgreSQL only"),
    pytest.mark.django_db,
]


def found(client, words, language="fi", host="localhost"):
    return result_titles(search(client, words, language, host))


def test_a_published_change_is_found_by_its_new_words_and_no_longer_by_the_old(client, helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", intro_fi="Osasto tiedottaa.")
    assert found(client, "tiedottaa") == ["Viestintä"]

    department.save_revision()  # a draft's bookkeeping: nothing the public sees
    publish(department, intro_fi="Osasto neuvoo asukkaita.")

    assert found(client, "neuvoo") == ["Viestintä"]
    assert found(client, "tiedottaa") == []


def test_a_draft_is_not_found_until_it_is_published(client, helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", intro_fi="Osasto tiedottaa.")
    department.intro_fi = "Osasto neuvoo asukkaita."
    department.save_revision()

    assert found(client, "neuvoo") == []
    assert found(client, "tiedottaa") == ["Viestintä"]


def test_a_new_fallback_order_of_the_city_is_what_its_readers_find_pages_by(client, helsinki):
    """An English reader sees the default language's text where a page has no English: Finnish, then Swedish."""
    DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintä",
        title_sv="Kommunikation",
        title_en="",
        intro_fi="Osasto",
        intro_sv="Avdelningen",
    )
    assert found(client, "viestintä", "en") == ["Viestintä"]
    assert found(client, "kommunikation", "en") == []

    settings = CitySettings.for_site(Site.objects.get(root_page=helsinki))
    settings.default_language = "sv"
    settings.save()

    assert found(client, "kommunikation", "en") == ["Kommunikation"]
    assert found(client, "viestintä", "en") == []


def test_a_unit_moved_to_another_city_is_found_with_its_teams_in_that_citys_languages(client, helsinki, goteborg):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", slug_fi="viestinta")
    unit = UnitPageFactory(
        parent=department, title_fi="Mediapalvelu", title_sv="Mediaservice", title_en="", slug_fi="media"
    )
    TeamPageFactory(parent=unit, title_fi="Verkkotiimi", title_sv="Webbteamet", title_en="", slug_fi="verkko")
    stadsbyggnad = DepartmentPageFactory(parent=goteborg, title_sv="Stadsbyggnad", slug_sv="stadsbyggnad")
    # An English reader in Helsinki falls back to Finnish first; in Göteborg to Swedish.
    assert found(client, "verkkotiimi", "en") == ["Verkkotiimi"]

    Page.objects.get(pk=unit.pk).move(stadsbyggnad, pos="last-child")

    assert found(client, "mediaservice", "en", "goteborg.localhost") == ["Mediaservice"]
    assert found(client, "webbteamet", "en", "goteborg.localhost") == ["Webbteamet"]


def test_pages_left_without_texts_get_them_after_migrate(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintä")
    PageText.objects.all().delete()  # as after the search's own migration on an existing database
    assert found(client, "viestintä") == []

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert found(client, "viestintä") == ["Viestintä"]
    assert PageText.objects.filter(language="sv", page__title_fi="Viestintä").exists()
