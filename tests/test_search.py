"""The public search: per site, per language, stemmed on PostgreSQL, safe with any input."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from tests.conftest import result_titles, search

GOTEBORG = "goteborg.localhost"

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming and highlighting by the database need PostgreSQL"
)


def snippets(html):
    return [snippet.decode_contents() for snippet in html.select(".search-result__snippet")]


def paragraph(text):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


@postgresql_only
@pytest.mark.django_db
def test_finnish_inflected_forms_find_the_page(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", intro_fi="Yksikkö tiedottaa päätöksistä.")
    DepartmentPageFactory(parent=helsinki, title_fi="Talous", intro_fi="Osasto laatii budjetin.")

    assert result_titles(search(client, "viestinnästä")) == ["Viestintä"]
    assert result_titles(search(client, "päätöksen")) == ["Viestintä"]


@postgresql_only
@pytest.mark.django_db
def test_swedish_inflected_forms_find_the_page(client, goteborg):
    DepartmentPageFactory(parent=goteborg, title_sv="Kommunikation", intro_sv="Avdelningen informerar om besluten.")

    assert result_titles(search(client, "kommunikationen", "sv", GOTEBORG)) == ["Kommunikation"]
    assert result_titles(search(client, "beslut", "sv", GOTEBORG)) == ["Kommunikation"]


@postgresql_only
@pytest.mark.django_db
def test_a_word_finds_the_compounds_it_begins(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintäyksikkö")
    assert result_titles(search(client, "viestintä")) == ["Viestintäyksikkö"]


@pytest.mark.django_db
def test_title_matches_rank_above_intro_matches_above_body_matches(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Leipätekstissä", body_fi=paragraph("Sana sateenkaari."))
    DepartmentPageFactory(parent=helsinki, title_fi="Johdannossa", intro_fi="Sana sateenkaari.")
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari")

    assert result_titles(search(client, "sateenkaari")) == ["Sateenkaari", "Johdannossa", "Leipätekstissä"]


@pytest.mark.django_db
def test_snippets_mark_the_words_and_escape_the_text(client, helsinki):
    DepartmentPageFactory(
        parent=helsinki, title_fi="Tiedotus", intro_fi="<b>Lihava</b> & <script>alert(1)</script> sateenkaari"
    )
    html = search(client, "sateenkaari")

    [snippet] = snippets(html)
    assert "<mark>sateenkaari</mark>" in snippet
    assert "Lihava" in snippet and "&amp;" in snippet and "alert(1)" in snippet
    # PostgreSQL's headline drops the tags, SQLite's snippet shows them escaped: neither runs them.
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")
    assert not html.select(".search-result__snippet b, .search-result__snippet script")


@postgresql_only
@pytest.mark.django_db
def test_body_snippets_show_rich_text_without_tags_or_double_escaping(client, helsinki):
    DepartmentPageFactory(parent=helsinki, intro_fi="", body_fi=paragraph("Tom &amp; <b>Jerry</b> sateenkaaressa"))

    [snippet] = snippets(search(client, "sateenkaari"))
    assert "Tom &amp; Jerry <mark>sateenkaaressa</mark>" in " ".join(snippet.split())


@postgresql_only
@pytest.mark.django_db
def test_markup_an_editor_typed_as_text_stays_text_in_snippets(client, helsinki):
    DepartmentPageFactory(
        parent=helsinki, body_fi=paragraph("Kirjoita &lt;script&gt;alert(1)&lt;/script&gt; sateenkaari")
    )

    html = search(client, "sateenkaari")
    snippet = html.select_one(".search-result__snippet")
    assert "<script>alert(1)</script>" in snippet.get_text()
    assert not snippet.select("script")


@postgresql_only
@pytest.mark.django_db
def test_body_text_blocks_are_searched_but_not_links_or_choices(client, helsinki):
    body = [
        {"type": "heading", "value": {"text": "Palvelupiste", "level": "h2"}},
        {"type": "responsibilities", "value": {"intro": "", "items": [{"type": "item", "value": "neuvonta"}]}},
        {
            "type": "links",
            "value": {
                "heading": "",
                "links": [{"type": "item", "value": {"text": "Lue", "url": "https://x.fi/arkisto"}}],
            },
        },
    ]
    DepartmentPageFactory(parent=helsinki, title_fi="Virka", body_fi=json.dumps(body))

    assert result_titles(search(client, "palvelupiste")) == ["Virka"]
    assert result_titles(search(client, "neuvonta")) == ["Virka"]
    assert result_titles(search(client, "arkisto")) == []
    assert result_titles(search(client, "h2")) == []


@pytest.mark.django_db
def test_contact_people_and_service_points_of_the_city_are_a_group_of_their_own(client, helsinki, goteborg):
    liisa = ContactPersonFactory(
        city=helsinki, first_name="Liisa", last_name="Kivelä", media_topics_fi="kaupunkibrändi"
    )
    lisa = ContactPersonFactory(city=goteborg, first_name="Lisa", last_name="Kivelä")
    ContactPersonFactory(city=helsinki, first_name="Leena", last_name="Kivelä")  # on no page: not shown
    DepartmentPageFactory(parent=helsinki, head=liisa)
    DepartmentPageFactory(parent=goteborg, head=lisa, slug_sv="avdelning-gbg")
    ServicePointFactory(city=helsinki, name_fi="Virka Info", description_fi="Neuvontapiste kaupungintalolla.")

    people = search(client, "Kivelä").select(".contact-card__name")
    assert [name.get_text(strip=True) for name in people] == ["Liisa Kivelä"]
    assert search(client, "kaupunkibrändi").select_one(".contact-card__name").get_text(strip=True) == "Liisa Kivelä"

    html = search(client, "neuvontapiste")
    assert html.select_one(".service-point__name").get_text(strip=True) == "Virka Info"
    assert html.select_one("#contact-results-heading").get_text(strip=True) == "Yhteystiedot"


@pytest.mark.django_db
def test_job_titles_are_searched_in_the_readers_language(client, helsinki):
    director = ContactPersonFactory(
        city=helsinki, job_title_fi="viestintäjohtaja", job_title_sv="kommunikationsdirektör"
    )
    DepartmentPageFactory(parent=helsinki, head=director)

    assert len(search(client, "kommunikationsdirektör", "sv").select(".contact-card")) == 1
    assert len(search(client, "kommunikationsdirektör", "fi").select(".contact-card")) == 0


@pytest.mark.django_db
def test_each_site_finds_only_its_own_pages(client, helsinki, goteborg):
    DepartmentPageFactory(parent=helsinki, title_sv="Kommunikation i Helsingfors", slug_sv="kommunikation-hfors")
    DepartmentPageFactory(parent=goteborg, title_sv="Kommunikation i Göteborg", slug_sv="kommunikation-gbg")

    assert result_titles(search(client, "kommunikation", "sv")) == ["Kommunikation i Helsingfors"]
    assert result_titles(search(client, "kommunikation", "sv", GOTEBORG)) == ["Kommunikation i Göteborg"]


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_never_found(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari julkinen")
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari luonnos", live=False)
    private = DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari yksityinen")
    UnitPageFactory(parent=private, title_fi="Sateenkaari yksityisen alla")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert result_titles(search(client, "sateenkaari")) == ["Sateenkaari julkinen"]


@pytest.mark.django_db
def test_text_missing_in_the_readers_language_is_searched_as_the_page_shows_it(client, goteborg):
    # Göteborg writes in Swedish first; an English reader sees, and finds, the Swedish text.
    DepartmentPageFactory(parent=goteborg, title_sv="Stadsbyggnad", title_en="", intro_sv="Detaljplaner.")

    html = search(client, "detaljplaner", "en", GOTEBORG)
    link = html.select_one(".search-result__link")
    assert link.get_text(strip=True) == "Stadsbyggnad"
    assert link["lang"] == "sv"
    assert html.select_one(".search-result__snippet")["lang"] == "sv"


@pytest.mark.django_db
def test_a_text_in_the_readers_language_hides_the_fallback_from_the_search(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Rakennusvalvonta", title_en="Building control")

    assert result_titles(search(client, "rakennusvalvonta", "en")) == []
    assert result_titles(search(client, "building", "en")) == ["Building control"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "' OR 1=1 --", "<script>alert(1)</script>", "a" * 10_000, "nul\x00merkki", "%_\\", "ja"],
)
@pytest.mark.django_db
def test_any_query_gives_a_normal_page(client, helsinki, query):
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari")
    html = search(client, query)
    assert html.select_one("main h1")
    assert "<script>alert(1)</script>" not in str(html.select_one("main"))


@pytest.mark.django_db
def test_a_query_without_words_asks_for_one(client, helsinki):
    html = search(client, "?!", "en")
    assert html.select_one("#search-query-message").get_text(strip=True) == "Type a word to search for."
    assert html.select_one("#search-query")["aria-describedby"] == "search-query-message"
    assert not html.select("#page-results-heading")


@pytest.mark.django_db
def test_a_long_query_is_shortened_and_says_so(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Sateenkaari")
    html = search(client, "sateenkaari " + "x" * 10_000, "en")

    assert "shortened to its first 200 characters" in html.select_one("#search-query-message").get_text()
    assert len(html.select_one("#search-query")["value"]) == 200


@pytest.mark.django_db
def test_results_are_paginated_and_bad_page_numbers_fall_back(client, helsinki):
    for n in range(12):
        DepartmentPageFactory(parent=helsinki, title_fi=f"Sateenkaari {n}", title_en=f"Sateenkaari {n}")

    heading = search(client, "sateenkaari", "en").select_one("#page-results-heading").get_text(strip=True)
    assert heading == "12 pages found for “sateenkaari”"
    finnish = search(client, "sateenkaari").select_one("#page-results-heading").get_text(strip=True)
    assert finnish == "Haulla ”sateenkaari” löytyi 12 sivua"
    assert len(result_titles(search(client, "sateenkaari", page="1"))) == 10
    assert len(result_titles(search(client, "sateenkaari", page="2"))) == 2
    assert len(result_titles(search(client, "sateenkaari", page="abc"))) == 10
    assert len(result_titles(search(client, "sateenkaari", page="0"))) == 2
    assert len(result_titles(search(client, "sateenkaari", page="99999"))) == 2
    next_link = search(client, "sateenkaari").select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?q=sateenkaari&page=2"


@pytest.mark.django_db
def test_search_costs_the_same_queries_however_many_results(client, helsinki, no_page_cache):
    def count_queries(word, size):
        for n in range(size):
            DepartmentPageFactory(parent=helsinki, title_fi=f"{word} {n}")
            ContactPersonFactory(city=helsinki, last_name=f"{word}{n}")
        search(client, word)  # warm the per-process caches (site root paths, settings)
        with CaptureQueriesContext(connection) as queries:
            search(client, word)
        return len(queries)

    assert count_queries("Sateenkaari", 2) == count_queries("Kuunsilta", 9)


@pytest.mark.django_db
def test_every_page_has_a_search_form_in_its_header(client, helsinki):
    html = BeautifulSoup(client.get("/sv/").content, "html.parser")
    form = html.select_one(".site-header form[role=search]")
    assert form["action"] == "/sv/search/" and form["method"] == "get"
    assert form.select_one("label[for=site-search]").get_text(strip=True) == "Sök på webbplatsen"
    assert form.select_one("input#site-search[name=q]")


@pytest.mark.django_db
def test_search_stays_inside_a_language_the_site_offers(client, goteborg):
    response = client.get("/fi/search/", {"q": "kommunikation"}, HTTP_HOST=GOTEBORG)
    assert response.status_code == 302
    assert response["Location"] == "/sv/search/?q=kommunikation"


@pytest.mark.django_db
def test_postgresql_runs_the_search_without_jit_compilation():
    """With JIT, a search of a dozen pages on tables not yet analysed took seconds: see the DATABASES settings."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
