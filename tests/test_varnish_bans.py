"""The cache in front: every change sent there (citycomms.edge). These record what citycomms.edge sends and
need Django only."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from citycomms.models import CitySettings
from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import publish, quiet

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
    path = backend if "." in backend else f"tests.test_varnish_bans.{backend}"
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
