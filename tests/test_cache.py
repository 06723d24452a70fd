"""Published pages come from the page cache, and every change shows at once."""

import json
import os
import subprocess
import sys
import time

import pytest
import redis
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from citycomms.cache import GENERATION_KEY, current_generation, local_pages
from citycomms.factories import AccessibilityStatementPageFactory
from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, PageContact, UnitPage
from tests.conftest import edit_form_values

pytestmark = pytest.mark.django_db

# A database of the machine's Redis that nothing else uses; the Redis tests empty it.
TEST_REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def department(helsinki):
    person = ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä", job_title_fi="johtaja")
    page = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintäosasto",
        title_sv="Kommunikationsavdelningen",
        title_en="Communications Department",
        slug_fi="viestintaosasto",
        slug_sv="kommunikationsavdelningen",
        slug_en="communications",
    )
    PageContact.objects.create(page=page, contact=person, sort_order=0)
    return page


URLS = {"fi": "/fi/viestintaosasto/", "sv": "/sv/kommunikationsavdelningen/", "en": "/en/communications/"}


def get(client, url, **extra):
    """The response and the number of SQL queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


# Finding the city a request is for: Site.find_for_request, its home as its own page type for routing and
# CitySettings.for_request. Wagtail keeps them for the request only (nothing is put on it for longer).
CITY_TABLES = ("wagtailcore_site", "citycomms_citysettings", "citycomms_cityhomepage")


def get_page_work(client, url):
    """The response and the number of SQL queries it cost beyond finding the city."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    own = [query for query in queries.captured_queries if not any(table in query["sql"] for table in CITY_TABLES)]
    return response, len(own)


def main_of(response):
    return str(BeautifulSoup(response.content, "html.parser").main)


def is_hit(response):
    return response.get("X-Page-Cache") == "hit"


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


@pytest.fixture
def redis_cache(settings):
    """The default cache on a spare Redis database, emptied before and after the test."""
    settings.CACHES = {"default": {"BACKEND": "citycomms.redis_cache.RedisCache", "LOCATION": TEST_REDIS_URL}}
    server = redis.Redis.from_url(TEST_REDIS_URL)
    server.flushdb()
    yield server
    server.flushdb()


def test_redis_serves_the_second_request_and_a_publish_clears_it(client, department, redis_cache):
    client.get(URLS["sv"])
    response, queries = get(client, URLS["sv"])
    assert is_hit(response) and queries == 0
    assert redis_cache.dbsize() >= 2  # the page and the generation token are really in Redis

    department.title_sv = "Nytt namn"
    department.save_revision().publish()
    response, queries = get(client, URLS["sv"])
    assert not is_hit(response) and "Nytt namn" in response.content.decode()


@pytest.fixture
def redis_reads(redis_cache, monkeypatch):
    """The reads this process asks of the cache, as they are made (Redis counts every client's)."""
    cache, reads = caches["default"], []
    for name in ("get", "get_many"):
        read = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *args, read=read, **kwargs: reads.append(args) or read(*args, **kwargs)
        )
    return reads


@pytest.mark.parametrize(("local_seconds", "asks_redis"), [(30, False), (0, True)])
def test_a_page_served_again_soon_comes_from_the_process_memory(
    client, department, settings, redis_reads, local_seconds, asks_redis
):
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = local_seconds
    client.get(URLS["fi"])
    redis_reads.clear()
    response = client.get(URLS["fi"])
    assert is_hit(response) and "Liisa Kivelä" in response.content.decode()
    assert bool(redis_reads) is asks_redis


def test_a_change_made_in_another_process_shows_here_once_the_local_window_ends(
    client, department, settings, redis_cache, monkeypatch
):
    """Another gunicorn worker publishes: it replaces the token in Redis. This process reads the token again
    CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS after its last read (pages served from its memory meanwhile do not
    extend that), and from then on serves the new page. The process's clock is the test's."""
    now = [time.monotonic() + 3600]  # after any read an earlier test made
    monkeypatch.setattr("citycomms.cache.time.monotonic", lambda: now[0])
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = 2
    client.get(URLS["fi"])
    DepartmentPage.objects.filter(pk=department.pk).update(title_fi="Toisen prosessin otsikko")
    caches["default"].set(GENERATION_KEY, "made-by-another-process", timeout=None)

    now[0] += 1.5
    assert is_hit(client.get(URLS["fi"]))  # within the window: this process's copy
    now[0] += 0.6
    response = client.get(URLS["fi"])
    assert not is_hit(response) and "Toisen prosessin otsikko" in response.content.decode()


