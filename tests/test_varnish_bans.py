"""The cache in front: every change sent there (citycomms.edge). These record what citycomms.edge sends and
need Django only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction, Site

from citycomms.models import CitySettings
from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import publish, quiet

SENT = []


class RecordingBackend(BaseBackend):
    """Records the keys citycomms.edge purges: softly (grace) or at once."""

    def soft_purge(self, keys):
        SENT.append(("softly", keys))

    def purge_keys(self, keys):
        SENT.append(("at once", keys))


class FailingBackend(RecordingBackend):
    def soft_purge(self, keys):
        super().soft_purge(keys)
        raise OSError("the edge is down")

    def purge_keys(self, keys):
        super().purge_keys(keys)
        raise OSError("the edge is down")


def keys_of(hostname):
    """The key of the site on `hostname`: what a change of its city purges."""
    return [f"site-{Site.objects.get(hostname=hostname).pk}"]


def softly(hostname):
    return ("softly", keys_of(hostname))


def at_once(hostname):
    return ("at once", keys_of(hostname))


EVERY_SITE_AT_ONCE = ("at once", ["citycomms"])


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
def test_a_change_purges_its_citys_site_once_committed(helsinki, goteborg, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(DepartmentPageFactory(parent=goteborg, title_sv="Kommunikation"), title_sv="Ny kommunikation")
    assert sent == []  # nothing before the change is committed
    for callback in callbacks:
        callback()
    assert sent == [softly("goteborg.localhost")]  # one purge for the several signals of a new page's publish

    for change, expected in [
        (lambda: publish(DepartmentPageFactory(parent=helsinki)), softly("localhost")),
        (lambda: ContactPersonFactory(city=goteborg).save(), softly("goteborg.localhost")),
        (lambda: CitySettings.for_home(goteborg).save(), softly("goteborg.localhost")),
        (lambda: Site.objects.get(hostname="goteborg.localhost").save(), EVERY_SITE_AT_ONCE),  # its name may change
    ]:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert sent == [expected]


@pytest.mark.django_db
def test_a_file_purges_its_collections_city_or_every_site_when_shared(
    helsinki, goteborg, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as its own transaction, committed
        setup_city_roles(log=quiet)  # each city's own collection
    own = CitySettings.for_home(goteborg).collection
    # at once: a file may have moved into a staff-only collection, and grace would serve it once more; and every
    # file's copy at any host ("files": any host serves any city's files)
    for collection, expected in [
        (own, ("at once", [*keys_of("goteborg.localhost"), "files"])),
        (Collection.get_first_root_node(), ("at once", ["citycomms", "files"])),
    ]:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            get_document_model().objects.create(title="PM", collection=collection, file=ContentFile(b"x", "pm.txt"))
        assert sent == [expected]


@pytest.mark.django_db
def test_what_may_take_something_away_from_the_public_is_purged_at_once(
    goteborg, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(DepartmentPageFactory(parent=goteborg))
        contact = ContactPersonFactory(city=goteborg)
    for name, change in [
        ("made staff-only", lambda: PageViewRestriction.objects.create(page=page, restriction_type="login")),
        ("public again", lambda: PageViewRestriction.objects.filter(page=page).delete()),
        ("unpublished", lambda: DepartmentPage.objects.get(pk=page.pk).unpublish()),
        ("a contact unpublished", lambda: contact.unpublish()),
        ("deleted", lambda: DepartmentPage.objects.get(pk=page.pk).delete()),
    ]:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert at_once("goteborg.localhost") in sent, name

    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ContactPersonFactory(city=goteborg, live=False)  # a draft takes nothing away
    assert sent == [softly("goteborg.localhost")]


@pytest.mark.django_db
def test_a_failed_purge_is_tried_again_and_logged_and_the_publish_stands(
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
    settings.WAGTAILFRONTENDCACHE = edge_settings("citycomms.edge.VarnishBackend", LOCATION="http://127.0.0.1:9")
    with django_capture_on_commit_callbacks(execute=True):
        publish(DepartmentPageFactory(parent=goteborg, title_sv="Före", slug_sv="avdelning"), title_sv="Efter")
    assert "Efter" in Client(HTTP_HOST="goteborg.localhost").get("/sv/avdelning/").content.decode()
    assert "http://127.0.0.1:9 did not take PURGE" in caplog.text


@pytest.mark.django_db
def test_with_a_worker_the_purge_is_queued_sent_again_later_and_retried_later(
    goteborg, settings, worker, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = edge_settings("FailingBackend")
    with django_capture_on_commit_callbacks(execute=True):  # one transaction: one purge, at once
        page = publish(DepartmentPageFactory(parent=goteborg))
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    first, again = worker
    assert list(first.args) == list(again.args) == [keys_of("goteborg.localhost"), []]
    assert first.kwargs == again.kwargs == {"at_once": True}
    assert first.task.run_after is None
    assert abs(seconds_between(first.enqueued_at, again.task.run_after) - 5) < 1  # CITYCOMMS_EDGE_BAN_AGAIN_SECONDS

    worker.clear()
    first.task.call(*first.args, **first.kwargs)  # as the worker runs it, with the edge down
    (retry,) = worker
    assert list(retry.args) == [keys_of("goteborg.localhost"), [], ["edge"], 2]
    assert retry.kwargs == {"at_once": True}
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


@pytest.mark.django_db
def test_what_the_edge_may_keep_names_its_site_and_nothing_else_does(helsinki, goteborg, settings, sent):
    reader, key = Client(HTTP_HOST="goteborg.localhost"), keys_of("goteborg.localhost")[0]
    made, copied = reader.get("/sv/"), reader.get("/sv/")
    assert copied.get("X-Page-Cache") == "hit"  # a copy from the page cache names it too
    assert made["xkey"] == copied["xkey"] == f"citycomms {key}"
    missing = reader.get("/sv/finns-inte/")  # kept briefly at the edge: a publish there must drop it
    assert missing.status_code == 404 and missing["xkey"] == f"citycomms {key}"
    assert Client(HTTP_HOST="localhost").get("/fi/")["xkey"] == f"citycomms {keys_of('localhost')[0]}"
    document = get_document_model().objects.create(
        title="PM", collection=Collection.get_first_root_node(), file=ContentFile(b"x", "pm.txt")
    )
    public_file = reader.get(document.url)  # a move into a staff-only collection must reach the edge's copy
    assert "public" in public_file["Cache-Control"] and public_file["xkey"] == "citycomms files"
    assert reader.get("/city.css")["xkey"] == f"citycomms {key}"  # a deploy or a new brand colour purges it
    assert reader.get("/api/v2/pages/?site=localhost").status_code == 400  # no other site's pages at this host

    reader.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "x"))
    assert "xkey" not in reader.get("/sv/")  # private: never at the edge
    settings.WAGTAILFRONTENDCACHE = edge_settings("UrlBackend")  # a CDN that purges URL by URL has no use for keys
    assert "xkey" not in Client(HTTP_HOST="goteborg.localhost").get("/sv/en-sida/")
