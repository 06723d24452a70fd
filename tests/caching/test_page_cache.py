"""Published pages come from the page cache, and every change shows at once."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from citycomms.cache import GENERATION_KEY
from departments.factories import DepartmentPageFactory, UnitPageFactory
from tests.caching.conftest import URLS, get, is_hit

pytestmark = pytest.mark.django_db


def test_a_second_anonymous_request_is_served_from_the_cache_without_sql(client, department):
    first, first_queries = get(client, URLS["fi"])
    second, second_queries = get(client, URLS["fi"])

    assert first.status_code == second.status_code == 200
    assert first_queries > 0 and not is_hit(first)
    assert second_queries == 0 and is_hit(second)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_head_requests_are_answered_from_the_cache_too(client, department):
    client.get(URLS["fi"])
    with CaptureQueriesContext(connection) as queries:
        response = client.head(URLS["fi"])
    assert response.status_code == 200 and is_hit(response)
    assert len(queries) == 0


def test_each_language_host_and_query_string_has_its_own_copy(client, department):
    for url in URLS.values():
        client.get(url)
    for code, url in URLS.items():
        response, queries = get(client, url)
        assert is_hit(response) and queries == 0
        assert f'<html lang="{code}">' in response.content.decode()
    assert not is_hit(client.get(URLS["fi"] + "?utm_source=x"))
    assert not is_hit(client.get(URLS["fi"], HTTP_HOST="helsinki.localhost"))


def test_a_published_edit_shows_at_once_in_every_language(client, department):
    for url in [*URLS.values(), "/fi/"]:
        client.get(url)

    department.title_fi, department.title_sv, department.title_en = "Uusi nimi", "Nytt namn", "New name"
    department.save_revision().publish()

    for code, new_title in {"fi": "Uusi nimi", "sv": "Nytt namn", "en": "New name"}.items():
        response = client.get(URLS[code])
        assert new_title in response.content.decode(), code
    # Other pages that show the title (the city home's list of departments) too.
    assert "Uusi nimi" in client.get("/fi/").content.decode()


def test_a_contact_change_shows_at_once(client, department):
    client.get(URLS["fi"])
    person = department.page_contacts.get().contact
    person.job_title_fi = "viestintäjohtaja"
    person.save()

    response, queries = get(client, URLS["fi"])
    assert not is_hit(response) and queries > 0
    assert "viestintäjohtaja" in response.content.decode()


def test_unpublished_moved_and_deleted_pages_leave_the_cache(client, helsinki, department):
    unit = UnitPageFactory(parent=department, title_fi="Yksikkö A", slug_fi="yksikko-a")
    other = DepartmentPageFactory(parent=helsinki, slug_fi="toinen")
    client.get(unit.url)
    client.get(URLS["fi"])

    unit.unpublish()
    assert client.get(URLS["fi"]).content.decode().count("Yksikkö A") == 0
    assert client.get("/fi/viestintaosasto/yksikko-a/").status_code == 404

    unit.save_revision().publish()
    assert client.get("/fi/viestintaosasto/yksikko-a/").status_code == 200
    unit.move(other, pos="last-child")
    # The old address now leads to the new one instead of the cached copy.
    assert client.get("/fi/viestintaosasto/yksikko-a/")["Location"] == "/fi/toinen/yksikko-a/"
    assert client.get("/fi/toinen/yksikko-a/").status_code == 200

    client.get(URLS["fi"])
    department.delete()
    assert client.get(URLS["fi"]).status_code == 404


def test_signed_in_readers_neither_get_nor_leave_cached_copies(client, department, django_user_model):
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "x"))

    response, queries = get(editor, URLS["fi"])
    assert not is_hit(response) and queries > 0
    # The signed-in reader's page was not stored: the first anonymous reader makes one.
    assert not is_hit(client.get(URLS["fi"]))
    # And a stored page is not given to the signed-in reader.
    assert is_hit(client.get(URLS["fi"]))
    assert not is_hit(editor.get(URLS["fi"]))


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_private_pages_are_never_cached(client, helsinki, department, django_user_model, restriction_type):
    PageViewRestriction.objects.create(page=helsinki, restriction_type=restriction_type, password="salasana")

    for _attempt in range(2):
        response, queries = get(client, URLS["fi"])
        assert not is_hit(response) and queries > 0
        assert "Viestintäosasto" not in response.content.decode()

    if restriction_type == PageViewRestriction.LOGIN:
        editor = Client(HTTP_HOST="localhost")
        editor.force_login(django_user_model.objects.create_user("reader", "r@example.com", "x"))
        assert editor.get(URLS["fi"]).status_code == 200
        # What the signed-in reader saw is not handed to the anonymous one.
        response = client.get(URLS["fi"])
        assert response.status_code == 302 and "Viestintäosasto" not in response.content.decode()


def test_a_page_made_private_leaves_the_cache(client, department):
    client.get(URLS["fi"])
    assert is_hit(client.get(URLS["fi"]))

    PageViewRestriction.objects.create(page=department, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(URLS["fi"]).status_code == 302


def test_vcards_and_the_media_csv_are_cached_and_follow_a_contact_change(client, helsinki, department, press_page):
    person = department.page_contacts.get().contact
    person.is_media_contact = True
    person.save()
    urls = [f"/fi/vcard/{person.pk}.vcf", f"/fi/vcard/page/{department.pk}.vcf", "/fi/vcard/media.vcf"]
    urls.append("/fi/media-contacts.csv")
    for url in urls:
        client.get(url)
        response, queries = get(client, url)
        assert is_hit(response) and queries == 0, url

    person.phone = "+358 9 310 77777"
    person.save()
    for url in urls:
        response = client.get(url)
        assert not is_hit(response) and "310 77777" in response.content.decode(), url


def test_post_requests_are_never_answered_from_the_cache_nor_stored(client, department):
    client.post(URLS["fi"])
    assert not is_hit(client.get(URLS["fi"]))  # the POST stored nothing
    response = client.post(URLS["fi"])
    assert not is_hit(response) and response.templates  # rendered afresh


def test_search_and_sitemap_are_cached_and_follow_changes(client, helsinki, department):
    client.get("/fi/search/?q=viestintä")
    client.get("/sitemap.xml")
    assert is_hit(client.get("/fi/search/?q=viestintä"))
    assert is_hit(client.get("/sitemap.xml"))

    DepartmentPageFactory(parent=helsinki, title_fi="Viestintäpalvelut", slug_fi="viestintapalvelut")
    assert "Viestintäpalvelut" in client.get("/fi/search/?q=viestintä").content.decode()
    assert "viestintapalvelut" in client.get("/sitemap.xml").content.decode()


def test_the_generation_is_retired_again_when_the_transaction_commits(department, django_capture_on_commit_callbacks):
    cache = caches["default"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        department.save_revision().publish()
        during = cache.get(GENERATION_KEY)
    assert during is not None
    for callback in callbacks:
        callback()
    assert cache.get(GENERATION_KEY) != during
