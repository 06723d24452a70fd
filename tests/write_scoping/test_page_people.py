"""Writes are scoped (issue 14, item 1): a city page's head and contacts are the city's own people, and on a public
page only people the public may see."""

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contacts.factories import ContactPersonFactory
from contacts.scoping import PERSON_OF_ANOTHER_CITY
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from departments.people import STAFF_ONLY_PERSON
from tests.conftest import HELSINKI
from tests.write_scoping.conftest import post_editor, public_html, refused, shows, stored, with_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def helsinki_draft(helsinki):
    """A Helsinki contact never published: the probe's head=7."""
    return ContactPersonFactory(city=helsinki, first_name="Hilja", last_name="Luonnos", live=False)


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
