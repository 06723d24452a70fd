"""Small frictions of an editor's first hour: the demo accounts save their account settings as they stand, and
notification emails link to the admin's real address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from wagtail.admin.forms.account import NameEmailForm

from demo import content
from demo.users import load_user
from tests.conftest import quiet

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