def test_a_slow_read_of_the_token_does_not_bring_back_one_a_change_here_retired(department):
    """Threads: one reads the token, another publishes, then the first's answer arrives."""
    local_pages.saw("new", time.monotonic())
    local_pages.saw("old", time.monotonic() - 0.01)  # asked before the change
    assert local_pages.token == "new"


def test_the_process_memory_keeps_pages_up_to_its_size(settings):
    settings.CITYCOMMS_PAGE_CACHE_LOCAL_BYTES = 100
    local_pages.saw("token", time.monotonic())
    for name in ("a", "b", "c"):
        local_pages.keep(name, {"generation": "token", "content": b"x" * 40, "headers": []})
    assert local_pages.page("a") is None  # the least recently kept went
    assert local_pages.page("b") and local_pages.page("c") and local_pages.size == 80


def test_the_media_directory_is_worked_out_once_and_follows_every_change(
    client, helsinki, press_page, settings, redis_cache
):
    """The directory behind the media contacts page is kept until the next change: a search or a page of it
    reads only what it shows, and a contact made staff-only, unpublished or added shows at once."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every response is rendered; only the directory is kept
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä")
    unit = UnitPageFactory(parent=department, title_fi="Mediapalvelu")
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Maija", last_name="Meikäläinen")
    PageContact.objects.create(page=unit, contact=person, sort_order=0)
    url = press_page.url + "?q=maija"

    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert "Maija Meikäläinen" in first.content.decode() and second.content == first.content
    assert second_queries < first_queries, (first_queries, second_queries)
    assert redis_cache.keys(f"*citycomms:media-directory:{helsinki.pk}")  # really kept in Redis

    restriction = PageViewRestriction.objects.create(page=unit, restriction_type=PageViewRestriction.LOGIN)
    assert "Meikäläinen" not in client.get(url).content.decode()
    restriction.delete()
    assert "Meikäläinen" in client.get(url).content.decode()

    unit.unpublish()
    assert "Meikäläinen" not in client.get(url).content.decode()

    newcomer = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Maija", last_name="Uusitalo")
    assert "Maija Uusitalo" in client.get(url).content.decode()  # a media contact no page names: public

    # Named on a page not yet published, and nowhere else: not public (departments.people), at once.
    draft = department.add_child(instance=UnitPage(title_fi="Luonnos", slug_fi="luonnos", live=False))
    PageContact.objects.create(page=draft, contact=newcomer, sort_order=0)
    assert "Maija Uusitalo" not in client.get(url).content.decode()


def test_the_media_directory_is_held_in_the_process_until_the_next_change(
    client, helsinki, press_page, settings, redis_reads
):
    """Each search starts from the directory without reading it from Redis again, until a change."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä")
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Maija", last_name="Mäki")
    PageContact.objects.create(page=department, contact=person, sort_order=0)
    client.get(press_page.url + "?q=maija")

    def directory_reads():
        return [args for args in redis_reads if "media-directory" in str(args)]

    redis_reads.clear()
    assert "Maija Mäki" in client.get(press_page.url + "?q=maki").content.decode()
    assert directory_reads() == []

    person.last_name = "Mäkelä"
    person.save()
    assert "Maija Mäkelä" in client.get(press_page.url + "?q=maija").content.decode()
    assert directory_reads()


def test_a_deploy_retires_the_cached_pages_and_kept_data(department):
    """migrate runs on every deploy: what the code before it made or kept is not served after it."""
    cache = caches["default"]
    before = current_generation(cache)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert cache.get(GENERATION_KEY) != before


