"""Quality at the source: Wagtail's accessibility checker in the editor and on the page, and alt text
required for images in page content."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.tests.utils import get_test_image_file

from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import edit_form_values


@pytest.fixture
def department(helsinki):
    return DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")


@pytest.fixture
def image():
    from wagtail.images import get_image_model

    return get_image_model().objects.create(title="Kaupungintalo", file=get_test_image_file())


def with_image_block(form, image, alt_text, decorative=False):
    """The editor's form with one image block in the Finnish body, as Wagtail's block inputs post it."""
    form.update(
        {
            "body_fi-count": "1",
            "body_fi-0-type": "image",
            "body_fi-0-deleted": "",
            "body_fi-0-order": "0",
            "body_fi-0-id": "",
            "body_fi-0-value-image": str(image.pk),
            "body_fi-0-value-alt_text": alt_text,
        }
    )
    if decorative:
        form["body_fi-0-value-decorative"] = "on"
    return form


@pytest.mark.django_db
def test_the_page_editor_has_wagtails_accessibility_checks(admin_client, department):
    html = BeautifulSoup(admin_client.get(f"/admin/pages/{department.pk}/edit/").content, "html.parser")
    assert html.find(attrs={"data-side-panel": "checks"})
    assert html.find("script", id="checker-axe-configuration", type="application/json")


@pytest.mark.django_db
def test_signed_in_editors_get_the_userbar_checker_on_the_page_and_the_public_does_not(
    client, admin_client, department
):
    department.save_revision().publish()
    assert "wagtail-userbar" in admin_client.get("/fi/viestintaosasto/").content.decode()
    assert "wagtail-userbar" not in client.get("/fi/viestintaosasto/").content.decode()


@pytest.mark.django_db
def test_an_image_in_a_page_needs_alt_text_or_the_decorative_mark_to_be_published(admin_client, department, image):
    # Wagtail checks on publishing (and on submitting for approval); a draft may stay unfinished.
    url = f"/admin/pages/{department.pk}/edit/"
    blank = {**edit_form_values(admin_client.get(url).content.decode(), DepartmentPage), "action-publish": "1"}

    refused = admin_client.post(url, with_image_block(dict(blank), image, ""))
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert list(errors) == ["body_fi"]
    assert list(errors["body_fi"].as_data()[0].block_errors[0].block_errors) == ["alt_text"]
    department.refresh_from_db()
    assert department.live_revision is None

    decorative = admin_client.post(url, with_image_block(dict(blank), image, "", decorative=True))
    assert decorative.status_code == 302
    department.refresh_from_db()
    assert department.live_revision is not None


@pytest.mark.django_db
def test_an_images_alt_text_is_what_the_reader_gets(client, admin_client, department, image):
    url = f"/admin/pages/{department.pk}/edit/"
    form = with_image_block(
        edit_form_values(admin_client.get(url).content.decode(), DepartmentPage),
        image,
        "Kaupungintalo Senaatintorin laidalla",
    )
    form["action-publish"] = "1"
    assert admin_client.post(url, form).status_code == 302

    page = BeautifulSoup(client.get("/fi/viestintaosasto/").content, "html.parser")
    assert page.select_one("figure.content-image img")["alt"] == "Kaupungintalo Senaatintorin laidalla"
