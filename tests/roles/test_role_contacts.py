"""Per-city editors and moderators: contact people and service points kept to the city's staff."""

import pytest

from contacts.factories import ContactPersonFactory, ServicePointFactory
from tests.conftest import CONTACTS_URL

# --- contacts: isolation ------------------------------------------------------------------------

SERVICE_POINTS_URL = "/admin/snippets/contacts/servicepoint/"


@pytest.fixture
def people(helsinki, goteborg):
    return {
        "helsinki": ContactPersonFactory(city=helsinki, first_name="Hanna", last_name="Helsinkiläinen"),
        "goteborg": ContactPersonFactory(city=goteborg, first_name="Greta", last_name="Göteborgare", phone=""),
    }


@pytest.mark.django_db
def test_an_editor_lists_only_their_own_citys_contacts(client, goteborg_editor, people):
    client.force_login(goteborg_editor)

    html = client.get(CONTACTS_URL).content.decode()

    assert "Göteborgare" in html
    assert "Helsinkiläinen" not in html


@pytest.mark.django_db
def test_another_citys_contact_is_not_found_by_url(client, goteborg_editor, people):
    client.force_login(goteborg_editor)
    helsinki_person, own = people["helsinki"], people["goteborg"]

    assert client.get(f"{CONTACTS_URL}edit/{own.pk}/").status_code == 200
    for view in ("edit", "delete", "copy", "history", "usage"):
        assert client.get(f"{CONTACTS_URL}{view}/{helsinki_person.pk}/").status_code == 404, view
    response = client.post(f"{CONTACTS_URL}delete/{helsinki_person.pk}/")
    assert response.status_code == 404
    assert type(helsinki_person).objects.filter(pk=helsinki_person.pk).exists()


@pytest.mark.django_db
def test_an_editor_cannot_delete_a_contact(client, goteborg_editor, people):
    client.force_login(goteborg_editor)
    ours = people["goteborg"]

    client.post(f"{CONTACTS_URL}delete/{ours.pk}/")
    client.post(f"/admin/bulk/contacts/contactperson/delete/?id={ours.pk}&next={CONTACTS_URL}")

    assert type(ours).objects.filter(pk=ours.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_leaves_another_citys_contacts_alone(client, goteborg_moderator, people):
    client.force_login(goteborg_moderator)
    theirs, ours = people["helsinki"], people["goteborg"]

    # A request naming another city's contact is refused whole (citycomms.admin_scope), as if it did not exist.
    mixed = client.post(f"/admin/bulk/contacts/contactperson/delete/?id={theirs.pk}&id={ours.pk}&next={CONTACTS_URL}")
    assert mixed.status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists() and type(ours).objects.filter(pk=ours.pk).exists()

    client.post(f"/admin/bulk/contacts/contactperson/delete/?id={ours.pk}&next={CONTACTS_URL}")
    assert type(theirs).objects.filter(pk=theirs.pk).exists()
    assert not type(ours).objects.filter(pk=ours.pk).exists()


@pytest.mark.django_db
def test_the_contact_chooser_offers_only_own_city(client, goteborg_editor, people):
    client.force_login(goteborg_editor)

    chooser = "/admin/snippets/choose/contacts/contactperson/"
    html = client.get(chooser).json()["html"]
    theirs, ours = people["helsinki"], people["goteborg"]

    assert "Göteborgare" in html
    assert "Helsinkiläinen" not in html
    assert client.get(f"{chooser}chosen/{ours.pk}/").status_code == 200
    assert client.get(f"{chooser}chosen/{theirs.pk}/").status_code == 404
    chosen = client.get(f"{chooser}chosen-multiple/", {"id": [ours.pk, theirs.pk]}).json()["result"]
    assert [item["id"] for item in chosen] == [str(ours.pk)]


@pytest.mark.django_db
def test_an_editor_adds_contacts_only_to_their_own_city(client, goteborg_editor, helsinki, goteborg):
    client.force_login(goteborg_editor)
    form = {"first_name": "Gustav", "last_name": "Smygare", "phone": "", "email": ""}

    refused = client.post(f"{CONTACTS_URL}add/", {**form, "city": helsinki.pk})
    accepted = client.post(f"{CONTACTS_URL}add/", {**form, "city": goteborg.pk})

    assert refused.status_code == 200  # the form again, with an error on the city
    assert accepted.status_code == 302
    assert list(goteborg.contact_people.values_list("last_name", flat=True)) == ["Smygare"]
    assert not helsinki.contact_people.exists()


@pytest.mark.django_db
def test_service_points_stay_in_their_city_too(client, goteborg_editor, helsinki, goteborg):
    client.force_login(goteborg_editor)
    theirs = ServicePointFactory(city=helsinki, name_fi="Virka Info", name_sv="Virka Info")
    ours = ServicePointFactory(city=goteborg, name_sv="Kontaktcenter", name_fi="", phone="")

    html = client.get(SERVICE_POINTS_URL).content.decode()

    assert "Kontaktcenter" in html and "Virka Info" not in html
    assert client.get(f"{SERVICE_POINTS_URL}edit/{ours.pk}/").status_code == 200
    assert client.get(f"{SERVICE_POINTS_URL}edit/{theirs.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_superuser_sees_every_citys_contacts(admin_client, people):
    html = admin_client.get(CONTACTS_URL).content.decode()
    assert "Göteborgare" in html and "Helsinkiläinen" in html
    assert admin_client.get(f"{CONTACTS_URL}edit/{people['helsinki'].pk}/").status_code == 200
