"""Per-city editors and moderators: moderation, scheduling, moves and revisions."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, UnitPage
from press.models import PressContactsPage
from tests.conftest import GOTEBORG, HELSINKI, edit_form_values, make_user
from tests.roles.conftest import press_page

# --- moderation ---------------------------------------------------------------------------------


def draft_page(home, title, slug):
    """A page that was never published, with one draft revision."""
    page = PressContactsPage(
        live=False, title=title, slug=slug, **{f"title_{code}": title for code in ("fi", "sv", "en")}
    )
    home.add_child(instance=page)
    page.save_revision()
    return page


def submit_from_editor(client, page, action, **changes):
    """Post the page editor's form as the browser would, with `changes` and the button `action` pressed."""
    form = edit_form_values(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), PressContactsPage)
    form.update(changes)
    form[f"action-{action}"] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", form)


def workflow_action(client, page, action):
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": ""})


@pytest.mark.django_db
def test_an_editor_cannot_publish_only_submit(client, goteborg, goteborg_editor):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)

    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    submit_from_editor(client, page, "publish", title_sv="Publicerad av redaktören")

    page.refresh_from_db()
    assert 'name="action-publish"' not in editor_html
    assert 'name="action-submit"' in editor_html
    assert not page.live and page.live_revision is None
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_submitted_page_goes_live_when_a_moderator_approves(client, goteborg, goteborg_editor, goteborg_moderator):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)

    response = submit_from_editor(client, page, "submit", title_sv="Mediekontakter")

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state.workflow.name == f"{GOTEBORG} moderation" and state.status == "in_progress"
    assert state.requested_by == goteborg_editor

    client.force_login(goteborg_moderator)
    response = workflow_action(client, page, "approve")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.live_revision.as_object().title_sv == "Mediekontakter"
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_a_rejection_keeps_the_editors_draft(client, goteborg, goteborg_editor, goteborg_moderator):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)
    submit_from_editor(client, page, "submit", title_sv="Redaktörens text")

    client.force_login(goteborg_moderator)
    workflow_action(client, page, "reject")

    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().title_sv == "Redaktörens text"
    client.force_login(goteborg_editor)
    assert "Redaktörens text" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


@pytest.mark.django_db
def test_another_citys_moderator_cannot_approve(client, roles, goteborg, goteborg_editor):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)
    submit_from_editor(client, page, "submit", title_sv="Mediekontakter")
    client.force_login(make_user("helsinki-moderator", roles[HELSINKI].moderators))

    response = workflow_action(client, page, "approve")

    page.refresh_from_db()
    assert response.status_code == 404
    assert not page.live and page.current_workflow_state.status == "in_progress"


# --- scheduling and revisions -------------------------------------------------------------------


def an_hour_later(revision):
    """Move the revision's go-live time an hour back, as if an hour had passed (freezegun is not installed)."""
    revision.refresh_from_db()
    revision.approved_go_live_at -= timedelta(hours=1, minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


@pytest.mark.django_db
def test_publish_scheduled_publishes_a_page_whose_go_live_time_passed(goteborg):
    page = draft_page(goteborg, "Planerad", "planerad")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision == revision

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live  # not yet

    an_hour_later(revision)
    call_command("publish_scheduled", stdout=StringIO())

    page.refresh_from_db()
    assert page.live and page.live_revision == revision


@pytest.mark.django_db
def test_publish_scheduled_unpublishes_a_page_whose_expiry_passed(goteborg):
    page = press_page(goteborg, "Utgående", "utgaende")
    PressContactsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    call_command("publish_scheduled", stdout=StringIO())

    page.refresh_from_db()
    assert not page.live and page.expired


@pytest.mark.django_db
def test_a_moderator_reorganises_their_city_and_only_theirs(client, helsinki, goteborg, helsinki_moderator):
    """Moves, unpublishes and deletes a department with its units in their city; another city's stay out of
    reach (404), and an editor may not delete a live branch."""
    department = DepartmentPageFactory(parent=helsinki, title_fi="Vanha osasto", slug_fi="vanha-osasto")
    unit = UnitPageFactory(parent=department, title_fi="Yksikkö", slug_fi="yksikko")
    target = DepartmentPageFactory(parent=helsinki, title_fi="Uusi osasto", slug_fi="uusi-osasto")
    elsewhere = DepartmentPageFactory(parent=goteborg, title_sv="Annan", slug_sv="annan")
    client.force_login(helsinki_moderator)

    assert client.post(f"/admin/pages/{unit.pk}/move/{target.pk}/confirm/").status_code == 302
    assert UnitPage.objects.get(pk=unit.pk).get_parent().pk == target.pk
    assert client.post(f"/admin/pages/{target.pk}/unpublish/", {"include_descendants": "on"}).status_code == 302
    assert not UnitPage.objects.get(pk=unit.pk).live
    assert client.post(f"/admin/pages/{target.pk}/delete/").status_code == 302
    assert (
        not UnitPage.objects.filter(pk=unit.pk).exists() and not DepartmentPage.objects.filter(pk=target.pk).exists()
    )

    assert client.post(f"/admin/pages/{elsewhere.pk}/delete/").status_code == 404
    assert client.post(f"/admin/pages/{department.pk}/move/{goteborg.pk}/confirm/").status_code == 404
    assert DepartmentPage.objects.filter(pk=elsewhere.pk).exists()
    assert DepartmentPage.objects.get(pk=department.pk).get_parent().pk == helsinki.pk


@pytest.mark.django_db
def test_an_editor_may_not_delete_a_live_branch(client, helsinki, helsinki_editor):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Osasto", slug_fi="osasto")
    UnitPageFactory(parent=department, title_fi="Yksikkö", slug_fi="yksikko")
    client.force_login(helsinki_editor)

    response = client.post(f"/admin/pages/{department.pk}/delete/")

    assert response.status_code in (302, 403) and DepartmentPage.objects.filter(pk=department.pk).exists()


@pytest.mark.django_db
def test_an_editor_compares_and_reverts_revisions_of_their_own_citys_pages(client, goteborg_editor, pages):
    own, theirs = pages["goteborg"], pages["helsinki"]
    for page in (own, theirs):
        page.title_sv = "Ny rubrik"
        page.save_revision()
    first, latest = own.revisions.order_by("pk")
    client.force_login(goteborg_editor)

    compare = client.get(f"/admin/pages/{own.pk}/revisions/compare/{first.pk}...{latest.pk}/")
    revert = client.get(f"/admin/pages/{own.pk}/revisions/{first.pk}/revert/")
    first_theirs, latest_theirs = theirs.revisions.order_by("pk")
    other = client.get(f"/admin/pages/{theirs.pk}/revisions/compare/{first_theirs.pk}...{latest_theirs.pk}/")

    assert compare.status_code == 200
    assert "Ny rubrik" in compare.content.decode()
    assert revert.status_code == 200
    assert "Göteborgs medier" in revert.content.decode()  # the editor opens with the old revision's title
    assert other.status_code == 404
