"""The admin in the editor's language, whole: workflow, task and group names shown in it (editorial.names), a
moderator's request for changes where the editor works, notification emails in it linking to the city's own
address, and the contact forms in the city's languages."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from citycomms.factories import InformationPageFactory
from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory
from tests.conftest import GOTEBORG, HELSINKI, make_user, quiet

pytestmark = pytest.mark.django_db

SHOWN = {  # how each stored role name is shown, with the city's name in the admin's language
    "moderation": "%(city)s moderation",
    "approval": "%(city)s approval",
    "Editors": "%(city)s Editors",
    "Moderators": "%(city)s Moderators",
}


def shown(language, role, city):
    with translation.override(language):
        return translation.gettext(SHOWN[role]) % {"city": city}


def speaking(user, language):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    user.email = f"{user.username}@example.org"
    user.save()
    return user


def messages_of(response):
    """The text of the messages at the top of an admin page (not the workflow dialog behind "View details")."""
    messages = BeautifulSoup(response.content, "html.parser").select_one(".messages")
    return " ".join(messages.get_text().split()) if messages else ""


def text_of(response):
    """The response's HTML, whitespace collapsed: the workflow dialog is in a <template>, whose text BeautifulSoup
    leaves out."""
    return " ".join(response.content.decode().split())


def submitted_page(home, editor, **titles):
    page = InformationPageFactory(parent=home, **titles)
    page.save_revision(user=editor).publish()
    page.save_revision(user=editor)
    return page, page.get_workflow().start(page, editor)


@pytest.fixture
def helsinki_page(helsinki, helsinki_editor):
    """A Helsinki page with a draft in its city's moderation."""
    return submitted_page(helsinki, helsinki_editor, title_fi="Pysäköinti", title_sv="Parkering", slug_fi="pysakointi")


def test_a_moderator_meets_the_task_and_workflow_in_their_own_language(client, helsinki_moderator, helsinki_page):
    page, _state = helsinki_page
    client.force_login(speaking(helsinki_moderator, "sv"))

    dashboard = text_of(client.get("/admin/"))  # the task's name is the tooltip of its status
    editor = text_of(client.get(f"/admin/pages/{page.pk}/edit/"))

    assert shown("sv", "approval", "Helsingfors stad") in dashboard
    assert f"{HELSINKI} approval" not in dashboard
    assert shown("sv", "moderation", "Helsingfors stad") in editor
    assert f"{HELSINKI} moderation" not in editor and f"{HELSINKI} approval" not in editor


def test_an_editor_meets_them_in_theirs_where_a_page_waits_in_moderation(client, helsinki_editor, helsinki_page):
    page, _state = helsinki_page
    client.force_login(speaking(helsinki_editor, "en"))

    editor = text_of(client.get(f"/admin/pages/{page.pk}/edit/"))
    dashboard = text_of(client.get("/admin/"))

    assert shown("en", "approval", "City of Helsinki") in editor  # "Sent to … " and the lock notice
    assert f"{HELSINKI} approval" not in editor and f"{HELSINKI} moderation" not in editor
    assert f"{HELSINKI} approval" not in dashboard


def test_the_history_names_the_workflow_in_the_admins_language(client, helsinki_editor, helsinki_page):
    page, _state = helsinki_page
    client.force_login(speaking(helsinki_editor, "sv"))

    history = text_of(client.get(f"/admin/pages/{page.pk}/history/"))

    assert shown("sv", "moderation", "Helsingfors stad") in history
    assert f"{HELSINKI} moderation" not in history


def test_group_names_are_shown_in_the_admins_language_and_stored_as_they_were(client, roles, helsinki):
    moderators = roles[HELSINKI].moderators
    page = InformationPageFactory(parent=helsinki)
    page.save_revision().publish()
    moderator = speaking(make_user("privacy-moderator", moderators), "sv")
    client.force_login(moderator)

    privacy = client.get(f"/admin/pages/{page.pk}/privacy/").json()["html"]

    assert shown("sv", "Editors", "Helsingfors stad") in privacy
    assert Group.objects.filter(name=f"{HELSINKI} Editors").exists()
    # An administrator's form saves a name back as it was shown: it stays stored as it was, and the next
    # setup_city_roles finds it.
    workflow = Workflow.objects.get(name=f"{HELSINKI} moderation")
    with translation.override("sv"):
        workflow.name = str(workflow.name)
    workflow.save()
    assert Workflow.objects.filter(name=f"{HELSINKI} moderation").count() == 1
    before = Workflow.objects.count()
    setup_city_roles(log=quiet)
    assert Workflow.objects.count() == before


