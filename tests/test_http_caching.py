"""What browsers and caches in front may keep: public responses with a validator and a 304, the rest private
(citycomms.http_caching), and the read API kept in the page cache like pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import PageViewRestriction

from citycomms.expiry import expire_at
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from press.models import PressContactsPage

PUBLIC = "public, max-age=60, s-maxage=600, stale-while-revalidate=30, stale-if-error=86400"
PRIVATE = "private, no-store"
MISSING = "public, max-age=0, s-maxage=60"
STRONG_ETAG = re.compile(r'"[0-9a-f]{32}"')
URL = "/fi/viestintaosasto/"


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def department(helsinki):
    person = ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä", is_media_contact=True)
    page = DepartmentPageFactory(
        parent=helsinki, title_fi="Viestintäosasto", title_sv="Kommunikation", slug_fi="viestintaosasto"
    )
    PageContact.objects.create(page=page, contact=person, sort_order=0)
    return page


def is_private(response):
    """`private` and `no-store`: Wagtail's never-cache header (the admin, restricted pages) says more."""
    directives = {directive.strip() for directive in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def assert_public_with_a_validator(client, url, **extra):
    """`url` is public, carries a strong ETag (or Last-Modified), and a conditional request for it answers 304."""
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    assert response["Cache-Control"] == PUBLIC, url
    assert "Cookie" in response["Vary"], url
    if "ETag" in response:
        assert STRONG_ETAG.fullmatch(response["ETag"]), url
        conditional = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **extra)
    else:
        conditional = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"], **extra)
    assert conditional.status_code == 304 and conditional.content == b"", url
    assert conditional["Cache-Control"] == PUBLIC, url
    return response


