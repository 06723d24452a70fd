"""Routing a public URL by the pages' stored URL paths (citycomms.routing) finds what Wagtail's walk finds."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from citycomms.routing import lineage
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from newsroom.factories import NewsroomPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def tree(helsinki):
    """A department with two units, one of them without a Swedish slug, and a team below each."""
    department = DepartmentPageFactory(parent=helsinki, slug_fi="kulttuuri", slug_sv="kultur")
    named = UnitPageFactory(parent=department, slug_fi="kirjasto", slug_sv="bibliotek")
    unnamed = UnitPageFactory(parent=department, slug_fi="museo", slug_sv="")
    teams = [TeamPageFactory(parent=unit, slug_fi=f"tiimi-{unit.slug_fi}", slug_sv="") for unit in (named, unnamed)]
    return [department, named, unnamed, *teams]


def components(page, home, language):
    """The path below `home` at which `page` is found in `language` (the slugs of its URL)."""
    url_path = getattr(page, f"url_path_{language}") or page.url_path
    home_path = getattr(home, f"url_path_{language}") or home.url_path
    return [slug for slug in url_path[len(home_path) :].split("/") if slug]


def route_both_ways(home, path_components):
    """The page ids the one-query route and Wagtail's (wagtail-modeltranslation's) walk find; None for a 404."""
    request = RequestFactory().get("/")

    def routed(route):
        try:
            return route(request, path_components).page.pk
        except Http404:
            return None

    return routed(home.route_by_url_path), routed(lambda r, c: Page.route(home, r, c))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_is_found_where_the_walk_finds_it(helsinki, tree, language):
    home = Page.objects.get(pk=helsinki.pk).specific
    with translation.override(language):
        for page in tree:
            page.refresh_from_db()
            path_components = components(page, home, language)
            found, walked = route_both_ways(home, path_components)
            assert found == walked == page.pk, (language, page.slug_fi)
            # Found by the stored URL paths, not by falling back to the walk.
            assert lineage(home, path_components)[-1].pk == page.pk
        assert route_both_ways(home, ["kulttuuri", "ei-ole"]) == (None, None)


def test_the_route_carries_the_lineage_for_breadcrumbs_and_restrictions(helsinki, tree):
    department, named, *_rest = tree
    home = Page.objects.get(pk=helsinki.pk).specific
    with translation.override("fi"):
        page = home.route_by_url_path(RequestFactory().get("/"), ["kulttuuri", "kirjasto"]).page
    assert [crumb.pk for crumb in page.breadcrumbs()] == [helsinki.pk, department.pk]
    assert not page.get_view_restrictions().exists()
    with translation.override("fi"):
        assert home.route_by_url_path(RequestFactory().get("/"), []).page.pk == helsinki.pk
    assert [row.depth for row in home.routed_lineage] == [1, 2]


def test_a_team_below_a_staff_only_unit_asks_the_public_to_sign_in(client, tree):
    _department, named, _unnamed, team, _other = tree
    PageViewRestriction.objects.create(page=named, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(team.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/fi/_util/login/")
    assert client.get(named.url).status_code == 302


def test_a_routable_pages_own_urls_still_answer(client, helsinki):
    newsroom = NewsroomPageFactory(parent=helsinki)
    response = client.get(f"{newsroom.url}feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def test_a_page_reads_each_languages_site_root_paths_from_the_cache_once(client, helsinki, tree, monkeypatch):
    """Linking pages in every language (the switcher, the hreflang links) does not read the cache each time."""
    from wagtail_modeltranslation import patch_wagtailadmin

    reads = []
    real_get = patch_wagtailadmin.cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(patch_wagtailadmin.cache, "get", counting_get)
    response = client.get("/fi/kulttuuri/kirjasto/")

    assert response.status_code == 200
    assert "/sv/kultur/bibliotek/" in response.content.decode()  # the Swedish links are right
    root_path_reads = [key for key in reads if key.startswith("wagtail_site_root_paths_")]
    assert sorted(root_path_reads) == sorted(set(root_path_reads)), root_path_reads
