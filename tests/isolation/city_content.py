"""The two cities' content the isolation walk looks for, each piece named with a marker of its city."""

import datetime
import io
import json
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Comment,
    GroupApprovalTask,
    PageViewRestriction,
    UploadedFile,
    Workflow,
    WorkflowTask,
)

from announcements.models import Announcement
from citycomms.factories import InformationPageFactory
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ImportBatch
from departments.factories import DepartmentPageFactory
from departments.models import PageContact
from editorial.models import UnpublishRequest
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import ReleaseContact
from opendata.models import OpenDataPage
from press.models import PressContactsPage

# --- the cities and their markers -------------------------------------------------------------------------

# Every secret of a city is named "<code>secret-<kind>": in a title, a slug, a name, an email address, a
# file name and a file's bytes. Responses are searched for them in lower case.
MARKER_KINDS = [
    "editor",  # the city's editor: username, email address, first name
    "moderator",  # the city's moderator, likewise
    "department",  # a live, public department page
    "livepage",  # a live, public information page ...
    "pendingchange",  # ... whose newer revision, not yet published, has this title
    "draftpage",  # a page never published
    "staffpage",  # a live department page for signed-in staff only (PageViewRestriction)
    "submittedpage",  # a page in the city's moderation workflow
    "lockedpage",  # a draft page locked by the moderator
    "newsroom",  # the live newsroom, with ...
    "scheduledchange",  # ... a newer revision of this title, scheduled to go live next month
    "release",  # a live press release in the newsroom
    "presspage",  # the live media contacts page
    "personlive",  # a published contact person, head of the department: public
    "personinternal",  # a published contact person, head of the staff-only page only: not public
    "persondraft",  # a contact person never published
    "personsubmitted",  # a contact person in the contact moderation workflow
    "servicepoint",  # a published service point, the media desk: public
    "servicedraft",  # a service point never published
    "document",  # a document in the city's collection, listed on the department page
    "staffdocument",  # a document in the city's staff-only sub-collection
    "staffcollection",  # that sub-collection (CollectionViewRestriction)
    "archive",  # an empty sub-collection of the city's collection
    "image",  # an image in the city's collection, the public person's photo
    "staffimage",  # an image in the staff-only sub-collection
    "tag",  # a tag on the public document
    "stafftag",  # a tag on the staff-only document
    "phototag",  # a tag on the public image
    "redirect",  # a redirect of the city's site (its old path)
    "comment",  # an editor's comment on the draft page
    "upload",  # a file uploaded to the multiple uploader and not yet made a document
    "oldworkflow",  # a disabled workflow of the city's ...
    "oldtask",  # ... with a disabled approval task for the city's moderators
    "announcelive",  # a published announcement, on every page of the city: public
    "announcedraft",  # an announcement never published, locked by the moderator
    "announcesubmitted",  # an announcement in the announcement moderation workflow
]
# What the public may see of a city on the city's own site: everything else is staff-only, a draft, or the
# admin's business (users, tags, comments, uploads).
PUBLIC_KINDS = {
    "department",
    "livepage",
    "newsroom",
    "release",
    "presspage",
    "personlive",
    "servicepoint",
    "document",
    "image",
    "redirect",
    "announcelive",
}
assert PUBLIC_KINDS < set(MARKER_KINDS)
# No marker may contain another: a leak of one would be reported as a leak of both.
assert not [(a, b) for a in MARKER_KINDS for b in MARKER_KINDS if a != b and f"-{a}" in f"-{b}"]

CITY_CODES = {"helsinki": "hel", "goteborg": "got"}


def marker(code, kind):
    return f"{code}secret-{kind}"


def png_with_text(text):
    """A small PNG that carries `text` in a tEXt chunk, so its bytes name the image's city."""
    buffer = io.BytesIO()
    info = PngInfo()
    info.add_text("Comment", text)
    PILImage.new("RGB", (8, 8), "white").save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def titled(text, slug=None):
    """A page's title and slug in every language, as the factories take them."""
    slug = slug or text.lower()
    return {
        **{f"title_{code}": text for code in ("fi", "sv", "en")},
        **{f"slug_{code}": slug for code in ("fi", "sv", "en")},
    }


def person_fields(text):
    return {
        "first_name": text,
        "last_name": text,
        "email": f"{text.lower()}@example.org",
        "job_title_fi": text,
        "job_title_sv": text,
        "job_title_en": text,
    }