def test_the_links_to_a_citys_own_pages_are_kept_and_follow_every_change(
    client, helsinki, department, press_page, settings, redis_cache
):
    """Every page links the city's accessibility statement and media contacts page, which are looked up once
    until the next change: one unpublished or made staff-only loses its links at the next request."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    statement = AccessibilityStatementPageFactory(parent=helsinki)

    first, first_queries = get_page_work(client, URLS["fi"])
    second, second_queries = get_page_work(client, URLS["fi"])
    assert statement.url in first.content.decode() and press_page.url in first.content.decode()
    assert second_queries == 0 < first_queries, (first_queries, second_queries)
    assert redis_cache.keys(f"*citycomms:one-per-city-pages:{helsinki.path}")

    statement.unpublish()
    assert statement.url not in client.get(URLS["fi"]).content.decode()
    PageViewRestriction.objects.create(page=press_page, restriction_type=PageViewRestriction.LOGIN)
    assert press_page.url not in client.get(URLS["fi"]).content.decode()


def test_the_city_a_request_is_for_follows_its_site_settings_and_home(client, helsinki, department, settings):
    """A renamed city home and a language no longer offered show at the next request."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    assert client.get(URLS["sv"]).status_code == 200

    helsinki.title_sv = "Helsingfors nya namn"
    helsinki.save_revision().publish()
    assert "Helsingfors nya namn" in client.get(URLS["sv"]).content.decode()
    city_settings = CitySettings.objects.get(site__root_page=helsinki)
    city_settings.languages = ["fi"]
    city_settings.save()
    assert client.get(URLS["sv"])["Location"].startswith("/fi/")  # Swedish is no longer offered


def test_a_department_page_keeps_its_rendered_parts_and_follows_every_change(
    client, helsinki, department, settings, redis_cache
):
    """With the page cache off (a signed-in reader, a query string), a department page still renders the parts
    that are the same for every reader (its content, its structured data) once until the next change, in each
    language; a new unit, a unit made staff-only, a contact's new number and a published edit show at once."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    client.get("/fi/")  # the city's one-per-city pages are kept: count the page's own work only
    first, first_queries = get_page_work(client, URLS["fi"])
    second, second_queries = get_page_work(client, URLS["fi"] + "?utm_source=x")
    assert "Liisa Kivelä" in first.content.decode()
    assert main_of(second) == main_of(first)  # the language switcher keeps each one's query string
    assert second_queries == 0 < first_queries, (first_queries, second_queries)
    assert redis_cache.keys(f"*citycomms:fragment:organisation:*:{department.pk}:fi")
    for url in URLS.values():
        client.get(url)  # every language's parts are kept from here on

    unit = UnitPageFactory(parent=department, title_fi="Mediapalvelu", title_sv="Medieservice", slug_sv="medie")
    assert listed(client.get(URLS["sv"])) == ["Medieservice"]
    assert listed(client.get(URLS["fi"])) == ["Mediapalvelu"]
    PageViewRestriction.objects.create(page=unit, restriction_type=PageViewRestriction.LOGIN)
    staff_only = client.get(URLS["fi"])
    assert listed(staff_only) == [] and "Mediapalvelu" not in json.dumps(structured_data(staff_only))

    person = department.page_contacts.get().contact
    person.phone = "+358 9 310 99999"
    person.save()
    assert "tel:+358931099999" in client.get(URLS["en"]).content.decode()

    department.intro_en = "What the department does, newly written."
    department.save_revision().publish()
    assert intro(client.get(URLS["en"])) == "What the department does, newly written."


def test_the_city_home_keeps_its_department_list_and_follows_every_change(
    client, helsinki, department, settings, redis_cache
):
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    assert listed(client.get("/fi/")) == ["Viestintäosasto"]
    assert redis_cache.keys(f"*citycomms:fragment:city-home:*:{helsinki.pk}:fi")

    newcomer = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto", slug_fi="kulttuuri")
    assert listed(client.get("/fi/")) == ["Viestintäosasto", "Kulttuuriosasto"]
    department.unpublish()
    home = client.get("/fi/")
    assert listed(home) == ["Kulttuuriosasto"]
    assert "Viestintäosasto" not in json.dumps(structured_data(home), ensure_ascii=False)
    assert newcomer.title_fi in json.dumps(structured_data(home), ensure_ascii=False)


def menu_and_footer(response):
    """The main menu's link texts and the footer's text, as a reader sees them."""
    soup = BeautifulSoup(response.content, "html.parser")
    menu = [link.get_text(strip=True) for link in soup.select(".main-menu a")]
    return menu, soup.find("footer").get_text(" ", strip=True)


def test_the_header_menu_and_footer_are_kept_and_follow_every_change(
    client, helsinki, department, settings, redis_cache
):
    """The site's header, main menu and footer are rendered once per page and language until the next change:
    a new department shows in every page's menu, a change of the city's settings in every footer."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    menu, _footer = menu_and_footer(client.get(URLS["fi"]))
    assert menu == ["Viestintäosasto"]
    assert redis_cache.keys(f"*citycomms:fragment:main-menu:*:{department.pk}:fi")
    assert redis_cache.keys(f"*citycomms:fragment:footer:*:{department.pk}:fi")

    DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto", slug_fi="kulttuuri")
    city = CitySettings.for_site(helsinki.get_site())
    city.phone = "+358 9 310 1111"
    city.save()
    menu, footer = menu_and_footer(client.get(URLS["fi"]))
    assert menu == ["Viestintäosasto", "Kulttuuriosasto"]
    assert "1111" in footer


