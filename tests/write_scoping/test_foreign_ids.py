"""Writes are scoped (issue 14, items 2 and 3): the contact import, bulk actions, workflow actions and moves
with another city's ids change nothing."""

import html

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson, ServicePoint
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage, PageContact
from tests.conftest import GOTEBORG, HELSINKI, IMPORT_URL, csv_file, edit_form_values, row, signed_in
from tests.write_scoping.conftest import admin_language, document_in, edit_url, image_in

pytestmark = pytest.mark.django_db


# --- Item 2: the contact import (scoped already: these guard it) -----------------------------------------------


def test_an_import_row_naming_another_citys_unit_is_refused(client, goteborg_editor, helsinki, goteborg):
    DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", title_sv="Stadskansliet", slug_fi="kanslia")
    client.force_login(goteborg_editor)
    people = ContactPerson.objects.count()
    response = client.post(IMPORT_URL, {"city": goteborg.pk, "file": csv_file([row(unit="kanslia")])})
    assert response.status_code == 200
    with translation.override(admin_language(response)):
        error = gettext("No department, unit or team of the city is called “%(unit)s”.") % {"unit": "kanslia"}
    assert error in html.unescape(response.content.decode())
    assert 'name="confirm"' not in response.content.decode()
    assert client.post(IMPORT_URL, {"confirm": "1"}).status_code == 200  # the rows again, with their errors
    assert ContactPerson.objects.count() == people
    assert not PageContact.objects.exists()


def test_an_import_into_a_city_the_user_does_not_work_for_is_refused(client, goteborg_editor, helsinki):
    client.force_login(goteborg_editor)
    response = client.post(IMPORT_URL, {"city": helsinki.pk, "file": csv_file([row()])})
    assert response.status_code == 400
    assert "city" in response.context["form"].errors
    assert not ContactPerson.objects.exists()


# --- Item 3: state-changing POSTs with another city's ids change nothing --------------------------------------


@pytest.fixture
def helsinki_things(helsinki, roles, helsinki_internal):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    draft = DepartmentPageFactory(parent=helsinki, title_fi="Luonnos", slug_fi="luonnos", live=False)
    return {
        "department": department,
        "draft": draft,
        "person": helsinki_internal,
        "point": ServicePointFactory(city=helsinki),
        "document": document_in(roles[HELSINKI].collection, "Ohje"),
        "image": image_in(roles[HELSINKI].collection, "Kuva"),
    }


def snapshot(things):
    """Every row the POSTs below could change, as stored."""
    pages = Page.objects.filter(pk__in=[things["department"].pk, things["draft"].pk]).order_by("pk")
    return (
        list(pages.values_list("pk", "path", "live", "locked", "title")),
        Revision.objects.count(),
        list(ContactPerson.objects.values_list("pk", "live", "city")),
        list(ServicePoint.objects.values_list("pk", "live", "city")),
        list(get_document_model().objects.values_list("pk", "collection", "title")),
        list(get_image_model().objects.values_list("pk", "collection", "title")),
        sorted(get_document_model().tags.through.objects.values_list("pk", flat=True)),
        sorted(get_image_model().tags.through.objects.values_list("pk", flat=True)),
    )


def bulk(client, model, action, ids, **data):
    query = "&".join(f"id={pk}" for pk in ids)
    return client.post(f"/admin/bulk/{model}/{action}/?{query}&next=/admin/", data)


