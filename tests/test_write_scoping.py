"""Writes are scoped: what a city's page, a contact's form, the contact import, bulk actions, workflow actions and
moves accept is the user's own city's, and on a public page only what the public may see (issue 14: item 1 and
deliverable 2)."""

import html
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from citycomms.chosen import (
    DOCUMENT_OF_ANOTHER_CITY,
    IMAGE_OF_ANOTHER_CITY,
    PAGE_OF_ANOTHER_CITY,
    RESTRICTED_DOCUMENT,
    RESTRICTED_IMAGE,
)
from citycomms.models import CitySettings, InformationPage
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson, ServicePoint
from contacts.scoping import (
    PERSON_OF_ANOTHER_CITY,
    SERVICE_POINT_OF_ANOTHER_CITY,
    UNPUBLISHED_SERVICE_POINT,
)
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, PageContact
from departments.people import STAFF_ONLY_PERSON
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from press.models import PressContactsPage
from tests.conftest import GOTEBORG, HELSINKI, IMPORT_URL, csv_file, edit_form_values, row, signed_in

pytestmark = pytest.mark.django_db

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
def helsinki_draft(helsinki):
    """A Helsinki contact never published: the probe's head=7."""
    return ContactPersonFactory(city=helsinki, first_name="Hilja", last_name="Luonnos", live=False)


@pytest.fixture
def goteborg_public(goteborg):
    return ContactPersonFactory(city=goteborg, first_name="Greta", last_name="Offentlig", email="greta@got.example")


@pytest.fixture
def goteborg_draft(goteborg):
    return ContactPersonFactory(city=goteborg, first_name="Gustav", last_name="Utkast", live=False)


@pytest.fixture
def goteborg_staff_only_person(goteborg):
    """A published Göteborg contact that only a live staff-only page of the city shows."""
    person = ContactPersonFactory(city=goteborg, first_name="Ingrid", last_name="Intern", email="ingrid@got.example")
    intranet = DepartmentPageFactory(parent=goteborg, title_sv="Intranät", slug_sv="intranat", head=person)
    PageViewRestriction.objects.create(page=intranet, restriction_type=PageViewRestriction.LOGIN)
    return person


def document_in(collection, title):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"%PDF-1.4 test", name=f"{title.lower()}.pdf")
    )


def image_in(collection, title):
    return get_image_model().objects.create(
        title=title, collection=collection, file=get_test_image_file(), description=title
    )


def staff_only_collection(parent):
    collection = parent.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


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


def listed(*values):
    """A ListBlock's form data, as Wagtail's list inputs post it."""
    items = {str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(values)}
    return {**items, "count": str(len(values))}


def contacts_rows(*people):
    return nested_form_data({"page_contacts": inline_formset([{"contact": str(person.pk)} for person in people])})


def head_post(person):
    """The page's head as the editor sets it: the holder of its head post (departments.posts)."""
    appointments = inline_formset([{"person": str(person.pk)}])
    return nested_form_data(
        {"posts": inline_formset([{"title_sv": "Chef", "is_head": "on", "appointments": appointments}])}
    )


def head_errors(response):
    """The errors at the head post's holder."""
    return response.context["form"].formsets["posts"].forms[0].formsets["appointments"].forms[0].errors["person"]


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


# --- Item 1: the probe's page ----------------------------------------------------------------------------------


def test_the_probes_head_another_citys_published_person_is_refused_and_never_public(
    moderator, client, page34, helsinki_internal
):
    before = stored(page34)
    response = post_editor(moderator, page34, "publish", **head_post(helsinki_internal))

    refused(response, page34, before, PERSON_OF_ANOTHER_CITY)
    assert head_errors(response) == [str(PERSON_OF_ANOTHER_CITY)]
    client.logout()
    page = public_html(client, page34)
    assert "Zhelinternal" not in page and "zhelinternal.sisainen" not in page


def test_another_citys_draft_person_as_head_is_refused_even_in_a_draft(moderator, page34, helsinki_draft):
    before = stored(page34)
    response = post_editor(moderator, page34, None, **head_post(helsinki_draft))
    refused(response, page34, before, PERSON_OF_ANOTHER_CITY)