def test_a_kept_part_is_kept_apart_for_each_host_and_scheme(department, redis_cache):
    """Share links and JSON-LD hold absolute URLs built from the request: another host the same site answers,
    or https, must not get the first reader's."""
    Client(HTTP_HOST="127.0.0.1").get(URLS["fi"])
    Client(HTTP_HOST="localhost").get(URLS["fi"])
    assert "127.0.0.1" not in Client(HTTP_HOST="localhost").get(URLS["fi"]).content.decode()
    assert "http://localhost" not in Client(HTTP_HOST="localhost").get(URLS["fi"], secure=True).content.decode()


def test_a_change_made_while_a_page_is_served_is_not_kept_as_current(client, helsinki, department, redis_cache):
    """The page and its head are read before the kept parts are made: a change landing in between must retire
    what the request keeps, not have it kept as if made after the change."""
    head = ContactPersonFactory(city=helsinki, first_name="Salainen", last_name="Johtaja")
    department.head = head
    department.save_revision().publish()

    def unpublish_head_while_served(page, request, args, kwargs):
        if head.live:
            head.unpublish()  # a moderator, at the same moment

    with hooks.register_temporarily("before_serve_page", unpublish_head_while_served):
        client.get(URLS["fi"])
    assert "Salainen" not in client.get(URLS["fi"]).content.decode()
    assert "Salainen" not in client.get(URLS["fi"]).content.decode()  # nor from the page cache


def test_a_document_whose_collection_moves_under_a_private_one_leaves_the_page(
    admin_client, client, department, settings, redis_cache
):
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    root = Collection.get_first_root_node()
    staff = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=staff, restriction_type=CollectionViewRestriction.LOGIN)
    drafts = root.add_child(name="Drafts")
    document = get_document_model().objects.create(
        title="Budget memo", collection=drafts, file=ContentFile(b"%PDF-1.4", name="memo.pdf")
    )
    department.body_fi = [("documents", {"heading": "Asiakirjat", "documents": [document]})]
    department.save_revision().publish()
    assert "Budget memo" in client.get(URLS["fi"]).content.decode()

    response = admin_client.post(f"/admin/collections/{drafts.pk}/", {"name": "Drafts", "parent": staff.pk})
    assert response.status_code == 302
    assert "Budget memo" not in client.get(URLS["fi"]).content.decode()


def test_an_entry_that_cannot_be_read_is_removed(client, helsinki, department, redis_cache):
    """Say one kept by an earlier release, of a class since changed: the page is made afresh, the entry goes."""
    key = f":1:citycomms:one-per-city-pages:{helsinki.path}"
    redis_cache.set(key, b"not a pickle")
    assert client.get(URLS["fi"]).status_code == 200
    assert redis_cache.get(key) != b"not a pickle"


