"""`manage.py backup` and `restore`: a round trip gives back the same pages, revisions, contacts and files.

It runs on the test database (a scratch database of pytest's own) with committed data,
since pg_dump reads from another connection, and wipes that database and the media
folder between the backup and the restore.
"""

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def media_files():
    """Every file under MEDIA_ROOT with the SHA-256 of its bytes."""
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title_fi", "title_sv", "slug_fi", "live", "path")),
        "revisions": sorted((r.pk, r.object_id, str(r.content)) for r in Revision.objects.all()),
        "contacts": sorted(
            ContactPerson.objects.values_list("pk", "first_name", "last_name", "phone", "job_title_sv")
        ),
        "documents": sorted(get_document_model().objects.values_list("pk", "title", "file")),
        "images": sorted(get_image_model().objects.values_list("pk", "title", "file")),
        "files": media_files(),
    }


# Committed data, so another process sees it; serialized_rollback gives the following tests
# back the migrated state (Wagtail's tree root) that the flush after this test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_the_same_pages_revisions_contacts_and_files(helsinki, tmp_path):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestinta")
    department.save_revision().publish()
    department.intro_fi = "Luonnos, jota ei ole julkaistu."
    department.save_revision()
    ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä", job_title_sv="kommunikationschef")
    document = get_document_model().objects.create(title="Ohje", file=ContentFile(b"%PDF-1.4 ohje", name="ohje.pdf"))
    image = get_image_model().objects.create(
        title="Logo", file=ContentFile(png_bytes(), name="logo.png"), width=4, height=3
    )
    before = snapshot()
    # MEDIA_ROOT is the session's: other tests' files are in it too, and go the same way.
    assert {document.file.name, image.file.name} <= set(before["files"])
    assert len(before["revisions"]) >= 2

    call_command("backup", output=tmp_path / "backup")
    # Everything goes, content types and permissions too: the restore must bring them back.
    call_command("flush", interactive=False, inhibit_post_migrate=True)
    for path in Path(settings.MEDIA_ROOT).iterdir():
        path.unlink() if path.is_file() else shutil.rmtree(path)
    assert snapshot()["pages"] == [] and media_files() == {}

    call_command("restore", tmp_path / "backup", yes=True)
    assert snapshot() == before
    assert (
        Page.objects.get(pk=department.pk).get_latest_revision_as_object().intro_fi
        == "Luonnos, jota ei ole julkaistu."
    )


@pytest.mark.django_db
def test_restore_without_a_terminal_refuses_to_run_without_yes(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal, whatever it says
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", tmp_path)


@pytest.mark.django_db
def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="database.dump is missing"):
        call_command("restore", tmp_path, yes=True)
