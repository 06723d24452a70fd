"""Writes are scoped (issue 14, deliverable 2): StreamField blocks, rich text links, the other city page types and
a contact's photo take only the city's own people, service points, documents, images and pages."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from citycomms.chosen import (
    DOCUMENT_OF_ANOTHER_CITY,
    IMAGE_OF_ANOTHER_CITY,
    PAGE_OF_ANOTHER_CITY,
    RESTRICTED_DOCUMENT,
    RESTRICTED_IMAGE,
)
from citycomms.models import InformationPage
from contacts.factories import ServicePointFactory
from contacts.models import ContactPerson
from contacts.scoping import PERSON_OF_ANOTHER_CITY, SERVICE_POINT_OF_ANOTHER_CITY, UNPUBLISHED_SERVICE_POINT
from departments.factories import DepartmentPageFactory, UnitPageFactory
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from press.models import PressContactsPage
from tests.conftest import GOTEBORG, HELSINKI, edit_form_values
from tests.write_scoping.conftest import (
    document_in,
    image_in,
    post_editor,
    public_html,
    refused,
    shows,
    stored,
    with_body,
)

pytestmark = pytest.mark.django_db


def staff_only_collection(parent):
    collection = parent.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def listed(*values):
    """A ListBlock's form data, as Wagtail's list inputs post it."""
    items = {str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(values)}
    return {**items, "count": str(len(values))}


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
