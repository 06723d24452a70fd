"""The cache in front: a real Varnish running the repository's VCL.

The test, marked `varnish`, starts Debian's varnishd (`apt-get install varnish varnish-modules`; `.ci/run`
installs them) with deploy/varnish/default.vcl on a free loopback port (bench.varnish, which the benchmark uses
too), in front of a live server of the test database; without them it skips, and fails in CI."""

import gzip
import http.client
import os
import time
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test import Client
from django.test.testcases import LiveServerThread
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, PageViewRestriction, Site

from bench.server import free_port
from bench.varnish import VARNISH_PACKAGES, Varnish, varnishd_path
from citycomms.cache import retired_since
from citycomms.factories import make_city
from citycomms.i18n import prepare_tree_root
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, UnitPage
from tests.conftest import publish

# --- a real Varnish -----------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    @property
    def hit(self):
        return self.headers.get("x-cache") == "hit"


class Edge(Varnish):
    """varnishd with the repository's VCL in front of the live server (bench.varnish), asked as readers and editors
    ask it."""

    def request(self, method, path, host="localhost", headers=None, source="127.0.0.1"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(source, 0))
        try:
            conn.request(method, path, headers={"Host": f"{host}:{self.port}", **(headers or {})})
            response = conn.getresponse()
            body, headers = response.read(), {k.lower(): v for k, v in response.getheaders()}
            if headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            return Answer(response.status, headers, body.decode())
        finally:
            conn.close()

    def get(self, path, host="localhost", **headers):
        return self.request("GET", path, host, headers)

    def backend_health(self):
        return self.varnishadm("backend.list")


class App:
    """The live server of the test database on a port chosen once, stopped and started again at will."""

    def __init__(self, port):
        self.port = port
        self.thread = None

    def start(self):
        self.thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=self.port)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self):
        if self.thread is not None:
            self.thread.terminate()
            self.thread = None


@dataclass
class Stack:
    edge: Edge
    app: App
    department: DepartmentPage
    unit: UnitPage
    session: str


def varnishd():
    found = varnishd_path()
    if not found and not os.environ.get("CI"):
        pytest.skip(f"the Varnish tests need varnishd and varnish-modules ({VARNISH_PACKAGES})")
    assert found, "CI must install varnish and varnish-modules (.ci/run)"
    return found


@pytest.fixture
def stack(settings):
    """Two cities committed to the test database, the live server, and varnishd in front, told of every change."""
    binary = varnishd()
    department, unit, session = build_cities()
    app = App(free_port())
    edge = Edge(app.port, varnishd=binary)
    try:
        app.start()
        edge.wait_until_serving()
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "citycomms.edge.VarnishBackend", "LOCATION": f"http://127.0.0.1:{edge.port}"}
        }
        yield Stack(edge, app, department, unit, session)
    finally:
        edge.stop()
        app.stop()


def build_cities():
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    prepare_tree_root(Page.get_first_root_node())
    helsinki, _site = make_city("localhost", ["fi", "sv", "en"], "fi", is_default_site=True, title_fi="Helsinki")
    goteborg, _site = make_city("goteborg.localhost", ["sv", "en"], "sv", title_sv="Göteborg", slug_sv="goteborg")
    department = DepartmentPageFactory(
        parent=helsinki, title_fi="Viestintä", title_sv="Kommunikation", title_en="Communications",
        slug_fi="viestinta", slug_sv="kommunikation", slug_en="communications",
    )  # fmt: skip
    unit = UnitPageFactory(parent=department, title_fi="Mediapalvelu", slug_fi="media")
    DepartmentPageFactory(parent=goteborg, title_sv="Stadsbyggnad", slug_sv="stadsbyggnad")
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("edge-admin", "a@example.com", "x"))
    return department, unit, editor.cookies["sessionid"].value


DEPARTMENT = {"fi": "/fi/viestinta/", "sv": "/sv/kommunikation/", "en": "/en/communications/"}


def warm(edge, path, host="localhost"):
    """Ask twice: the second answer comes from Varnish."""
    edge.get(path, host)
    answer = edge.get(path, host)
    assert answer.hit, (host, path, answer.headers)
    return answer


# One journey, so that the database is set up and emptied once (transactional: the live server's threads see
# what the test commits; serialized_rollback gives the following tests the migrated database back).
@pytest.mark.varnish
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_varnish_in_front_of_the_app(stack, settings, monkeypatch):
    anonymous_readers_get_hits_and_signed_in_readers_the_admin_and_posts_pass(stack.edge, stack.session)
    bans_and_purges_are_taken_only_from_the_acl(stack.edge)
    a_publish_refreshes_the_city_in_every_language_while_readers_get_the_old_copy(stack.edge, stack.department)
    a_page_made_while_a_change_landed_is_made_again_before_anyone_gets_it(stack.edge, stack.unit)
    a_page_made_staff_only_is_never_served_from_grace(stack.edge, stack.department)
    a_page_finished_just_before_a_change_is_made_again_when_the_purge_overtakes_it(stack, monkeypatch)
    grace_serves_the_old_page_while_one_request_refreshes_it_and_while_the_app_is_down(stack, settings)