@pytest.mark.django_db
def test_a_public_page_is_public_for_browsers_and_the_edge_and_answers_304_hit_or_not(client, department):
    fresh = assert_public_with_a_validator(client, URL)
    assert "X-Page-Cache" not in fresh
    assert "Accept-Language" not in fresh["Vary"]  # the language is in the URL
    cached = client.get(URL)
    assert cached["X-Page-Cache"] == "hit"
    assert (cached["ETag"], cached["Cache-Control"]) == (fresh["ETag"], PUBLIC)
    assert cached.content == fresh.content

    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(URL, HTTP_IF_NONE_MATCH=f'"other", {fresh["ETag"]}')
        head = client.head(URL, HTTP_IF_NONE_MATCH=fresh["ETag"])
    assert not_modified.status_code == head.status_code == 304
    assert len(queries) == 0  # answered from the page cache's copy
    assert client.get(URL, HTTP_IF_NONE_MATCH='"an-old-version"').status_code == 200

    department.title_fi = "Uusi nimi"
    department.save_revision().publish()
    changed = client.get(URL, HTTP_IF_NONE_MATCH=fresh["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != fresh["ETag"]


@pytest.mark.django_db
def test_feeds_vcards_csv_sitemap_and_the_api_are_public_with_a_validator(client, helsinki, department):
    newsroom = NewsroomPageFactory(parent=helsinki)
    PressReleasePageFactory(parent=newsroom, title_fi="Vesikatko")
    # The CSV and media.vcf exist while the city has a media contacts page.
    helsinki.add_child(instance=PressContactsPage(title_fi="Medialle", slug_fi="medialle"))
    person = department.page_contacts.get().contact
    urls = [
        "/fi/uutishuone/",
        "/fi/uutishuone/feed/rss/",
        "/fi/uutishuone/feed/atom/",
        f"/fi/vcard/{person.pk}.vcf",
        f"/fi/vcard/page/{department.pk}.vcf",
        "/fi/vcard/media.vcf",
        "/fi/media-contacts.csv",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{department.pk}/?lang=sv",
        "/api/v2/contacts/",
    ]
    for url in urls:
        assert_public_with_a_validator(client, url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.django_db
def test_the_api_is_kept_in_the_page_cache_until_the_next_change(client, department):
    client.get("/api/v2/pages/?lang=sv")
    with CaptureQueriesContext(connection) as queries:
        cached = client.get("/api/v2/pages/?lang=sv")
    assert cached["X-Page-Cache"] == "hit" and len(queries) == 0
    assert "Kommunikation" in cached.content.decode()

    department.title_sv = "Kommunikationsavdelningen"
    department.save_revision().publish()
    fresh = client.get("/api/v2/pages/?lang=sv")
    assert "X-Page-Cache" not in fresh and "Kommunikationsavdelningen" in fresh.content.decode()


@pytest.mark.django_db
def test_signed_in_readers_previews_and_posts_get_private_responses(client, admin_client, department):
    for url in (URL, "/api/v2/pages/", "/sitemap.xml", "/admin/"):
        response = admin_client.get(url, HTTP_HOST="localhost")
        assert is_private(response), url
        assert "ETag" not in response, url
    preview = department.make_preview_request(preview_mode="fi")
    assert preview.status_code == 200 and preview["Cache-Control"] == PRIVATE  # Wagtail said `private` only
    posted = client.post(URL)
    assert posted["Cache-Control"] == PRIVATE


@pytest.mark.django_db
@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_restricted_pages_and_their_forms_are_private(client, department, restriction_type):
    PageViewRestriction.objects.create(page=department, restriction_type=restriction_type, password="salasana")
    response = client.get(URL)
    assert response.status_code == (200 if restriction_type == PageViewRestriction.PASSWORD else 302)
    assert is_private(response)
    if restriction_type == PageViewRestriction.LOGIN:
        sign_in = client.get(response["Location"])
        assert sign_in.status_code == 200 and 'name="csrfmiddlewaretoken"' in sign_in.content.decode()
        assert is_private(sign_in)


@pytest.mark.django_db
def test_errors_are_private_and_a_missing_page_or_a_redirect_is_kept_briefly_at_the_edge(client, department, settings):
    assert client.get("/api/v2/pages/?lang=xx").status_code == 400
    assert client.get("/api/v2/pages/?lang=xx")["Cache-Control"] == PRIVATE
    outside = client.get("/api/v2/pages/999999/")
    assert outside.status_code == 404 and outside["Cache-Control"] == PRIVATE  # its text is in Accept-Language's

    missing = client.get("/fi/ei-ole-olemassa/")
    assert missing.status_code == 404 and missing["Cache-Control"] == MISSING
    to_language = client.get("/", HTTP_ACCEPT_LANGUAGE="sv")
    assert to_language["Location"] == "/sv/" and to_language["Cache-Control"] == MISSING
    assert "Accept-Language" in to_language["Vary"]

    settings.CITYCOMMS_HTTP_MISSING_SHARED_MAX_AGE = 0
    assert client.get("/fi/ei-ole-olemassa/")["Cache-Control"] == PRIVATE


def test_a_lost_database_is_a_private_503(database_down):
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 503 and response["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_the_times_come_from_the_settings_and_files_keep_their_own(client, department, settings):
    settings.CITYCOMMS_HTTP_MAX_AGE = 5
    settings.CITYCOMMS_HTTP_SHARED_MAX_AGE = 3600
    settings.CITYCOMMS_HTTP_STALE_WHILE_REVALIDATE = 10
    settings.CITYCOMMS_HTTP_STALE_IF_ERROR = 600
    expected = "public, max-age=5, s-maxage=3600, stale-while-revalidate=10, stale-if-error=600"
    assert client.get(URL)["Cache-Control"] == expected
    assert client.get(URL)["Cache-Control"] == expected  # the page cache's copy too
    assert client.get("/city.css")["Cache-Control"] == "public, max-age=300"  # the view's own
    assert client.get("/documents/999999/missing.pdf")["Cache-Control"] == PRIVATE  # citycomms.media's


@pytest.mark.django_db
def test_a_page_that_changes_by_itself_is_kept_no_longer_than_until_then(client, department):
    """An announcement that starts or ends (citycomms.expiry) shortens the times, for a fresh page and a copy."""

    def ends_soon(page, request, serve_args, serve_kwargs):
        expire_at(request, timezone.now() + timedelta(seconds=45))

    with hooks.register_temporarily("before_serve_page", ends_soon):
        fresh = client.get(URL)
    cached = client.get(URL)
    assert cached["X-Page-Cache"] == "hit"
    for response in (fresh, cached):
        directives = dict(part.strip().partition("=")[::2] for part in response["Cache-Control"].split(","))
        assert 40 < int(directives["max-age"]) <= 45
        assert directives["s-maxage"] == directives["max-age"]
        assert directives["stale-while-revalidate"] == "0"


@pytest.mark.django_db
def test_a_page_made_while_a_change_lands_is_not_kept_by_any_cache(client, department):
    """A page whose making began before a change and ended after it may show the old data: its reader gets it, but
    the edge (banned as the change committed) must not keep it for s-maxage, nor the page cache at all."""

    def a_moderator_publishes_meanwhile(page, request, serve_args, serve_kwargs):
        department.title_fi = "Viestintä ja markkinointi"
        department.save_revision().publish()

    with hooks.register_temporarily("before_serve_page", a_moderator_publishes_meanwhile):
        raced = client.get(URL)
    assert raced.status_code == 200
    assert raced["Cache-Control"] == "public, max-age=0, s-maxage=0, stale-while-revalidate=30, stale-if-error=86400"
    again = client.get(URL)
    assert "X-Page-Cache" not in again  # made afresh, not the raced copy
    assert again["Cache-Control"] == PUBLIC
    assert client.get(URL)["X-Page-Cache"] == "hit"  # a page made in one generation is kept as before
