"""The newsroom: releases syndicated as RSS and Atom, only live public ones, on department pages, in search,
at a constant number of queries, and as schema.org articles."""

import datetime
import json
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import translation
from wagtail.models import PageViewRestriction

from departments.factories import DepartmentPageFactory, UnitPageFactory
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from tests.releases.conftest import html_of, release_titles

ATOM = "{http://www.w3.org/2005/Atom}"


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


# --- Feeds -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rss_feed_lists_releases_in_its_language_with_absolute_links(client, newsroom, department):
    PressReleasePageFactory(
        parent=newsroom,
        title_fi="Vanhempi",
        title_sv="Äldre",
        slug_sv="aldre",
        intro_sv="Ingress på svenska.",
        organisation=department,
        publication_date=datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC),
    )
    PressReleasePageFactory(
        parent=newsroom,
        title_fi="Uudempi",
        title_sv="",
        slug_sv="nyare",
        publication_date=datetime.datetime(2025, 6, 1, 9, tzinfo=datetime.UTC),
    )

    channel, items = rss_items(client, "/sv/nyhetsrum/feed/rss/")

    assert channel.findtext("language") == "sv"
    assert channel.findtext("title") == "Nyhetsrum – Helsingfors stad"
    assert channel.findtext("link") == "http://testserver/sv/nyhetsrum/"
    # Swedish where written, the site's default language (Finnish) where not.
    assert [item.findtext("title") for item in items] == ["Uudempi", "Äldre"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver/sv/nyhetsrum/nyare/",
        "http://testserver/sv/nyhetsrum/aldre/",
    ]
    assert items[1].findtext("description") == "Ingress på svenska."
    assert items[1].findtext("category") == department.title_sv
    assert parsedate_to_datetime(items[1].findtext("pubDate")) == datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_atom_feed_lists_releases_in_its_language_with_absolute_links(client, newsroom):
    PressReleasePageFactory(
        parent=newsroom,
        title_en="City magazine out",
        slug_en="city-magazine",
        publication_date=datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC),
    )

    feed, entries = atom_entries(client, "/en/newsroom/feed/atom/")

    assert feed.get(XML_LANG) == "en"
    assert feed.findtext(f"{ATOM}title") == "Newsroom – City of Helsinki"
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["City magazine out"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/en/newsroom/city-magazine/"
    assert datetime.datetime.fromisoformat(entries[0].findtext(f"{ATOM}published")) == datetime.datetime(
        2025, 5, 1, 9, tzinfo=datetime.UTC
    )


@pytest.mark.django_db
def test_feeds_of_a_city_hold_only_that_citys_releases(client, goteborg, newsroom):
    PressReleasePageFactory(parent=newsroom, title_sv="Från Helsingfors")
    nyhetsrum = NewsroomPageFactory(parent=goteborg, slug_fi="nyhetsrum")
    PressReleasePageFactory(parent=nyhetsrum, title_sv="Från Göteborg", slug_fi="goteborg-1")

    response = client.get("/sv/nyhetsrum/feed/rss/", HTTP_HOST="goteborg.localhost")
    items = ET.fromstring(response.content).find("channel").findall("item")

    assert [item.findtext("title") for item in items] == ["Från Göteborg"]
    assert items[0].findtext("link").startswith("http://goteborg.localhost/sv/nyhetsrum/")


# --- Only live, public releases --------------------------------------------------------------------


@pytest.mark.django_db
def test_draft_and_private_releases_appear_nowhere(client, newsroom, department):
    PressReleasePageFactory(parent=newsroom, title_fi="Julkinen", organisation=department)
    PressReleasePageFactory(parent=newsroom, title_fi="Luonnos", organisation=department, live=False)
    private = PressReleasePageFactory(parent=newsroom, title_fi="Yksityinen", organisation=department)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    shown = {
        "newsroom": release_titles(html_of(client, "/fi/uutishuone/")),
        "filtered": release_titles(html_of(client, "/fi/uutishuone/", department=department.pk)),
        "department": release_titles(html_of(client, "/fi/viestintaosasto/")),
        "rss": [item.findtext("title") for item in rss_items(client, "/fi/uutishuone/feed/rss/")[1]],
        "atom": [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, "/fi/uutishuone/feed/atom/")[1]],
    }
    assert shown == dict.fromkeys(shown, ["Julkinen"])


@pytest.mark.django_db
def test_a_private_newsroom_shows_its_releases_nowhere(client, newsroom, department):
    PressReleasePageFactory(parent=newsroom, title_fi="Sisäinen", organisation=department)
    PageViewRestriction.objects.create(page=newsroom, restriction_type=PageViewRestriction.LOGIN)
    assert release_titles(html_of(client, "/fi/viestintaosasto/")) == []


