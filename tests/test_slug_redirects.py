"""Readers following an old or other-language link land on the page in their language."""

import pytest

from departments.factories import DepartmentPageFactory, UnitPageFactory


@pytest.fixture
def department(helsinki):
    page = DepartmentPageFactory(
        parent=helsinki,
        title_fi="Viestintäosasto",
        slug_fi="viestintaosasto",
        slug_sv="kommunikationsavdelningen",
        slug_en="communications-department",
    )
    UnitPageFactory(parent=page, slug_fi="viestinta", slug_sv="kommunikation", slug_en="communications")
    return page


def publish_with(page, **fields):
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_changed_swedish_slug_redirects_permanently_from_the_old_url(client, department):
    publish_with(department, slug_sv="kommunikation-avdelning")

    response = client.get("/sv/kommunikationsavdelningen/")
    assert response.status_code == 301
    assert response["Location"] == "/sv/kommunikation-avdelning/"
    child = client.get("/sv/kommunikationsavdelningen/kommunikation/")
    assert child.status_code == 301
    assert child["Location"] == "/sv/kommunikation-avdelning/kommunikation/"
    assert client.get("/sv/kommunikation-avdelning/").status_code == 200
    # Other languages' URLs did not change and do not redirect.
    assert client.get("/fi/viestintaosasto/").status_code == 200


@pytest.mark.django_db
def test_changed_slug_in_another_language_than_the_active_one_also_redirects(client, department):
    publish_with(department, slug_en="communications")
    response = client.get("/en/communications-department/")
    assert response.status_code == 301
    assert response["Location"] == "/en/communications/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/sv/viestintaosasto/", "/sv/kommunikationsavdelningen/"),
        ("/sv/viestintaosasto/viestinta/", "/sv/kommunikationsavdelningen/kommunikation/"),
        ("/en/kommunikationsavdelningen/viestinta/", "/en/communications-department/communications/"),
        ("/fi/communications-department/?x=1", "/fi/viestintaosasto/?x=1"),
    ],
)
def test_a_slug_of_another_language_redirects_to_this_languages_url(client, department, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.django_db
def test_unknown_slug_in_any_language_is_still_404(client, department):
    assert client.get("/sv/ei-ole-olemassa/").status_code == 404
