"""Languages in the admin: each editor's own admin language, the city's language first in the
page editor, and a preview in every language the city offers."""

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from newsroom.factories import NewsroomPageFactory
from newsroom.models import NewsroomPage
from tests.conftest import edit_form_values


def input_order(html, *names):
    """Where each named input first appears in the editor's form, as positions in the page."""
    soup = BeautifulSoup(html, "html.parser")
    fields = [field.get("name") for field in soup.find_all(["input", "textarea"])]
    return [fields.index(name) for name in names]


@pytest.fixture
def goteborg_department(goteborg):
    return DepartmentPageFactory(
        parent=goteborg,
        title_sv="Område kommunikation",
        title_en="Communications",
        slug_sv="omrade-kommunikation",
        slug_en="communications",
        intro_sv="Vi kommunicerar.",
    )


@pytest.mark.django_db
def test_each_editor_chooses_the_admins_language(admin_client, admin_user):
    choices = BeautifulSoup(admin_client.get("/admin/account/").content, "html.parser")
    offered = {option["value"] for option in choices.select("select[name='locale-preferred_language'] option")}
    assert {"fi", "sv", "en"} <= offered

    profile = UserProfile.get_for_user(admin_user)
    for language in ("sv", "fi"):
        profile.preferred_language = language
        profile.save()
        dashboard = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
        assert dashboard.html["lang"] == language


def input_names(html):
    soup = BeautifulSoup(html, "html.parser")
    return {field.get("name") for field in soup.find_all(["input", "textarea", "select"])}


@pytest.mark.django_db
def test_a_swedish_citys_editor_meets_swedish_first_and_no_finnish(admin_client, goteborg_department):
    html = admin_client.get(f"/admin/pages/{goteborg_department.pk}/edit/").content.decode()

    assert input_order(html, "title_sv", "title_en") == sorted(input_order(html, "title_sv", "title_en"))
    assert input_order(html, "intro_sv", "intro_en") == sorted(input_order(html, "intro_sv", "intro_en"))
    assert {"title_sv", "title_en", "slug_sv", "intro_sv"} <= input_names(html)
    assert not {name for name in input_names(html) if name and name.endswith("_fi")}


@pytest.mark.django_db
def test_a_new_page_takes_its_citys_languages_in_its_order(admin_client, helsinki, goteborg):
    helsinki_html = admin_client.get(f"/admin/pages/add/departments/departmentpage/{helsinki.pk}/").content.decode()
    goteborg_html = admin_client.get(f"/admin/pages/add/departments/departmentpage/{goteborg.pk}/").content.decode()

    fi_sv_en = ("title_fi", "title_sv", "title_en")
    assert input_order(helsinki_html, *fi_sv_en) == sorted(input_order(helsinki_html, *fi_sv_en))
    assert input_order(goteborg_html, "title_sv", "title_en") == sorted(
        input_order(goteborg_html, "title_sv", "title_en")
    )
    assert "title_fi" not in input_names(goteborg_html) and "title_fi" in input_names(helsinki_html)


@pytest.mark.django_db
def test_saving_from_the_citys_editor_keeps_what_other_languages_hold(admin_client, goteborg_department):
    """A Finnish title from before (the city no longer publishes in Finnish) is not shown, and not lost."""
    goteborg_department.title_fi = "Viestintä"
    goteborg_department.save_revision().publish()
    url = f"/admin/pages/{goteborg_department.pk}/edit/"
    form = edit_form_values(admin_client.get(url).content.decode(), DepartmentPage)
    assert "title_fi" not in form
    form["intro_en"] = "We communicate."

    assert admin_client.post(url, form).status_code == 302

    goteborg_department.refresh_from_db()
    saved = goteborg_department.get_latest_revision_as_object()
    assert (saved.title_sv, saved.title_en, saved.title_fi, saved.intro_sv, saved.intro_en) == (
        "Område kommunikation",
        "Communications",
        "Viestintä",
        "Vi kommunicerar.",
        "We communicate.",
    )