def anonymous_readers_get_hits_and_signed_in_readers_the_admin_and_posts_pass(edge, session):
    first = edge.get(DEPARTMENT["fi"])
    assert first.status == 200 and not first.hit
    second = warm(edge, DEPARTMENT["fi"])
    assert len(second.headers["x-varnish"].split()) == 2  # this request's id and the one that fetched the copy
    assert second.body == first.body and second.headers["etag"] == first.headers["etag"]
    assert edge.get(DEPARTMENT["fi"], Cookie="_ga=GA1.2.3; consent=yes").hit  # other cookies are dropped
    not_modified = edge.get(DEPARTMENT["fi"], **{"If-None-Match": first.headers["etag"]})
    assert not_modified.status == 304 and not_modified.hit
    warm(edge, "/api/v2/pages/?lang=en")
    assert "content-encoding" not in first.headers  # the app sends it plain, and so does Varnish when not asked
    for path in (DEPARTMENT["fi"], "/api/v2/pages/?lang=en"):
        zipped = edge.get(path, **{"Accept-Encoding": "gzip"})
        assert zipped.hit and zipped.headers["content-encoding"] == "gzip", zipped.headers
        assert zipped.body == edge.get(path).body

    for _attempt in range(2):
        editor = edge.get(DEPARTMENT["fi"], Cookie=f"sessionid={session}")
        assert editor.status == 200 and not editor.hit
        assert editor.headers["cache-control"] == "private, no-store"
        private = edge.get(DEPARTMENT["fi"], Cookie=f"sessionid={session}", **{"Accept-Encoding": "gzip"})
        assert "content-encoding" not in private.headers  # a signed-in reader's page is never compressed (BREACH)
        assert not edge.get("/admin/login/").hit
        assert not edge.request("POST", "/fi/search/", headers={"Content-Length": "0"}).hit


def bans_and_purges_are_taken_only_from_the_acl(edge):
    warm(edge, "/fi/")
    outsider = edge.request("BAN", "/", headers={"X-Ban-Host": "."}, source="127.0.0.2")
    assert outsider.status == 405 and edge.get("/fi/").hit
    outsider = edge.request("PURGE", "/", headers={"X-Soft-Purge": "citycomms"}, source="127.0.0.2")
    assert outsider.status == 405 and object_id(edge.get("/fi/")) == object_id(warm(edge, "/fi/"))
    assert edge.request("BAN", "/").status == 400  # no X-Ban-Host
    assert edge.request("BAN", "/", headers={"X-Ban-Host": "^localhost$", "X-Ban-Url": "^/fi/$"}).status == 200
    assert not edge.get("/fi/").hit


def object_id(answer):
    """Which copy Varnish answered from: X-Varnish's second id is the request that fetched it."""
    return answer.headers["x-varnish"].split()[-1]


def shown(edge, path, text, host="localhost", within=2):
    """The first answer for `path` that holds `text`, asked every 20 ms; fails after `within` seconds."""
    deadline = time.monotonic() + within
    while text not in (answer := edge.get(path, host)).body:
        assert time.monotonic() < deadline, f"{text} not at {path} within {within} s"
        time.sleep(0.02)
    return answer


def a_publish_refreshes_the_city_in_every_language_while_readers_get_the_old_copy(edge, department):
    paths = [*DEPARTMENT.values(), "/fi/", "/api/v2/pages/?lang=en", "/sitemap.xml", "/fi/ei-viela/"]
    kept = {path: object_id(warm(edge, path)) for path in paths}
    other_city = object_id(warm(edge, "/sv/stadsbyggnad/", "goteborg.localhost"))
    assert "xkey" not in edge.get("/fi/").headers  # the app's keys stay at the edge

    titles = {"fi": "Viestintä ja media", "sv": "Kommunikation och medier", "en": "Media"}
    # Committed at once (the test is transactional): the purge goes out as after an editor's publish.
    publish(DepartmentPage.objects.get(pk=department.pk), **{f"title_{code}": text for code, text in titles.items()})

    first = edge.get(DEPARTMENT["fi"])  # the reader does not wait: the old copy, while one fetch gets the new
    assert first.hit and "Viestintä ja media" not in first.body
    for language, path in DEPARTMENT.items():
        assert shown(edge, path, titles[language]).hit, path
    assert shown(edge, "/fi/", "Viestintä ja media").hit
    assert shown(edge, "/api/v2/pages/?lang=en", '"Media"').hit
    for path in paths:  # every copy of the city was fetched again, the sitemap and a kept 404 too
        deadline = time.monotonic() + 2
        while object_id(edge.get(path)) == kept[path]:
            assert time.monotonic() < deadline, f"{path} was not fetched again"
            time.sleep(0.02)
    assert object_id(edge.get("/sv/stadsbyggnad/", "goteborg.localhost")) == other_city  # another city's stays


