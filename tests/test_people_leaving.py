"""A person leaves or changes role: one action replaces them on every page, live and draft, as new revisions in
moderation; deleting them is refused while any page lists them, a draft included."""

import pytest
from wagtail.models import Page, WorkflowState

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import OrganisationPage, PageContact
from tests.conftest import CONTACTS_URL, in_english, signed_in

pytestmark = pytest.mark.django_db


def replace_url(person):
    return f"/admin/contacts/people/{person.pk}/replace/"


def delete_url(person):
    return f"{CONTACTS_URL}delete/{person.pk}/"


def latest(page):
    """The page as its latest revision has it."""
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def people_of(page):
    """(head, listed contacts, contact cards in the body) of `page` as given (live row or draft)."""
    cards = [block.value.pk for block in page.body_fi if block.block_type == "contact"]
    return page.head_id, [row.contact_id for row in page.page_contacts.all()], cards


@pytest.fixture
def leaver(helsinki):
    return ContactPersonFactory(city=helsinki, first_name="Leena", last_name="Lähtijä")


@pytest.fixture
def successor(helsinki):
    return ContactPersonFactory(city=helsinki, first_name="Seppo", last_name="Seuraaja")


@pytest.fixture
def department(helsinki, leaver):
    """A live department headed by the leaver, who is also its listed contact and a contact card in its body."""
    page = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    page.head = leaver
    page.body_fi = [("contact", leaver)]
    page.page_contacts.add(PageContact(contact=leaver, role_fi="Mediat"))
    page.save_revision().publish()
    return page


@pytest.fixture
def unit(department, leaver):
    """A live unit that lists nobody; its pending draft (not published) lists the leaver."""
    page = UnitPageFactory(parent=department, title_fi="Viestintä", slug_fi="viestinta")
    page.save_revision().publish()
    draft = latest(page)
    draft.page_contacts.add(PageContact(contact=leaver, role_fi="Tiedotus"))
    draft.save_revision()
    return page


@pytest.fixture
def goteborg_department(goteborg):
    """Göteborg's department, headed by a Göteborg person."""
    person = ContactPersonFactory(city=goteborg, first_name="Göran", last_name="Göteborgare")
    page = DepartmentPageFactory(parent=goteborg, title_sv="Kommunikation", slug_sv="kommunikation")
    page.head = person
    page.save_revision().publish()
    return page


def revision_counts(*pages):
    return [Page.objects.get(pk=page.pk).revisions.count() for page in pages]


@pytest.mark.parametrize("role", ["helsinki_moderator", "helsinki_editor"])
def test_replacing_a_person_makes_new_revisions_in_moderation_on_live_and_draft_pages(
    client, request, role, leaver, successor, department, unit, goteborg_department
):
    user = in_english(request.getfixturevalue(role))
    signed_in(client, user)
    goteborg_revisions = revision_counts(goteborg_department)

    shown = client.get(replace_url(leaver)).content.decode()
    assert "Viestintäosasto" in shown and "Viestintä" in shown
    assert "the latest draft (not published yet)" in shown  # the unit lists them in its draft only

    response = client.post(replace_url(leaver), {"replacement": successor.pk})
    assert response.status_code == 200
    changed = response.context["changed"]
    assert [outcome.page.pk for outcome in changed] == [department.pk, unit.pk]
    assert "Pages changed" in response.content.decode()

    assert people_of(latest(department)) == (successor.pk, [successor.pk], [successor.pk])
    assert people_of(latest(unit))[1] == [successor.pk]
    # Nothing is published: the live department still shows the leaver until a moderator approves.
    live = OrganisationPage.objects.get(pk=department.pk)
    assert live.head_id == leaver.pk and live.has_unpublished_changes
    for page in (department, unit):
        state = Page.objects.get(pk=page.pk).current_workflow_state
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.current_task_state.revision == Page.objects.get(pk=page.pk).latest_revision
    assert revision_counts(goteborg_department) == goteborg_revisions


