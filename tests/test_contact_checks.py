"""Contacts checked on a date (issue 18, item 5): "Still correct" and saves, the report, the dashboard panel and
the reminder emails, each city's staff on their own city."""

import csv
import email
import io
import socket
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry, Revision

from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson, ServicePoint
from tests.conftest import CONTACTS_URL, GOTEBORG, HELSINKI, edit_form_values, in_english, make_user, with_email

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/editorial/contact-checks/"
SERVICE_POINTS_URL = "/admin/snippets/contacts/servicepoint/"


def today():
    """Today in the site's time zone, asked when a test runs: a suite can pass midnight."""
    return timezone.localdate()


LONG_AGO = today() - timedelta(days=200)  # the default period is 183 days
LATELY = today() - timedelta(days=10)


def check_url(contact):
    kind = "people" if isinstance(contact, ContactPerson) else "service-points"
    return f"/admin/contacts/{kind}/{contact.pk}/checked/"


@pytest.fixture
def contacts(helsinki, goteborg):
    """Each city's contacts, by what the checks should make of them."""
    return {
        "old": ContactPersonFactory(city=helsinki, first_name="Aino", last_name="Vanha", checked_on=LONG_AGO),
        "never": ServicePointFactory(
            city=helsinki, name_fi="Neuvonta", name_sv="Rådgivning", name_en="Advice desk", checked_on=None
        ),
        "recent": ContactPersonFactory(city=helsinki, first_name="Tuula", last_name="Tuore", checked_on=LATELY),
        "draft": ContactPersonFactory(city=helsinki, last_name="Luonnos", live=False, checked_on=LONG_AGO),
        "goteborg": ContactPersonFactory(city=goteborg, first_name="Göta", last_name="Gammal", checked_on=LONG_AGO),
    }


@pytest.fixture
def superuser(roles):
    return in_english(get_user_model().objects.create_superuser("boss", "boss@example.org", "x"))