def a_page_made_while_a_change_landed_is_made_again_before_anyone_gets_it(edge, unit):
    """The purge reaches Varnish while the old page is still being made: no reader may get that page (the change
    may have made it staff-only), and it must not stay for s-maxage."""
    path = "/fi/viestinta/media/"

    def a_moderator_publishes_meanwhile(page, request, serve_args, serve_kwargs):
        changed = UnitPage.objects.get(pk=unit.pk)
        if changed.title_fi == "Mediapalvelu":
            publish(changed, title_fi="Mediapalvelut")  # committed, and purged, before this page is sent

    with hooks.register_temporarily("before_serve_page", a_moderator_publishes_meanwhile):
        raced = edge.get(path)
    assert "Mediapalvelut" in raced.body and "s-maxage=600," in raced.headers["cache-control"]
    assert edge.get(path).hit
    publish(UnitPage.objects.get(pk=unit.pk), title_fi="Mediapalvelu")  # as the next step expects it
    shown(edge, path, "Mediapalvelu<")


def a_page_made_staff_only_is_never_served_from_grace(edge, department):
    path = DEPARTMENT["fi"]
    warm(edge, path)
    restriction = PageViewRestriction.objects.create(page=department, restriction_type="login")  # committed
    refused = edge.get(path)
    assert refused.status == 302 and "/login/" in refused.headers["location"] and not refused.hit
    restriction.delete()
    assert shown(edge, path, "Viestintä ja media").status == 200


def a_page_finished_just_before_a_change_is_made_again_when_the_purge_overtakes_it(stack, monkeypatch):
    """The app checks that no change landed while it made a page (citycomms.cache.retired_since). A change landing
    right after that check purges the edge while the page is on its way there, before Varnish keeps it: Varnish
    must ask again rather than keep the page from before the change for its s-maxage."""
    edge, department, path = stack.edge, stack.department, DEPARTMENT["en"]
    get_backends()["varnish"].purge(f"http://localhost{path}")  # not kept: the next reader's request reaches the app
    check = retired_since

    def checked_then_a_moderator_makes_it_staff_only(cache, generation):
        outdated = check(cache, generation)
        if not PageViewRestriction.objects.filter(page=department).exists():
            PageViewRestriction.objects.create(page=department, restriction_type="login")  # committed, purged
        return outdated

    with monkeypatch.context() as patched:
        patched.setattr("citycomms.cache.retired_since", checked_then_a_moderator_makes_it_staff_only)
        refused = edge.get(path)
    assert refused.status == 302 and "/login/" in refused.headers["location"], (refused.status, refused.headers)
    assert edge.get(path).status == 302
    PageViewRestriction.objects.filter(page=department).delete()
    assert shown(edge, path, "<h1>Media</h1>").status == 200


def grace_serves_the_old_page_while_one_request_refreshes_it_and_while_the_app_is_down(stack, settings):
    settings.CITYCOMMS_HTTP_SHARED_MAX_AGE = 1
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every fetch renders what the database holds
    settings.CITYCOMMS_CACHE_SHARED = False  # from nothing kept
    edge, path = stack.edge, "/fi/viestinta/media/"
    get_backends()["varnish"].purge(f"http://localhost{path}")  # Wagtail's interface: dropped at once (a BAN)
    fetched = edge.get(path)
    assert not fetched.hit and "Mediapalvelu<" in fetched.body and "s-maxage=1," in fetched.headers["cache-control"]
    UnitPage.objects.filter(pk=stack.unit.pk).update(title_fi="Mediapalvelut")  # no signal, no ban: only time
    time.sleep(1.2)
    stale = edge.get(path)
    assert stale.hit and "Mediapalvelu<" in stale.body  # at once, while one fetch gets the new page
    deadline = time.monotonic() + 5
    while "Mediapalvelut" not in edge.get(path).body:
        assert time.monotonic() < deadline, "the copy was never refreshed"
        time.sleep(0.1)

    stack.app.stop()
    deadline = time.monotonic() + 10
    while "sick" not in edge.backend_health():
        assert time.monotonic() < deadline, "Varnish never noticed the app was down"
        time.sleep(0.2)
    time.sleep(1.2)  # the copy is past its s-maxage
    down = edge.get(path)
    assert down.status == 200 and down.hit and "Mediapalvelut" in down.body  # stale-if-error
    assert int(down.headers["age"]) >= 1
    assert edge.get("/fi/ei-koskaan-haettu/").status == 503
