"""The cache in front: every change sent there (citycomms.edge), and a real Varnish running the repository's VCL.

The first tests record what citycomms.edge sends and need Django only. Those marked `varnish` start Debian's
varnishd (`apt-get install varnish`; `.ci/run` installs it) with deploy/varnish/default.vcl on a free loopback
port, in front of a live server of the test database; without varnishd they skip, and fail in CI.
"""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.files.base import ContentFile
from django.test import Client
from django.test.testcases import LiveServerThread
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from citycomms.factories import make_city
from citycomms.i18n import prepare_tree_root
from citycomms.models import CitySettings
from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, UnitPage
from tests.conftest import quiet

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
GOTEBORG_ONLY = r"^(goteborg\.localhost)$"
ALL_BUT_GOTEBORG = r"^(?!(goteborg\.localhost)$)"  # Helsinki is the default site: it answers unknown hosts too
SENT = []


class RecordingBackend(BaseBackend):
    """Records the bans citycomms.edge sends."""

    def ban(self, host_pattern, url_pattern="^/"):
        SENT.append(host_pattern)


class FailingBackend(BaseBackend):
    def ban(self, host_pattern, url_pattern="^/"):
        SENT.append(host_pattern)
        raise OSError("the edge is down")


class UrlBackend(BaseBackend):
    """A backend that purges URL by URL, as Cloudflare's and Wagtail's HTTP backend do."""

    def purge(self, url):
        SENT.append(url)


def edge_settings(backend, **params):
    """WAGTAILFRONTENDCACHE with one backend: a class of this module by its name, or a dotted path."""
    path = backend if "." in backend else f"tests.test_varnish.{backend}"
    return {"edge": {"BACKEND": path, **params}}


@pytest.fixture
def sent(settings):
    settings.WAGTAILFRONTENDCACHE = edge_settings("RecordingBackend")
    SENT.clear()
    return SENT


