"""What the write scoping tests share: the Göteborg page they edit, its moderator, people, files, and the
editor's form."""

import html
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import PageContact
from tests.conftest import edit_form_values, signed_in

# --- What the tests work with ----------------------------------------------------------------------------------


@pytest.fixture
def page34(goteborg):
    """Göteborg's live, public department page: the one the probe wrote Helsinki's people onto."""
    return DepartmentPageFactory(parent=goteborg, title_sv="Område kommunikation", slug_sv="omrade-kommunikation")


@pytest.fixture
def moderator(client, goteborg_moderator):
    return signed_in(client, goteborg_moderator)


@pytest.fixture
def helsinki_internal(helsinki):
    """A Helsinki contact, published but on no public page: the probe's head=9."""
    return ContactPersonFactory(
        city=helsinki,
        first_name="Zhelinternal",
        last_name="Sisainen",
        job_title_sv="Intern kommunikatör",
        email="zhelinternal.sisainen@hel.example",
    )


@pytest.fixture
def goteborg_public(goteborg):
    return ContactPersonFactory(city=goteborg, first_name="Greta", last_name="Offentlig", email="greta@got.example")


def document_in(collection, title):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"%PDF-1.4 test", name=f"{title.lower()}.pdf")
    )


def image_in(collection, title):
    return get_image_model().objects.create(
        title=title, collection=collection, file=get_test_image_file(), description=title
    )


# --- Posting the editor's form ---------------------------------------------------------------------------------


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def post_editor(client, page, action="publish", **changes):
    """The page editor's form as the browser sends it, with `changes`, by the button `action` (None: save draft)."""
    form = edit_form_values(client.get(edit_url(page)).content.decode(), type(page))
    form.update(changes)
    if action:
        form[f"action-{action}"] = action
    return client.post(edit_url(page), form)


def with_body(language="sv", *blocks):
    return nested_form_data({f"body_{language}": streamfield(list(blocks))})


def stored(page):
    """What saving or publishing could change of `page`: its revisions, what is live, its head and contacts."""
    page.refresh_from_db()
    return (
        Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        page.live_revision_id,
        page.head_id,
        list(PageContact.objects.filter(page=page).values_list("contact", flat=True)),
    )


def admin_language(response):
    return re.search(r'<html lang="([\w-]+)"', response.content.decode()).group(1)


def shows(response, message):
    """Whether the editor's answer shows `message`, in the language the admin answered in: as a field's error or
    in the StreamField's block errors (JSON in an attribute)."""
    with translation.override(admin_language(response)):
        text = str(message)
    shown = html.unescape(response.content.decode())
    return text in shown or json.dumps(text)[1:-1] in shown  # block errors are JSON: "ö" is "\u00f6" there


def public_html(client, page):
    """The page as the public reads it on its city's site."""
    site = page.get_site()
    with translation.override(CitySettings.for_site(site).default_language):
        url = page.relative_url(site)
    response = client.get(url, HTTP_HOST=site.hostname)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def refused(response, page, before, message):
    """The editor answered with the form again, showing `message`, and nothing of the page changed."""
    assert response.status_code == 200, response.get("Location")
    assert shows(response, message)
    assert stored(page) == before
