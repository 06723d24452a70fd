"""Each city sealed off (issue 14): the isolation walk.

Two cities, each with content only its own staff may see, every piece of it named with a
marker that occurs nowhere else ("helsecret-draftpage", "gotsecret-staffdocument" …).
Signed in as each city's editor and as its moderator, every admin URL pattern is requested
with the other city's ids; state-changing ones are also POSTed to, and the database must be
unchanged. No response (body, headers, the messages it leaves for the next page, a CSV or
XLSX download unpacked) may carry a marker of the other city. The public routes and the file
routes of each city's site are walked anonymously and as the other city's staff: only the
city's public content may appear there.

The walk is driven by the URL configuration: a pattern that is neither walked (admin_walk(),
public_walk()) nor listed in NOT_APPLICABLE with the reason fails test_every_url_pattern_is_walked.
The walk's own checks are checked too: the markers are found by those allowed to see them, and every
POST it expects refused would change the database if it were allowed.

Each request is made in a savepoint rolled back after it, so the walk always finds the same content.
"""

import datetime
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils import timezone, translation
from django.utils.http import urlsafe_base64_encode
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Comment,
    GroupApprovalTask,
    Page,
    PageViewRestriction,
    Site,
    UploadedFile,
    Workflow,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from announcements.models import Announcement
from citycomms.cache import local_pages
from citycomms.factories import InformationPageFactory, make_city
from citycomms.i18n import prepare_tree_root
from citycomms.models import CitySettings, InformationPage
from citycomms.roles import setup_city_roles
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson, ImportBatch, ServicePoint
from contacts.replace import REMOVE
from contacts.spreadsheet import COLUMNS as CONTACT_COLUMNS
from contacts.usage import listings_of
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage, PageContact
from editorial.models import UnpublishRequest
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import PressReleasePage, ReleaseContact
from press.models import PressContactsPage
from tests.conftest import GOTEBORG, HELSINKI, quiet

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