@pytest.mark.parametrize(
    ("model", "action", "key", "data"),
    [
        ("wagtailcore/page", "delete", "department", {}),
        ("wagtailcore/page", "unpublish", "department", {}),
        ("wagtailcore/page", "publish", "draft", {}),
        ("wagtailcore/page", "move", "department", {"chooser": "home"}),
        ("contacts/contactperson", "delete", "person", {}),
        ("contacts/servicepoint", "delete", "point", {}),
        ("wagtaildocs/document", "delete", "document", {}),
        ("wagtaildocs/document", "add_to_collection", "document", {"collection": "collection"}),
        ("wagtaildocs/document", "add_tags", "document", {"tags": "stulen"}),
        ("wagtailimages/image", "delete", "image", {}),
        ("wagtailimages/image", "add_to_collection", "image", {"collection": "collection"}),
        ("wagtailimages/image", "add_tags", "image", {"tags": "stulen"}),
    ],
)
def test_bulk_actions_with_another_citys_ids_change_nothing(
    moderator, admin_client, goteborg, roles, helsinki_things, model, action, key, data
):
    """Göteborg's moderator moves, publishes, deletes, re-files or tags Helsinki's things in bulk: nothing changes."""
    ours = {"home": str(goteborg.pk), "collection": str(roles[GOTEBORG].collection.pk)}
    values = {name: ours.get(value, value) for name, value in data.items()}
    before = snapshot(helsinki_things)
    bulk(moderator, model, action, [helsinki_things[key].pk], **values)
    assert snapshot(helsinki_things) == before
    # The same request from a superuser does change it: the request itself is one the action carries out.
    bulk(admin_client, model, action, [helsinki_things[key].pk], **values)
    assert snapshot(helsinki_things) != before


def submitted_page(helsinki, helsinki_editor, roles):
    """A Helsinki page in Helsinki's moderation workflow, awaiting approval."""
    page = DepartmentPageFactory(parent=helsinki, title_fi="Odottaa", slug_fi="odottaa", live=False)
    page.save_revision(user=helsinki_editor)
    roles[HELSINKI].workflow.start(page, helsinki_editor)
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_page_workflow_actions_on_another_citys_page_change_nothing(
    moderator, helsinki, helsinki_editor, helsinki_moderator, roles, action
):
    page = submitted_page(helsinki, helsinki_editor, roles)
    task_state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    moderator.post(url, {"comment": "stulen"})
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert page.current_workflow_state is not None
    # Helsinki's own moderator, posting the same, does act on it.
    signed_in(Client(), helsinki_moderator).post(url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status != task_state.STATUS_IN_PROGRESS


def test_cancelling_another_citys_page_workflow_changes_nothing(moderator, helsinki, helsinki_editor, roles):
    page = submitted_page(helsinki, helsinki_editor, roles)
    helsinki_client = signed_in(Client(), helsinki_editor)
    form = edit_form_values(helsinki_client.get(edit_url(page)).content.decode(), DepartmentPage)
    form["action-cancel-workflow"] = "1"
    moderator.post(edit_url(page), form)
    page.refresh_from_db()
    assert page.current_workflow_state is not None and page.current_workflow_state.status == "in_progress"
    # The editor who submitted it, posting the same, does cancel it.
    helsinki_client.post(edit_url(page), form)
    page.refresh_from_db()
    assert page.current_workflow_state is None


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_contact_workflow_actions_on_another_citys_contact_change_nothing(
    moderator, helsinki, helsinki_editor, helsinki_moderator, action
):
    person = ContactPersonFactory(city=helsinki, first_name="Odottava", last_name="Henkilo", live=False)
    person.save_revision(user=helsinki_editor)
    person.get_workflow().start(person, helsinki_editor)
    person.refresh_from_db()
    task_state = person.current_workflow_task_state
    url = f"/admin/snippets/contacts/contactperson/workflow/action/{person.pk}/{action}/{task_state.pk}/"
    moderator.post(url, {"comment": "stulen"})
    person.refresh_from_db()
    task_state.refresh_from_db()
    assert not person.live
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    signed_in(Client(), helsinki_moderator).post(url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status != task_state.STATUS_IN_PROGRESS


def test_moves_across_cities_change_nothing(moderator, admin_client, goteborg, helsinki, page34, helsinki_things):
    theirs = helsinki_things["department"]
    before = sorted(Page.objects.values_list("pk", "path"))
    moderator.post(f"/admin/pages/{theirs.pk}/move/{goteborg.pk}/confirm/")  # theirs into Göteborg
    moderator.post(f"/admin/pages/{page34.pk}/move/{helsinki.pk}/confirm/")  # ours into Helsinki
    moderator.post(
        f"/admin/pages/{page34.pk}/copy/", {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": helsinki.pk}
    )
    assert sorted(Page.objects.values_list("pk", "path")) == before
    admin_client.post(f"/admin/pages/{theirs.pk}/move/{goteborg.pk}/confirm/")
    assert sorted(Page.objects.values_list("pk", "path")) != before