def csv_rows(client, **params):
    response = client.get(REPORT_URL, {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    heading, *rows = csv.reader(io.StringIO(text))
    return heading, [tuple(row) for row in rows]


# --- the report and the dashboard panel ---------------------------------------------------------------------


def test_the_report_lists_the_citys_published_contacts_not_checked_within_six_months(
    client, helsinki_editor, contacts
):
    client.force_login(in_english(helsinki_editor))

    heading, rows = csv_rows(client)
    html = client.get(REPORT_URL).content.decode()

    assert heading == ["Name", "Type", "City", "Checked on"]
    # Never checked first, then the longest unchecked; not the recent one, the draft or Göteborg's.
    assert rows == [
        ("Advice desk", "Service point", HELSINKI, ""),
        ("Aino Vanha", "Contact person", HELSINKI, str(LONG_AGO)),
    ]
    assert f'href="/admin/snippets/contacts/contactperson/edit/{contacts["old"].pk}/"' in html
    assert "Never" in html and "Gammal" not in html and "Tuore" not in html


def test_superusers_see_every_city_and_filter_by_city_and_period(client, superuser, contacts, helsinki, goteborg):
    client.force_login(superuser)

    _heading, everywhere = csv_rows(client)
    _heading, in_goteborg = csv_rows(client, city=goteborg.pk)
    _heading, invalid_period = csv_rows(client, city=helsinki.pk, months=0)  # not a valid period: the default
    _heading, a_month = csv_rows(client, city=helsinki.pk, months=1)

    assert {row[0] for row in everywhere} == {"Advice desk", "Aino Vanha", "Göta Gammal"}
    assert [row[0] for row in in_goteborg] == ["Göta Gammal"]
    assert [row[0] for row in invalid_period] == ["Advice desk", "Aino Vanha"]
    assert [row[0] for row in a_month] == ["Advice desk", "Aino Vanha"]  # ten days ago is within a month
    assert "Tuula Tuore" not in [row[0] for row in a_month]


def test_another_citys_editor_asking_for_helsinki_sees_only_goteborg(client, goteborg_editor, contacts, helsinki):
    client.force_login(in_english(goteborg_editor))

    _heading, rows = csv_rows(client, city=helsinki.pk)
    html = client.get(REPORT_URL, {"city": helsinki.pk}).content.decode()

    assert [row[0] for row in rows] == ["Göta Gammal"]
    assert "Vanha" not in html and "Neuvonta" not in html and "Advice" not in html


def test_someone_who_works_for_no_city_is_refused_the_report(client, roles, contacts):
    outsider = make_user("outsider", Group.objects.get(name="Editors"))  # Wagtail's own, with no page permission
    GroupPagePermission.objects.filter(group__name="Editors").delete()
    client.force_login(outsider)

    assert client.get(REPORT_URL).status_code in {302, 403}


def test_the_dashboard_panel_lists_the_citys_contacts_to_check(client, helsinki_editor, contacts):
    client.force_login(in_english(helsinki_editor))

    html = client.get("/admin/").content.decode()

    assert "Contacts to check" in html
    assert "2 published contacts have not been checked within the last 183 days." in html
    assert f'data-contact-to-check="/admin/snippets/contacts/servicepoint/edit/{contacts["never"].pk}/"' in html
    assert "Aino Vanha" in html and "Gammal" not in html and "Tuore" not in html
    assert f'href="{REPORT_URL}"' in html


# --- "Still correct" ---------------------------------------------------------------------------------------


def test_still_correct_records_the_date_without_a_revision_or_touching_a_pending_draft(
    client, helsinki_editor, contacts
):
    person = contacts["old"]
    person.job_title_fi = "Uusi titteli, odottaa hyväksyntää"
    person.save_revision()  # a change waiting for the moderators
    revisions = Revision.objects.count()
    client.force_login(in_english(helsinki_editor))

    response = client.post(check_url(person), {"next": f"{CONTACTS_URL}?q=Vanha"})

    person = ContactPerson.objects.get(pk=person.pk)
    assert response.status_code == 302 and response["Location"] == f"{CONTACTS_URL}?q=Vanha"
    assert person.checked_on == today()
    assert Revision.objects.count() == revisions
    assert person.job_title_fi == "viestintäasiantuntija"  # the live version, as it was
    assert person.has_unpublished_changes and person.get_latest_revision_as_object().job_title_fi.startswith("Uusi")
    history = ModelLogEntry.objects.filter(object_id=str(person.pk), action="contacts.checked")
    assert [entry.user for entry in history] == [helsinki_editor]
    assert "Checked: still correct" in client.get(f"{CONTACTS_URL}history/{person.pk}/").content.decode()


def test_still_correct_is_offered_in_the_listing_and_the_editor(client, helsinki_editor, contacts):
    client.force_login(in_english(helsinki_editor))
    point = contacts["never"]

    listing = client.get(SERVICE_POINTS_URL).content.decode()
    editor = client.get(f"{SERVICE_POINTS_URL}edit/{point.pk}/").content.decode()

    button = f'data-w-action-url-value="{check_url(point)}"'
    assert button in listing and button in editor
    assert "Still correct" in listing and "Still correct" in editor
    assert "Never" in listing  # its "Checked on" column
    assert client.post(check_url(point)).status_code == 302
    assert ServicePoint.objects.get(pk=point.pk).checked_on == today()


def test_another_citys_editor_gets_404_and_changes_nothing(client, goteborg_editor, contacts):
    client.force_login(in_english(goteborg_editor))

    responses = [client.post(check_url(contacts[key])) for key in ("old", "never")]

    assert [response.status_code for response in responses] == [404, 404]
    # Wagtail's admin 404, as for any other city's contact, in the request's language (the site's default here).
    assert "Pyydettyä sivua ei löytynyt" in responses[0].content.decode()
    assert ContactPerson.objects.get(pk=contacts["old"].pk).checked_on == LONG_AGO
    assert ServicePoint.objects.get(pk=contacts["never"].pk).checked_on is None
    assert not ModelLogEntry.objects.filter(action="contacts.checked").exists()


def test_a_city_user_who_may_not_edit_contacts_gets_403_saying_so(client, helsinki, roles, contacts):
    reader = Group.objects.create(name="Helsinki readers")
    reader.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=reader, page=helsinki, permission=Permission.objects.get(codename="change_page")
    )
    client.force_login(in_english(make_user("reader", reader)))

    response = client.post(check_url(contacts["old"]))

    assert response.status_code == 403
    assert "You may not edit “Aino Vanha”, so you cannot mark it as still correct either." in response.content.decode()
    assert ContactPerson.objects.get(pk=contacts["old"].pk).checked_on == LONG_AGO
    assert client.get(f"{CONTACTS_URL}edit/{contacts['old'].pk}/").status_code in {302, 403}


def test_the_check_answers_only_a_post(client, helsinki_editor, contacts):
    client.force_login(helsinki_editor)

    assert client.get(check_url(contacts["old"])).status_code == 405
    assert ContactPerson.objects.get(pk=contacts["old"].pk).checked_on == LONG_AGO


# --- a save counts as a check, and the moderators' approval keeps it ------------------------------------------


def test_a_save_checks_the_contact_and_an_approval_does_not_take_the_date_back(
    client, helsinki_editor, helsinki_moderator, contacts
):
    person = contacts["old"]
    url = f"{CONTACTS_URL}edit/{person.pk}/"
    client.force_login(helsinki_editor)

    values = edit_form_values(client.get(url).content.decode(), ContactPerson)
    response = client.post(url, {**values, "job_title_fi": "Viestintäpäällikkö", "action-submit": "action-submit"})

    person = ContactPerson.objects.get(pk=person.pk)
    assert response.status_code == 302
    assert person.checked_on == today() and person.job_title_fi == "viestintäasiantuntija"  # in moderation
    assert person.latest_revision.content["checked_on"] == str(LONG_AGO)  # the revision's copy is the old date

    client.force_login(helsinki_moderator)
    task_state = person.current_workflow_task_state
    client.post(f"{CONTACTS_URL}workflow/action/{person.pk}/approve/{task_state.pk}/")

    person = ContactPerson.objects.get(pk=person.pk)
    assert person.job_title_fi == "Viestintäpäällikkö" and person.checked_on == today()


def test_a_new_contact_is_checked_the_day_it_is_entered(helsinki):
    assert ContactPerson.objects.create(city=helsinki, first_name="Uusi", last_name="Ihminen").checked_on == today()


# --- the reminder emails, through a real SMTP server ------------------------------------------------------------


class Inbox:
    """aiosmtpd's handler: keeps every message it is sent."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def by_recipient(self):
        return {recipients[0]: message for recipients, message in self.messages}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on a free loopback port, and Django's SMTP backend sending to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org:8443"
    yield inbox
    controller.stop()


@pytest.fixture
def editors(roles):
    """Who keeps each city's contacts, with their admin languages; and some who are nobody's editor."""
    with_email(make_user("no-address", roles[HELSINKI].editors))
    with_email(get_user_model().objects.create_superuser("root", "root@example.org", "x"), "en")
    with_email(make_user("reader", roles[HELSINKI].staff))
    return {
        "fi": with_email(make_user("helsinki-editor", roles[HELSINKI].editors), "fi"),
        "sv": with_email(make_user("helsinki-moderator", roles[HELSINKI].moderators), "sv"),
        "goteborg": with_email(make_user("goteborg-editor", roles[GOTEBORG].editors)),  # the city's language: sv
    }


def body_of(message):
    return message.get_body(("plain",)).get_content()


def test_each_citys_editors_get_their_citys_list_in_their_language(smtp_server, editors, contacts):
    get_user_model().objects.filter(username="no-address").update(email="")
    out = io.StringIO()

    call_command("send_contact_reminders", stdout=out)

    received = smtp_server.by_recipient()
    assert sorted(received) == [
        "goteborg-editor@example.org",
        "helsinki-editor@example.org",
        "helsinki-moderator@example.org",
    ]
    finnish, swedish, goteborg = (
        received[f"{name}@example.org"] for name in ("helsinki-editor", "helsinki-moderator", "goteborg-editor")
    )
    helsinki_links = [
        f"https://localhost:8443/admin/snippets/contacts/servicepoint/edit/{contacts['never'].pk}/",
        f"https://localhost:8443/admin/snippets/contacts/contactperson/edit/{contacts['old'].pk}/",
    ]
    for message in (finnish, swedish):
        body = body_of(message)
        assert all(link in body for link in helsinki_links)
        assert "Gammal" not in body and "Tuore" not in body and "Luonnos" not in body
    # The subjects and sentences are this feature's own msgids (/tmp/h/msgs-checks.json until merged into locale/).
    assert (
        finnish["Content-Language"] == "fi"
        and finnish["Subject"] == "Helsingin kaupunki: 2 tarkistettavaa yhteystietoa"
    )
    assert "Neuvonta (palvelupiste), ei koskaan tarkistettu" in body_of(finnish)
    assert f"Aino Vanha (yhteyshenkilö), tarkistettu viimeksi {LONG_AGO:%-d.%-m.%Y}" in body_of(finnish)
    assert (
        swedish["Content-Language"] == "sv"
        and swedish["Subject"] == "Helsingfors stad: 2 kontaktuppgifter att kontrollera"
    )
    assert "Rådgivning (servicepunkt), aldrig kontrollerad" in body_of(swedish)
    assert f"Aino Vanha (kontaktperson), senast kontrollerad {LONG_AGO:%Y-%m-%d}" in body_of(swedish)
    assert (
        goteborg["Content-Language"] == "sv"
        and goteborg["Subject"] == "Göteborgs Stad: 1 kontaktuppgift att kontrollera"
    )
    goteborg_link = (
        f"https://goteborg.localhost:8443/admin/snippets/contacts/contactperson/edit/{contacts['goteborg'].pk}/"
    )
    assert goteborg_link in body_of(goteborg) and "Vanha" not in body_of(goteborg)
    assert (
        "Sent 3 emails." in out.getvalue()
        and "emailed helsinki-moderator <helsinki-moderator@example.org> (sv)" in out.getvalue()
    )


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(smtp_server, editors, contacts):
    out = io.StringIO()

    call_command("send_contact_reminders", "--dry-run", stdout=out)

    assert smtp_server.messages == []
    assert "Helsingin kaupunki: 2 contacts to check, 3 editors to email" in out.getvalue()
    assert "would email helsinki-editor <helsinki-editor@example.org> (fi)" in out.getvalue()
    assert "Dry run: nothing sent." in out.getvalue()


def test_nothing_to_check_sends_nothing(smtp_server, editors, contacts):
    for model in (ContactPerson, ServicePoint):
        model.objects.update(checked_on=today())
    out = io.StringIO()

    call_command("send_contact_reminders", stdout=out)

    assert smtp_server.messages == [] and "no emails" in out.getvalue()


def test_an_email_that_cannot_be_sent_is_reported_and_the_command_fails(settings, editors, contacts):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="4 emails could not be sent: helsinki-editor"):
        call_command("send_contact_reminders", stdout=out, stderr=err)

    assert err.getvalue().count("could not email") == 4  # each tried, none given up on
