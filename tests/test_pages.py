"""Page tree rules and the department/unit/team pages as readers see them."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction

from citycomms.factories import InformationPageFactory
from citycomms.models import CityHomePage
from contacts.factories import ContactPersonFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import DepartmentPage, PageContact, TeamPage, UnitPage


@pytest.mark.django_db  # can_create_at looks up content types: from the database once their cache is cleared
def test_department_unit_team_parent_rules():
    assert DepartmentPage.can_create_at(CityHomePage()) is True
    assert UnitPage.can_create_at(DepartmentPage()) is True
    assert TeamPage.can_create_at(UnitPage()) is True
    assert UnitPage.can_create_at(CityHomePage()) is False
    assert TeamPage.can_create_at(DepartmentPage()) is False
    assert DepartmentPage.can_create_at(UnitPage()) is False
    assert DepartmentPage.can_create_at(Page()) is False
    assert TeamPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_moving_a_unit_under_a_city_home_is_refused(helsinki):
    department = DepartmentPageFactory(parent=helsinki)
    unit = UnitPageFactory(parent=department)
    assert unit.can_move_to(helsinki) is False
    assert unit.can_move_to(DepartmentPageFactory(parent=helsinki)) is True


@pytest.mark.django_db
def test_department_page_shows_head_units_contacts_breadcrumbs_and_updated_date(client, helsinki):
    head = ContactPersonFactory(
        city=helsinki, first_name="Liisa", last_name="Kivelä", job_title_fi="viestintäjohtaja", phone="+358931012345"
    )
    department = DepartmentPageFactory(
        parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto", head=head
    )
    UnitPageFactory(parent=department, title_fi="Viestintä")
    spokesperson = ContactPersonFactory(city=helsinki, first_name="Pekka", last_name="Puhuja")
    PageContact.objects.create(page=department, contact=spokesperson, role_fi="Mediatiedustelut")
    department.save_revision().publish()

    html = client.get("/fi/viestintaosasto/").content.decode()

    assert "Osastoa johtaa viestintäjohtaja Liisa Kivelä." in html
    assert ">Viestintä</a>" in html
    assert "Pekka Puhuja" in html and "Mediatiedustelut" in html
    assert 'href="tel:+358931012345">09 310 12 345</a>' in html
    assert '<a href="/fi/" >' not in html  # breadcrumbs are well-formed links
    assert 'aria-label="Murupolku"' in html
    assert "Päivitetty" in html and "<time datetime=" in html


@pytest.mark.django_db
def test_city_home_lists_its_departments(client, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto")
    DepartmentPageFactory(parent=helsinki, title_fi="Talousosasto", live=False)
    html = client.get("/fi/").content.decode()
    assert "Viestintäosasto" in html
    assert "Talousosasto" not in html


@pytest.mark.django_db
def test_team_page_renders_body_blocks(client, helsinki):
    from contacts.factories import ServicePointFactory

    point = ServicePointFactory(city=helsinki, name_fi="Virka Info", opening_hours_fi="ma–pe 9–16")
    unit = UnitPageFactory(parent=DepartmentPageFactory(parent=helsinki))
    TeamPageFactory(
        parent=unit,
        slug_fi="virka-info",
        body_fi=[
            ("heading", {"text": "Palvelupiste", "level": "h2"}),
            ("responsibilities", {"intro": "Toimialaan kuuluvat", "items": ["neuvonta", "näyttelyt"]}),
            (
                "links",
                {
                    "heading": "",
                    "links": [{"text": "Lisää viestinnästä »", "page": None, "url": "https://www.hel.fi/"}],
                },
            ),
            ("service_point", point),
        ],
    )
    html = client.get(f"/fi/{unit.get_parent().slug_fi}/{unit.slug_fi}/virka-info/").content.decode()
    assert "<h2>Palvelupiste</h2>" in html
    assert "<li>näyttelyt</li>" in html
    assert '<a href="https://www.hel.fi/">Lisää viestinnästä »</a>' in html
    assert "Virka Info" in html and "ma–pe 9–16" in html and "09 310 11 111" in html


@pytest.mark.django_db
def test_page_keeps_rendering_after_a_contact_it_used_is_deleted(client, helsinki):
    person = ContactPersonFactory(city=helsinki, first_name="Poistuva", last_name="Henkilö")
    department = DepartmentPageFactory(
        parent=helsinki, slug_fi="osasto", head=person, body_fi=json.dumps([{"type": "contact", "value": person.pk}])
    )
    PageContact.objects.create(page=department, contact=person)
    person.delete()
    response = client.get("/fi/osasto/")
    assert response.status_code == 200
    assert "Poistuva" not in response.content.decode()


@pytest.mark.django_db
def test_contact_delete_view_lists_pages_using_it_first(admin_client, helsinki):
    """Asked to delete a person, the admin first names every page that uses them (as head, in its list of
    contacts, in a contact block of its body), each linked to its editor, and deletes nothing yet."""
    person = ContactPersonFactory(city=helsinki)
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto", head=person)
    unit = UnitPageFactory(parent=department, title_fi="Kirjastoyksikkö")
    PageContact.objects.create(page=unit, contact=person)
    unit.save_revision().publish()
    body = json.dumps([{"type": "contact", "value": person.pk}])
    in_body = DepartmentPageFactory(parent=helsinki, title_fi="Nuorisoasiat", body_fi=body)
    unrelated = DepartmentPageFactory(parent=helsinki, title_fi="Liikuntaosasto")

    response = admin_client.get(f"/admin/snippets/contacts/contactperson/delete/{person.pk}/")

    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    linked = {link.get_text(strip=True): link["href"] for link in main.select('a[href^="/admin/pages/"]')}
    for page in (department, unit, in_body):
        assert linked.get(page.title) == f"/admin/pages/{page.pk}/edit/", (page.title, linked)
    assert unrelated.title not in main.get_text()
    assert ContactPerson.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_each_page_type_shows_its_trail_from_the_home_and_a_password_prompt_names_no_page(client, helsinki):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    unit = UnitPageFactory(parent=department, title_fi="Viestintäyksikkö", slug_fi="yksikko")
    secret = InformationPageFactory(parent=helsinki, title_fi="Salainen suunnitelma", slug_fi="suunnitelma")
    for page in (department, unit, secret):
        page.save_revision().publish()
    home = client.get("/fi/").content.decode()
    assert 'aria-label="Murupolku"' not in home  # the home page has no trail above it

    html = BeautifulSoup(client.get("/fi/viestintaosasto/yksikko/").content, "html.parser")
    crumbs = html.find("nav", attrs={"aria-label": "Murupolku"}).find_all("a")
    assert [crumb.get_text() for crumb in crumbs] == ["Helsingin kaupunki", "Viestintäosasto", "Viestintäyksikkö"]
    html = BeautifulSoup(client.get("/fi/suunnitelma/").content, "html.parser")
    crumbs = html.find("nav", attrs={"aria-label": "Murupolku"}).find_all("a")
    assert [crumb.get_text() for crumb in crumbs] == ["Helsingin kaupunki", "Salainen suunnitelma"]

    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="s")
    prompt = client.get("/fi/suunnitelma/").content.decode()
    assert 'name="password"' in prompt
    assert 'aria-label="Murupolku"' not in prompt and "Salainen suunnitelma" not in prompt