def build_city(key, home, site, roles):
    """Everything of one city the walk looks for, each named with the city's markers."""
    code = CITY_CODES[key]

    def name(kind):
        return marker(code, kind).capitalize()

    users = {}
    for role, group in (("editor", roles.editors), ("moderator", roles.moderators)):
        user = get_user_model().objects.create_user(
            username=marker(code, role),
            password="x",
            email=f"{marker(code, role)}@example.org",
            first_name=name(role),
            last_name="Testaaja",
        )
        user.groups.add(group)
        users[role] = user
    editor, moderator = users["editor"], users["moderator"]

    # Collections, documents, images and tags.
    collection = roles.collection
    staff_collection = collection.add_child(name=name("staffcollection"))
    staff_restriction = CollectionViewRestriction.objects.create(
        collection=staff_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    archive = collection.add_child(name=name("archive"))
    Document, Image = get_document_model(), get_image_model()
    document = Document(title=name("document"), collection=collection, uploaded_by_user=editor)
    document.file.save(f"{marker(code, 'document')}.pdf", ContentFile(f"%PDF-1.4 {name('document')}".encode()))
    document.tags.add(marker(code, "tag"))
    staff_document = Document(title=name("staffdocument"), collection=staff_collection, uploaded_by_user=editor)
    staff_document.file.save(
        f"{marker(code, 'staffdocument')}.pdf", ContentFile(f"%PDF-1.4 {name('staffdocument')}".encode())
    )
    staff_document.tags.add(marker(code, "stafftag"))
    image = Image.objects.create(
        title=name("image"),
        collection=collection,
        description=name("image"),
        uploaded_by_user=editor,
        file=ImageFile(io.BytesIO(png_with_text(name("image"))), name=f"{marker(code, 'image')}.png"),
    )
    image.tags.add(marker(code, "phototag"))
    staff_image = Image.objects.create(
        title=name("staffimage"),
        collection=staff_collection,
        description=name("staffimage"),
        uploaded_by_user=editor,
        file=ImageFile(io.BytesIO(png_with_text(name("staffimage"))), name=f"{marker(code, 'staffimage')}.png"),
    )

    # Contact people and service points.
    # The live person and service point were never checked: the contacts-to-check report lists them.
    person_live = ContactPersonFactory(
        city=home, photo=image, is_media_contact=True, checked_on=None, **person_fields(name("personlive"))
    )
    person_internal = ContactPersonFactory(city=home, **person_fields(name("personinternal")))
    person_draft = ContactPersonFactory(city=home, live=False, **person_fields(name("persondraft")))
    person_submitted = ContactPersonFactory(city=home, live=False, **person_fields(name("personsubmitted")))
    for person in (person_live, person_internal):
        person.save_revision(user=editor).publish(user=moderator)
    person_draft.save_revision(user=editor)
    person_submitted.save_revision(user=editor)
    contact_workflow = person_submitted.get_workflow()  # the one of every city's contacts
    contact_workflow_state = contact_workflow.start(person_submitted, editor)
    service_point = ServicePointFactory(
        city=home,
        email=f"{marker(code, 'servicepoint')}@example.org",
        checked_on=None,
        **titled_name(name("servicepoint")),
    )
    service_point.save_revision(user=editor).publish(user=moderator)
    service_draft = ServicePointFactory(
        city=home, live=False, email=f"{marker(code, 'servicedraft')}@example.org", **titled_name(name("servicedraft"))
    )
    service_draft.save_revision(user=editor)
    service_workflow_state = contact_workflow.start(service_draft, editor)
    # Announcements: one published (showing from now on, on every page), a draft, one in moderation.
    announcements = {}
    for kind in ("announcelive", "announcedraft", "announcesubmitted"):
        announcements[kind] = Announcement.objects.create(city=home, live=False, **translated("text", name(kind)))
        announcements[kind].save_revision(user=editor)
    announcements["announcelive"].latest_revision.publish(user=moderator)
    submitted_announcement = announcements["announcesubmitted"]
    announcement_workflow_state = submitted_announcement.get_workflow().start(submitted_announcement, editor)
    for snippet in (person_draft, service_draft, announcements["announcedraft"]):
        snippet.locked, snippet.locked_by, snippet.locked_at = True, moderator, timezone.now()
        snippet.save(update_fields=["locked", "locked_by", "locked_at"])

    # Pages.
    documents_block = {"type": "documents", "value": {"heading": "Asiakirjat", "documents": [document.pk]}}
    department = DepartmentPageFactory(
        parent=home, head=person_live, body_fi=json.dumps([documents_block]), **titled(name("department"))
    )
    PageContact.objects.create(page=department, contact=person_live, sort_order=0)
    department.save_revision(user=editor).publish(user=moderator)
    live_page = InformationPageFactory(parent=home, **titled(name("livepage")))
    first_revision = live_page.save_revision(user=editor)
    first_revision.publish(user=moderator)
    live_page.title_fi = live_page.title_sv = live_page.title_en = name("pendingchange")
    live_page.save_revision(user=editor)
    live_page.refresh_from_db()
    draft_page = InformationPageFactory(parent=home, live=False, **titled(name("draftpage")))
    draft_page.save_revision(user=editor)
    staff_page = DepartmentPageFactory(parent=home, head=person_internal, **titled(name("staffpage")))
    staff_page.save_revision(user=editor).publish(user=moderator)
    page_restriction = PageViewRestriction.objects.create(page=staff_page, restriction_type=PageViewRestriction.LOGIN)
    alias_page = live_page.create_alias(parent=staff_page)  # an alias of the live page, to be converted
    submitted_page = InformationPageFactory(parent=home, live=False, **titled(name("submittedpage")))
    submitted_page.save_revision(user=editor)
    page_workflow_state = roles.workflow.start(submitted_page, editor)
    locked_page = InformationPageFactory(parent=home, live=False, **titled(name("lockedpage")))
    locked_page.save_revision(user=editor)
    locked_page.locked, locked_page.locked_by, locked_page.locked_at = True, moderator, timezone.now()
    locked_page.save()
    newsroom = NewsroomPageFactory(parent=home, **titled(name("newsroom")))
    newsroom.save_revision(user=editor).publish(user=moderator)
    newsroom.title_fi = newsroom.title_sv = newsroom.title_en = name("scheduledchange")
    scheduled = newsroom.save_revision(
        user=moderator, approved_go_live_at=timezone.now() + datetime.timedelta(days=30)
    )
    newsroom.refresh_from_db()
    release = PressReleasePageFactory(parent=newsroom, organisation=department, **titled(name("release")))
    ReleaseContact.objects.create(page=release, contact=person_live, sort_order=0)
    release.save_revision(user=editor).publish(user=moderator)
    press_page = PressContactsPage(media_desk=service_point, **titled(name("presspage")))
    home.add_child(instance=press_page)
    press_page.save_revision(user=editor).publish(user=moderator)
    # The open data page, so that the open data of the city answers the public walk with the city's organisation.
    home.add_child(instance=OpenDataPage(**titled("Open data", "open-data")))

    # What only the admin shows.
    old_task = GroupApprovalTask.objects.create(name=name("oldtask"), active=False)
    old_task.groups.add(roles.moderators)
    old_workflow = Workflow.objects.create(name=name("oldworkflow"), active=False)
    WorkflowTask.objects.create(workflow=old_workflow, task=old_task, sort_order=0)
    # An editor's request that the department come off the site, waiting for the city's moderators.
    unpublish_request = UnpublishRequest.objects.create(page=department, requested_by=editor, reason="Merged")
    # A contact import waiting for the city's moderators, with the submitted person in it (editorial.imports).
    import_batch = ImportBatch.objects.create(city=home, created_by=editor)
    import_batch.revisions.set([person_submitted.latest_revision])
    redirect = Redirect.objects.create(
        old_path=f"/{marker(code, 'redirect')}", site=site, redirect_page=live_page, is_permanent=False
    )
    comment = Comment.objects.create(
        page=draft_page,
        user=editor,
        text=name("comment"),
        contentpath="title",
        revision_created=draft_page.latest_revision,
    )
    editing_session = EditingSession.objects.create(
        user=editor,
        content_type=draft_page.cached_content_type,
        object_id=str(draft_page.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    uploads = {}
    for model, suffix, content in (
        (Document, "pdf", f"%PDF-1.4 {name('upload')}".encode()),
        (Image, "png", png_with_text(name("upload"))),
    ):
        upload = UploadedFile(for_content_type=ContentType.objects.get_for_model(model), uploaded_by_user=editor)
        upload.file.save(f"{marker(code, 'upload')}.{suffix}", ContentFile(content))
        uploads[model._meta.model_name] = upload

    pages = {
        "department": department,
        "livepage": live_page,
        "draftpage": draft_page,
        "staffpage": staff_page,
        "submittedpage": submitted_page,
        "lockedpage": locked_page,
        "newsroom": newsroom,
        "release": release,
        "presspage": press_page,
    }
    return SimpleNamespace(
        key=key,
        code=code,
        home=home,
        site=site,
        host=site.hostname,
        roles=roles,
        users=users,
        collection=collection,
        staff_collection=staff_collection,
        staff_restriction=staff_restriction,
        archive=archive,
        alias_page=alias_page,
        old_workflow=old_workflow,
        old_task=old_task,
        documents=[document, staff_document],
        document=document,
        staff_document=staff_document,
        images=[image, staff_image],
        image=image,
        staff_image=staff_image,
        people=[person_live, person_internal, person_draft, person_submitted],
        person_live=person_live,
        person_draft=person_draft,
        person_submitted=person_submitted,
        contact_workflow_state=contact_workflow_state,
        service_workflow_state=service_workflow_state,
        service_points=[service_point, service_draft],
        service_point=service_point,
        service_draft=service_draft,
        announcements=list(announcements.values()),
        announcement_live=announcements["announcelive"],
        announcement_draft=announcements["announcedraft"],
        announcement_submitted=submitted_announcement,
        announcement_workflow_state=announcement_workflow_state,
        pages=pages,
        page_restriction=page_restriction,
        page_workflow_state=page_workflow_state,
        first_revision=first_revision,
        scheduled_revision=scheduled,
        redirect=redirect,
        unpublish_request=unpublish_request,
        import_batch=import_batch,
        comment=comment,
        editing_session=editing_session,
        uploads=uploads,
        markers=[marker(code, kind) for kind in MARKER_KINDS],
    )


def titled_name(text):
    return translated("name", text)


def translated(field, text):
    return {f"{field}_{code}": text for code in ("fi", "sv", "en")}
