"""What search engines and sharers see: hreflang and canonical links, descriptions, sitemap, robots.txt."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from tests.conftest import COMMUNICATIONS_DEPARTMENT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HELSINKI_URLS = {
    "fi": "http://localhost/fi/viestintaosasto/",
    "sv": "http://localhost/sv/kommunikationsavdelningen/",
    "en": "http://localhost/en/communications-department/",
}


@pytest.fixture
def client():
    # Helsinki's host name, so that absolute URLs name it rather than "testserver".
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def communications(helsinki):
    return DepartmentPageFactory(
        parent=helsinki,
        **{**COMMUNICATIONS_DEPARTMENT, "title_en": "Communications & Marketing"},
        search_description_fi="Viestintäosasto kertoo kaupungin päätöksistä.",
        intro_fi="Osasto huolehtii viestinnästä.",
        intro_sv="Avdelningen sköter kommunikationen.",
        intro_en="",
        last_published_at=timezone.now(),
    )


@pytest.fixture
def area(goteborg):
    return DepartmentPageFactory(parent=goteborg, title_sv="Område kommunikation", slug_sv="omrade", slug_en="area")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def head_links(page):
    # The page in its other languages; feeds (rel="alternate" with a type) are not the page.
    alternates = {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}
    canonical = [link["href"] for link in page.select('head link[rel="canonical"]')]
    return alternates, canonical


def sitemap(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urlset = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")},
        }
        for url in urlset.findall(f"{SITEMAP}url")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_department_page_links_its_languages_x_default_and_canonical(client, communications, lang):
    alternates, canonical = head_links(soup(client.get(HELSINKI_URLS[lang].removeprefix("http://localhost"))))
    assert alternates == {**HELSINKI_URLS, "x-default": HELSINKI_URLS["fi"]}
    assert canonical == [HELSINKI_URLS[lang]]


@pytest.mark.django_db
def test_alternates_follow_the_sites_languages_and_default(client, area):
    alternates, canonical = head_links(soup(client.get("/en/area/", HTTP_HOST="goteborg.localhost")))
    assert alternates == {
        "sv": "http://goteborg.localhost/sv/omrade/",
        "en": "http://goteborg.localhost/en/area/",
        "x-default": "http://goteborg.localhost/sv/omrade/",
    }
    assert canonical == ["http://goteborg.localhost/en/area/"]


@pytest.mark.django_db
def test_not_found_page_has_no_alternates_canonical_or_description(client, helsinki):
    response = client.get("/fi/ei-ole/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert head_links(page) == ({}, [])
    assert page.select_one('meta[name="description"]') is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "description", "written_in"),
    [
        # The search description in the reader's language comes first …
        ("fi", "Viestintäosasto kertoo kaupungin päätöksistä.", None),
        # … then the intro in the reader's language, before a search description in another …
        ("sv", "Avdelningen sköter kommunikationen.", None),
        # … and with neither in the reader's language, the site default's search description.
        ("en", "Viestintäosasto kertoo kaupungin päätöksistä.", "fi"),
    ],
)
def test_meta_description_prefers_the_readers_language_then_falls_back(
    client, communications, lang, description, written_in
):
    meta = soup(client.get(HELSINKI_URLS[lang].removeprefix("http://localhost"))).select_one(
        'head meta[name="description"]'
    )
    assert meta["content"] == description
    assert meta.get("lang") == written_in


@pytest.mark.django_db
def test_meta_description_falls_back_to_the_intro_cut_at_a_word(client, helsinki):
    words = " ".join(f"sana{n}" for n in range(60))
    DepartmentPageFactory(parent=helsinki, slug_fi="pitka", search_description_fi="", intro_fi=words)
    content = soup(client.get("/fi/pitka/")).select_one('meta[name="description"]')["content"]
    assert len(content) <= 160
    assert content.endswith(" …")
    assert words.startswith(content.removesuffix(" …") + " ")


@pytest.mark.django_db
def test_sitemap_lists_each_page_in_each_language_with_alternates(client, communications, goteborg):
    urls = sitemap(client, "localhost")
    assert set(urls) == {
        "http://localhost/fi/",
        "http://localhost/sv/",
        "http://localhost/en/",
        *HELSINKI_URLS.values(),
    }
    for url in HELSINKI_URLS.values():
        assert urls[url]["alternates"] == {**HELSINKI_URLS, "x-default": HELSINKI_URLS["fi"]}
        assert urls[url]["lastmod"] == timezone.localdate(communications.last_published_at).isoformat()


@pytest.mark.django_db
def test_sitemap_lists_only_the_requested_sites_pages_and_languages(client, communications, area):
    urls = sitemap(client, "goteborg.localhost")
    assert set(urls) == {
        "http://goteborg.localhost/sv/",
        "http://goteborg.localhost/en/",
        "http://goteborg.localhost/sv/omrade/",
        "http://goteborg.localhost/en/area/",
    }
    assert urls["http://goteborg.localhost/en/area/"]["alternates"] == {
        "sv": "http://goteborg.localhost/sv/omrade/",
        "en": "http://goteborg.localhost/en/area/",
        "x-default": "http://goteborg.localhost/sv/omrade/",
    }
    assert not any("omrade" in url or "area" in url for url in sitemap(client, "localhost"))


@pytest.mark.django_db
def test_sitemap_leaves_out_unpublished_and_private_pages(client, communications):
    DepartmentPageFactory(parent=communications.get_parent(), slug_fi="luonnos", live=False)
    private = UnitPageFactory(parent=communications, slug_fi="sisainen")
    UnitPageFactory(parent=private, slug_fi="salainen")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    UnitPageFactory(parent=communications, slug_fi="julkinen")

    fi_urls = {url for url in sitemap(client, "localhost") if "/fi/" in url}
    assert fi_urls == {"http://localhost/fi/", HELSINKI_URLS["fi"], f"{HELSINKI_URLS['fi']}julkinen/"}


@pytest.mark.django_db
def test_sitemap_is_served_outside_the_language_prefix_and_rejects_bad_pages(client, communications):
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/sitemap.xml?p=abc").status_code == 404
    assert client.get("/sitemap.xml?p=99").status_code == 404


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_the_number_of_pages(client, communications, no_page_cache):
    def count():
        client.get("/sitemap.xml")  # warm per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            client.get("/sitemap.xml")
        return len(queries)

    few = count()
    for _n in range(10):
        UnitPageFactory(parent=communications)
    assert count() == few


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "sitemap_url"),
    [
        ("localhost", "http://localhost/sitemap.xml"),
        ("goteborg.localhost", "http://goteborg.localhost/sitemap.xml"),
    ],
)
def test_robots_txt_allows_all_but_the_admin_and_names_the_sites_sitemap(
    client, helsinki, goteborg, host, sitemap_url
):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {sitemap_url}" in lines


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [UnitPageFactory, TeamPageFactory])
def test_unit_and_team_pages_have_share_links(client, communications, factory):
    parent = communications if factory is UnitPageFactory else UnitPageFactory(parent=communications)
    page = factory(parent=parent)
    assert soup(client.get(page.url)).select("nav.share-links a")


@pytest.mark.django_db
def test_share_links_carry_the_pages_url_and_title_url_encoded(client, communications):
    page = soup(client.get("/en/communications-department/"))
    nav = page.select_one("nav.share-links")
    assert page.find(id=nav["aria-labelledby"]).get_text() == "Share"
    links = {a.get_text(): a["href"] for a in nav.select("a")}
    url = HELSINKI_URLS["en"]

    mail = urlsplit(links["Share by email"])
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": ["Communications & Marketing"], "body": [url]}
    assert "subject=Communications%20%26%20Marketing&" in mail.query

    expected = {
        "Share on Facebook": ("www.facebook.com", "/sharer/sharer.php", {"u": [url]}),
        "Share on LinkedIn": ("www.linkedin.com", "/sharing/share-offsite/", {"url": [url]}),
        "Share on X": ("x.com", "/intent/post", {"url": [url], "text": ["Communications & Marketing"]}),
    }
    for text, (host, path, query) in expected.items():
        parts = urlsplit(links[text])
        assert (parts.scheme, parts.netloc, parts.path, parse_qs(parts.query)) == ("https", host, path, query)
        assert "http%3A%2F%2Flocalhost%2Fen%2Fcommunications-department%2F" in parts.query


@pytest.mark.django_db
def test_share_heading_is_translated(client, communications):
    assert soup(client.get("/fi/viestintaosasto/")).select_one("#share-heading").get_text() == "Jaa"
    assert soup(client.get("/sv/kommunikationsavdelningen/")).select_one("#share-heading").get_text() == "Dela"
