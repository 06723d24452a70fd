"""Staff-only (intranet) content: pages and documents only the city's staff may read."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from citycomms.factories import InformationPageFactory
from citycomms.roles import setup_city_roles
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
def test_a_staff_only_document_asks_the_public_to_sign_in(client, staff_document, roles):
    response = client.get(staff_document.url)
    assert response.status_code == 302
    assert "/_util/login/?next=" in response["Location"]

    client.force_login(make_user("staffer", roles[HELSINKI].staff))
    response = client.get(staff_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"internal brand rules"


@pytest.mark.django_db
def test_a_moderator_makes_a_page_staff_only_for_their_citys_staff(client, roles, helsinki, goteborg):
    page = InformationPageFactory(parent=helsinki, title_fi="Ohje", slug_fi="ohje")
    page.save_revision().publish()
    client.force_login(make_user("moderator", roles[HELSINKI].moderators))

    form = client.get(f"/admin/pages/{page.pk}/privacy/").json()["html"]
    # The city's own groups, ticked; no other city's group, and no "any signed-in user".
    ticked = {box["value"] for box in BeautifulSoup(form, "html.parser").select("input[name=groups][checked]")}
    offered = {box["value"] for box in BeautifulSoup(form, "html.parser").select("input[name=groups]")}
    helsinki_groups = {
        str(roles[HELSINKI].staff.pk),
        str(roles[HELSINKI].editors.pk),
        str(roles[HELSINKI].moderators.pk),
    }
    assert ticked == offered == helsinki_groups
    assert 'value="login"' not in form

    refused = client.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "login"})
    assert not page.view_restrictions.exists() and refused.json()["step"] == "set_privacy"
    other_city = client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "groups", "groups": [roles[GOTEBORG].editors.pk]}
    )
    assert not page.view_restrictions.exists() and other_city.json()["step"] == "set_privacy"

    saved = client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "groups", "groups": sorted(helsinki_groups)}
    )
    assert saved.json()["step"] == "set_privacy_done"
    assert client.get("/fi/ohje/").status_code == 200  # a moderator of the city
    client.force_login(make_user("reader", roles[HELSINKI].staff))
    assert client.get("/fi/ohje/").status_code == 200  # a member of the city's Staff group, who edits nothing
    client.force_login(make_user("goteborg-staff", roles[GOTEBORG].editors))
    assert client.get("/fi/ohje/").status_code == 302  # another city's staff: asked to sign in as someone else
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

    form = client.get(f"/admin/collections/{staff.pk}/privacy/").json()["html"]
    assert 'value="login"' not in form
    assert str(roles[GOTEBORG].editors.pk) not in {
        box["value"] for box in BeautifulSoup(form, "html.parser").select("input[name=groups]")
    }
    assert (
        client.post(f"/admin/collections/{staff.pk}/privacy/", {"restriction_type": "login"}).json()["step"]
        == "set_privacy"
    )
    response = client.post(
        f"/admin/collections/{staff.pk}/privacy/",
        {"restriction_type": "groups", "groups": [roles[HELSINKI].staff.pk, roles[HELSINKI].editors.pk]},
    )
    assert response.json()["step"] == "set_privacy_done"
    assert set(staff.view_restrictions.get().groups.all()) == {roles[HELSINKI].staff, roles[HELSINKI].editors}
    # Another city's collection stays out of reach.
    other = roles[GOTEBORG].collection
    assert client.post(f"/admin/collections/{other.pk}/privacy/", {"restriction_type": "none"}).status_code == 404
    assert not other.view_restrictions.exists()


@pytest.mark.django_db
def test_setting_up_roles_narrows_any_signed_in_user_to_the_citys_staff(client, guidelines, staff_document, roles):
    """Restrictions made before (the first round's "signed-in users") become the city's staff groups."""
    # Rows as the first round left them, written past the signal that narrows new ones; a deployment runs
    # setup_city_roles again.
    PageViewRestriction.objects.update(restriction_type=PageViewRestriction.LOGIN)
    CollectionViewRestriction.objects.update(restriction_type=CollectionViewRestriction.LOGIN)
    lines = []
    setup_city_roles(log=lines.append)
    assert "Staff-only pages and collections of Helsingin kaupunki … 2 narrowed to the city's staff" in lines
    helsinki_groups = {roles[HELSINKI].staff, roles[HELSINKI].editors, roles[HELSINKI].moderators}
    for restriction in [guidelines.view_restrictions.get(), staff_document.collection.view_restrictions.get()]:
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert set(restriction.groups.all()) == helsinki_groups

    client.force_login(make_user("goteborg-editor", roles[GOTEBORG].editors))
    assert client.get("/fi/sisaiset-ohjeet/").status_code == 302
    assert client.get(staff_document.url).status_code in (302, 403)
    assert client.get("/api/v2/pages/?type=citycomms.InformationPage&fields=*").json()["items"] == []

    client.force_login(make_user("helsinki-reader", roles[HELSINKI].staff))
    assert GUIDELINES_TEXT in main_text(client.get("/fi/sisaiset-ohjeet/"))
    assert b"".join(client.get(staff_document.url).streaming_content) == b"internal brand rules"
    assert [item["id"] for item in client.get("/api/v2/pages/?type=citycomms.InformationPage").json()["items"]] == [
        guidelines.pk
    ]

    again = []
    setup_city_roles(log=again.append)
    assert not any("narrowed" in line for line in again)


@pytest.mark.django_db
def test_a_signed_in_restriction_made_any_other_way_is_narrowed_at_once(client, roles, helsinki):
    """The shell, an import or a copy: a restriction to any signed-in user inside a city is the city's staff's."""
    page = InformationPageFactory(parent=helsinki, title_fi="Ohje", slug_fi="ohje")
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    restriction.refresh_from_db()
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert roles[HELSINKI].staff in restriction.groups.all()
    client.force_login(make_user("goteborg-staff", roles[GOTEBORG].editors))
    assert client.get("/fi/ohje/").status_code == 302


@pytest.mark.django_db
def test_a_renamed_city_keeps_its_collection_and_its_staff_only_rules(client, roles, helsinki, goteborg):
    """The review's finding: the city's collection was known by the city's name, lost when the home was renamed."""
    helsinki.title_fi = "Helsinki"
    helsinki.save_revision().publish()
    staff = roles[HELSINKI].collection.add_child(name="Sisäinen")
    restriction = CollectionViewRestriction.objects.create(
        collection=staff, restriction_type=CollectionViewRestriction.LOGIN
    )

    restriction.refresh_from_db()
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert roles[HELSINKI].staff in restriction.groups.all()
    client.force_login(make_user("editor", roles[HELSINKI].editors))
    form = client.get(f"/admin/collections/{staff.pk}/privacy/").json()["html"]
    assert str(roles[GOTEBORG].editors.pk) not in {
        box["value"] for box in BeautifulSoup(form, "html.parser").select("input[name=groups]")
    }