# As tests/conftest.py's helsinki and goteborg fixtures make them; built once for the module here, as
# building both cities' content takes seconds and every test only reads it (each request is rolled back).
CITIES = {
    "helsinki": dict(
        hostname="localhost",
        languages=["fi", "sv", "en"],
        default_language="fi",
        is_default_site=True,
        title_fi=HELSINKI,
        title_sv="Helsingfors stad",
        title_en="City of Helsinki",
        slug_fi="helsinki",
        slug_sv="helsingfors",
        slug_en="helsinki-en",
        country="FI",
    ),
    "goteborg": dict(
        hostname="goteborg.localhost",
        languages=["sv", "en"],
        default_language="sv",
        title_fi="",
        title_sv=GOTEBORG,
        title_en="City of Gothenburg",
        slug_fi="goteborg",
        slug_sv="goteborg",
        slug_en="gothenburg",
        country="SE",
    ),
}
# A city's name is no secret on the public web, but another city's staff have no business with it in the
# admin: where it appears there (a group, a collection, a workflow, a task, a site named after the city),
# something of the other city is shown. Checked like the markers, and reported as "name".
CITY_NAMES = {
    key: [args[f"title_{code}"].lower() for code in ("fi", "sv", "en") if args[f"title_{code}"]]
    for key, args in CITIES.items()
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Both cities, their roles and their markers, in a transaction rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            forget_caches()


def build_world():
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    prepare_tree_root(Page.get_first_root_node())
    homes = {}
    for key, args in CITIES.items():
        args = dict(args)
        home, site = make_city(args.pop("hostname"), args.pop("languages"), args.pop("default_language"), **args)
        homes[key] = (home, site)
    roles = {item.home.pk: item for item in setup_city_roles(log=quiet)}
    cities = {key: build_city(key, home, site, roles[home.pk]) for key, (home, site) in homes.items()}
    # As a deployment does (tests/test_staff_only.py): the staff-only page and collection, made "for any signed-in
    # user" above, become the city's staff's.
    setup_city_roles(log=quiet)
    get_user_model().objects.create_superuser("walk-superuser", "walk-superuser@example.org", "x")
    return cities


def forget_caches():
    caches["default"].clear()
    local_pages.clear()


def other(world, key):
    (found,) = [city for other_key, city in world.items() if other_key != key]
    return found


# --- requests and what comes back --------------------------------------------------------------------------


@dataclass
class Hit:
    """One request of the walk. `data` is the POST's form, or a callable(walker) giving it at request time."""

    method: str
    path: str
    data: object = None
    json: bool = False
    # The path names another city's file: a 200 answering its bytes is a leak even without a marker in them.
    serves_file: bool = False
    # The user's own object, with another city's id in the form (a page's head, a page to move it under …).
    towards: bool = False
    # Why this POST changes nothing even when made by someone allowed to (else it would: see
    # test_every_write_of_the_walk_would_change_the_database_if_it_were_allowed).
    inert: str = ""

    @property
    def key(self):
        return (self.method, self.path, repr(sorted(self.data.items())) if isinstance(self.data, dict) else "")


def G(path, serves_file=False):
    return Hit("GET", path, serves_file=serves_file)


def P(path, data=None, json=False, towards=False, inert=""):
    return Hit("POST", path, {} if data is None else data, json=json, towards=towards, inert=inert)


def T(path, data=None, json=False):
    """A POST of the user's own object that names the other city's: a write that must be refused too."""
    return P(path, data, json=json, towards=True)


@dataclass
class Seen:
    status: int
    text: str  # lower case: headers, body, unpacked downloads, and the messages the response left
    changes: list  # the tables a POST changed
    error: str
    content_type: str


class Walker:
    """A browser signed in as `user` (None: anonymous) at `host`; every request it makes is rolled back.

    `own` is the user's city: what a refused POST may leave of the user's own (own_state()) is no change.
    """

    def __init__(self, user, host, own=None):
        self.client = Client(raise_request_exception=False, HTTP_HOST=host)
        self.ignored = {}
        if user is not None:
            self.client.force_login(user)
            UserProfile.get_for_user(user)  # the admin makes it on the first visit
            if own is not None:
                self.ignored = own_state(user, own)

    def request(self, hit):
        with transaction.atomic():
            data = hit.data(self) if callable(hit.data) else hit.data
            before = database_state(self.ignored) if hit.method == "POST" else None
            if hit.method == "GET":
                response = self.client.get(hit.path)
            elif hit.json:
                response = self.client.post(hit.path, json.dumps(data), content_type="application/json")
            else:
                response = self.client.post(hit.path, data)
            text = response_text(response)
            changes = changed_tables(before, database_state(self.ignored)) if before is not None else []
            transaction.set_rollback(True)
        if hit.method == "POST":
            forget_caches()  # what a POST did is undone; so must be what it left in the caches
        error = ""
        if getattr(response, "exc_info", None):
            error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"
        text += "\n" + self.take_messages()
        return Seen(response.status_code, text, changes, error, response.get("Content-Type", ""))

    def take_messages(self):
        """The text of the messages the last response left in the cookie for the next page, which is spared them."""
        cookie = self.client.cookies.get("messages")
        if cookie is None or not cookie.value:
            return ""
        messages = CookieStorage(HttpRequest())._decode(cookie.value) or []
        del self.client.cookies["messages"]
        return " ".join(str(message.message) for message in messages).lower()


def response_text(response):
    """Everything a response carries, in lower case: headers, body, the files inside an XLSX, JSON unescaped."""
    # Read, not closed: the test client closes a response itself, with Django's close_old_connections held
    # off; a close here would send request_finished, which closes PostgreSQL's connection mid-transaction.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [content]
    if content.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts += [archive.read(name) for name in archive.namelist()]
        except zipfile.BadZipFile:
            pass
    text = b"\n".join(parts).decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        try:
            text += "\n" + json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            pass
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return f"{headers}\n{text}".lower()


# What a refused POST may change: nothing, in any table but the sessions (where the messages may go) ...
UNWATCHED_TABLES = {"django_session"}


def own_state(user, own):
    """... and but the rows that are the user's own business, by table (an SQL condition): a form shown again
    marks the user as editing their own page or person and subscribes them to its comments; a file the
    multiple uploader could not make a document of waits as the user's upload."""
    pages = ",".join(
        str(pk) for pk in Page.objects.descendant_of(own.home, inclusive=True).values_list("pk", flat=True)
    )
    objects = [(Page, pages)] + [
        (model, ",".join(str(pk) for pk in model.objects.filter(city=own.home).values_list("pk", flat=True)))
        for model in (ContactPerson, ServicePoint)
    ]
    editing = " OR ".join(
        f"(content_type_id = {ContentType.objects.get_for_model(model).pk} AND object_id IN ({quoted(pks)}))"
        for model, pks in objects
    )
    return {
        "wagtailadmin_editingsession": f"user_id = {user.pk} AND ({editing})",
        "wagtailcore_pagesubscription": f"user_id = {user.pk} AND page_id IN ({pages})",
        "wagtailcore_uploadedfile": f"uploaded_by_user_id = {user.pk}",
    }


def quoted(pks):
    return ",".join(f"'{pk}'" for pk in pks.split(","))


def database_state(ignored):
    """Every row of every table of the project's models (but UNWATCHED_TABLES and the `ignored` rows), by table."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            if table not in UNWATCHED_TABLES:
                where = f" WHERE NOT ({ignored[table]})" if table in ignored else ""
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}{where}")
                state[table] = Counter(cursor.fetchall())
    return state


def changed_tables(before, after):
    changes = []
    for table in sorted(set(before) | set(after)):
        added = after.get(table, Counter()) - before.get(table, Counter())
        removed = before.get(table, Counter()) - after.get(table, Counter())
        if added or removed:
            changes.append(f"{table} +{sum(added.values())} -{sum(removed.values())}")
    return changes


def found(text, strings):
    return [string for string in strings if string in text]


FORMS = {}


def superuser_form(url, model=None, **changes):
    """What the superuser's browser would submit from the form at `url` (read once per module), with `changes`:
    a POST the view would accept from someone allowed to make it, so that a refusal is what keeps the
    database unchanged. Callable at request time, inside the request's savepoint."""

    def data(walker):
        if url not in FORMS:
            client = Client(HTTP_HOST=walker.client.defaults["HTTP_HOST"])
            client.force_login(get_user_model().objects.get(username="walk-superuser"))
            response = client.get(url)
            assert response.status_code == 200, f"the superuser cannot open {url}: {response.status_code}"
            html = response.content.decode()
            if response["Content-Type"].startswith("application/json"):  # a chooser's modal
                html = response.json().get("html") or response.json()["htmlFragment"]
            FORMS[url] = form_values(html, model)
        return {**FORMS[url], **changes}

    return data


def form_values(html, model=None):
    """What a browser submits from the page's edit form (its `data-edit-form`, else its largest POST form), with
    the StreamFields of `model` (which the editor's script fills in) left empty."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True})
    if form is None:
        forms = [form for form in soup.find_all("form") if (form.get("method") or "").lower() == "post"]
        form = max(forms, key=lambda form: len(form.find_all(["input", "textarea", "select"])))
    values = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            chosen = [field.text]
        elif field.name == "select":
            chosen = [option.get("value", "") for option in field.find_all("option", selected=True)]
            if not chosen and not field.has_attr("multiple") and field.find("option"):
                chosen = [field.find("option").get("value", "")]
        else:
            chosen = [field.get("value", "")]
        values.setdefault(name, []).extend(chosen)
    values = {name: chosen[0] if len(chosen) == 1 else chosen for name, chosen in values.items()}
    for field in model._meta.get_fields() if model is not None else []:
        if isinstance(field, StreamField):
            values[f"{field.name}-count"] = "0"
    return values


def upload(name, content):
    """A file for a POST: made at request time, as the test client reads it to the end."""
    return SimpleUploadedFile(name, content)


def pdf(name="intruder.pdf"):
    return upload(name, b"%PDF-1.4 intruder")


def png(name="intruder.png"):
    return upload(name, png_with_text("intruder"))


# --- the admin walk ----------------------------------------------------------------------------------------

# Admin patterns not walked, each with the reason.
NOT_APPLICABLE = {
    "admin/failwhale/": "Wagtail's error test view: raises on purpose for every signed-in user; names no object",
    "admin/logout/": "signs the walking user out; it concerns only the user's own session",
}

# The bulk actions' objects, by model, and the form each action's POST needs.
BULK_MODELS = {
    ("wagtailcore", "page"): "pages",
    ("contacts", "contactperson"): "people",
    ("contacts", "servicepoint"): "service_points",
    ("announcements", "announcement"): "announcements",
    ("wagtaildocs", "document"): "documents",
    ("wagtailimages", "image"): "images",
    ("auth", "user"): "users",
}


def bulk_form(action, me):
    return {
        "move": {"chooser": me.home.pk},  # given information pages only: a move needs a parent type all can have
        "add_tags": {"tags": "intruder"},
        "add_to_collection": {"collection": me.collection.pk},
        "assign_role": {"role": me.roles.editors.pk},
        "set_active_state": {"mark_as_active": "False"},
        "request-changes": {"comment": "Intruder"},
    }.get(action, {})


# Moderation bulk actions (editorial.bulk) that find nothing to do among the walk's objects, for anyone.
BULK_INERT = {
    ("contactperson", "submit"): "each person is published, locked by the moderator or in moderation already",
    ("servicepoint", "submit"): "one service point is published unchanged, the other in moderation already",
    ("servicepoint", "publish"): "one service point is published unchanged, the other locked by the moderator",
}


def objects_of(city, name):
    if name == "pages":  # not the release too: deleting its newsroom deletes it
        return [page for kind, page in city.pages.items() if kind != "release"]
    if name == "users":
        return list(city.users.values())
    if name == "information_pages":
        return [city.pages["livepage"]]
    if name == "unlisted_people":  # deleting a person some page lists is refused to everyone (contacts.usage)
        listed = listings_of(city.people)
        return [person for person in city.people if person.pk not in listed]
    return getattr(city, name)


def ids(objects):
    return "&".join(f"id={item.pk}" for item in objects)


# The moderator's publish button: a write naming another city's objects is tried as publishing them.
PUBLISH = {"action-publish": "action-publish"}


def intruder_title(**extra):
    """A page form's title and slug in every language, for a page that must not come into being."""
    return {**{f"title_{code}": "Intruder" for code in ("fi", "sv", "en")}, "slug_fi": "intruder", **extra}


def head_post(person_id):
    """A page form's head post held by `person_id`, as the editor's nested inline forms post it."""
    appointments = inline_formset([{"person": person_id}])
    post = {"title_fi": "Intruder", "title_sv": "Intruder", "is_head": "on", "appointments": appointments}
    return nested_form_data({"posts": inline_formset([post])})


def stream(field, block_type, value):
    """A StreamField of one block, as the page editor's script posts it."""
    fields = {f"{field}-count": "1", f"{field}-0-type": block_type, f"{field}-0-deleted": "", f"{field}-0-order": "0"}
    fields[f"{field}-0-id"] = ""
    if isinstance(value, dict):
        fields.update({f"{field}-0-value-{name}": item for name, item in value.items()})
    else:
        fields[f"{field}-0-value"] = value
    return fields


def admin_walk(o, me):
    """{route: [Hit]}: each admin pattern, requested with the ids of `o` (the other city) by staff of `me`."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    page = {kind: item.pk for kind, item in o.pages.items()}
    mine = {kind: item.pk for kind, item in me.pages.items()}
    home, my_home = o.home.pk, me.home.pk
    # Where the user's own information pages are moved or copied to: the other city's draft (a valid parent).
    hidden = page["draftpage"]
    task_state = o.page_workflow_state.current_task_state
    revision, scheduled = o.first_revision.pk, o.scheduled_revision.pk
    document, staff_document = o.document.pk, o.staff_document.pk
    image, staff_image = o.image.pk, o.staff_image.pk
    collection, staff_collection = o.collection.pk, o.staff_collection.pk
    user = o.users["editor"].pk
    group = o.roles.editors.pk
    workflow, task = o.roles.workflow.pk, task_state.task_id
    walk = {}

    def add(route, *hits):
        walk.setdefault(route, []).extend(hits)

    add("admin/", G("/admin/"))
    add("admin/test404/", G("/admin/test404/"))

    # The admin API.
    api = "/admin/api/main"
    add(
        "admin/api/main/pages/",
        G(f"{api}/pages/?descendant_of={home}&fields=*"),
        G(f"{api}/pages/?search={word}&fields=*"),
        G(f"{api}/pages/?child_of=root&fields=*"),
    )
    add(
        "admin/api/main/pages/<int:pk>/",
        *[G(f"{api}/pages/{page[kind]}/?fields=*") for kind in ("draftpage", "staffpage")],
    )
    add(
        "admin/api/main/pages/find/",
        G(f"{api}/pages/find/?id={page['draftpage']}"),
        G(f"{api}/pages/find/?html_path=/{o.pages['staffpage'].slug}/"),
    )
    action = f"{api}/pages/{page['draftpage']}/action"
    add(
        "admin/api/main/pages/<int:pk>/action/<str:action_name>/",
        P(f"{action}/copy/", {"destination_page_id": my_home, "slug": "intruder"}, json=True),
        P(f"{action}/delete/", {}, json=True),
        P(f"{action}/publish/", {}, json=True),
        P(f"{api}/pages/{page['department']}/action/unpublish/", {}, json=True),
        P(f"{action}/move/", {"destination_page_id": my_home, "position": "last-child"}, json=True),
        P(f"{api}/pages/{o.alias_page.pk}/action/convert_alias/", {}, json=True),
        P(
            f"{action}/copy_for_translation/",
            {"locale": "sv"},
            json=True,
            inert="translation of pages is off (WAGTAIL_I18N_ENABLED): the action answers 404 to everyone",
        ),
        P(f"{action}/create_alias/", {"destination_page_id": my_home, "slug": "intruder"}, json=True),
        P(f"{api}/pages/{page['livepage']}/action/revert_to_page_revision/", {"revision_id": revision}, json=True),
        # The user's own page into the other city.
        T(f"{api}/pages/{mine['livepage']}/action/move/", {"destination_page_id": hidden}, json=True),
        T(f"{api}/pages/{mine['livepage']}/action/copy/", {"destination_page_id": hidden, "slug": "x"}, json=True),
    )
    for kind, first, second in (("documents", document, staff_document), ("images", image, staff_image)):
        add(
            f"admin/api/main/{kind}/",
            G(f"{api}/{kind}/?fields=*"),
            G(f"{api}/{kind}/?search={word}&fields=*"),
            G(f"{api}/{kind}/?tags={marker(o.code, 'tag' if kind == 'documents' else 'phototag')}"),
        )
        add(f"admin/api/main/{kind}/<int:pk>/", G(f"{api}/{kind}/{first}/"), G(f"{api}/{kind}/{second}/"))
        add(f"admin/api/main/{kind}/find/", G(f"{api}/{kind}/find/?id={second}"))

    # Exploring, adding, editing pages.
    add("admin/pages/", G("/admin/pages/"), G(f"/admin/pages/?q={word}"))
    add(
        "admin/pages/<int:parent_page_id>/",
        G(f"/admin/pages/{home}/"),
        G(f"/admin/pages/{Page.get_first_root_node().pk}/?q={word}"),
    )
    add("admin/pages/<int:parent_page_id>/results/", G(f"/admin/pages/{page['newsroom']}/results/"))
    add_url = f"/admin/pages/add/citycomms/informationpage/{home}/"
    add(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        G(add_url),
        P(add_url, superuser_form(add_url, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",
        G(f"{add_url}preview/"),
        P(f"{add_url}preview/", superuser_form(add_url, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
        G("/admin/pages/usage/citycomms/cityhomepage/"),
        G("/admin/pages/usage/citycomms/informationpage/"),
    )
    add(
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
        G("/admin/pages/usage/departments/departmentpage/results/"),
    )
    add(
        "admin/pages/create/<slug:app_label>/<slug:model_name>",
        G("/admin/pages/create/citycomms/informationpage"),
        G("/admin/pages/create/newsroom/pressreleasepage"),
    )
    add("admin/pages/<int:page_id>/usage/", G(f"/admin/pages/{page['department']}/usage/"))
    edit = f"/admin/pages/{page['draftpage']}/edit/"
    my_department = f"/admin/pages/{mine['department']}/edit/"
    my_release = f"/admin/pages/{mine['release']}/edit/"
    my_press = f"/admin/pages/{mine['presspage']}/edit/"
    add(
        "admin/pages/<int:page_id>/edit/",
        *[G(f"/admin/pages/{page[kind]}/edit/") for kind in ("draftpage", "submittedpage")],
        P(edit, superuser_form(edit, InformationPage, **intruder_title())),
        # The user's own pages, naming the other city's people, service points, documents, images and pages: its
        # public ones, so that only their being another city's is why the writes must be refused.
        # The head: the holder of a head post (departments.posts).
        T(my_department, superuser_form(my_department, DepartmentPage, **PUBLISH, **head_post(o.person_live.pk))),
        T(
            my_department,
            superuser_form(my_department, DepartmentPage, **PUBLISH, **{"page_contacts-0-contact": o.person_live.pk}),
        ),
        T(
            my_department,
            superuser_form(my_department, DepartmentPage, **PUBLISH, **stream("body_fi", "contact", o.person_live.pk)),
        ),
        T(
            my_department,
            superuser_form(
                my_department, DepartmentPage, **PUBLISH, **stream("body_fi", "service_point", o.service_point.pk)
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream(
                    "body_fi",
                    "documents",
                    {
                        "heading": "",
                        "documents-count": "1",
                        "documents-0-value": document,
                        "documents-0-deleted": "",
                        "documents-0-order": "0",
                        "documents-0-id": "",
                    },
                ),
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream("body_fi", "image", {"image": image, "decorative": "", "alt_text": "Kuva"}),
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream(
                    "body_fi",
                    "links",
                    {
                        "heading": "",
                        "links-count": "1",
                        "links-0-value-text": "Linkki",
                        "links-0-value-page": page["livepage"],
                        "links-0-value-url": "",
                        "links-0-deleted": "",
                        "links-0-order": "0",
                        "links-0-id": "",
                    },
                ),
            ),
        ),
        T(my_release, superuser_form(my_release, PressReleasePage, **PUBLISH, organisation=page["department"])),
        T(
            my_release,
            superuser_form(
                my_release, PressReleasePage, **PUBLISH, **{"release_contacts-0-contact": o.person_live.pk}
            ),
        ),
        T(my_press, superuser_form(my_press, PressContactsPage, **PUBLISH, media_desk=o.service_point.pk)),
    )
    add(
        "admin/pages/<int:page_id>/edit/preview/",
        G(f"{edit}preview/"),
        P(f"{edit}preview/", superuser_form(edit, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/<int:page_id>/view_draft/",
        G(f"/admin/pages/{page['draftpage']}/view_draft/"),
        G(f"/admin/pages/{page['submittedpage']}/view_draft/"),
    )
    add("admin/pages/<int:parent_page_id>/add_subpage/", G(f"/admin/pages/{home}/add_subpage/"))
    add(
        "admin/pages/<int:page_id>/delete/",
        G(f"/admin/pages/{page['draftpage']}/delete/"),
        P(f"/admin/pages/{page['draftpage']}/delete/"),
    )
    add(
        "admin/pages/<int:page_id>/unpublish/",
        G(f"/admin/pages/{page['department']}/unpublish/"),
        P(f"/admin/pages/{page['department']}/unpublish/"),
    )
    add(
        "admin/pages/<int:page_id>/convert_alias/",
        G(f"/admin/pages/{o.alias_page.pk}/convert_alias/"),
        P(f"/admin/pages/{o.alias_page.pk}/convert_alias/"),
    )
    for suffix in ("", "results/"):
        add(f"admin/pages/search/{suffix}", G(f"/admin/pages/search/{suffix}?q={word}"))
    add("admin/pages/<int:page_to_move_id>/move/", G(f"/admin/pages/{page['draftpage']}/move/"))
    move_theirs = f"/admin/pages/{page['draftpage']}/move/{my_home}/confirm/"
    move_mine = f"/admin/pages/{mine['livepage']}/move/{hidden}/confirm/"
    add(
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        G(move_theirs),
        P(move_theirs),
        G(move_mine),
        T(move_mine),
    )
    add(
        "admin/pages/<int:page_to_move_id>/set_position/",
        P(f"/admin/pages/{page['draftpage']}/set_position/?position=0"),
    )
    copy = f"/admin/pages/{page['draftpage']}/copy/"
    copy_mine = f"/admin/pages/{mine['livepage']}/copy/"
    add(
        "admin/pages/<int:page_id>/copy/",
        G(copy),
        P(copy, superuser_form(copy, new_slug="intruder", new_parent_page=my_home)),
        T(copy_mine, superuser_form(copy_mine, new_slug="intruder", new_parent_page=hidden)),
    )
    url = f"/admin/pages/workflow/action/{page['submittedpage']}/{{}}/{task_state.pk}/"
    add("admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", *workflow_hits(url))
    add(
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        G(url.replace("/action/", "/collect_action_data/").format("approve")),  # it only shows the form
    )
    add(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        G(f"/admin/pages/workflow/confirm_cancellation/{page['submittedpage']}/"),
    )
    add(
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        G(f"/admin/pages/workflow/preview/{page['submittedpage']}/{task}/"),
    )
    add(
        "admin/pages/<int:page_id>/privacy/",
        G(f"/admin/pages/{page['staffpage']}/privacy/"),
        P(f"/admin/pages/{page['staffpage']}/privacy/", {"restriction_type": "none"}),
        # The user's own staff-only page, for the other city's staff.
        T(f"/admin/pages/{mine['staffpage']}/privacy/", {"restriction_type": "groups", "groups": [group]}),
    )
    add("admin/pages/<int:page_id>/lock/", P(f"/admin/pages/{page['draftpage']}/lock/"))
    add("admin/pages/<int:page_id>/unlock/", P(f"/admin/pages/{page['lockedpage']}/unlock/"))
    add("admin/pages/<int:page_id>/revisions/", G(f"/admin/pages/{page['livepage']}/revisions/"))
    revisions = f"/admin/pages/{page['livepage']}/revisions"
    scheduled_revisions = f"/admin/pages/{page['newsroom']}/revisions"
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
        G(f"{revisions}/{revision}/view/"),
        G(f"{scheduled_revisions}/{scheduled}/view/"),
    )
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        G(f"{revisions}/{revision}/revert/"),
        P(f"{revisions}/{revision}/revert/", superuser_form(f"{revisions}/{revision}/revert/", InformationPage)),
    )
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
        G(f"{scheduled_revisions}/{scheduled}/unschedule/"),
        P(f"{scheduled_revisions}/{scheduled}/unschedule/"),
    )
    add(
        r"admin/pages/(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$",
        G(f"{revisions}/compare/earliest...latest/"),
    )
    add(
        "admin/pages/<int:page_id>/workflow_history/",
        G(f"/admin/pages/{page['submittedpage']}/workflow_history/"),
    )
    add(
        "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
        G(f"/admin/pages/{page['submittedpage']}/workflow_history/detail/{o.page_workflow_state.pk}/"),
    )
    for suffix in ("", "results/"):
        add(f"admin/pages/<int:page_id>/history/{suffix}", G(f"/admin/pages/{page['livepage']}/history/{suffix}"))
    add(
        r"admin/pages/(?P<page_id>\d+)/edit/copy_translation_content/$",
        G(f"/admin/pages/{page['draftpage']}/edit/copy_translation_content/"),
    )

    # Choosers.
    add("admin/choose-page/", G("/admin/choose-page/"), G("/admin/choose-page/?page_type=citycomms.informationpage"))
    add("admin/choose-page/<int:parent_page_id>/", G(f"/admin/choose-page/{home}/"))
    add("admin/choose-page/search/", G(f"/admin/choose-page/search/?q={word}"))
    add("admin/choose-page/chosen-multiple/", G(f"/admin/choose-page/chosen-multiple/?{ids(o.pages.values())}"))
    for kind in ("external", "email", "phone", "anchor"):
        add(f"admin/choose-{kind}-link/", G(f"/admin/choose-{kind}-link/"))
    add("admin/tag-autocomplete/", G(f"/admin/tag-autocomplete/?term={word}"))
    add(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        G(f"/admin/tag-autocomplete/wagtaildocs/document/?term={word}"),
        G(f"/admin/tag-autocomplete/wagtailimages/image/?term={word}"),
    )

    # Collections.
    add("admin/collections/", G("/admin/collections/"))
    add(
        "admin/collections/add/",
        G("/admin/collections/add/"),
        P("/admin/collections/add/", {"name": "Intruder", "parent": collection}),
    )
    archive = o.archive.pk
    add(
        "admin/collections/<int:pk>/",
        G(f"/admin/collections/{staff_collection}/"),
        P(f"/admin/collections/{archive}/", {"name": "Intruder", "parent": collection}),
    )
    add(
        "admin/collections/<int:pk>/delete/",
        G(f"/admin/collections/{staff_collection}/delete/"),
        P(f"/admin/collections/{archive}/delete/"),  # an empty one: Wagtail deletes no other
    )
    add(
        "admin/collections/<int:collection_id>/privacy/",
        G(f"/admin/collections/{staff_collection}/privacy/"),
        P(f"/admin/collections/{staff_collection}/privacy/", {"restriction_type": "none"}),
        T(
            f"/admin/collections/{me.staff_collection.pk}/privacy/",
            {"restriction_type": "groups", "groups": [group]},
        ),
    )

    # Workflows and tasks.
    workflows = "/admin/workflows"
    add("admin/workflows/list/", G(f"{workflows}/list/"))
    add("admin/workflows/list/results/", G(f"{workflows}/list/results/"))
    add(
        "admin/workflows/add/",
        G(f"{workflows}/add/"),
        P(
            f"{workflows}/add/",
            superuser_form(
                f"{workflows}/add/",
                name="Intruder",
                **{"pages-TOTAL_FORMS": "1", "pages-0-page": page["livepage"], "workflow_tasks-TOTAL_FORMS": "1"},
                **{"workflow_tasks-0-task": task, "workflow_tasks-0-ORDER": "1", "workflow_tasks-0-id": ""},
            ),
        ),
    )
    add("admin/workflows/enable/<int:pk>/", P(f"{workflows}/enable/{o.old_workflow.pk}/"))
    add(
        "admin/workflows/disable/<int:pk>/",
        G(f"{workflows}/disable/{workflow}/"),
        P(f"{workflows}/disable/{workflow}/"),
    )
    add(
        "admin/workflows/edit/<int:pk>/",
        G(f"{workflows}/edit/{workflow}/"),
        P(f"{workflows}/edit/{workflow}/", superuser_form(f"{workflows}/edit/{workflow}/", name="Intruder")),
    )
    add("admin/workflows/usage/<int:pk>/", G(f"{workflows}/usage/{workflow}/"))
    add("admin/workflows/usage/<int:pk>/results/", G(f"{workflows}/usage/{workflow}/results/"))
    add("admin/workflows/remove/<int:page_pk>/", P(f"{workflows}/remove/{home}/"))
    add("admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/", P(f"{workflows}/remove/{home}/{workflow}/"))
    add(
        "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/",
        G(f"{workflows}/tasks/add/wagtailcore/groupapprovaltask/"),
        P(f"{workflows}/tasks/add/wagtailcore/groupapprovaltask/", {"name": "Intruder", "groups": [group]}),
    )
    add("admin/workflows/tasks/select_type/", G(f"{workflows}/tasks/select_type/"))
    add("admin/workflows/tasks/index/", G(f"{workflows}/tasks/index/"))
    add("admin/workflows/tasks/index/results/", G(f"{workflows}/tasks/index/results/"))
    add(
        "admin/workflows/tasks/edit/<int:pk>/",
        G(f"{workflows}/tasks/edit/{task}/"),
        P(f"{workflows}/tasks/edit/{task}/", {"name": "Intruder", "groups": [me.roles.moderators.pk]}),
    )
    add(
        "admin/workflows/tasks/disable/<int:pk>/",
        G(f"{workflows}/tasks/disable/{task}/"),
        P(f"{workflows}/tasks/disable/{task}/"),
    )
    add("admin/workflows/tasks/enable/<int:pk>/", P(f"{workflows}/tasks/enable/{o.old_task.pk}/"))
    add("admin/workflows/task_chooser/", G(f"{workflows}/task_chooser/"))
    add("admin/workflows/task_chooser/results/", G(f"{workflows}/task_chooser/results/?q=approval"))
    add(
        "admin/workflows/task_chooser/create/",
        G(f"{workflows}/task_chooser/create/"),
        P(
            f"{workflows}/task_chooser/create/?create_model=wagtailcore.groupapprovaltask",
            superuser_form(
                f"{workflows}/task_chooser/create/?create_model=wagtailcore.groupapprovaltask",
                **{"create-task-name": "Intruder", "create-task-groups": [group]},
            ),
        ),
    )
    add("admin/workflows/task_chooser/<int:task_id>/", G(f"{workflows}/task_chooser/{task}/"))

    # Reports, with their exports.
    for report in ("locked", "workflow", "workflow_tasks", "site-history", "aging-pages", "page-types-usage"):
        add(
            f"admin/reports/{report}/",
            G(f"/admin/reports/{report}/"),
            G(f"/admin/reports/{report}/?export=csv"),
            G(f"/admin/reports/{report}/?export=xlsx"),
        )
        add(f"admin/reports/{report}/results/", G(f"/admin/reports/{report}/results/"))
    for report in ("translations", "freshness", "contact-checks"):
        add(
            f"admin/editorial/{report}/",
            G(f"/admin/editorial/{report}/"),
            G(f"/admin/editorial/{report}/?export=csv"),
            G(f"/admin/editorial/{report}/?export=xlsx"),
        )
        add(f"admin/editorial/{report}/results/", G(f"/admin/editorial/{report}/results/"))
    # An editor's request to unpublish a page, and a moderator's decision (editorial.unpublishing).
    ask = f"/admin/editorial/unpublish/{page['livepage']}/"
    add(
        "admin/editorial/unpublish/<int:page_id>/",
        G(ask),
        P(ask, {"reason": "Intruder"}, inert="one who may unpublish is sent to Wagtail's unpublish instead"),
    )
    decide = f"/admin/editorial/unpublish-requests/{o.unpublish_request.pk}/"
    add(
        "admin/editorial/unpublish-requests/<int:pk>/",
        G(decide),
        P(decide, {"approve": "1", "include_subpages": "on"}),
        P(decide, {"reject": "1", "comment": "Intruder"}),
    )

    # An import reviewed as one: its screen, approving it all and requesting changes (editorial.imports).
    review = f"/admin/editorial/imports/{o.import_batch.pk}/"
    add(
        "admin/editorial/imports/<int:pk>/",
        G(review),
        P(review, {"approve": "1"}),
        P(review, {"request-changes": "1", "comment": "Intruder"}),
    )

    # The user's own account and session; the editor's helpers.
    add("admin/account/", G("/admin/account/"))
    add("admin/dismissibles/", G("/admin/dismissibles/"))
    session = o.editing_session.pk
    add(
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
        P(f"/admin/editing-sessions/ping/wagtailcore/page/{page['draftpage']}/{session}/"),
        P(f"/admin/editing-sessions/ping/contacts/contactperson/{o.person_draft.pk}/{session}/"),
    )
    add(
        "admin/editing-sessions/release/<int:session_id>/",
        P(f"/admin/editing-sessions/release/{session}/", inert="it releases only the user's own sessions"),
    )
    add("admin/block-preview/", G("/admin/block-preview/?id=contacts.blocks.ContactCardBlock"))
    add("admin/sprite/", G("/admin/sprite/"))
    add("admin/login/", G("/admin/login/"))
    add("admin/jsi18n/", G("/admin/jsi18n/"))
    add("admin/password_reset/", G("/admin/password_reset/"))
    add("admin/password_reset/done/", G("/admin/password_reset/done/"))
    add(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        G(f"/admin/password_reset/confirm/{urlsafe_base64_encode(str(user).encode())}/set-password/"),
    )
    add("admin/password_reset/complete/", G("/admin/password_reset/complete/"))
    add(r"admin/.*/$", G("/admin/no-such-screen/"))

    # Contacts: the import.
    csv_file = (
        ",".join(CONTACT_COLUMNS) + "\n" + ",".join("Intruder" if c.endswith("name") else "" for c in CONTACT_COLUMNS)
    )

    def previewed(walker):
        """The import's second step: the file (for the other city) is read and shown first, then confirmed."""
        walker.client.post("/admin/contacts/import/", {"city": home, "file": upload("c.csv", csv_file.encode())})
        return {"confirm": "1"}

    add(
        "admin/contacts/import/",
        G("/admin/contacts/import/"),
        P(
            "/admin/contacts/import/",
            lambda walker: {"city": home, "file": upload("c.csv", csv_file.encode())},
            inert="the first step only reads the file and shows its rows",
        ),
        P("/admin/contacts/import/", previewed),
    )

    # Settings, redirects, embeds.
    settings_url = f"/admin/settings/citycomms/citysettings/{o.site.pk}/"
    add("admin/settings/<slug:app_name>/<slug:model_name>/", G("/admin/settings/citycomms/citysettings/"))
    add(
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
        G(settings_url),
        P(settings_url, superuser_form(settings_url, brand_colour="#000000")),
    )
    add("admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/", G(f"{settings_url}preview/"))
    redirect = o.redirect.pk
    add("admin/redirects/", G(f"/admin/redirects/?q={word}"))
    add("admin/redirects/results/", G(f"/admin/redirects/results/?q={word}"))
    add(
        "admin/redirects/add/",
        G("/admin/redirects/add/"),
        P(
            "/admin/redirects/add/",
            {
                "old_path": "/intruder",
                "site": o.site.pk,
                "redirect_link": "https://example.org/",
                "is_permanent": "on",
            },
        ),
    )
    add(
        "admin/redirects/<int:redirect_id>/",
        G(f"/admin/redirects/{redirect}/"),
        P(f"/admin/redirects/{redirect}/", superuser_form(f"/admin/redirects/{redirect}/", old_path="/intruder")),
    )
    add(
        "admin/redirects/<int:redirect_id>/delete/",
        G(f"/admin/redirects/{redirect}/delete/"),
        P(f"/admin/redirects/{redirect}/delete/"),
    )
    add("admin/redirects/import/", G("/admin/redirects/import/"))

    def uploaded_redirects(walker):
        """The redirect import's second step: the file the first step (the superuser's) took, for the other site."""
        client = Client(HTTP_HOST=walker.client.defaults["HTTP_HOST"])
        client.force_login(get_user_model().objects.get(username="walk-superuser"))
        csv = upload("r.csv", b"from,to\n/intruder,https://example.org/\n")
        response = client.post("/admin/redirects/import/", {"import_file": csv, "input_format": "csv"})
        return {**form_values(response.content.decode()), "from_index": "0", "to_index": "1", "site": o.site.pk}

    add("admin/redirects/import/process/", P("/admin/redirects/import/process/", uploaded_redirects))
    add("admin/embeds/chooser/", G("/admin/embeds/chooser/"))
    add("admin/embeds/chooser/upload/", G("/admin/embeds/chooser/upload/"))
    add("admin/snippets/", G("/admin/snippets/"))

    # Documents and images.
    for kind, first, second, prefix, make_file in (
        ("documents", document, staff_document, "doc", pdf),
        ("images", image, staff_image, "image", png),
    ):
        upload_id = o.uploads["document" if kind == "documents" else "image"].pk
        add(
            f"admin/{kind}/",
            G(f"/admin/{kind}/?q={word}"),
            G(f"/admin/{kind}/?collection_id={staff_collection}"),
            G(f"/admin/{kind}/?tag={marker(o.code, 'tag' if kind == 'documents' else 'phototag')}"),
        )
        add(f"admin/{kind}/results/", G(f"/admin/{kind}/results/?q={word}"))
        add(
            f"admin/{kind}/add/",
            G(f"/admin/{kind}/add/"),
            P(
                f"/admin/{kind}/add/",
                lambda walker, make_file=make_file: {
                    "title": "Intruder",
                    "file": make_file(),
                    "collection": collection,
                },
            ),
        )
        edit_route, edit_url = (
            ("admin/documents/edit/<int:document_id>/", f"/admin/documents/edit/{second}/")
            if kind == "documents"
            else ("admin/images/<int:image_id>/", f"/admin/images/{second}/")
        )
        my_item = me.document.pk if kind == "documents" else me.image.pk
        my_edit_url = edit_url.replace(f"/{second}/", f"/{my_item}/")
        add(
            edit_route,
            G(edit_url),
            P(edit_url, superuser_form(edit_url, title="Intruder")),
            # The user's own file into the other city's collection.
            T(my_edit_url, superuser_form(my_edit_url, collection=collection)),
        )
        delete_route = (
            "admin/documents/delete/<int:document_id>/"
            if kind == "documents"
            else "admin/images/<int:image_id>/delete/"
        )
        delete_url = f"/admin/documents/delete/{second}/" if kind == "documents" else f"/admin/images/{second}/delete/"
        add(delete_route, G(delete_url), P(delete_url))
        add(
            f"admin/{kind}/multiple/add/",
            G(f"/admin/{kind}/multiple/add/"),
            P(
                f"/admin/{kind}/multiple/add/",
                lambda walker, make_file=make_file: {"files[]": make_file(), "collection": collection},
            ),
        )
        object_argument = "doc_id" if kind == "documents" else "image_id"
        add(
            f"admin/{kind}/multiple/<int:{object_argument}>/",
            P(
                f"/admin/{kind}/multiple/{second}/",
                {f"{prefix}-{second}-title": "Intruder", f"{prefix}-{second}-collection": me.collection.pk},
            ),
        )
        add(f"admin/{kind}/multiple/<int:{object_argument}>/delete/", P(f"/admin/{kind}/multiple/{second}/delete/"))
        singular = "document" if kind == "documents" else "image"
        uploader_only = "Wagtail lets only the uploader finish or drop an upload"
        add(
            f"admin/{kind}/multiple/create_from_uploaded_{singular}/<int:uploaded_file_id>/",
            P(
                f"/admin/{kind}/multiple/create_from_uploaded_{singular}/{upload_id}/",
                {
                    f"uploaded-{singular}-{upload_id}-title": "Intruder",
                    f"uploaded-{singular}-{upload_id}-collection": me.collection.pk,
                },
                inert=uploader_only,
            ),
        )
        add(
            f"admin/{kind}/multiple/delete_upload/<int:uploaded_file_id>/",
            P(f"/admin/{kind}/multiple/delete_upload/{upload_id}/", inert=uploader_only),
        )
        add(f"admin/{kind}/usage/<int:{singular}_id>/", G(f"/admin/{kind}/usage/{second}/"))
        chooser = f"/admin/{kind}/chooser"
        add(f"admin/{kind}/chooser/", G(f"{chooser}/?collection_id={staff_collection}"))
        add(f"admin/{kind}/chooser/results/", G(f"{chooser}/results/?q={word}"))
        add(f"admin/{kind}/chooser/chosen/<str:pk>/", G(f"{chooser}/chosen/{second}/"))
        add(f"admin/{kind}/chooser/chosen-multiple/", G(f"{chooser}/chosen-multiple/?id={first}&id={second}"))
        add(
            f"admin/{kind}/chooser/create/",
            G(f"{chooser}/create/"),
            P(
                f"{chooser}/create/",
                lambda walker, make_file=make_file, singular=singular: {
                    f"{singular}-chooser-upload-title": "Intruder",
                    f"{singular}-chooser-upload-file": make_file(),
                    f"{singular}-chooser-upload-collection": collection,
                },
            ),
        )
    add("admin/images/<int:image_id>/generate_url/", G(f"/admin/images/{staff_image}/generate_url/"))
    add(
        "admin/images/<int:image_id>/generate_url/output/",
        G(f"/admin/images/{staff_image}/generate_url/output/?filter_method=original"),
    )
    add(
        "admin/images/<int:image_id>/preview/<str:filter_spec>/",
        G(f"/admin/images/{staff_image}/preview/original/", serves_file=True),
        G(f"/admin/images/{staff_image}/preview/width-100/", serves_file=True),
    )
    add(
        "admin/images/chooser/<int:image_id>/select_format/",
        G(f"/admin/images/chooser/{staff_image}/select_format/"),
        P(
            f"/admin/images/chooser/{staff_image}/select_format/",
            {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-alt_text": "x"},
        ),
    )

    # Contact people, service points and announcements.
    for model, draft, live, submitted, state in (
        (ContactPerson, o.person_draft, o.person_live, o.person_submitted, o.contact_workflow_state),
        (ServicePoint, o.service_draft, o.service_point, o.service_draft, o.service_workflow_state),
        (
            Announcement,
            o.announcement_draft,
            o.announcement_live,
            o.announcement_submitted,
            o.announcement_workflow_state,
        ),
    ):
        app_label, model_name = model._meta.app_label, model._meta.model_name
        base = f"admin/snippets/{app_label}/{model_name}/"
        url = f"/{base}"
        task_state_id = state.current_task_state.pk
        add(
            base,
            G(f"{url}?q={word}"),
            G(f"{url}?city={home}"),
            G(f"{url}?export=csv"),
            G(f"{url}?export=xlsx"),
        )
        add(f"{base}results/", G(f"{url}results/?q={word}"))
        add(
            f"{base}add/",
            G(f"{url}add/"),
            P(f"{url}add/", superuser_form(f"{url}add/", model, city=home, **intruder_name(model_name))),
        )
        add(
            f"{base}edit/<int:pk>/",
            G(f"{url}edit/{draft.pk}/"),
            P(f"{url}edit/{draft.pk}/", superuser_form(f"{url}edit/{draft.pk}/", model, **intruder_name(model_name))),
        )
        if model_name == "contactperson":
            mine_url = f"{url}edit/{me.person_live.pk}/"
            walk[f"{base}edit/<int:pk>/"] += [
                # The user's own person with the other city's image as photo, or moved to that city.
                T(mine_url, superuser_form(mine_url, model, **PUBLISH, photo=image)),
                T(mine_url, superuser_form(mine_url, model, **PUBLISH, city=home)),
            ]
        add(f"{base}delete/<int:pk>/", G(f"{url}delete/{draft.pk}/"), P(f"{url}delete/{draft.pk}/"))
        if model_name == "contactperson":
            replace = f"/admin/contacts/people/{live.pk}/replace/"
            add(
                "admin/contacts/people/<int:pk>/replace/",
                G(replace),
                P(replace, {"replacement": me.person_live.pk}, inert="a replacement of another city: refused to all"),
                P(replace, {"replacement": REMOVE}),  # take them off every page
            )
        if app_label == "contacts":
            kind = "people" if model_name == "contactperson" else "service-points"
            checked = f"/admin/contacts/{kind}/{live.pk}/checked/"
            add(f"admin/contacts/{kind}/<int:pk>/checked/", G(checked), P(checked))  # "Still correct"
        add(f"{base}usage/<int:pk>/", G(f"{url}usage/{live.pk}/"))
        add(f"{base}history/<int:pk>/", G(f"{url}history/{draft.pk}/"))
        add(f"{base}history-results/<int:pk>/", G(f"{url}history-results/{draft.pk}/"))
        add(f"{base}copy/<int:pk>/", G(f"{url}copy/{draft.pk}/"))
        draft_revision = draft.latest_revision.pk
        revert = f"{url}history/{draft.pk}/revisions/{draft_revision}/revert/"
        add(
            f"{base}history/<int:pk>/revisions/<int:revision_id>/revert/",
            G(revert),
            P(revert, superuser_form(revert, model, **intruder_name(model_name))),
        )
        add(
            f"{base}history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
            "(?P<revision_id_b>live|latest|\\d+)/$",
            G(f"{url}history/{live.pk}/revisions/compare/earliest...latest/"),
        )
        unschedule = f"{url}history/{draft.pk}/revisions/{draft_revision}/unschedule/"
        add(f"{base}history/<int:pk>/revisions/<int:revision_id>/unschedule/", G(unschedule), P(unschedule))
        add(f"{base}unpublish/<int:pk>/", G(f"{url}unpublish/{live.pk}/"), P(f"{url}unpublish/{live.pk}/"))
        add(f"{base}lock/<int:pk>/", P(f"{url}lock/{live.pk}/"))
        add(f"{base}unlock/<int:pk>/", P(f"{url}unlock/{draft.pk}/"))  # the draft is locked
        action_url = f"{url}workflow/action/{submitted.pk}/{{}}/{task_state_id}/"
        add(f"{base}workflow/action/<int:pk>/<slug:action_name>/<int:task_state_id>/", *workflow_hits(action_url))
        add(
            f"{base}workflow/collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/",
            G(action_url.replace("/action/", "/collect_action_data/").format("approve")),  # it only shows the form
        )
        add(
            f"{base}workflow/confirm_cancellation/<int:pk>/",
            G(f"{url}workflow/confirm_cancellation/{submitted.pk}/"),
        )
        add(f"{base}workflow_history/<int:pk>/", G(f"{url}workflow_history/{submitted.pk}/"))
        add(
            f"{base}workflow_history/<int:pk>/detail/<int:workflow_state_id>/",
            G(f"{url}workflow_history/{submitted.pk}/detail/{state.pk}/"),
        )
        chooser = f"/admin/snippets/choose/{app_label}/{model_name}"
        add(f"admin/snippets/choose/{app_label}/{model_name}/", G(f"{chooser}/?q={word}"))
        add(f"admin/snippets/choose/{app_label}/{model_name}/results/", G(f"{chooser}/results/?q={word}"))
        add(f"admin/snippets/choose/{app_label}/{model_name}/chosen/<str:pk>/", G(f"{chooser}/chosen/{draft.pk}/"))
        add(
            f"admin/snippets/choose/{app_label}/{model_name}/chosen-multiple/",
            G(f"{chooser}/chosen-multiple/?id={draft.pk}&id={live.pk}"),
        )
        add(
            f"admin/snippets/choose/{app_label}/{model_name}/create/",
            G(f"{chooser}/create/"),
            P(
                f"{chooser}/create/",
                superuser_form(f"{url}add/", model, city=home, **intruder_name(model_name)),
                inert="the snippet chooser has no creation form: Wagtail's view fails (500) for everyone",
            ),
        )

    # Sites, users, groups.
    for base, pk, form in (
        ("sites", o.site.pk, {"hostname": "intruder.localhost"}),
        ("users", user, {"username": "intruder"}),
        ("groups", group, {"name": "Intruder"}),
    ):
        url = f"/admin/{base}"
        add(f"admin/{base}/", G(f"{url}/?q={word}"))
        add(f"admin/{base}/results/", G(f"{url}/results/?q={word}"))
        add(f"admin/{base}/new/", G(f"{url}/new/"))
        add(
            f"admin/{base}/edit/<int:pk>/",
            G(f"{url}/edit/{pk}/"),
            P(f"{url}/edit/{pk}/", superuser_form(f"{url}/edit/{pk}/", **form)),
        )
        add(f"admin/{base}/delete/<int:pk>/", G(f"{url}/delete/{pk}/"), P(f"{url}/delete/{pk}/"))
        add(f"admin/{base}/history/<int:pk>/", G(f"{url}/history/{pk}/"))
        add(f"admin/{base}/history-results/<int:pk>/", G(f"{url}/history-results/{pk}/"))
        add(f"admin/{base}/usage/<int:pk>/", G(f"{url}/usage/{pk}/"))
        if base != "groups":
            add(f"admin/{base}/copy/<int:pk>/", G(f"{url}/copy/{pk}/"))

    # Bulk actions: every registered one, on the other city's objects, and on the user's own towards the other city.
    bulk_action_registry._scan_for_bulk_actions()
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action_name in actions:
                objects = BULK_MODELS[(app_label, model_name)]  # each action its own: a move's are not the next's
                if action_name == "move":
                    objects = "information_pages"
                elif (model_name, action_name) == ("contactperson", "delete"):
                    objects = "unlisted_people"
                chosen = objects_of(o, objects)
                url = f"/admin/bulk/{app_label}/{model_name}/{action_name}/?{ids(chosen)}"
                add(
                    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
                    G(url),
                    P(url, bulk_form(action_name, me), inert=BULK_INERT.get((model_name, action_name), "")),
                )
    towards = {
        "move": ("wagtailcore/page", "information_pages", {"chooser": hidden}),
        "add_to_collection": ("wagtaildocs/document", "documents", {"collection": collection}),
    }
    for action_name, (model_path, objects, form) in towards.items():
        url = f"/admin/bulk/{model_path}/{action_name}/?{ids(objects_of(me, objects))}"
        add("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", T(url, form))
    url = f"/admin/bulk/wagtailimages/image/add_to_collection/?{ids(me.images)}"
    add("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", T(url, {"collection": collection}))
    return walk


def workflow_hits(url):
    """A workflow action's screen, and both of its actions taken: `url` has {} for the action's name."""
    return [G(url.format("approve")), P(url.format("approve"), {"comment": "Intruder"}), P(url.format("reject"))]


def intruder_name(model_name):
    if model_name == "contactperson":
        return {"first_name": "Intruder", "last_name": "Intruder", "email": "intruder@example.org"}
    if model_name == "announcement":
        return translated("text", "Intruder")
    return {f"name_{code}": "Intruder" for code in ("fi", "sv", "en")}


# --- the public walk ---------------------------------------------------------------------------------------


def page_paths(city, language):
    """The public address of each of the city's pages (live or not) in `language`, by kind."""
    with translation.override(language):
        return {kind: page.get_url_parts()[2] for kind, page in city.pages.items()}


def public_walk(x, y):
    """[Hit]: every public route of `x`'s site, asked also about the other city `y`'s pages, people and files."""
    hits = [
        G(path) for path in ("/", "/healthz", "/readyz", "/city.css", "/favicon.ico", "/sitemap.xml", "/robots.txt")
    ]
    words = [f"{x.code}secret", f"{y.code}secret"]
    languages = CitySettings.for_site(x.site).languages
    first = languages[0]
    paths = {language: page_paths(x, language) for language in languages}
    not_public = [kind for kind in x.pages if kind not in PUBLIC_KINDS]
    for language in languages:
        hits += [G(f"/{language}/")] + [G(path) for path in paths[language].values()]
        newsroom = paths[language]["newsroom"]
        hits += [G(f"{newsroom}feed/rss/"), G(f"{newsroom}feed/atom/")]
        hits += [G(f"/{language}/search/?q={word}") for word in words]
        hits += [G(f"/{language}/vcard/media.vcf"), G(f"/{language}/media-contacts.csv")]
        hits += [G(f"/api/v2/pages/?lang={language}&fields=*"), G(f"/api/v2/contacts/?lang={language}&fields=*")]
        hits += [G(f"/{language}/announcements/feed/atom/"), G(f"/api/v2/announcements/?lang={language}&fields=*")]
    # The other city's pages by their own addresses, in a language both cities have.
    shared = next(code for code in languages if code in CitySettings.for_site(y.site).languages)
    hits += [G(path) for path in page_paths(y, shared).values()]
    newsroom, staff_page = paths[first]["newsroom"], x.pages["staffpage"]
    hits += [G(f"{newsroom}?department={page.pk}") for page in (y.pages["department"], staff_page)]
    hits += [G(f"{paths[first]['presspage']}?q={word}") for word in words]
    hits += [G(f"/{first}/_util/login/?next={paths[first]['staffpage']}")]
    hits += [G(f"/{first}/_util/authenticate_with_password/{x.page_restriction.pk}/{staff_page.pk}/")]
    hits += [G(f"/{x.code}secret-redirect"), G(f"/{y.code}secret-redirect")]

    # The read API: every page and person of both cities by id; the city's unpublished and staff-only ones
    # also by the other ways of finding them.
    api = "/api/v2"
    hits += [G(f"{api}/pages/?search={word}&fields=*") for word in words]
    hits += [G(f"{api}/contacts/?search={word}&fields=*") for word in words]
    hits += [G(f"{api}/pages/?type={page_type}&fields=*") for page_type in PUBLIC_API_TYPES]
    hits += [G(f"{api}/pages/?{relation}={y.home.pk}&fields=*") for relation in ("child_of", "descendant_of")]
    hits += [G(f"{api}/pages/?descendant_of={staff_page.pk}&fields=*")]
    for city in (x, y):
        hits += [G(f"{api}/pages/{page.pk}/?fields=*") for page in city.pages.values()]
        hits += [G(f"{api}/contacts/{person.pk}/?fields=*") for person in city.people]
        hits += [G(f"/{first}/vcard/{person.pk}.vcf") for person in city.people]  # the same in every language
        hits += [G(f"{api}/announcements/{item.pk}/?fields=*") for item in city.announcements]
    hits += [G(f"{api}/pages/find/?id={x.pages[kind].pk}") for kind in not_public]
    hits += [G(f"{api}/pages/find/?html_path={paths[first][kind]}") for kind in not_public]
    hits += [G(f"{api}/pages/find/?id={y.pages['draftpage'].pk}")]
    hits += [G(f"{api}/contacts/find/?id={person.pk}") for person in x.people[1:] + [y.person_draft]]
    hits += [G(f"{api}/announcements/find/?id={item.pk}") for item in x.announcements + [y.announcement_live]]
    pages = [x.pages[kind] for kind in not_public] + [y.pages["department"], y.pages["staffpage"]]
    hits += [G(f"/{first}/vcard/page/{page.pk}.vcf") for page in pages]

    # Files: the city's own, by every route that could serve them (they are not kept apart by host).
    for document in x.documents:
        secret = document == x.staff_document
        hits += [G(f"/documents/{document.pk}/{document.filename}", serves_file=secret)]
        hits += [G(f"/documents/{document.pk}/", serves_file=secret)]
        hits += [G(document.file.url, serves_file=secret)]
    hits += [G(f"/documents/authenticate_with_password/{x.staff_restriction.pk}/")]
    for image in x.images:
        secret = image == x.staff_image
        hits += [G(image.file.url, serves_file=secret)]
        hits += [G(image.get_rendition(spec).url, serves_file=secret) for spec in ("fill-96x96", "original")]
    hits += [G(item.file.url, serves_file=True) for item in x.uploads.values()]
    return hits


PUBLIC_API_TYPES = [
    "citycomms.InformationPage",
    "departments.DepartmentPage",
    "newsroom.PressReleasePage",
    "press.PressContactsPage",
]


# --- the URL configuration ---------------------------------------------------------------------------------


def every_route(patterns=None, prefix=""):
    """Every leaf route of the URL configuration, as resolve() names it, with "<lang>/" for a language prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        for pattern in get_resolver().url_patterns if patterns is None else patterns:
            route = prefix + str(pattern.pattern).replace("^", "")
            if isinstance(pattern, URLResolver):
                yield from every_route(pattern.url_patterns, route)
            else:
                yield normal_route(route, settings.LANGUAGE_CODE)


def normal_route(route, language):
    return f"<lang>/{route.removeprefix(f'{language}/')}" if route.startswith(f"{language}/") else route


def route_of(path):
    """The route that answers `path` (None when none does), as every_route() names it."""
    path = urlsplit(path).path
    first = path.lstrip("/").split("/", 1)[0]
    language = first if first in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return normal_route(resolve(path).route, language)
        except Resolver404:
            return None


# --- checking what came back -------------------------------------------------------------------------------


def without_echo(text, path):
    """`text` without the request's own address and query values: a page may repeat what it was asked. Only
    whole words are taken out: the query "gotsecret" leaves "gotsecret-draftpage" found in the results."""
    echoes = {path, quote(path), quote(path, safe=""), urlsplit(path).path}
    values = [value for _name, value in parse_qsl(urlsplit(path).query)]
    # As asked, and as links that keep the query string carry it (the language switcher's).
    echoes |= {*values, *(quote(value, safe="") for value in values), urlsplit(path).query}
    for echo in sorted(echoes, key=len, reverse=True):
        if echo:
            before = r"(?<![\w-])" if re.match(r"[\w-]", echo) else ""
            after = r"(?![\w-])" if re.search(r"[\w-]$", echo) else ""
            text = re.sub(before + re.escape(echo.lower()) + after, "", text)
    return text


def context(text, string, width=60):
    """Where `string` first occurs in `text`, with some text around it, on one line."""
    at = text.index(string)
    around = " ".join(text[max(0, at - width) : at + len(string) + width].split())
    return f"  «…{around}…»"


def is_file(seen):
    """A 200 that answers a file's bytes rather than a page about it."""
    content_type = seen.content_type.split(";")[0].strip()
    return seen.status == 200 and content_type not in {"text/html", "application/json", ""}


def walk_one(walker, hit, forbidden, names=()):
    """The problems of one request; one the walk could not even make (its form unreadable …) is one too."""
    try:
        seen = walker.request(hit)
    except Exception as error:  # reported with the others: the walk goes on
        return [f"{hit.method} {hit.path} → the walk could not make the request: {error!r}"]
    return problems_of(hit, seen, forbidden, names)


def problems_of(hit, seen, forbidden, names=()):
    """What is wrong with one response: a server error, a forbidden marker, a file served, a database change."""
    where = f"{hit.method} {hit.path}"
    problems = []
    if seen.status >= 500:
        problems.append(f"{where} → {seen.status} {seen.error}")
    text = without_echo(seen.text, hit.path)
    leaked = found(text, forbidden)
    if leaked:
        problems.append(f"{where} → {seen.status} shows {', '.join(leaked)}{context(text, leaked[0])}")
    leaked_names = found(text, names)
    if leaked_names:
        problems.append(
            f"{where} → {seen.status} names the other city: {', '.join(leaked_names)}{context(text, leaked_names[0])}"
        )
    if hit.serves_file and is_file(seen):
        problems.append(f"{where} → {seen.status} serves the file ({seen.content_type})")
    if seen.changes:
        problems.append(f"{where} → {seen.status} changed the database: {'; '.join(seen.changes)}")
    return problems


# --- the tests ---------------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db

STAFF = [(key, role) for key in CITIES for role in ("editor", "moderator")]


def test_every_url_pattern_is_walked(world):
    """Every pattern of the URL configuration is walked or listed in NOT_APPLICABLE with the reason; each walked
    address answers to the pattern it is listed under."""
    helsinki, goteborg = world["helsinki"], world["goteborg"]
    walk = admin_walk(goteborg, helsinki)
    misfiled = [
        f"{hit.path} is listed under {route} but answers to {route_of(hit.path)}"
        for route, hits in walk.items()
        for hit in hits
        if route_of(hit.path) != route
    ]
    visited = set(walk) | {
        route_of(hit.path) for hit in public_walk(helsinki, goteborg) + public_walk(goteborg, helsinki)
    }
    routes = set(every_route())
    missed = sorted(route for route in routes if route not in visited and route not in NOT_APPLICABLE)
    stale = sorted(route for route in set(walk) | set(NOT_APPLICABLE) if route not in routes)
    assert misfiled == [], "\n".join(misfiled)
    assert missed == [], "URL patterns neither walked nor in NOT_APPLICABLE:\n" + "\n".join(missed)
    assert stale == [], "walked or excused patterns the URL configuration no longer has:\n" + "\n".join(stale)


@pytest.mark.parametrize(("key", "role"), STAFF)
def test_the_admin_shows_and_accepts_nothing_of_another_city(world, key, role):
    """Every admin pattern, with the other city's ids: no marker or name of the other city in any response, no
    server error, and every POST refused with the database unchanged."""
    me, o = world[key], other(world, key)
    walker = Walker(me.users[role], me.host, own=me)
    forbidden, names = o.markers, CITY_NAMES[o.key]
    problems, done = [], set()
    for hits in admin_walk(o, me).values():
        for hit in hits:
            if hit.key in done or (hit.towards and role != "moderator"):
                continue
            done.add(hit.key)
            problems += walk_one(walker, hit, forbidden, names)
    assert problems == [], f"{len(problems)} problems for {me.users[role].username}:\n" + "\n".join(problems)


# The other city's editor stands for its staff: a moderator is an editor with more rights in the admin only.
PUBLIC_READERS = [(key, reader) for key in CITIES for reader in ("anonymous", "editor")]


@pytest.mark.parametrize(("key", "reader"), PUBLIC_READERS)
def test_a_citys_site_shows_only_its_public_content_to_the_public_and_other_cities_staff(world, key, reader):
    """Each public and file route of the city's site, anonymously and as the other city's staff: only the city's
    public content, nothing of the other city, no file of a staff-only collection, no server error."""
    x, y = world[key], other(world, key)
    user = None if reader == "anonymous" else y.users[reader]
    walker = Walker(user, x.host)
    allowed = {marker(x.code, kind) for kind in PUBLIC_KINDS}
    if user is not None:
        allowed.add(user.username)  # a signed-in reader may see their own name
    forbidden = [item for item in x.markers + y.markers if item not in allowed]
    problems, done = [], set()
    for hit in public_walk(x, y):
        if hit.key not in done:
            done.add(hit.key)
            problems += walk_one(walker, hit, forbidden)
    who = reader if user is None else user.username
    assert problems == [], f"{len(problems)} problems on {x.host} for {who}:\n" + "\n".join(problems)


# --- the walk can fail --------------------------------------------------------------------------------------


def test_every_write_of_the_walk_would_change_the_database_if_it_were_allowed(world):
    """The walk's POSTs are writes a view accepts from someone allowed to make them, so that "the database is
    unchanged" means "refused": the superuser's POSTs to the other city's objects change it, and so do the
    moderator's POSTs of their own objects naming their own city's (the walk's "towards" ones, with `o` = `me`).
    Those that change nothing for anyone say why (`inert`)."""
    helsinki, goteborg = world["helsinki"], world["goteborg"]
    superuser = Walker(get_user_model().objects.get(username="walk-superuser"), helsinki.host, own=helsinki)
    moderator = Walker(helsinki.users["moderator"], helsinki.host, own=helsinki)
    writes = [(superuser, hit) for hits in admin_walk(goteborg, helsinki).values() for hit in hits if not hit.towards]
    writes += [(moderator, hit) for hits in admin_walk(helsinki, helsinki).values() for hit in hits if hit.towards]
    problems = []
    for walker, hit in writes:
        if hit.method != "POST":
            continue
        seen = walker.request(hit)
        if hit.inert and seen.changes:
            problems.append(f"POST {hit.path} is said to change nothing ({hit.inert}) but changed {seen.changes}")
        elif not hit.inert and not seen.changes and seen.status < 500:
            problems.append(f"POST {hit.path} → {seen.status} changed nothing: the walk's refusal proves nothing")
    assert problems == [], "\n".join(problems)


def test_the_markers_are_found_where_they_belong(world):
    """What the walk reads and how it searches finds a city's markers for those who may see them: in a search,
    a listing, tag suggestions, an unpacked XLSX export, a JSON answer, a message left for the next page, and
    the city's public and staff-only pages."""
    helsinki = world["helsinki"]
    draft, locked = helsinki.pages["draftpage"].pk, helsinki.pages["lockedpage"].pk
    expected = {
        (helsinki.users["moderator"], "GET", "/admin/pages/search/?q=helsecret"): "helsecret-draftpage",
        (helsinki.users["moderator"], "GET", "/admin/snippets/contacts/contactperson/?q=helsecret"): (
            "helsecret-persondraft"
        ),
        (helsinki.users["moderator"], "GET", "/admin/documents/?q=helsecret"): "helsecret-staffdocument",
        (helsinki.users["moderator"], "GET", "/admin/tag-autocomplete/?term=helsecret"): "helsecret-stafftag",
        (helsinki.users["moderator"], "GET", "/admin/snippets/contacts/contactperson/?export=xlsx"): (
            "helsecret-personsubmitted"
        ),
        (helsinki.users["moderator"], "GET", f"/admin/api/main/pages/{draft}/"): "helsecret-draftpage",
        (helsinki.users["editor"], "GET", "/admin/editorial/contact-checks/?export=xlsx"): "helsecret-servicepoint",
        (helsinki.users["moderator"], "POST", f"/admin/pages/{locked}/unlock/"): "helsecret-lockedpage",
        (helsinki.users["editor"], "GET", "/fi/helsecret-staffpage/"): "helsecret-personinternal",
        (None, "GET", "/fi/helsecret-department/"): "helsecret-personlive",
        (None, "GET", "/api/v2/contacts/?fields=*"): "helsecret-personlive",
    }
    missing = []
    for (user, method, path), string in expected.items():
        walker = Walker(user, helsinki.host, own=helsinki if user else None)
        seen = walker.request(G(path) if method == "GET" else P(path))
        if string not in without_echo(seen.text, path):
            missing.append(f"{method} {path} → {seen.status} lacks {string}")
    assert missing == [], "\n".join(missing)