def test_every_name_setup_city_roles_makes_is_shown_in_each_language(roles):
    """Each city's workflow, task and groups (Editors, Moderators, Staff) are recognised: in English, they take
    the city's English name."""
    made = [*Workflow.objects.all(), *Task.objects.all(), *Group.objects.all()]
    of_cities = [item for item in made if item.name.startswith((HELSINKI, GOTEBORG))]
    assert len(of_cities) == 2 * 5  # per city: a workflow, a task, three groups
    with translation.override("en"):
        for item in of_cities:
            assert str(item.name).startswith(("City of Helsinki ", "City of Gothenburg ")), item.name


def test_the_moderators_comment_shows_in_the_editors_editor(
    client, helsinki_editor, helsinki_moderator, helsinki_page
):
    page, state = helsinki_page
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, helsinki_moderator, "reject", comment="Lisää aukioloajat.")
    client.force_login(speaking(helsinki_editor, "en"))

    editor = messages_of(client.get(f"/admin/pages/{page.pk}/edit/"))

    assert "Lisää aukioloajat." in editor
    assert helsinki_moderator.get_username() in editor


def test_notification_emails_are_in_the_recipients_language_and_link_to_the_citys_address(
    goteborg, goteborg_editor, goteborg_moderator
):
    speaking(goteborg_moderator, "en")
    page, _state = submitted_page(goteborg, goteborg_editor, title_sv="Parkering", slug_sv="parkering")

    [email] = [message for message in mail.outbox if message.to == [goteborg_moderator.email]]

    assert shown("en", "approval", "City of Gothenburg") in email.subject + email.body
    assert f"http://goteborg.localhost:8000/admin/pages/{page.pk}/edit/" in email.body
    assert "http://localhost:8000" not in email.body


def test_a_goteborg_editor_meets_swedish_then_english_and_no_finnish_in_the_contact_forms(client, goteborg_editor):
    client.force_login(goteborg_editor)
    for url in ("/admin/snippets/contacts/contactperson/add/", "/admin/snippets/contacts/servicepoint/add/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        names = [field.get("name") or "" for field in soup.select("form [name]")]
        assert not [name for name in names if name.endswith("_fi")], url
        translated = [name for name in names if name.endswith(("_sv", "_en"))]
        assert translated and translated[0].endswith("_sv"), url
        bases = {name.rsplit("_", 1)[0] for name in translated}
        for base in bases:
            assert names.index(f"{base}_sv") < names.index(f"{base}_en"), (url, base)


def test_a_contacts_requested_changes_show_in_its_editor(client, helsinki, helsinki_editor, helsinki_moderator):
    person = ContactPersonFactory(city=helsinki, live=False)
    person.save_revision(user=helsinki_editor)
    state = person.get_workflow().start(person, helsinki_editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, helsinki_moderator, "reject", comment="Puhelinnumero puuttuu.")
    client.force_login(helsinki_editor)

    editor = messages_of(client.get(f"/admin/snippets/contacts/contactperson/edit/{person.pk}/"))

    assert "Puhelinnumero puuttuu." in editor


@pytest.mark.parametrize(
    ("add_url", "stored", "shown_as"),
    [
        ("/admin/snippets/contacts/contactperson/add/", "Contact moderation", "Yhteystietojen tarkastus"),
        ("/admin/snippets/announcements/announcement/add/", "Announcement moderation", "Ilmoitusten tarkastus"),
    ],
)
def test_a_snippets_workflow_is_named_in_the_admins_language(client, helsinki_editor, add_url, stored, shown_as):
    """The one workflow of every city's contacts, and of its announcements, on the editor's "Submit to …"."""
    client.force_login(speaking(helsinki_editor, "fi"))
    html = text_of(client.get(add_url))
    assert shown_as in html and stored not in html
    assert Workflow.objects.filter(name=stored).exists()  # stored as it was
