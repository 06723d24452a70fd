"""The patches in citycomms.patches: each still does its work, and the upstream code it is written against is
unchanged. When an upgrade changes that code, the digest test fails: read the patch again against the new
code (perhaps it can go), then record the new digest here."""

import hashlib
import inspect
from functools import partial
from pydoc import locate

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from citycomms import patches
from citycomms.models import CityHomePage

MT = "wagtail_modeltranslation.patch_wagtailadmin."
UPSTREAM_DIGESTS = {
    "wagtail.models.sites.Site._find_for_request": "a6f5ba5a68b3a8dd8ea64356e576880e421d7afd7e9d7376ccf74fa1eb10fca8",
    MT + "WagtailTranslator._patch_page_models": "f161e6b1114648f8a552f7199512698ed795570ffc6ad497d471edeecb4988d5",
    MT + "_new_get_site_root_paths": "aca20c30130731a75ae55a4fd4aff3341efd6ed936eaeb49d1bb1ec018140f03",
    MT + "_localized_site_get_site_root_paths": "a2bff35dcf1b5cd1001779d1963e7634e131a82a77ce7e4412ce5300d2f27813",
    "wagtail.admin.mail.BaseGroupApprovalTaskStateEmailNotifier.get_recipient_users": (
        "94913d29e8706449e667d6236c11a8a405c0651a35c8a0a61d3593da027480b7"
    ),
    "wagtail.admin.signal_handlers.register_signal_handlers": (
        "2afc24c3a6084dea97849c14fa1ede613d9da7b0586a7263432ce58c5c0745b8"
    ),
}


def upstream(dotted_name):
    """The upstream function at `dotted_name`, under the wrapper a patch put in its place, if any."""
    found = locate(dotted_name)
    return found.args[0] if isinstance(found, partial) else found


def digest(dotted_name):
    return hashlib.sha256(inspect.getsource(upstream(dotted_name)).encode()).hexdigest()


def test_every_patched_upstream_function_is_pinned():
    assert set(UPSTREAM_DIGESTS) == patches.PATCHED_UPSTREAM


@pytest.mark.parametrize("dotted_name", sorted(UPSTREAM_DIGESTS))
def test_the_patched_upstream_code_is_unchanged(dotted_name):
    assert upstream(dotted_name) is not None, f"{dotted_name} is gone upstream: see citycomms.patches"
    assert digest(dotted_name) == UPSTREAM_DIGESTS[dotted_name], f"{dotted_name} changed: see citycomms.patches"


def test_the_city_home_routes_by_its_own_method():
    """wagtail-modeltranslation replaced every page model's route; the patch gives the city home its own."""
    assert CityHomePage.route is CityHomePage.route_by_url_path
    assert CityHomePage.route is not Page.route


def test_each_languages_site_root_paths_are_read_once_per_request(helsinki, rf, monkeypatch):
    reads = []
    real_read = patches.read_site_root_paths
    monkeypatch.setattr(
        patches, "read_site_root_paths", lambda: reads.append(translation.get_language()) or real_read()
    )
    request = rf.get("/")
    for code in ["fi", "sv", "fi", "sv", "en"]:
        with translation.override(code):
            paths = helsinki._get_site_root_paths(request)
            assert paths and paths[0].root_path == getattr(helsinki, f"url_path_{code}")
    assert reads == ["fi", "sv", "en"]


def test_the_site_of_a_host_is_found_once_until_the_next_change(client, helsinki, settings):
    """Wagtail's lookup runs once per host; a renamed site is found again after the change retires it."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    client.get("/fi/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fi/").status_code == 200
    assert not [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]
    site = Site.objects.get(root_page=helsinki)
    site.site_name = "Uusi nimi"
    site.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fi/").status_code == 200
    assert [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]
