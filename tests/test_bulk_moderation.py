"""Moderation in bulk (issue 16, deliverable 3): pages and contacts submitted, approved, sent back or published
together through their workflows, each city's own only; a page goes live with the people it lists; an import's
rows arrive as one submission that a moderator reviews and approves on one screen."""

import pytest
from django.utils import translation
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson, ImportBatch
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import PageContact
from editorial.moderation import NOT_A_MODERATOR
from tests.conftest import IMPORT_URL, csv_file, edit_form_values, in_english, row, signed_in

pytestmark = pytest.mark.django_db

PAGES = "wagtailcore/page"
PEOPLE = "contacts/contactperson"
SERVICE_POINTS = "contacts/servicepoint"
DASHBOARD = "/admin/"


def bulk_url(model_path, action, *objects):
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return f"/admin/bulk/{model_path}/{action}/?{ids}&next={DASHBOARD}"


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def state_of(obj):
    """The object's workflow state's status, or None outside moderation."""
    state = fresh(obj).current_workflow_state
    return state.status if state is not None else None


def batch_url(batch):
    return f"/admin/editorial/imports/{batch.pk}/"


@pytest.fixture
def unit(helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    return UnitPageFactory(parent=department, title_fi="Viestintä", title_sv="Kommunikation", slug_fi="viestinta")


@pytest.fixture
def new_people(helsinki):
    """Two people an editor has just added: drafts, never published."""
    return [
        ContactPersonFactory(city=helsinki, first_name="Hilkka", last_name="Johtaja", live=False),
        ContactPersonFactory(
            city=helsinki, first_name="Veli", last_name="Viestijä", email="veli@example.fi", live=False
        ),
    ]


@pytest.fixture
def team(unit, new_people):
    """A new team page (never published) whose draft has the new people as head and contact."""
    head, contact = new_people
    page = TeamPageFactory(parent=unit, live=False, title_fi="Some-tiimi", title_sv="Sociala medier", slug_fi="some")
    page.head = head
    page.page_contacts.add(PageContact(contact=contact, role_fi="Some"))
    page.save_revision()
    return page


def submit_in_bulk(client, model_path, *objects):
    return client.post(bulk_url(model_path, "submit", *objects))


# --- Submit, approve, request changes, publish -----------------------------------------------------------------


def test_an_editor_submits_pages_and_people_together_but_may_not_approve_them(
    client, helsinki_editor, team, new_people, unit
):
    signed_in(client, in_english(helsinki_editor))
    unit.intro_fi = "Uusi johdanto."
    unit.save_revision()  # an edit of a live page, waiting for moderation

    assert submit_in_bulk(client, PAGES, team, unit).status_code == 302
    assert submit_in_bulk(client, PEOPLE, *new_people).status_code == 302
    for obj in [team, unit, *new_people]:
        assert state_of(obj) == WorkflowState.STATUS_IN_PROGRESS, obj

    confirm = client.get(bulk_url(PAGES, "approve", team, unit)).content.decode()
    with translation.override("en"):  # the editor's admin language (in_english)
        assert str(NOT_A_MODERATOR) in confirm and "Yes, approve" not in confirm
    client.post(bulk_url(PAGES, "approve", team, unit), {"comment": ""})
    client.post(bulk_url(PEOPLE, "publish", *new_people))
    assert not fresh(team).live and fresh(unit).intro_fi != "Uusi johdanto."
    assert not any(fresh(person).live for person in new_people)
    assert state_of(team) == WorkflowState.STATUS_IN_PROGRESS


def test_the_moderator_approves_pages_and_people_in_bulk_through_their_workflows(
    client, helsinki_editor, helsinki_moderator, team, new_people, unit
):
    signed_in(client, helsinki_editor)
    submit_in_bulk(client, PEOPLE, *new_people)
    submit_in_bulk(client, PAGES, team)
    people_task_states = [fresh(person).current_workflow_state.current_task_state for person in new_people]

    signed_in(client, in_english(helsinki_moderator))
    response = client.post(bulk_url(PEOPLE, "approve", *new_people), {"comment": "Hyvä"})
    assert response.status_code == 302
    assert "2 items approved." in client.get(response["Location"]).content.decode()  # the message, in English
    for task_state in people_task_states:
        task_state.refresh_from_db()
        # Each was approved as its task's own "Approve" does: by the moderator, with the comment.
        assert (task_state.status, task_state.finished_by, task_state.comment) == (
            TaskState.STATUS_APPROVED,
            helsinki_moderator,
            "Hyvä",
        )
    assert all(fresh(person).live for person in new_people)
    client.post(bulk_url(PAGES, "approve", team), {"comment": ""})
    assert fresh(team).live and state_of(team) is None


def test_approving_a_page_takes_the_people_it_lists_live_and_shows_them_first(
    client, helsinki_editor, helsinki_moderator, team, new_people
):
    submit_in_bulk(signed_in(client, helsinki_editor), PAGES, team)  # the people themselves were never submitted
    signed_in(client, in_english(helsinki_moderator))

    confirm = client.get(bulk_url(PAGES, "approve", team)).content.decode()
    coming = confirm[confirm.index("data-people-coming-along") :]
    assert "Hilkka Johtaja" in coming and "Veli Viestijä" in coming

    client.post(bulk_url(PAGES, "approve", team), {"comment": ""})
    assert fresh(team).live
    assert all(fresh(person).live for person in new_people)
    client.logout()
    html = client.get(fresh(team).url).content.decode()
    assert "Hilkka Johtaja" in html and "Veli Viestijä" in html


def test_a_single_approval_takes_the_people_live_too_and_the_editor_warns_first(
    client, helsinki_editor, helsinki_moderator, team, new_people
):
    submit_in_bulk(signed_in(client, helsinki_editor), PAGES, team)
    signed_in(client, in_english(helsinki_moderator))
    editor = client.get(f"/admin/pages/{team.pk}/edit/").content.decode()
    assert "Approving or publishing the page publishes them" in editor and "Hilkka Johtaja" in editor

    task_state = fresh(team).current_workflow_state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{team.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302
    assert fresh(team).live
    assert all(fresh(person).live for person in new_people)


def post_editor(client, page, action=None, **changes):
    """The page editor's form as the browser sends it, with `changes`, by the button `action` (None: save draft)."""
    url = f"/admin/pages/{page.pk}/edit/"
    form = edit_form_values(client.get(url).content.decode(), type(page))
    form.update(changes)
    if action:
        form[f"action-{action}"] = action
    return client.post(url, form)


def contacts_rows(*people):
    return nested_form_data({"page_contacts": inline_formset([{"contact": str(person.pk)} for person in people])})


def listed_on(page):
    """Whom the page lists as contacts: as published, and in its latest draft."""
    page = fresh(page).specific
    draft = page.get_latest_revision_as_object()
    return [row.contact_id for row in page.page_contacts.all()], [row.contact_id for row in draft.page_contacts.all()]


def test_the_moderators_publish_button_takes_the_people_live(client, helsinki_moderator, unit, helsinki):
    newcomer = ContactPersonFactory(city=helsinki, first_name="Nea", last_name="Uusi", live=False)
    response = post_editor(signed_in(client, helsinki_moderator), unit, "publish", **contacts_rows(newcomer))
    assert response.status_code == 302
    assert listed_on(unit) == ([newcomer.pk], [newcomer.pk]) and fresh(newcomer).live


def test_an_editor_may_list_a_draft_person_on_a_public_page_who_stays_a_draft_until_the_page_is_approved(
    client, helsinki_editor, unit, helsinki
):
    """The page editor accepts the city's own people not yet published: they go live with the page."""
    newcomer = ContactPersonFactory(city=helsinki, first_name="Nea", last_name="Uusi", live=False)
    response = post_editor(signed_in(client, helsinki_editor), unit, None, **contacts_rows(newcomer))
    assert response.status_code == 302
    assert listed_on(unit) == ([], [newcomer.pk]) and not fresh(newcomer).live
    client.logout()
    assert "Uusi" not in client.get(fresh(unit).url).content.decode()


def test_requesting_changes_in_bulk_needs_a_comment_and_keeps_the_drafts(
    client, helsinki_editor, helsinki_moderator, new_people
):
    submit_in_bulk(signed_in(client, helsinki_editor), PEOPLE, *new_people)
    signed_in(client, in_english(helsinki_moderator))
    url = bulk_url(PEOPLE, "request-changes", *new_people)
    assert "This field is required" in client.post(url, {"comment": ""}).content.decode()
    assert all(state_of(person) == WorkflowState.STATUS_IN_PROGRESS for person in new_people)

    assert client.post(url, {"comment": "Puhelinnumerot puuttuvat"}).status_code == 302
    for person in new_people:
        assert state_of(person) == WorkflowState.STATUS_NEEDS_CHANGES and not fresh(person).live
        assert fresh(person).latest_revision.as_object().last_name == person.last_name
    # The editor resubmits them together.
    submit_in_bulk(signed_in(client, helsinki_editor), PEOPLE, *new_people)
    assert all(state_of(person) == WorkflowState.STATUS_IN_PROGRESS for person in new_people)


def test_moderators_publish_contacts_in_bulk_editors_may_not(
    client, helsinki_editor, helsinki_moderator, new_people, helsinki
):
    point = ServicePointFactory(city=helsinki, live=False, name_fi="Uusi piste")
    signed_in(client, helsinki_editor)
    client.post(bulk_url(SERVICE_POINTS, "publish", point))
    assert not fresh(point).live
    signed_in(client, helsinki_moderator)
    assert client.post(bulk_url(SERVICE_POINTS, "publish", point)).status_code == 302
    assert client.post(bulk_url(PEOPLE, "publish", *new_people)).status_code == 302
    assert fresh(point).live and all(fresh(person).live for person in new_people)


def test_publishing_pages_in_bulk_takes_their_people_and_if_asked_their_subpages_live(
    client, helsinki_moderator, unit, team, new_people
):
    unit.intro_fi = "Uusi johdanto."
    unit.save_revision()
    signed_in(client, in_english(helsinki_moderator))
    confirm = client.get(bulk_url(PAGES, "publish", unit)).content.decode()
    assert "It has 1 unpublished subpage" in confirm and 'name="include_descendants"' in confirm

    client.post(bulk_url(PAGES, "publish", unit), {"include_descendants": "on"})
    assert fresh(unit).intro_fi == "Uusi johdanto." and fresh(team).live
    assert all(fresh(person).live for person in new_people)  # the team's people went live with it


@pytest.mark.parametrize(
    ("model_path", "make"),
    [
        (PAGES, lambda home: DepartmentPageFactory(parent=home)),
        (PEOPLE, lambda home: ContactPersonFactory(city=home, live=False)),
        (SERVICE_POINTS, lambda home: ServicePointFactory(city=home, live=False)),
    ],
)
@pytest.mark.parametrize("action", ["submit", "approve", "request-changes", "publish"])
def test_another_citys_objects_are_not_found(client, goteborg_moderator, helsinki, goteborg, model_path, make, action):
    theirs, ours = make(helsinki), make(goteborg)
    signed_in(client, goteborg_moderator)
    for ids in ([theirs], [ours, theirs]):
        assert client.get(bulk_url(model_path, action, *ids)).status_code == 404
        assert client.post(bulk_url(model_path, action, *ids), {"comment": "x"}).status_code == 404
    assert fresh(theirs).live == (model_path == PAGES)  # nothing published
    assert state_of(theirs) is None


def test_the_bulk_menus_offer_the_moderation_actions(client, helsinki_moderator, unit):
    signed_in(client, in_english(helsinki_moderator))
    for url in (f"/admin/pages/{unit.get_parent().pk}/", "/admin/snippets/contacts/contactperson/"):
        html = client.get(url).content.decode()
        for action in ("submit", "approve", "request-changes", "publish"):
            assert f"/{action}/" in html, (url, action)


# --- An import as one submission --------------------------------------------------------------------------------


@pytest.fixture
def imported(client, helsinki_editor, helsinki, unit):
    """An editor's import of two new people and a change to a published one, listed on the unit."""
    existing = ContactPersonFactory(
        city=helsinki, first_name="Olli", last_name="Olemassa", email="olli@example.fi", job_title_fi="vanha nimike"
    )
    rows = [
        row(unit="kanslia/viestinta"),
        row(first_name="Bea", last_name="Bergman", email="bea@example.fi", unit="kanslia/viestinta"),
        row(first_name="Olli", last_name="Olemassa", email="olli@example.fi", job_title_fi="uusi nimike"),
    ]
    signed_in(client, helsinki_editor)
    client.post(IMPORT_URL, {"city": helsinki.pk, "file": csv_file(rows)})
    response = client.post(IMPORT_URL, {"confirm": "1"})
    assert response.status_code == 302
    return ImportBatch.objects.get(), existing


def test_an_import_arrives_as_one_submission_reviewed_and_approved_on_one_screen(
    client, helsinki_moderator, imported, unit
):
    batch, existing = imported
    aino, bea = ContactPerson.objects.get(last_name="Aalto"), ContactPerson.objects.get(last_name="Bergman")
    assert batch.objects_in_order() == [aino, bea, existing, fresh(unit).specific]
    for obj in [aino, bea, existing, unit]:
        assert state_of(obj) == WorkflowState.STATUS_IN_PROGRESS, obj

    signed_in(client, in_english(helsinki_moderator))
    dashboard = client.get(DASHBOARD).content.decode()
    assert batch_url(batch) in dashboard
    screen = client.get(batch_url(batch)).content.decode()
    assert "4 items of this import are awaiting moderation" in screen
    assert "vanha nimike → uusi nimike" in screen  # what changes for the published person
    assert f"/contactperson/history/{existing.pk}/revisions/compare/live...latest/" in screen
    assert "Aino Aalto, Bea Bergman" in screen  # the people the unit's draft adds

    response = client.post(batch_url(batch), {"approve": "1", "comment": ""})
    assert response.status_code == 302
    assert all(fresh(person).live for person in (aino, bea))
    assert fresh(existing).job_title_fi == "uusi nimike"
    assert set(PageContact.objects.filter(page=unit).values_list("contact", flat=True)) == {aino.pk, bea.pk}
    assert all(state_of(obj) is None for obj in [aino, bea, existing, unit])
    assert batch_url(batch) not in client.get(DASHBOARD).content.decode()
    # The screen still says what the import changed; there is nothing left to approve.
    assert "vanha nimike → uusi nimike" in client.get(batch_url(batch)).content.decode()
    assert client.post(batch_url(batch), {"approve": "1"}).status_code == 409


def test_changes_requested_to_an_import_go_to_every_item_with_the_comment(client, helsinki_moderator, imported, unit):
    batch, existing = imported
    signed_in(client, in_english(helsinki_moderator))
    response = client.post(batch_url(batch), {"request-changes": "1", "comment": ""})
    assert response.status_code == 400 and "Tell the editor what should change" in response.content.decode()

    client.post(batch_url(batch), {"request-changes": "1", "comment": "Tarkista tittelit"})
    for obj in [*ContactPerson.objects.filter(last_name__in=["Aalto", "Bergman"]), existing, unit]:
        state = fresh(obj).current_workflow_state
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert state.current_task_state.comment == "Tarkista tittelit"
    assert not ContactPerson.objects.filter(live=True, last_name="Aalto").exists()


def test_an_editor_sees_the_import_but_may_not_approve_it_and_another_city_does_not_find_it(
    client, helsinki_editor, goteborg_moderator, imported
):
    batch, _existing = imported
    signed_in(client, helsinki_editor)
    assert client.get(batch_url(batch)).status_code == 200
    refused = client.post(batch_url(batch), {"approve": "1"})
    assert refused.status_code == 403
    with translation.override("fi"):
        assert translation.gettext(str(NOT_A_MODERATOR)) in refused.content.decode()
    assert not ContactPerson.objects.filter(last_name="Aalto", live=True).exists()

    signed_in(client, goteborg_moderator)
    assert client.get(batch_url(batch)).status_code == 404
    assert client.post(batch_url(batch), {"approve": "1"}).status_code == 404
    assert not ContactPerson.objects.filter(last_name="Aalto", live=True).exists()
