"""Staff-only (intranet) content: pages and documents only the city's staff may read."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from citycomms.factories import InformationPageFactory
from tests.conftest import GOTEBORG, HELSINKI, make_user

GUIDELINES_TEXT = "Kriisiviestinnän päivystysnumero"


@pytest.fixture
def guidelines(helsinki):
    page = InformationPageFactory(
        parent=helsinki, title_fi="Sisäiset ohjeet", slug_fi="sisaiset-ohjeet", intro_fi=GUIDELINES_TEXT
    )
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def staff_document(roles, helsinki):
    staff = roles[HELSINKI].collection.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=staff, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model()(title="Brand manual", collection=staff)
    document.file.save("brand-manual.txt", ContentFile(b"internal brand rules"), save=True)
    return document


def main_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").find("main").get_text(" ").split())


@pytest.mark.django_db
def test_the_public_gets_a_sign_in_prompt_in_the_pages_language_not_the_page(client, guidelines):
    response = client.get("/fi/sisaiset-ohjeet/")

    assert response.status_code == 302
    assert response["Location"] == "/fi/_util/login/?next=/fi/sisaiset-ohjeet/"
    prompt = client.get(response["Location"])
    assert prompt.status_code == 200
    html = BeautifulSoup(prompt.content, "html.parser")
    assert html.html["lang"] == "fi"
    assert html.find("h1").get_text() == "Tämä sivu on henkilöstölle"
    assert html.find("label", attrs={"for": "id_username"}) and html.find("label", attrs={"for": "id_password"})
    assert html.find("input", attrs={"name": "next"})["value"] == "/fi/sisaiset-ohjeet/"
    assert GUIDELINES_TEXT not in prompt.content.decode()


@pytest.mark.django_db
def test_staff_sign_in_from_the_prompt_and_read_the_page(client, guidelines):
    make_user("staffer")
    response = client.post(
        "/fi/_util/login/",
        {"username": "staffer", "password": "x", "next": "/fi/sisaiset-ohjeet/"},
    )
    assert response.status_code == 302 and response["Location"] == "/fi/sisaiset-ohjeet/"

    page = client.get("/fi/sisaiset-ohjeet/")
    assert page.status_code == 200
    assert GUIDELINES_TEXT in main_text(page)


@pytest.mark.django_db
def test_a_wrong_password_gets_a_message_on_the_prompt_not_an_error(client, guidelines):
    make_user("staffer")
    response = client.post("/fi/_util/login/", {"username": "staffer", "password": "wrong", "next": "/fi/"})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find(attrs={"role": "alert"})


@pytest.mark.django_db
def test_a_page_for_chosen_groups_turns_away_other_staff(client, guidelines, roles, helsinki, goteborg):
    restriction = guidelines.view_restrictions.get()
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([roles[HELSINKI].editors])

    client.force_login(make_user("goteborg-staff", roles[GOTEBORG].editors))
    turned_away = client.get("/fi/sisaiset-ohjeet/", follow=True)
    assert GUIDELINES_TEXT not in turned_away.content.decode()
    assert "Tilisi ei voi avata tätä sivua" in main_text(turned_away)

    client.force_login(make_user("helsinki-staff", roles[HELSINKI].editors))
    assert GUIDELINES_TEXT in main_text(client.get("/fi/sisaiset-ohjeet/"))


@pytest.mark.django_db
def test_a_staff_only_document_asks_the_public_to_sign_in(client, staff_document):
    response = client.get(staff_document.url)
    assert response.status_code == 302
    assert "/_util/login/?next=" in response["Location"]

    client.force_login(make_user("staffer"))
    response = client.get(staff_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"internal brand rules"


@pytest.mark.django_db
def test_a_moderator_makes_a_page_staff_only_in_the_admin(client, roles, helsinki):
    page = InformationPageFactory(parent=helsinki, title_fi="Ohje", slug_fi="ohje")
    page.save_revision().publish()
    client.force_login(make_user("moderator", roles[HELSINKI].moderators))

    response = client.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "login"})

    assert response.status_code == 200
    assert page.view_restrictions.get().restriction_type == PageViewRestriction.LOGIN
    assert client.get("/fi/ohje/").status_code == 200  # signed in
    client.logout()
    assert client.get("/fi/ohje/").status_code == 302


@pytest.mark.django_db
def test_an_editor_makes_a_staff_only_collection_inside_their_citys_own(client, roles, helsinki, goteborg):
    city_collection = roles[HELSINKI].collection
    client.force_login(make_user("editor", roles[HELSINKI].editors))

    created = client.post("/admin/collections/add/", {"name": "Sisäinen", "parent": city_collection.pk})
    assert created.status_code == 302
    staff = Collection.objects.get(name="Sisäinen")
    assert staff.get_parent() == city_collection

    response = client.post(f"/admin/collections/{staff.pk}/privacy/", {"restriction_type": "login"})
    assert response.status_code == 200
    assert staff.view_restrictions.get().restriction_type == CollectionViewRestriction.LOGIN
    # Another city's collection, and the city's own, stay out of reach.
    other = roles[GOTEBORG].collection
    assert client.post(f"/admin/collections/{other.pk}/privacy/", {"restriction_type": "login"}).status_code in (
        302,
        403,
    )
    assert not other.view_restrictions.exists()
