"""Security: what image and document uploads refuse."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# --- uploads -------------------------------------------------------------------------------------


def png_bytes(width, height, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_image(admin_client, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return admin_client.post("/admin/images/add/", {"title": name, "file": upload})


def file_error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["file"]]


@pytest.mark.django_db
def test_a_png_image_upload_is_accepted(admin_client):
    response = add_image(admin_client, "photo.png", png_bytes(40, 30), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="photo.png").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ],
)
def test_image_upload_refuses_formats_that_are_not_allowed(admin_client, name, content, content_type):
    response = add_image(admin_client, name, content, content_type)
    assert response.status_code == 200
    assert "invalid_image_extension" in file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_html_named_as_png(admin_client):
    response = add_image(admin_client, "page.png", b"<html><script>alert(1)</script></html>", "image/png")
    assert response.status_code == 200
    assert file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_a_decompression_bomb(admin_client):
    # 72 megapixels of one colour: a few kilobytes on disk, hundreds of megabytes decoded.
    bomb = png_bytes(9000, 8000, mode="1")
    assert len(bomb) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert 9000 * 8000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    response = add_image(admin_client, "bomb.png", bomb, "image/png")
    assert response.status_code == 200
    assert "file_too_many_pixels" in file_error_codes(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_image_upload_refuses_a_file_over_the_size_limit(admin_client):
    oversized = png_bytes(10, 10) + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = add_image(admin_client, "big.png", oversized, "image/png")
    assert response.status_code == 200
    assert "file_too_large" in file_error_codes(response)


def add_document(admin_client, size):
    """An admin's upload of a PDF of `size` bytes through the documents' add form."""
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    upload = SimpleUploadedFile("raportti.pdf", content, content_type="application/pdf")
    return admin_client.post("/admin/documents/add/", {"title": "Raportti", "file": upload})


@pytest.mark.django_db
def test_a_document_over_10_mb_is_refused_with_a_message_naming_both_sizes(admin_client):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    response = add_document(admin_client, 11 * 1024 * 1024)
    assert response.status_code == 200
    assert "file_too_large" in file_error_codes(response)
    with translation.override("fi"):  # the admin's language
        message = gettext("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s.") % {
            "file_size": filesizeformat(11 * 1024 * 1024),
            "max_filesize": filesizeformat(10 * 1024 * 1024),
        }
    assert message.startswith("Tiedosto on liian suuri (11,0") and "10,0" in message
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_document_of_10_mb_is_accepted(admin_client):
    response = add_document(admin_client, 10 * 1024 * 1024)
    assert response.status_code == 302
    assert get_document_model().objects.get().file.size == 10 * 1024 * 1024


@pytest.mark.django_db
def test_document_upload_refuses_html(admin_client):
    upload = SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>", content_type="text/html")
    response = admin_client.post("/admin/documents/add/", {"title": "page", "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()