@pytest.mark.django_db
def test_a_contacts_form_shows_its_citys_languages_default_first(client, goteborg_editor, goteborg):
    person = ContactPersonFactory(city=goteborg, job_title_sv="presschef", job_title_en="Press Officer")
    person.job_title_fi = "lehdistöpäällikkö"
    person.save()
    client.force_login(goteborg_editor)

    html = client.get(f"/admin/snippets/contacts/contactperson/edit/{person.pk}/").content.decode()
    new_html = client.get("/admin/snippets/contacts/contactperson/add/").content.decode()

    for page in (html, new_html):
        assert input_order(page, "job_title_sv", "job_title_en") == sorted(
            input_order(page, "job_title_sv", "job_title_en")
        )
        assert "job_title_fi" not in input_names(page) and "media_topics_fi" not in input_names(page)
    form = edit_form_values(html, type(person))
    form["job_title_en"] = "Head of Press"
    assert client.post(f"/admin/snippets/contacts/contactperson/edit/{person.pk}/", form).status_code == 302
    person.refresh_from_db()
    saved = person.latest_revision.as_object()
    assert (saved.job_title_sv, saved.job_title_en, saved.job_title_fi) == (
        "presschef",
        "Head of Press",
        "lehdistöpäällikkö",
    )


@pytest.mark.django_db
def test_the_preview_offers_and_shows_each_of_the_citys_languages(admin_client, goteborg_department):
    assert [code for code, _label in goteborg_department.preview_modes] == ["sv", "en"]
    preview_url = f"/admin/pages/{goteborg_department.pk}/edit/preview/"
    form = edit_form_values(
        admin_client.get(f"/admin/pages/{goteborg_department.pk}/edit/").content.decode(), DepartmentPage
    )
    form["title_en"] = "Communications, unsaved"
    assert admin_client.post(preview_url, form).json()["is_valid"] is True

    for mode, language, heading in [
        ("sv", "sv", "Område kommunikation"),
        ("en", "en", "Communications, unsaved"),
        ("", "sv", "Område kommunikation"),  # no mode: the city's default language
    ]:
        response = admin_client.get(preview_url, {"mode": mode} if mode else {})
        page = BeautifulSoup(response.content, "html.parser")
        assert response.status_code == 200
        assert (page.html["lang"], page.h1.get_text()) == (language, heading)


@pytest.mark.django_db
def test_the_contact_listing_speaks_the_editors_language(client, helsinki_editor, helsinki):
    ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä", is_media_contact=True)
    profile = UserProfile.get_for_user(helsinki_editor)
    profile.preferred_language = "fi"
    profile.save()
    client.force_login(helsinki_editor)

    listing = BeautifulSoup(client.get("/admin/snippets/contacts/contactperson/").content, "html.parser")
    headings = [" ".join(th.get_text().split()) for th in listing.select("table thead th")]
    assert "Nimi" in headings and "Puhelin" in headings and "Mediayhteyshenkilö" in headings
    text = listing.get_text()
    assert not {"Full name", "Phone display", "True", "False"} & set(text.split("\n"))
    # The city a one-city editor's new contact goes in is theirs, chosen already, by name.
    form = BeautifulSoup(client.get("/admin/snippets/contacts/contactperson/add/").content, "html.parser")
    options = form.select("select[name=city] option")
    assert [option.get_text() for option in options if option.get("value")] == ["Helsingin kaupunki"]
    assert form.select_one("select[name=city] option[selected]")["value"] == str(helsinki.pk)


@pytest.mark.django_db
def test_a_routable_pages_preview_shows_each_language_too(admin_client, helsinki):
    newsroom = NewsroomPageFactory(parent=helsinki)
    preview_url = f"/admin/pages/{newsroom.pk}/edit/preview/"
    form = edit_form_values(admin_client.get(f"/admin/pages/{newsroom.pk}/edit/").content.decode(), NewsroomPage)
    assert admin_client.post(preview_url, form).json()["is_valid"] is True

    for mode, heading in [("fi", "Uutishuone"), ("sv", "Nyhetsrum"), ("en", "Newsroom")]:
        page = BeautifulSoup(admin_client.get(preview_url, {"mode": mode}).content, "html.parser")
        assert (page.html["lang"], page.h1.get_text(strip=True)) == (mode, heading)
