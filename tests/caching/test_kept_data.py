"""The data kept between requests (media directory, links, routing, rendered parts) follows every change."""

import json
import time

import pytest
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

from citycomms.cache import GENERATION_KEY, HELD_SECONDS, current_generation
from citycomms.factories import AccessibilityStatementPageFactory
from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, PageContact, UnitPage
from newsroom.factories import NewsroomPageFactory
from tests.caching.conftest import URLS, get
from tests.conftest import edit_form_values

pytestmark = pytest.mark.django_db


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


def test_each_media_contact_is_kept_rendered_and_follows_every_change(
    client, helsinki, press_page, settings, redis_cache
):
    """The media contacts page keeps each person's card, rendered, with the role their listing gives them: a
    change to the person or to the role shows at once."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every response is rendered; the cards are kept
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintä")
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Maija", last_name="Mäki")
    listing = PageContact.objects.create(page=department, contact=person, sort_order=0, role_fi="Tiedottaja")

    def card():
        html = BeautifulSoup(client.get(press_page.url).content, "html.parser")
        return " ".join(html.select_one(".contact-list .contact-card").get_text(" ", strip=True).split())

    assert card().startswith("Maija Mäki Tiedottaja")
    assert redis_cache.keys("*citycomms:fragment:media-contact:*")  # really kept in Redis
    person.last_name = "Mäkelä"
    person.save()
    assert card().startswith("Maija Mäkelä Tiedottaja")
    listing.role_fi = "Viestintäpäällikkö"
    listing.save()
    assert card().startswith("Maija Mäkelä Viestintäpäällikkö")


def test_who_is_public_is_kept_for_search_and_vcards_and_follows_every_change(
    client, helsinki, department, settings, redis_cache
):
    """Search and vCards ask who the city shows (departments.people) from what is kept until the next change: a
    person made staff-only or unpublished leaves both at once."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every response is rendered; only who is public is kept
    person = department.page_contacts.get().contact
    vcard = f"/fi/vcard/{person.pk}.vcf"

    def shown():
        searched = "Kivelä" in client.get("/fi/search/?q=liisa").content.decode()
        return searched, client.get(vcard).status_code

    assert shown() == (True, 200)
    assert redis_cache.keys(f"*citycomms:public-people:{helsinki.pk}")  # really kept in Redis

    restriction = PageViewRestriction.objects.create(page=department, restriction_type=PageViewRestriction.LOGIN)
    assert shown() == (False, 404)
    restriction.delete()
    assert shown() == (True, 200)

    person.unpublish()
    assert shown() == (False, 404)


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


def test_a_page_made_again_asks_the_cache_only_for_the_token_and_follows_a_change_made_elsewhere(
    client, department, settings, redis_reads
):
    """What a page is made of (its city, route, menus and rendered parts) is held in the process while the
    generation token stays the same: the page made again asks the cache (Redis) once, for the token and nothing
    else. Another process's change replaces the token in Redis, and the next page made here shows it."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every response is rendered from what is kept
    first = client.get(URLS["fi"])
    assert "Viestintäosasto" in first.content.decode()

    redis_reads.clear()
    again, queries = get(client, URLS["fi"])
    assert again.content == first.content and queries == 0
    assert len(redis_reads) == 1 and GENERATION_KEY in redis_reads[0][0], redis_reads

    DepartmentPage.objects.filter(pk=department.pk).update(title_fi="Toisen prosessin otsikko")
    caches["default"].set(GENERATION_KEY, "made-by-another-process", timeout=None)
    assert "Toisen prosessin otsikko" in main_of(client.get(URLS["fi"]))


def test_what_a_process_holds_is_read_from_the_cache_again_after_a_minute(
    client, department, settings, redis_reads, monkeypatch
):
    """A change whose new token the cache refused retires nothing; what the process holds still goes back to
    the cache after HELD_SECONDS, so it lives no longer than the cache's own copy (KEPT_SECONDS) and that."""
    now = [time.monotonic()]
    monkeypatch.setattr("citycomms.cache.time.monotonic", lambda: now[0])
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    client.get(URLS["fi"])
    redis_reads.clear()
    now[0] += HELD_SECONDS - 1
    client.get(URLS["fi"])
    assert len(redis_reads) == 1  # the token only
    redis_reads.clear()
    now[0] += 1
    client.get(URLS["fi"])
    assert any("citycomms:route:" in str(read) for read in redis_reads), redis_reads


def test_the_newsrooms_department_filter_is_kept_and_follows_every_change(
    client, helsinki, department, settings, redis_cache
):
    """The newsroom's department choices are the same for every reader and kept until the next change: a
    department made staff-only leaves them at once, a new one joins them."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every response is rendered; only the choices are kept
    newsroom = NewsroomPageFactory(parent=helsinki)

    def choices():
        html = BeautifulSoup(client.get(newsroom.url).content, "html.parser")
        return [option.get_text(strip=True) for option in html.select("#release-department option")][1:]

    assert choices() == ["Viestintäosasto"]
    assert redis_cache.keys(f"*citycomms:newsroom-departments:{newsroom.pk}")  # really kept in Redis
    restriction = PageViewRestriction.objects.create(page=department, restriction_type=PageViewRestriction.LOGIN)
    assert choices() == []
    restriction.delete()
    DepartmentPageFactory(parent=helsinki, title_fi="Talousosasto")
    assert choices() == ["Viestintäosasto", "Talousosasto"]


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