def test_routing_is_kept_and_follows_a_new_slug_and_keeps_nothing_for_unknown_paths(
    client, helsinki, department, settings, redis_cache
):
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    client.get(URLS["sv"])
    assert len(redis_cache.keys("*citycomms:route:*")) == 1

    department.slug_sv = "kommunikation"
    department.save_revision().publish()
    assert client.get(URLS["sv"])["Location"] == "/sv/kommunikation/"  # Wagtail's redirect for the old slug
    assert client.get("/sv/kommunikation/").status_code == 200

    before = set(redis_cache.keys("*"))
    for n in range(5):
        assert client.get(f"/sv/finns-inte-{n}/").status_code == 404
    assert set(redis_cache.keys("*")) == before  # a path that names no page leaves nothing behind


def test_a_preview_never_shows_nor_leaves_a_kept_part(admin_client, client, department, settings, redis_cache):
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    department.intro_fi = "Julkaistu johdanto."
    department.save_revision().publish()
    client.get(URLS["fi"])
    preview_url = f"/admin/pages/{department.pk}/edit/preview/"
    form = edit_form_values(admin_client.get(f"/admin/pages/{department.pk}/edit/").content.decode(), DepartmentPage)
    form["intro_fi"] = "Luonnos, jota yleisö ei näe."
    assert admin_client.post(preview_url, form).json()["is_valid"] is True

    assert intro(admin_client.get(f"{preview_url}?mode=fi")) == "Luonnos, jota yleisö ei näe."
    assert intro(client.get(URLS["fi"])) == "Julkaistu johdanto."


def listed(response):
    """The titles of the units or teams the page lists."""
    return [link.get_text() for link in BeautifulSoup(response.content, "html.parser").select(".page-list__link")]


def intro(response):
    return BeautifulSoup(response.content, "html.parser").select_one("article p.intro").get_text()


def structured_data(response):
    element = BeautifulSoup(response.content, "html.parser").find("script", type="application/ld+json")
    return json.loads(element.string)


def test_pages_are_served_when_the_cache_does_not_answer(client, helsinki, department, press_page, settings):
    """Redis down: nothing is read from it or kept in it, and every page is rendered from the database."""
    settings.CACHES = {"default": {"BACKEND": "citycomms.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    for url in ["/fi/", "/fi/search/?q=viestinta", press_page.url + "?q=liisa", URLS["sv"], URLS["fi"]]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Liisa Kivelä" in response.content.decode()


def test_production_keeps_the_media_directory_only_in_a_shared_redis():
    assert production_settings()["shared"] is False  # each worker's memory: a change elsewhere would not show
    assert production_settings(REDIS_URL=TEST_REDIS_URL)["shared"] is True


def production_settings(**env):
    """The production settings as the environment `env` makes them, read in a fresh interpreter."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
        "'page_cache': settings.CITYCOMMS_PAGE_CACHE_ENABLED, 'shared': settings.CITYCOMMS_CACHE_SHARED, "
        "'cache': settings.CACHES['default']['BACKEND'], "
        "'frontend': settings.WAGTAILFRONTENDCACHE, "
        "'frontend_app': 'wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS}))"
    )
    keep = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "DATABASE_URL")}
    environ = {**keep, "DJANGO_SETTINGS_MODULE": "citycomms.settings.production", "DJANGO_SECRET_KEY": "x", **env}
    result = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_production_caches_pages_only_in_a_shared_redis():
    assert production_settings() == {
        "page_cache": False,
        "shared": False,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "frontend": {},
        "frontend_app": False,
    }
    with_redis = production_settings(REDIS_URL=TEST_REDIS_URL)
    assert with_redis["page_cache"] is True
    assert with_redis["cache"] == "citycomms.redis_cache.RedisCache"


def test_production_purges_a_frontend_cache_when_one_is_configured():
    configured = production_settings(FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081")
    # citycomms.edge sends every change there from a task; Wagtail's app would purge one URL in the editor's request.
    assert configured["frontend_app"] is False
    assert configured["frontend"]["http"]["LOCATION"] == "http://varnish.internal:6081"
