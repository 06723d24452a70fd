"""Contact people and service points: validation, storage and admin editing."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson
from contacts.phone import format_phone
from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("city_fixture", "typed", "stored", "shown"),
    [
        ("goteborg", "031-368 06 03", "+46313680603", "031-368 06 03"),
        ("goteborg", "031-365 00 00", "+46313650000", "031-365 00 00"),
        ("helsinki", "09 310 11 111", "+358931011111", "09 310 11 111"),
        ("helsinki", "+46 31 368 06 03", "+46313680603", "+46 31 368 06 03"),  # foreign: international
        ("helsinki", "040 123 4567", "+358401234567", "040 123 4567"),
    ],
)
def test_phone_is_stored_as_e164_and_shown_as_the_city_writes_it(request, city_fixture, typed, stored, shown):
    """Shown in the city's own language (Swedish in Göteborg, Finnish in Helsinki) as the city writes it."""
    person = ContactPersonFactory.build(city=request.getfixturevalue(city_fixture), phone=typed)
    person.full_clean()
    assert person.phone == stored
    with translation.override("sv" if city_fixture == "goteborg" else "fi"):
        assert person.phone_display == shown


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["12", "not a number", "09 310", "+999 123"])
def test_bad_phone_numbers_are_rejected_naming_the_field(helsinki, bad):
    person = ContactPersonFactory.build(city=helsinki, phone=bad)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert list(caught.value.message_dict) == ["phone"]
    assert "is not a valid phone number" in caught.value.message_dict["phone"][0]


@pytest.mark.django_db
def test_bad_email_is_rejected_naming_the_field(helsinki):
    person = ContactPersonFactory.build(city=helsinki, email="liisa.kivela(at)hel.fi")
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            person.full_clean()
        assert caught.value.message_dict == {"email": ["Enter a valid email address."]}


def test_format_phone_of_nothing_is_empty():
    assert format_phone("") == ""


@pytest.mark.django_db
def test_admin_rejects_a_bad_phone_in_the_editors_language_and_saves_nothing(admin_client, admin_user, helsinki):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(admin_user).__class__.objects.filter(user=admin_user).update(preferred_language="fi")
    response = admin_client.post(
        "/admin/snippets/contacts/contactperson/add/",
        {"city": helsinki.pk, "first_name": "Liisa", "last_name": "Kivelä", "phone": "123", "email": "x@hel.fi"},
    )
    assert response.status_code == 200
    assert "ei ole kelvollinen puhelinnumero" in response.content.decode()
    assert not ContactPerson.objects.exists()


@pytest.mark.django_db
def test_admin_edit_form_shows_each_languages_fields(admin_client, helsinki):
    person = ContactPersonFactory(city=helsinki)
    html = admin_client.get(f"/admin/snippets/contacts/contactperson/edit/{person.pk}/").content.decode()
    for code in ("fi", "sv", "en"):
        assert f'name="job_title_{code}"' in html
        assert f'name="media_topics_{code}"' in html
    point = ServicePointFactory(city=helsinki)
    html = admin_client.get(f"/admin/snippets/contacts/servicepoint/edit/{point.pk}/").content.decode()
    for code in ("fi", "sv", "en"):
        assert f'name="opening_hours_{code}"' in html


@pytest.mark.django_db
def test_admin_page_editor_shows_each_languages_fields(admin_client, helsinki):
    from departments.factories import DepartmentPageFactory

    page = DepartmentPageFactory(parent=helsinki)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for field in ("title", "slug", "seo_title", "search_description", "intro"):
        for code in ("fi", "sv", "en"):
            assert f'name="{field}_{code}"' in html, f"{field}_{code} missing"
    for code in ("fi", "sv", "en"):
        assert f'id="body_{code}"' in html  # StreamFields render as a widget with this id


@pytest.mark.django_db
def test_admin_can_create_a_swedish_only_page_under_goteborg(admin_client, goteborg):
    response = admin_client.post(
        f"/admin/pages/add/departments/departmentpage/{goteborg.pk}/",
        {
            "title_sv": "Område kommunikation",
            "slug_sv": "omrade-kommunikation",
            "body_fi-count": "0",
            "body_sv-count": "0",
            "body_en-count": "0",
            **{
                f"{formset}-{name}": value
                for formset in ("page_contacts", "posts", "successors")
                for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))
            },
        },
    )
    assert response.status_code == 302
    assert "/edit/" in response["Location"]
    page = DepartmentPage.objects.get(slug_sv="omrade-kommunikation")
    assert page.get_parent().pk == goteborg.pk
    assert page.title_sv == "Område kommunikation"


@pytest.mark.django_db
def test_contact_photos_are_responsive_webp_with_a_jpeg_fallback(client, helsinki):
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    department = DepartmentPageFactory(parent=helsinki, head=ContactPersonFactory(city=helsinki, photo=photo))
    picture = BeautifulSoup(client.get(department.url).content, "html.parser").select_one(".contact-card picture")
    webp = picture.select_one('source[type="image/webp"]')
    assert [candidate.split()[-1] for candidate in webp["srcset"].split(", ")] == ["96w", "192w"]
    assert webp["sizes"] == "96px"
    img = picture.select_one("img.contact-card__photo")
    assert img["alt"] == "Kasvokuva"
    assert img["src"].endswith(".jpg")
    assert photo.renditions.count() == 4  # two sizes in two formats, made once
    client.get(department.url)
    assert photo.renditions.count() == 4
