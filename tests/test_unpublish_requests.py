"""Editors ask for a page to be unpublished; their city's moderators unpublish it (with its subpages, if they
choose) or keep it live, with a comment the editor reads (editorial.unpublishing)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import PageLogEntry

from citycomms.factories import InformationPageFactory
from editorial.models import UnpublishRequest
from tests.conftest import signed_in, with_email

pytestmark = pytest.mark.django_db

EDIT = "/admin/pages/{}/edit/"
REQUEST = "/admin/editorial/unpublish/{}/"
REVIEW = "/admin/editorial/unpublish-requests/{}/"


def live(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def department(helsinki):
    """A live Helsinki page ("department" of a reorganisation) with a live subpage."""
    department = live(InformationPageFactory(parent=helsinki, title_fi="Vanha osasto", slug_fi="vanha-osasto"))
    live(InformationPageFactory(parent=department, title_fi="Vanha yksikkö", slug_fi="vanha-yksikko"))
    return department


@pytest.fixture
def people(helsinki_editor, helsinki_moderator, goteborg_moderator):
    """Helsinki's editor (English admin) and moderator (Finnish admin), Göteborg's moderator, all with emails."""
    editor, moderator = with_email(helsinki_editor, "en"), with_email(helsinki_moderator, "fi")
    return editor, moderator, with_email(goteborg_moderator, "sv")


def action_menu_names(html):
    soup = BeautifulSoup(html, "html.parser")
    return {item.get("name") for item in soup.select("footer [name], footer a[href]") if item.get("name")} | {
        link["href"] for link in soup.select("footer a[href]")
    }


def ask(client, page, reason="The department was merged into another.", subpages=True):
    return client.post(REQUEST.format(page.pk), {"reason": reason, "include_subpages": "on" if subpages else ""})


def test_an_editor_has_request_unpublishing_on_a_live_page_a_moderator_has_unpublish(client, people, department):
    editor, moderator, _other = people
    editor_page = signed_in(client, editor).get(EDIT.format(department.pk)).content
    editor_menu = action_menu_names(editor_page)
    assert REQUEST.format(department.pk) in editor_menu
    header = BeautifulSoup(editor_page, "html.parser").select_one("header")  # the page header's "…" menu too
    assert header.select_one(f"a[href='{REQUEST.format(department.pk)}']") is not None
    assert f"/admin/pages/{department.pk}/unpublish/" not in editor_menu

    moderator_menu = action_menu_names(signed_in(client, moderator).get(EDIT.format(department.pk)).content)
    assert f"/admin/pages/{department.pk}/unpublish/" in moderator_menu
    assert REQUEST.format(department.pk) not in moderator_menu


def test_the_request_reaches_the_citys_moderators_and_only_them(client, people, department):
    editor, moderator, goteborg_moderator = people
    form = signed_in(client, editor).get(REQUEST.format(department.pk))
    assert form.status_code == 200
    assert "include_subpages" in form.content.decode()  # the department has a live unit

    response = ask(client, department)

    assert response.status_code == 302 and response.url == EDIT.format(department.pk)
    request = UnpublishRequest.objects.get()
    assert (request.page_id, request.requested_by, request.status, request.include_subpages) == (
        department.pk,
        editor,
        UnpublishRequest.PENDING,
        True,
    )
    department.refresh_from_db()
    assert department.live  # nothing is unpublished before a moderator decides
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    email = mail.outbox[0]
    assert "Vanha osasto" in email.subject
    assert f"http://localhost:8000{REVIEW.format(request.pk)}" in email.body
    assert "The department was merged into another." in email.body
    assert PageLogEntry.objects.filter(page=department, action="editorial.unpublish_request.submit").exists()

    dashboard = signed_in(client, moderator).get("/admin/").content.decode()
    assert REVIEW.format(request.pk) in dashboard
    other_dashboard = signed_in(client, goteborg_moderator).get("/admin/").content.decode()
    assert REVIEW.format(request.pk) not in other_dashboard and "Vanha osasto" not in other_dashboard
    assert signed_in(client, goteborg_moderator).get(REVIEW.format(request.pk)).status_code == 404


def test_another_citys_editor_cannot_ask_and_nobody_asks_twice(client, people, department, goteborg_editor):
    editor, _moderator, _other = people
    assert signed_in(client, goteborg_editor).get(REQUEST.format(department.pk)).status_code == 404
    assert ask(client, department).status_code == 404

    ask(signed_in(client, editor), department)
    again = ask(client, department, reason="Again")
    assert again.status_code == 302
    assert UnpublishRequest.objects.count() == 1
    page = client.get(EDIT.format(department.pk)).content.decode()
    assert REQUEST.format(department.pk) not in action_menu_names(page)


def test_a_request_needs_a_reason_and_a_live_page(client, people, helsinki):
    editor, _moderator, _other = people
    draft = InformationPageFactory(parent=helsinki, live=False)
    signed_in(client, editor)

    assert client.post(REQUEST.format(draft.pk), {"reason": "Old"}).status_code == 302
    published = live(InformationPageFactory(parent=helsinki))
    assert client.post(REQUEST.format(published.pk), {"reason": " "}).status_code == 400
    assert not UnpublishRequest.objects.exists()


def test_the_moderator_unpublishes_the_page_and_its_subpages_and_the_editor_is_told(client, people, department):
    editor, moderator, _other = people
    ask(signed_in(client, editor), department)
    request = UnpublishRequest.objects.get()
    mail.outbox.clear()

    review = signed_in(client, moderator).get(REVIEW.format(request.pk))
    assert review.status_code == 200 and "The department was merged into another." in review.content.decode()
    response = client.post(
        REVIEW.format(request.pk), {"approve": "1", "include_subpages": "on", "comment": "Done, thanks."}
    )

    assert response.status_code == 302
    department.refresh_from_db()
    unit = department.get_children().get()
    assert not department.live and not unit.live
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.comment) == (
        UnpublishRequest.APPROVED,
        moderator,
        "Done, thanks.",
    )
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Done, thanks." in mail.outbox[0].body
    assert PageLogEntry.objects.filter(page=department, action="wagtail.unpublish").exists()
    # Decided once: a second decision changes nothing.
    client.post(REVIEW.format(request.pk), {"reject": "1", "comment": "No"})
    request.refresh_from_db()
    assert request.status == UnpublishRequest.APPROVED


def test_the_moderator_may_unpublish_the_page_alone(client, people, department):
    editor, moderator, _other = people
    ask(signed_in(client, editor), department)
    request = UnpublishRequest.objects.get()

    signed_in(client, moderator).post(REVIEW.format(request.pk), {"approve": "1", "comment": ""})

    department.refresh_from_db()
    assert not department.live and department.get_children().get().live


def test_keeping_the_page_live_needs_a_comment_the_editor_reads(client, people, department):
    editor, moderator, _other = people
    ask(signed_in(client, editor), department)
    request = UnpublishRequest.objects.get()
    mail.outbox.clear()
    signed_in(client, moderator)

    assert client.post(REVIEW.format(request.pk), {"reject": "1", "comment": ""}).status_code == 400
    response = client.post(REVIEW.format(request.pk), {"reject": "1", "comment": "Still needed until June."})

    assert response.status_code == 302
    department.refresh_from_db()
    assert department.live
    request.refresh_from_db()
    assert request.status == UnpublishRequest.REJECTED
    assert "Still needed until June." in mail.outbox[0].body and mail.outbox[0].to == [editor.email]
    dashboard = signed_in(client, editor).get("/admin/").content.decode()
    assert "Still needed until June." in dashboard
    history = client.get(f"/admin/pages/{department.pk}/history/").content.decode()
    assert "Still needed until June." in history