# --- Department pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_department_page_shows_its_latest_three_releases_and_links_to_all(client, helsinki, newsroom, department):
    unit = UnitPageFactory(parent=department, slug_fi="viestinta")
    other = DepartmentPageFactory(parent=helsinki)
    for n, source in enumerate([department, unit, department, unit, other]):
        PressReleasePageFactory(parent=newsroom, title_fi=f"Tiedote {n}", organisation=source)

    department_html = html_of(client, "/fi/viestintaosasto/")
    unit_html = html_of(client, "/fi/viestintaosasto/viestinta/")

    assert release_titles(department_html) == ["Tiedote 3", "Tiedote 2", "Tiedote 1"]
    assert release_titles(unit_html) == ["Tiedote 3", "Tiedote 1"]
    for html in (department_html, unit_html):
        all_link = html.select_one(".latest-releases p a")["href"]
        assert all_link == f"/fi/uutishuone/?department={department.pk}"


@pytest.mark.django_db
def test_department_without_releases_has_no_releases_section(client, newsroom, department):
    assert html_of(client, "/fi/viestintaosasto/").select_one(".latest-releases") is None


# --- Search ----------------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text search needs PostgreSQL")
@pytest.mark.django_db
def test_search_finds_press_releases(client, newsroom):
    PressReleasePageFactory(parent=newsroom, title_fi="Asukaslehti", intro_fi="Helsinki-info ilmestyy syksyllä.")
    html = html_of(client, "/fi/search/", q="syksyllä")
    assert [link.get_text(strip=True) for link in html.select(".search-result__link")] == ["Asukaslehti"]


# --- Queries ---------------------------------------------------------------------------------------


@pytest.fixture
def count_queries(count_render_queries):
    """count(client, url): the queries a real render of `url` costs (never a page cache hit), and the page."""

    def count(client, url):
        queries, html = count_render_queries(client, url)
        return queries, BeautifulSoup(html, "html.parser")

    return count


@pytest.mark.django_db
def test_newsroom_queries_do_not_grow_with_the_number_of_releases(client, helsinki, newsroom, count_queries):
    departments = [DepartmentPageFactory(parent=helsinki) for _n in range(3)]
    PressReleasePageFactory(parent=newsroom, organisation=departments[0])
    few, few_html = count_queries(client, "/fi/uutishuone/")
    for n in range(9):
        PressReleasePageFactory(parent=newsroom, organisation=departments[n % 3])
    many, many_html = count_queries(client, "/fi/uutishuone/")
    assert (len(release_titles(few_html)), len(release_titles(many_html))) == (1, 10)
    assert many == few, (few, many)
    assert few <= 25


@pytest.mark.django_db
def test_department_page_queries_do_not_grow_with_its_releases(client, newsroom, department, count_queries):
    PressReleasePageFactory(parent=newsroom, organisation=UnitPageFactory(parent=department))
    one, _html = count_queries(client, "/fi/viestintaosasto/")
    for _n in range(5):
        PressReleasePageFactory(parent=newsroom, organisation=UnitPageFactory(parent=department))
    many, html = count_queries(client, "/fi/viestintaosasto/")
    assert len(release_titles(html)) == 3
    assert many == one, (one, many)


# --- schema.org and staff-only sources -------------------------------------------------------------


def release_json(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    [script] = html.select('script[type="application/ld+json"]')
    return html, json.loads(script.string)


def test_a_release_is_a_news_article_matching_the_page(client, helsinki, newsroom, department):
    release = PressReleasePageFactory(parent=newsroom, organisation=department, intro_sv="Svensk ingress.")
    with translation.override("sv"):
        url = release.url
    html, data = release_json(client, url)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == html.h1.get_text(strip=True) == release.title_sv
    assert data["description"] == "Svensk ingress."
    assert data["inLanguage"] == "sv"
    assert data["datePublished"] == html.select_one(".release-facts time")["datetime"]
    assert data["publisher"]["name"] == "Helsingfors stad"
    assert data["author"]["@type"] == "GovernmentOrganization"
    assert data["url"].endswith(url)


def test_a_staff_only_source_is_named_nowhere(client, helsinki, newsroom, department):
    secret = UnitPageFactory(parent=department, title_fi="Salainen yksikkö")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    release = PressReleasePageFactory(parent=newsroom, organisation=secret)
    pages = [release.url, newsroom.url, f"{newsroom.url}feed/rss/", f"{newsroom.url}feed/atom/", department.url]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Salainen" not in response.content.decode(), url
    _html, data = release_json(client, release.url)
    assert data["author"] == data["publisher"]
