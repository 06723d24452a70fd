"""Contact people go through drafts and their city's moderators, like pages; the public sees only what is published."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState

from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactApprovalTask, ContactPerson
from departments.factories import DepartmentPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import ReleaseContact
from tests.conftest import CONTACTS_URL, GOTEBORG, HELSINKI, edit_form_values, make_user, quiet, signed_in

pytestmark = pytest.mark.django_db


def admin_url(snippet):
    return f"/admin/snippets/contacts/{snippet._meta.model_name}/"


def post_form(client, url, action=None, **changes):
    """Submit the admin's snippet form at `url` as it stands, with `changes`, by the button `action`."""
    values = edit_form_values(client.get(url).content.decode(), ContactPerson)
    values.update(changes)
    if action:
        values[action] = action
    return client.post(url, values)


def add_contact(client, city, **fields):
    """An editor's new contact, saved as a draft through the admin's add form."""
    fields = {"first_name": "Ursula", "last_name": "Luonnos", "email": "ursula@example.fi", **fields}
    response = post_form(client, f"{CONTACTS_URL}add/", city=str(city.pk), **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ContactPerson.objects.get(last_name=fields["last_name"])


def submit(client, snippet):
    response = post_form(client, f"{admin_url(snippet)}edit/{snippet.pk}/", "action-submit")
    assert response.status_code == 302
    snippet.refresh_from_db()
    return snippet.current_workflow_task_state


def act(client, snippet, task_state, action, **data):
    return client.post(f"{admin_url(snippet)}workflow/action/{snippet.pk}/{action}/{task_state.pk}/", data)


@pytest.fixture
def department(helsinki):
    """A live department page, for people to be listed on."""
    return DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestinta")


def show_on(page, person):
    page.head = person
    page.body_fi = [("contact", person)]
    page.save_revision().publish()
    PageContact.objects.create(page=page, contact=person, role_fi="Mediat")


def public_traces(client, person, page):
    """Where the public site shows `person`: their vCard, the page, its vCards, the two APIs, search."""
    name = person.last_name
    found = []
    if client.get(f"/fi/vcard/{person.pk}.vcf").status_code == 200:
        found.append("vcard")
    if name in client.get(page.url).content.decode():
        found.append("page")
    page_cards = client.get(f"/fi/vcard/page/{page.pk}.vcf")
    if page_cards.status_code == 200 and name in page_cards.content.decode():
        found.append("page vcards")
    if name in client.get("/api/v2/contacts/").content.decode():
        found.append("api")
    linked = client.get(f"/api/v2/pages/{page.pk}/?fields=head,page_contacts").json()
    if (linked["head"] or {}).get("id") == person.pk or linked["page_contacts"]:
        found.append("pages api")
    if person.email in client.get(f"/fi/search/?q={name}").content.decode():  # the query itself is echoed
        found.append("search")
    return found


def test_an_editors_new_contact_is_a_draft_nobody_outside_sees(client, helsinki_editor, department):
    person = add_contact(signed_in(client, helsinki_editor), department.get_parent(), is_media_contact="on")
    assert not person.live
    show_on(department, person)
    client.logout()
    assert public_traces(client, person, department) == []


def test_existing_and_factory_contacts_are_live_and_public(client, department):
    person = ContactPersonFactory(city=department.get_parent().specific, last_name="Julkinen")
    show_on(department, person)
    assert public_traces(client, person, department) == ["vcard", "page", "page vcards", "api", "pages api", "search"]


def test_editors_cannot_publish_but_submit_and_the_citys_moderator_approves(
    client, helsinki_editor, helsinki_moderator, department
):
    person = add_contact(signed_in(client, helsinki_editor), department.get_parent())
    show_on(department, person)
    post_form(client, f"{CONTACTS_URL}edit/{person.pk}/", "action-publish")
    person.refresh_from_db()
    assert not person.live  # no publish permission: the button is not there, the action is refused

    task_state = submit(client, person)
    assert task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS
    response = act(signed_in(client, helsinki_moderator), person, task_state, "approve")
    assert response.status_code in (200, 302)
    person.refresh_from_db()
    assert person.live
    client.logout()
    assert "page" in public_traces(client, person, department)


def test_an_edit_to_a_published_contact_waits_for_approval_and_the_public_keeps_the_old(
    client, helsinki_editor, department
):
    person = ContactPersonFactory(city=department.get_parent().specific, last_name="Vanha")
    show_on(department, person)
    post_form(signed_in(client, helsinki_editor), f"{CONTACTS_URL}edit/{person.pk}/", last_name="Uusi")
    person.refresh_from_db()
    assert person.last_name == "Vanha" and person.has_unpublished_changes
    assert person.latest_revision.as_object().last_name == "Uusi"
    client.logout()
    page = client.get(department.url).content.decode()
    assert "Vanha" in page and "Uusi" not in page


def test_a_rejection_keeps_the_editors_draft(client, helsinki_editor, helsinki_moderator, department):
    person = add_contact(signed_in(client, helsinki_editor), department.get_parent(), job_title_fi="Luonnosnimike")
    task_state = submit(client, person)
    act(signed_in(client, helsinki_moderator), person, task_state, "reject", comment="Puhelin puuttuu")
    task_state.refresh_from_db()
    person.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert not person.live
    assert person.latest_revision.as_object().job_title_fi == "Luonnosnimike"
    edit_page = signed_in(client, helsinki_editor).get(f"{CONTACTS_URL}edit/{person.pk}/").content.decode()
    assert "Luonnosnimike" in edit_page


def test_another_citys_moderator_cannot_approve(client, helsinki_editor, goteborg_moderator, department, roles):
    person = add_contact(signed_in(client, helsinki_editor), department.get_parent())
    task_state = submit(client, person)
    # Göteborg's moderator does not even find Helsinki's contact …
    assert act(signed_in(client, goteborg_moderator), person, task_state, "approve").status_code == 404
    # … and one who edits Helsinki but moderates Göteborg finds it, yet may not approve it.
    both = make_user("both", roles[GOTEBORG].moderators, roles[HELSINKI].editors)
    refused = act(signed_in(client, both), person, task_state, "approve")
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's answer to a PermissionDenied
    person.refresh_from_db()
    assert not person.live
    task = ContactApprovalTask.objects.get()
    assert task.get_actions(person, goteborg_moderator) == []
    assert not task.get_task_states_user_can_moderate(both).exists()
    assert not task.get_task_states_user_can_moderate(goteborg_moderator).exists()


def test_the_citys_moderator_sees_the_contact_awaiting_review(helsinki_editor, helsinki_moderator, client, department):
    person = add_contact(signed_in(client, helsinki_editor), department.get_parent())
    task_state = submit(client, person)
    task = ContactApprovalTask.objects.get()
    assert list(task.get_task_states_user_can_moderate(helsinki_moderator)) == [task_state]
    assert task.get_actions(person, helsinki_moderator)


def test_only_the_citys_own_moderators_are_emailed_of_a_submitted_contact(
    client, helsinki_editor, helsinki_moderator, goteborg_moderator, department, mailoutbox
):
    """The contacts' one approval task holds every city's Moderators: Wagtail would email them all, naming
    Helsinki's contact to Göteborg's moderators (citycomms.patches.CityTaskSubmissionEmailNotifier)."""
    for user in (helsinki_moderator, goteborg_moderator):
        user.email = f"{user.username}@example.org"
        user.save()
    submit(client, add_contact(signed_in(client, helsinki_editor), department.get_parent()))
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients == {helsinki_moderator.email}


def test_moderators_publish_contacts_editors_do_not(roles):
    assert roles[HELSINKI].moderators.permissions.filter(codename="publish_contactperson").exists()
    assert not roles[HELSINKI].editors.permissions.filter(codename="publish_contactperson").exists()


def test_setting_up_roles_again_keeps_one_contact_workflow_with_every_citys_moderators(roles):
    setup_city_roles(log=quiet)
    task = ContactApprovalTask.objects.get()
    assert set(task.groups.all()) == {roles[HELSINKI].moderators, roles[GOTEBORG].moderators}
    assert task.workflows.get().name == "Contact moderation"


# --- Service points ----------------------------------------------------------------------------------


def test_a_draft_service_point_shows_nowhere_until_its_citys_moderator_approves_it(
    client, helsinki_editor, helsinki_moderator, goteborg_moderator, department, press_page
):
    point = ServicePointFactory(
        city=department.get_parent().specific, live=False, name_fi="Luonnospiste", description_fi="Neuvontaa."
    )
    department.body_fi = [("service_point", point)]
    department.save_revision().publish()
    press_page.media_desk = point
    press_page.save_revision().publish()

    def shown():
        pages = [department.url, press_page.url, "/fi/search/?q=neuvontaa"]
        found = [url for url in pages if "Luonnospiste" in client.get(url).content.decode()]
        linked = client.get(f"/api/v2/pages/{press_page.pk}/?fields=media_desk").json()["media_desk"]
        return found + (["api"] if linked else [])

    assert shown() == []
    task_state = submit(signed_in(client, helsinki_editor), point)
    task = ContactApprovalTask.objects.get()
    assert list(task.get_task_states_user_can_moderate(helsinki_moderator)) == [task_state]
    assert not task.get_task_states_user_can_moderate(goteborg_moderator).exists()
    act(signed_in(client, helsinki_moderator), point, task_state, "approve")
    point.refresh_from_db()
    assert point.live
    client.logout()
    assert shown() == [department.url, press_page.url, "/fi/search/?q=neuvontaa", "api"]


def test_a_press_releases_draft_contact_shows_neither_on_the_release_nor_in_the_api(client, department):
    newsroom = NewsroomPageFactory(parent=department.get_parent())
    release = PressReleasePageFactory(parent=newsroom, organisation=department)
    draft = ContactPersonFactory(city=department.get_parent().specific, last_name="Luonnos", live=False)
    published = ContactPersonFactory(city=department.get_parent().specific, last_name="Julkaistu")
    for person in (draft, published):
        ReleaseContact.objects.create(page=release, contact=person)
    html = client.get(release.url).content.decode()
    assert "Julkaistu" in html and "Luonnos" not in html
    listed = client.get(f"/api/v2/pages/{release.pk}/?fields=release_contacts").json()["release_contacts"]
    assert [item["contact"]["id"] for item in listed] == [published.pk]


@pytest.mark.django_db
def test_a_moderator_cannot_approve_another_citys_contact_through_their_own(
    client, helsinki_editor, goteborg_editor, goteborg_moderator, department, goteborg
):
    """The review's finding: Wagtail looks the task state up by id alone and checks the URL's contact."""
    theirs = add_contact(signed_in(client, helsinki_editor), department.get_parent())
    their_task = submit(client, theirs)
    ours = add_contact(signed_in(client, goteborg_editor), goteborg, last_name="Utkast", email="u@example.se")
    submit(client, ours)

    response = act(signed_in(client, goteborg_moderator), ours, their_task, "approve")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.live
    their_task.refresh_from_db()
    assert their_task.status == "in_progress"
    # The task itself refuses too, whoever asks it about another city's contact.
    with pytest.raises(PermissionDenied):
        their_task.task.specific.on_action(their_task, goteborg_moderator, "approve")