def test_another_citys_person_in_the_contacts_is_refused_at_the_row(moderator, page34, goteborg_public, roles):
    elsewhere = ContactPersonFactory(city=roles[HELSINKI].home, first_name="Sten", last_name="Annanstad")
    before = stored(page34)
    response = post_editor(moderator, page34, "publish", **contacts_rows(goteborg_public, elsewhere))

    refused(response, page34, before, PERSON_OF_ANOTHER_CITY)
    rows = response.context["form"].formsets["page_contacts"].forms
    assert rows[0].errors == {}
    assert rows[1].errors["contact"] == [str(PERSON_OF_ANOTHER_CITY)]


# The city's own people not yet published may be listed on a public page: they go live with it when it is
# approved or published (tests/test_bulk_moderation.py).


def test_a_person_only_staff_only_pages_show_is_refused_on_a_public_page(
    moderator, client, page34, goteborg_staff_only_person
):
    before = stored(page34)
    response = post_editor(moderator, page34, "publish", **head_post(goteborg_staff_only_person))
    refused(response, page34, before, STAFF_ONLY_PERSON)
    client.logout()
    assert "ingrid@got.example" not in public_html(client, page34)


def test_a_staff_only_page_may_list_the_citys_draft_and_staff_only_people(
    moderator, goteborg, goteborg_draft, goteborg_staff_only_person
):
    intranet = DepartmentPage.objects.get(slug_sv="intranat")
    response = post_editor(
        moderator,
        intranet,
        "publish",
        **head_post(goteborg_staff_only_person),
        **contacts_rows(goteborg_draft),
    )
    assert response.status_code == 302
    intranet.refresh_from_db()
    assert intranet.head_id == goteborg_staff_only_person.pk
    assert list(intranet.page_contacts.values_list("contact", flat=True)) == [goteborg_draft.pk]


