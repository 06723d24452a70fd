"""Hostile input: odd query strings and paths never give a 500; and what the properties found, kept as plain
examples.

Hypothesis makes up the input. Each property runs inside one test (and one database
transaction) against a small city built once for it, so the module stays quick."""

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from tests.hostile_input.conftest import public_paths, texts

# Few examples, no deadline: every example renders real pages, and the suite has a time budget.
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- (a) query strings and paths ------------------------------------------------------------------

KNOWN_KEYS = ["page", "q", "lang", "department", "type", "fields", "order", "limit", "offset", "search"]


KNOWN_KEYS += ["child_of", "descendant_of", "id", "html_path", "is_media_contact", "next"]


KNOWN_KEYS += ["since"]  # the open data's


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