@pytest.fixture
def worker(settings):
    """The edge's tasks queued as with a worker (django-tasks' dummy backend keeps them instead of running them)."""
    settings.TASKS = {**settings.TASKS, "edge": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["edge"].results


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def seconds_between(earlier, later):
    return (later - earlier).total_seconds()


@pytest.mark.django_db
def test_a_change_bans_its_citys_hosts_once_committed(helsinki, goteborg, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(DepartmentPageFactory(parent=goteborg, title_sv="Kommunikation"), title_sv="Ny kommunikation")
    assert sent == []  # nothing before the change is committed
    for callback in callbacks:
        callback()
    assert sent == [GOTEBORG_ONLY]  # one ban for the several signals of a new page's publish

    for change, expected in [
        (lambda: publish(DepartmentPageFactory(parent=helsinki)), ALL_BUT_GOTEBORG),
        (lambda: ContactPersonFactory(city=goteborg).save(), GOTEBORG_ONLY),
        (lambda: CitySettings.for_home(goteborg).save(), GOTEBORG_ONLY),
        (lambda: Site.objects.get(hostname="goteborg.localhost").save(), "."),  # its name may have changed
    ]:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert sent == [expected]


@pytest.mark.django_db
def test_a_file_bans_its_collections_city_or_every_host_when_shared(
    helsinki, goteborg, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as its own transaction, committed
        setup_city_roles(log=quiet)  # each city's own collection
    own = CitySettings.for_home(goteborg).collection
    for collection, expected in [(own, GOTEBORG_ONLY), (Collection.get_first_root_node(), ".")]:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            get_document_model().objects.create(title="PM", collection=collection, file=ContentFile(b"x", "pm.txt"))
        assert sent == [expected]


@pytest.mark.django_db
def test_a_failed_ban_is_tried_again_and_logged_and_the_publish_stands(
    goteborg, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = edge_settings("FailingBackend")
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(DepartmentPageFactory(parent=goteborg, title_sv="Före"), title_sv="Efter")
    assert DepartmentPage.objects.get(pk=page.pk).title_sv == "Efter"
    assert len(SENT) == len(settings.CITYCOMMS_EDGE_RETRY_SECONDS) + 1  # without a worker: again at once
    assert "Gave up telling the cache in front (edge)" in caplog.text


@pytest.mark.django_db
def test_a_varnish_that_is_down_leaves_the_site_working(
    goteborg, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = edge_settings("citycomms.edge.VarnishBanBackend", LOCATION="http://127.0.0.1:9")
    with django_capture_on_commit_callbacks(execute=True):
        publish(DepartmentPageFactory(parent=goteborg, title_sv="Före", slug_sv="avdelning"), title_sv="Efter")
    assert "Efter" in Client(HTTP_HOST="goteborg.localhost").get("/sv/avdelning/").content.decode()
    assert "http://127.0.0.1:9 did not ban" in caplog.text


@pytest.mark.django_db
def test_with_a_worker_the_ban_is_queued_sent_again_later_and_retried_later(
    goteborg, settings, worker, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = edge_settings("FailingBackend")
    with django_capture_on_commit_callbacks(execute=True):
        publish(DepartmentPageFactory(parent=goteborg))
    first, again = worker
    assert list(first.args) == list(again.args) == [GOTEBORG_ONLY, []]
    assert first.task.run_after is None
    assert abs(seconds_between(first.enqueued_at, again.task.run_after) - 5) < 1  # CITYCOMMS_EDGE_BAN_AGAIN_SECONDS

    worker.clear()
    first.task.call(*first.args)  # as the worker runs it, with the edge down
    (retry,) = worker
    assert list(retry.args) == [GOTEBORG_ONLY, [], ["edge"], 2]
    assert abs(seconds_between(retry.enqueued_at, retry.task.run_after) - 2) < 1  # CITYCOMMS_EDGE_RETRY_SECONDS[0]


@pytest.mark.django_db
def test_backends_that_purge_by_url_get_the_citys_home_and_the_page_in_every_language(
    goteborg, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = edge_settings("UrlBackend")
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(DepartmentPageFactory(parent=goteborg, slug_sv="kommunikation", slug_en="communications"))
    root = "http://goteborg.localhost"
    expected = {f"{root}/", f"{root}/sv/", f"{root}/en/", f"{root}/sv/kommunikation/", f"{root}/en/communications/"}
    assert expected <= set(SENT)


@pytest.mark.django_db
def test_nothing_is_sent_without_a_cache_in_front(goteborg, worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(DepartmentPageFactory(parent=goteborg))
    assert worker == []


# --- a real Varnish -----------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: str

    @property
    def hit(self):
        return self.headers.get("x-cache") == "hit"


class Edge:
    """varnishd with the repository's VCL in front of the live server, on free loopback ports."""

    def __init__(self, varnishd, backend_port):
        self.port, self.admin_port = free_port(), free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="citycomms-varnish-"))
        self.folder.chmod(0o755)  # varnishd started as root works as its own user in here
        vcl = VCL.read_text()
        for line, replacement in [
            ('.host = "app";', '.host = "127.0.0.1";'),
            ('.port = "8000";', f'.port = "{backend_port}";'),
        ]:
            assert vcl.count(line) == 1, f"{VCL} must keep its line {line}"
            vcl = vcl.replace(line, replacement)
        (self.folder / "test.vcl").write_text(vcl)
        self.process = subprocess.Popen(
            [varnishd, "-F", "-a", f"127.0.0.1:{self.port}", "-T", f"127.0.0.1:{self.admin_port}", "-n",
             str(self.folder / "n"), "-f", str(self.folder / "test.vcl"), "-s", "malloc,32m"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def wait_until_serving(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited with {self.process.returncode}")
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("varnishd did not answer within 20 s")

    def request(self, method, path, host="localhost", headers=None, source="127.0.0.1"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(source, 0))
        try:
            conn.request(method, path, headers={"Host": f"{host}:{self.port}", **(headers or {})})
            response = conn.getresponse()
            body = response.read().decode()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            conn.close()

    def get(self, path, host="localhost", **headers):
        return self.request("GET", path, host, headers)

    def backend_health(self):
        command = ["varnishadm", "-n", str(self.folder / "n"), "backend.list"]
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


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
    found = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)
    if not found and not os.environ.get("CI"):
        pytest.skip("the Varnish tests need varnishd (apt-get install varnish)")
    assert found, "CI must install varnish (.ci/run)"
    return found


@pytest.fixture
def stack(settings):
    """Two cities committed to the test database, the live server, and varnishd in front, told of every change."""
    binary = varnishd()
    department, unit, session = build_cities()
    app = App(free_port())
    edge = Edge(binary, app.port)
    try:
        app.start()
        edge.wait_until_serving()
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "citycomms.edge.VarnishBanBackend", "LOCATION": f"http://127.0.0.1:{edge.port}"}
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
def test_varnish_in_front_of_the_app(stack, settings):
    anonymous_readers_get_hits_and_signed_in_readers_the_admin_and_posts_pass(stack.edge, stack.session)
    bans_are_taken_only_from_the_acl(stack.edge)
    a_publish_bans_the_city_in_every_language_and_leaves_other_cities_cached(stack.edge, stack.department)
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

    for _attempt in range(2):
        editor = edge.get(DEPARTMENT["fi"], Cookie=f"sessionid={session}")
        assert editor.status == 200 and not editor.hit
        assert editor.headers["cache-control"] == "private, no-store"
        assert not edge.get("/admin/login/").hit
        assert not edge.request("POST", "/fi/search/", headers={"Content-Length": "0"}).hit


def bans_are_taken_only_from_the_acl(edge):
    warm(edge, "/fi/")
    outsider = edge.request("BAN", "/", headers={"X-Ban-Host": "."}, source="127.0.0.2")
    assert outsider.status == 405 and edge.get("/fi/").hit
    assert edge.request("BAN", "/").status == 400  # no X-Ban-Host
    assert edge.request("BAN", "/", headers={"X-Ban-Host": "^localhost$", "X-Ban-Url": "^/fi/$"}).status == 200
    assert not edge.get("/fi/").hit


def a_publish_bans_the_city_in_every_language_and_leaves_other_cities_cached(edge, department):
    for path in [*DEPARTMENT.values(), "/fi/", "/api/v2/pages/?lang=en", "/sitemap.xml"]:
        warm(edge, path)
    warm(edge, "/sv/stadsbyggnad/", "goteborg.localhost")

    titles = {"fi": "Viestintä ja media", "sv": "Kommunikation och medier", "en": "Media"}
    # Committed at once (the test is transactional): the ban goes out as after an editor's publish.
    publish(DepartmentPage.objects.get(pk=department.pk), **{f"title_{code}": text for code, text in titles.items()})

    for language, path in DEPARTMENT.items():
        answer = edge.get(path)
        assert not answer.hit and titles[language] in answer.body, path
    assert "Viestintä ja media" in edge.get("/fi/").body
    assert '"Media"' in edge.get("/api/v2/pages/?lang=en").body
    assert not edge.get("/sitemap.xml").hit
    assert edge.get("/sv/stadsbyggnad/", "goteborg.localhost").hit  # another city's copies stay


def grace_serves_the_old_page_while_one_request_refreshes_it_and_while_the_app_is_down(stack, settings):
    settings.CITYCOMMS_HTTP_SHARED_MAX_AGE = 1
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False  # every fetch renders what the database holds
    settings.CITYCOMMS_CACHE_SHARED = False  # from nothing kept
    edge, path = stack.edge, "/fi/viestinta/media/"
    assert "Mediapalvelu<" in edge.get(path).body
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