def test_the_citys_own_public_people_are_accepted_and_shown(moderator, client, page34, goteborg_public):
    colleague = ContactPersonFactory(city=page34.get_parent().specific, first_name="Nils", last_name="Nykomling")
    response = post_editor(
        moderator,
        page34,
        "publish",
        **head_post(goteborg_public),
        **contacts_rows(colleague),
        **with_body("sv", ("contact", str(colleague.pk))),
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    page = public_html(client, page34)
    assert "Offentlig" in page and "Nykomling" in page


def test_a_new_page_with_another_citys_head_is_not_created(moderator, goteborg, helsinki_internal):
    before = DepartmentPage.objects.count()
    response = moderator.post(
        f"/admin/pages/add/departments/departmentpage/{goteborg.pk}/",
        {
            "title_sv": "Ny avdelning",
            "slug_sv": "ny-avdelning",
            **head_post(helsinki_internal),
            "body_fi-count": "0",
            "body_sv-count": "0",
            "body_en-count": "0",
            **nested_form_data({"page_contacts": inline_formset([]), "successors": inline_formset([])}),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert shows(response, PERSON_OF_ANOTHER_CITY)
    assert DepartmentPage.objects.count() == before


# --- StreamField blocks: people, service points, documents, images, pages --------------------------------------


def test_another_citys_contact_card_block_is_refused_at_the_block(moderator, page34, helsinki_internal):
    before = stored(page34)
    response = post_editor(moderator, page34, "publish", **with_body("sv", ("contact", str(helsinki_internal.pk))))

    refused(response, page34, before, PERSON_OF_ANOTHER_CITY)
    error = response.context["form"].errors["body_sv"].as_data()[0]
    assert error.block_errors[0].messages == [str(PERSON_OF_ANOTHER_CITY)]


def test_another_citys_service_point_block_is_refused(moderator, page34, helsinki):
    point = ServicePointFactory(city=helsinki)
    before = stored(page34)
    response = post_editor(moderator, page34, None, **with_body("en", ("service_point", str(point.pk))))
    refused(response, page34, before, SERVICE_POINT_OF_ANOTHER_CITY)
    assert list(response.context["form"].errors) == ["body_en"]


def test_another_citys_document_in_a_list_is_refused_at_the_document(moderator, client, page34, roles):
    own = document_in(roles[GOTEBORG].collection, "Varumärke")
    theirs = document_in(roles[HELSINKI].collection, "Tuotemerkki")
    before = stored(page34)
    block = ("documents", {"heading": "Dokument", "documents": listed(str(own.pk), str(theirs.pk))})
    response = post_editor(moderator, page34, "publish", **with_body("sv", block))

    refused(response, page34, before, DOCUMENT_OF_ANOTHER_CITY)
    error = response.context["form"].errors["body_sv"].as_data()[0]
    documents = error.block_errors[0].block_errors["documents"]
    assert list(documents.block_errors) == [1]  # the second document, not the first
    client.logout()
    assert "Tuotemerkki" not in public_html(client, page34)


def test_a_document_in_the_citys_staff_only_collection_is_refused_on_a_public_page(moderator, client, page34, roles):
    manual = document_in(staff_only_collection(roles[GOTEBORG].collection), "Varumärkesmanual")
    before = stored(page34)
    block = ("documents", {"heading": "", "documents": listed(str(manual.pk))})
    response = post_editor(moderator, page34, "publish", **with_body("sv", block))
    refused(response, page34, before, RESTRICTED_DOCUMENT)


def test_a_staff_only_page_may_list_the_citys_staff_only_document(moderator, goteborg, roles):
    manual = document_in(staff_only_collection(roles[GOTEBORG].collection), "Varumärkesmanual")
    intranet = DepartmentPageFactory(parent=goteborg, title_sv="Intranät", slug_sv="intranat")
    PageViewRestriction.objects.create(page=intranet, restriction_type=PageViewRestriction.LOGIN)
    block = ("documents", {"heading": "", "documents": listed(str(manual.pk))})
    response = post_editor(moderator, intranet, "publish", **with_body("sv", block))
    assert response.status_code == 302


def test_documents_of_the_citys_own_and_of_a_shared_collection_are_accepted(moderator, page34, roles):
    own = document_in(roles[GOTEBORG].collection, "Kommunikationsplan")
    shared = document_in(Collection.get_first_root_node().add_child(name="Demo documents"), "Gemensam")
    block = ("documents", {"heading": "", "documents": listed(str(own.pk), str(shared.pk))})
    response = post_editor(moderator, page34, "publish", **with_body("sv", block))
    assert response.status_code == 302, response.context["form"].errors


def test_another_citys_image_is_refused_at_the_image_block(moderator, page34, roles):
    image = image_in(roles[HELSINKI].collection, "Tuomiokirkko")
    before = stored(page34)
    block = ("image", {"image": str(image.pk), "alt_text": "Domkyrkan", "decorative": ""})
    response = post_editor(moderator, page34, "publish", **with_body("sv", block))

    refused(response, page34, before, IMAGE_OF_ANOTHER_CITY)
    error = response.context["form"].errors["body_sv"].as_data()[0]
    assert list(error.block_errors[0].block_errors) == ["image"]


def test_an_image_in_the_citys_staff_only_collection_is_refused_on_a_public_page(moderator, page34, roles):
    image = image_in(staff_only_collection(roles[GOTEBORG].collection), "Personalfest")
    before = stored(page34)
    block = ("image", {"image": str(image.pk), "alt_text": "Fest", "decorative": ""})
    response = post_editor(moderator, page34, None, **with_body("sv", block))
    refused(response, page34, before, RESTRICTED_IMAGE)


def test_another_citys_page_in_a_link_block_is_refused(moderator, page34, helsinki):
    theirs = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    before = stored(page34)
    link = {"text": "Helsingfors", "page": str(theirs.pk), "url": ""}
    block = ("links", {"heading": "", "links": listed(link)})
    response = post_editor(moderator, page34, "publish", **with_body("sv", block))

    refused(response, page34, before, PAGE_OF_ANOTHER_CITY)
    links = response.context["form"].errors["body_sv"].as_data()[0].block_errors[0].block_errors["links"]
    assert list(links.block_errors[0].block_errors) == ["page"]


def test_a_link_to_the_citys_own_page_is_accepted(moderator, page34, goteborg):
    own = UnitPageFactory(parent=page34, title_sv="Kommunikation", slug_sv="kommunikation")
    link = {"text": "Kommunikation", "page": str(own.pk), "url": ""}
    response = post_editor(
        moderator, page34, "publish", **with_body("sv", ("links", {"heading": "", "links": listed(link)}))
    )
    assert response.status_code == 302, response.context["form"].errors


def test_a_rich_text_link_to_another_citys_page_is_refused(moderator, page34, helsinki):
    theirs = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    before = stored(page34)
    text = rich_text(f'<p>Se <a linktype="page" id="{theirs.pk}">Helsingfors</a>.</p>')
    response = post_editor(moderator, page34, "publish", **with_body("sv", ("paragraph", text)))
    refused(response, page34, before, PAGE_OF_ANOTHER_CITY)


# --- Other city page types ------------------------------------------------------------------------------------


def test_an_information_pages_rich_text_links_only_the_citys_own_documents(moderator, goteborg, roles):
    page = InformationPage(title_sv="Om webbplatsen", slug_sv="om", slug_en="about", slug_fi="om")
    goteborg.add_child(instance=page)
    theirs = document_in(roles[HELSINKI].collection, "Ohje")
    before = page.revisions.count()
    text = rich_text(f'<p><a linktype="document" id="{theirs.pk}">Ohje</a></p>', features=["document-link"])
    response = post_editor(moderator, page, "publish", body_sv=text)
    assert response.status_code == 200
    assert shows(response, DOCUMENT_OF_ANOTHER_CITY)
    assert response.context["form"].errors["body_sv"] == [str(DOCUMENT_OF_ANOTHER_CITY)]
    assert page.revisions.count() == before


def test_a_press_release_takes_the_citys_own_unit_and_people(moderator, goteborg, helsinki, helsinki_internal):
    newsroom = NewsroomPageFactory(parent=goteborg)
    release = PressReleasePageFactory(parent=newsroom)
    theirs = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    before = (release.revisions.count(), release.organisation_id)
    response = post_editor(
        moderator,
        release,
        "publish",
        organisation=str(theirs.pk),
        **nested_form_data({"release_contacts": inline_formset([{"contact": str(helsinki_internal.pk)}])}),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["organisation"] == [str(PAGE_OF_ANOTHER_CITY)]
    assert response.context["form"].formsets["release_contacts"].forms[0].errors["contact"] == [
        str(PERSON_OF_ANOTHER_CITY)
    ]
    release.refresh_from_db()
    assert (release.revisions.count(), release.organisation_id) == before


def test_the_media_contacts_page_takes_the_citys_own_media_desk(moderator, goteborg, helsinki):
    page = PressContactsPage(title_sv="Medier", slug_sv="medier", slug_en="media", slug_fi="medier")
    goteborg.add_child(instance=page)
    desk = ServicePointFactory(city=helsinki)
    response = post_editor(moderator, page, "publish", media_desk=str(desk.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["media_desk"] == [str(SERVICE_POINT_OF_ANOTHER_CITY)]
    page.refresh_from_db()
    assert page.media_desk_id is None


def test_the_media_contacts_page_refuses_an_unpublished_media_desk_of_its_own_city(moderator, goteborg):
    page = PressContactsPage(title_sv="Medier", slug_sv="medier", slug_en="media", slug_fi="medier")
    goteborg.add_child(instance=page)
    desk = ServicePointFactory(city=goteborg, live=False)
    response = post_editor(moderator, page, None, media_desk=str(desk.pk))
    assert response.status_code == 200
    assert shows(response, UNPUBLISHED_SERVICE_POINT)
    page.refresh_from_db()
    assert page.media_desk_id is None


# --- A contact's own form: its photo ---------------------------------------------------------------------------


def test_a_contacts_photo_comes_from_the_contacts_citys_collection(moderator, goteborg_public, roles):
    theirs = image_in(roles[HELSINKI].collection, "Kasvokuva")
    url = f"/admin/snippets/contacts/contactperson/edit/{goteborg_public.pk}/"
    form = edit_form_values(moderator.get(url).content.decode(), ContactPerson)
    response = moderator.post(url, {**form, "photo": str(theirs.pk), "action-publish": "action-publish"})
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [str(IMAGE_OF_ANOTHER_CITY)]
    goteborg_public.refresh_from_db()
    assert goteborg_public.photo_id is None

    own = image_in(roles[GOTEBORG].collection, "Porträtt")
    accepted = moderator.post(url, {**form, "photo": str(own.pk), "action-publish": "action-publish"})
    assert accepted.status_code == 302
    goteborg_public.refresh_from_db()
    assert goteborg_public.photo_id == own.pk


# --- Item 2: the contact import (scoped already: these guard it) -----------------------------------------------


def test_an_import_row_naming_another_citys_unit_is_refused(client, goteborg_editor, helsinki, goteborg):
    DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", title_sv="Stadskansliet", slug_fi="kanslia")
    client.force_login(goteborg_editor)
    people = ContactPerson.objects.count()
    response = client.post(IMPORT_URL, {"city": goteborg.pk, "file": csv_file([row(unit="kanslia")])})
    assert response.status_code == 200
    with translation.override(admin_language(response)):
        error = gettext("No department, unit or team of the city is called “%(unit)s”.") % {"unit": "kanslia"}
    assert error in html.unescape(response.content.decode())
    assert 'name="confirm"' not in response.content.decode()
    assert client.post(IMPORT_URL, {"confirm": "1"}).status_code == 200  # the rows again, with their errors
    assert ContactPerson.objects.count() == people
    assert not PageContact.objects.exists()


def test_an_import_into_a_city_the_user_does_not_work_for_is_refused(client, goteborg_editor, helsinki):
    client.force_login(goteborg_editor)
    response = client.post(IMPORT_URL, {"city": helsinki.pk, "file": csv_file([row()])})
    assert response.status_code == 400
    assert "city" in response.context["form"].errors
    assert not ContactPerson.objects.exists()


# --- Item 3: state-changing POSTs with another city's ids change nothing --------------------------------------


@pytest.fixture
def helsinki_things(helsinki, roles, helsinki_internal):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kaupunginkanslia", slug_fi="kanslia")
    draft = DepartmentPageFactory(parent=helsinki, title_fi="Luonnos", slug_fi="luonnos", live=False)
    return {
        "department": department,
        "draft": draft,
        "person": helsinki_internal,
        "point": ServicePointFactory(city=helsinki),
        "document": document_in(roles[HELSINKI].collection, "Ohje"),
        "image": image_in(roles[HELSINKI].collection, "Kuva"),
    }


def snapshot(things):
    """Every row the POSTs below could change, as stored."""
    pages = Page.objects.filter(pk__in=[things["department"].pk, things["draft"].pk]).order_by("pk")
    return (
        list(pages.values_list("pk", "path", "live", "locked", "title")),
        Revision.objects.count(),
        list(ContactPerson.objects.values_list("pk", "live", "city")),
        list(ServicePoint.objects.values_list("pk", "live", "city")),
        list(get_document_model().objects.values_list("pk", "collection", "title")),
        list(get_image_model().objects.values_list("pk", "collection", "title")),
        sorted(get_document_model().tags.through.objects.values_list("pk", flat=True)),
        sorted(get_image_model().tags.through.objects.values_list("pk", flat=True)),
    )


def bulk(client, model, action, ids, **data):
    query = "&".join(f"id={pk}" for pk in ids)
    return client.post(f"/admin/bulk/{model}/{action}/?{query}&next=/admin/", data)


@pytest.mark.parametrize(
    ("model", "action", "key", "data"),
    [
        ("wagtailcore/page", "delete", "department", {}),
        ("wagtailcore/page", "unpublish", "department", {}),
        ("wagtailcore/page", "publish", "draft", {}),
        ("wagtailcore/page", "move", "department", {"chooser": "home"}),
        ("contacts/contactperson", "delete", "person", {}),
        ("contacts/servicepoint", "delete", "point", {}),
        ("wagtaildocs/document", "delete", "document", {}),
        ("wagtaildocs/document", "add_to_collection", "document", {"collection": "collection"}),
        ("wagtaildocs/document", "add_tags", "document", {"tags": "stulen"}),
        ("wagtailimages/image", "delete", "image", {}),
        ("wagtailimages/image", "add_to_collection", "image", {"collection": "collection"}),
        ("wagtailimages/image", "add_tags", "image", {"tags": "stulen"}),
    ],
)
def test_bulk_actions_with_another_citys_ids_change_nothing(
    moderator, admin_client, goteborg, roles, helsinki_things, model, action, key, data
):
    """Göteborg's moderator moves, publishes, deletes, re-files or tags Helsinki's things in bulk: nothing changes."""
    ours = {"home": str(goteborg.pk), "collection": str(roles[GOTEBORG].collection.pk)}
    values = {name: ours.get(value, value) for name, value in data.items()}
    before = snapshot(helsinki_things)
    bulk(moderator, model, action, [helsinki_things[key].pk], **values)
    assert snapshot(helsinki_things) == before
    # The same request from a superuser does change it: the request itself is one the action carries out.
    bulk(admin_client, model, action, [helsinki_things[key].pk], **values)
    assert snapshot(helsinki_things) != before


def submitted_page(helsinki, helsinki_editor, roles):
    """A Helsinki page in Helsinki's moderation workflow, awaiting approval."""
    page = DepartmentPageFactory(parent=helsinki, title_fi="Odottaa", slug_fi="odottaa", live=False)
    page.save_revision(user=helsinki_editor)
    roles[HELSINKI].workflow.start(page, helsinki_editor)
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_page_workflow_actions_on_another_citys_page_change_nothing(
    moderator, helsinki, helsinki_editor, helsinki_moderator, roles, action
):
    page = submitted_page(helsinki, helsinki_editor, roles)
    task_state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    moderator.post(url, {"comment": "stulen"})
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert page.current_workflow_state is not None
    # Helsinki's own moderator, posting the same, does act on it.
    signed_in(Client(), helsinki_moderator).post(url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status != task_state.STATUS_IN_PROGRESS


def test_cancelling_another_citys_page_workflow_changes_nothing(moderator, helsinki, helsinki_editor, roles):
    page = submitted_page(helsinki, helsinki_editor, roles)
    helsinki_client = signed_in(Client(), helsinki_editor)
    form = edit_form_values(helsinki_client.get(edit_url(page)).content.decode(), DepartmentPage)
    form["action-cancel-workflow"] = "1"
    moderator.post(edit_url(page), form)
    page.refresh_from_db()
    assert page.current_workflow_state is not None and page.current_workflow_state.status == "in_progress"
    # The editor who submitted it, posting the same, does cancel it.
    helsinki_client.post(edit_url(page), form)
    page.refresh_from_db()
    assert page.current_workflow_state is None


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_contact_workflow_actions_on_another_citys_contact_change_nothing(
    moderator, helsinki, helsinki_editor, helsinki_moderator, action
):
    person = ContactPersonFactory(city=helsinki, first_name="Odottava", last_name="Henkilo", live=False)
    person.save_revision(user=helsinki_editor)
    person.get_workflow().start(person, helsinki_editor)
    person.refresh_from_db()
    task_state = person.current_workflow_task_state
    url = f"/admin/snippets/contacts/contactperson/workflow/action/{person.pk}/{action}/{task_state.pk}/"
    moderator.post(url, {"comment": "stulen"})
    person.refresh_from_db()
    task_state.refresh_from_db()
    assert not person.live
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    signed_in(Client(), helsinki_moderator).post(url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status != task_state.STATUS_IN_PROGRESS


def test_moves_across_cities_change_nothing(moderator, admin_client, goteborg, helsinki, page34, helsinki_things):
    theirs = helsinki_things["department"]
    before = sorted(Page.objects.values_list("pk", "path"))
    moderator.post(f"/admin/pages/{theirs.pk}/move/{goteborg.pk}/confirm/")  # theirs into Göteborg
    moderator.post(f"/admin/pages/{page34.pk}/move/{helsinki.pk}/confirm/")  # ours into Helsinki
    moderator.post(
        f"/admin/pages/{page34.pk}/copy/", {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": helsinki.pk}
    )
    assert sorted(Page.objects.values_list("pk", "path")) == before
    admin_client.post(f"/admin/pages/{theirs.pk}/move/{goteborg.pk}/confirm/")
    assert sorted(Page.objects.values_list("pk", "path")) != before