def test_removing_a_person_takes_them_off_every_page(client, helsinki_moderator, leaver, department, unit):
    signed_in(client, helsinki_moderator)
    response = client.post(replace_url(leaver), {"replacement": "remove"})
    assert response.status_code == 200
    assert people_of(latest(department)) == (None, [], [])
    assert people_of(latest(unit))[1] == []


def test_another_citys_person_is_refused_as_the_replacement(
    client, helsinki_moderator, leaver, department, goteborg_department
):
    signed_in(client, in_english(helsinki_moderator))
    revisions = revision_counts(department)
    response = client.post(replace_url(leaver), {"replacement": goteborg_department.specific.head_id})
    assert response.status_code == 400
    assert "Choose a published person who works for the same city." in response.content.decode()
    assert revision_counts(department) == revisions


def test_only_the_persons_own_citys_staff_open_the_replacement(
    client, helsinki_editor, goteborg_editor, leaver, successor, department
):
    assert signed_in(client, helsinki_editor).get(replace_url(leaver)).status_code == 200
    signed_in(client, goteborg_editor)
    assert client.get(replace_url(leaver)).status_code == 404
    assert client.post(replace_url(leaver), {"replacement": successor.pk}).status_code == 404
    assert latest(department).head_id == leaver.pk


def test_deleting_a_listed_person_is_refused_and_shows_every_page_drafts_included(
    client, helsinki_moderator, helsinki, department, unit
):
    # Someone only the unit's pending draft lists: Wagtail's usage count says 0.
    drafted = ContactPersonFactory(city=helsinki, first_name="Dora", last_name="Luonnos")
    draft = latest(unit)
    draft.page_contacts.add(PageContact(contact=drafted))
    draft.save_revision()
    signed_in(client, in_english(helsinki_moderator))

    confirmation = client.get(delete_url(drafted))
    shown = confirmation.content.decode()
    assert "Nothing has been deleted" in shown
    assert "Viestintä" in shown and "the latest draft (not published yet)" in shown
    assert replace_url(drafted) in shown

    refused = client.post(delete_url(drafted))
    assert refused.status_code == 409
    in_bulk = client.post(f"/admin/bulk/contacts/contactperson/delete/?id={drafted.pk}&next={CONTACTS_URL}")
    assert in_bulk.status_code == 409 and "Nothing has been deleted" in in_bulk.content.decode()
    assert ContactPerson.objects.filter(pk=drafted.pk).exists()
    assert drafted.pk in [row.contact_id for row in latest(unit).page_contacts.all()]


def test_a_person_can_be_deleted_once_the_replacement_is_approved(
    client, helsinki_moderator, leaver, successor, department, unit
):
    signed_in(client, helsinki_moderator)
    client.post(replace_url(leaver), {"replacement": successor.pk})
    assert client.post(delete_url(leaver)).status_code == 409  # the live pages still show them

    for page in (department, unit):
        Page.objects.get(pk=page.pk).specific.get_latest_revision().publish()
    response = client.post(delete_url(leaver))
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=leaver.pk).exists()
    assert OrganisationPage.objects.get(pk=department.pk).head_id == successor.pk


def test_another_citys_page_listing_the_person_is_counted_but_not_shown(
    client, helsinki_moderator, department, leaver, goteborg
):
    """Older data, or a superuser's edit: a Göteborg page lists a Helsinki person. Helsinki's staff may not delete
    the person from under it, and are not told its title or address either."""
    elsewhere = DepartmentPageFactory(parent=goteborg, title_sv="Hemlig avdelning", slug_sv="hemlig")
    elsewhere.head = leaver
    elsewhere.save_revision().publish()

    for url in (delete_url(leaver), replace_url(leaver)):
        html = signed_in(client, in_english(helsinki_moderator)).get(url).content.decode()
        assert "Viestintäosasto" in html  # their own city's page, by name
        assert "Hemlig avdelning" not in html and f"/admin/pages/{elsewhere.pk}/" not in html
        assert "A page of another city" in html
    assert client.post(delete_url(leaver)).status_code == 409
    assert ContactPerson.objects.filter(pk=leaver.pk).exists()
