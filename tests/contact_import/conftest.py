"""What the contact listing, import and export tests share: the upload steps, the organisation and a signed-in
editor."""

import pytest
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from tests.conftest import IMPORT_URL, signed_in


def upload(client, city, file):
    return client.post(IMPORT_URL, {"city": city.pk, "file": file})


def confirm(client):
    return client.post(IMPORT_URL, {"confirm": "1"})


def written():
    """What an import could have written: people, and revisions of people and pages."""
    return ContactPerson.objects.count(), Revision.objects.count(), PageContact.objects.count()


@pytest.fixture
def organisation(helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    unit = UnitPageFactory(parent=department, title_fi="Viestintä", title_sv="Kommunikation", slug_fi="viestinta")
    return department, unit


@pytest.fixture
def client_editor(client, helsinki_editor):
    profile = UserProfile.get_for_user(helsinki_editor)
    profile.preferred_language = "en"  # the messages checked below, untranslated
    profile.save()
    return signed_in(client, helsinki_editor)
