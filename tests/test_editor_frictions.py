"""Small frictions of an editor's first hour: the demo accounts save their account settings as they stand,
notification emails link to the admin's real address (each city's own: tests/test_admin_names.py), a new page
whose slug an abandoned try took names that try, and a replacement says what really happened to each page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.utils import translation
from wagtail.admin.forms.account import NameEmailForm
from wagtail.models import WorkflowPage

from citycomms.models import InformationPage
from citycomms.slug_clashes import TAKEN_BY_DRAFT
from contacts.factories import ContactPersonFactory
from demo import content
from demo.users import load_user
from departments.factories import DepartmentPageFactory
from tests.conftest import edit_form_values, in_english, quiet

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_every_demo_account_saves_its_account_settings_unchanged():
    users = content.users() + content.city_users(content.cities())
    for data in users:
        load_user({**data, "groups": []}, quiet)
    for user in get_user_model().objects.filter(username__in=[data["username"] for data in users]):
        # Wagtail's "Name and email" panel, submitted as the account settings page shows it.
        form = NameEmailForm(data=model_to_dict(user, ["first_name", "last_name", "email"]), instance=user)
        assert form.is_valid(), (user.username, form.errors)


def production_setting(name, **environ):
    """The value of the setting `name` under the production settings with `environ`, read in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key not in {"WAGTAILADMIN_BASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="citycomms.settings.production", DJANGO_SECRET_KEY="test", **environ)
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_notification_emails_link_to_the_configured_admin_address():
    assert production_setting("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL="https://cms.hel.fi/") == (
        "https://cms.hel.fi"
    )


def test_without_one_production_links_to_its_first_host_not_a_development_server():
    hosts = ".localhost,www.hel.fi,goteborg.se"
    assert production_setting("WAGTAILADMIN_BASE_URL", DJANGO_ALLOWED_HOSTS=hosts) == "https://www.hel.fi"


# --- An abandoned new page's autosaved draft; a replacement's result where no workflow applies ----------------


@pytest.mark.django_db
def test_a_new_pages_slug_taken_by_an_abandoned_autosaved_try_names_that_draft(client, helsinki, helsinki_editor):
    client.force_login(helsinki_editor)
    url = f"/admin/pages/add/citycomms/informationpage/{helsinki.pk}/"
    values = edit_form_values(client.get(url).content.decode(), InformationPage)
    values.update(title_fi="Pysäköinti", slug_fi="pysakointi")
    # Wagtail 8's autosave posts the form for a JSON answer, which creates the new page as a draft.
    assert client.post(url, values, HTTP_ACCEPT="application/json").json()["success"] is True

    again = client.post(url, values)  # the tab was closed; the editor starts the page again

    assert again.status_code == 200
    banner = " ".join(BeautifulSoup(again.content, "html.parser").select_one(".messages").get_text().split())
    with translation.override("fi"):  # the editor's admin language (the site's default)
        expected = str(TAKEN_BY_DRAFT) % {"slug": "pysakointi", "title": "Pysäköinti", "parent": "Helsingin kaupunki"}
        assert expected in banner
        assert translation.gettext("This slug is already in use") not in banner
    assert InformationPage.objects.filter(slug_fi="pysakointi").count() == 1


@pytest.mark.django_db
def test_a_replacement_says_which_drafts_went_to_moderation_and_which_did_not(admin_client, helsinki):
    """Where no workflow applies (Wagtail's default one taken off the tree), the new drafts are only saved: the
    result says so instead of "submitted for moderation"."""
    WorkflowPage.objects.all().delete()
    leaver = ContactPersonFactory(city=helsinki, first_name="Leena", last_name="Lähtijä")
    successor = ContactPersonFactory(city=helsinki, first_name="Seppo", last_name="Seuraaja")
    page = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    page.head = leaver
    page.save_revision().publish()
    in_english(get_user_model().objects.get(username="admin"))

    response = admin_client.post(f"/admin/contacts/people/{leaver.pk}/replace/", {"replacement": successor.pk})

    status = " ".join(BeautifulSoup(response.content, "html.parser").select_one("main").get_text().split())
    assert "1 draft is saved but not submitted" in status
    assert "submitted for moderation" not in status
