"""schema.org JSON-LD: valid JSON that names the same organisations, people, titles and numbers as the page."""

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase

from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory


def read(response):
    """The page's HTML and its one JSON-LD object."""
    html = BeautifulSoup(response.content, "html.parser")
    [script] = html.select('script[type="application/ld+json"]')
    return html, json.loads(script.string)


def shown(html, selector):
    return [" ".join(element.get_text(" ").split()) for element in html.select(selector)]


class DemoStructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_a_unit_is_a_government_organization_with_its_parent_people_and_numbers(self):
        html, data = read(self.client.get("/sv/kommunikationsavdelningen/kommunikation/"))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "GovernmentOrganization")
        self.assertEqual(data["name"], html.h1.get_text(strip=True))
        self.assertEqual(data["url"], "http://testserver/sv/kommunikationsavdelningen/kommunikation/")
        self.assertEqual(data["parentOrganization"]["name"], "Kommunikationsavdelningen")
        self.assertEqual([sub["name"] for sub in data["subOrganization"]], shown(html, ".subpages .page-list__link"))
        self.assertEqual([member["name"] for member in data["member"]], shown(html, ".contact-card__name"))
        cards = html.select(".contact-card")
        for member, card in zip(data["member"], cards, strict=True):
            self.assertEqual(member["@type"], "Person")
            self.assertIn(member["jobTitle"], card.get_text())
            if "telephone" in member:
                self.assertIsNotNone(card.select_one(f'a[href="tel:{member["telephone"]}"]'))
        self.assertIn("kommunikationsdirektör", [member.get("jobTitle") for member in data["member"]])

    def test_the_city_lists_its_departments(self):
        html, data = read(self.client.get("/en/"))
        self.assertEqual(data["name"], "City of Helsinki")
        self.assertEqual([sub["name"] for sub in data["subOrganization"]], shown(html, ".page-list__link"))

    def test_the_media_contacts_page_has_media_relations_contact_points(self):
        html, data = read(self.client.get("/fi/yhteystiedot-medialle/"))
        points = data["contactPoint"]
        self.assertEqual(data["name"], "Helsingin kaupunki")
        self.assertEqual(points[0]["name"], "Viestinnän mediapalvelu")
        self.assertEqual(
            [point["name"] for point in points[1:]], list(dict.fromkeys(shown(html, ".contact-card__name")))
        )
        for point in points:
            self.assertEqual(point["contactType"], "media relations")
            self.assertEqual(point["availableLanguage"], ["fi", "sv", "en"])
        goteborg = read(self.client.get("/sv/kontaktuppgifter-for-medierna/", HTTP_HOST="goteborg.localhost"))[1]
        self.assertEqual([point["availableLanguage"] for point in goteborg["contactPoint"]], [["sv", "en"]] * 3)

    def test_a_search_narrows_the_contact_points_as_it_narrows_the_page(self):
        _html, data = read(self.client.get("/fi/yhteystiedot-medialle/?q=kivela"))
        self.assertEqual(
            [point["name"] for point in data["contactPoint"]], ["Viestinnän mediapalvelu", "Liisa Kivelä"]
        )


@pytest.mark.django_db
def test_markup_in_texts_cannot_leave_the_script_element(client, helsinki):
    title = 'Osasto </script><script>alert("x")</script> & <b>'
    department = DepartmentPageFactory(parent=helsinki, title_fi=title)
    department.head = ContactPersonFactory(city=helsinki, last_name="</script>")
    department.save()
    response = client.get(department.url)
    assert "<script>alert" not in response.content.decode()
    _html, data = read(response)
    assert data["name"] == title
    assert data["member"][0]["familyName"] == "</script>"


@pytest.mark.django_db
def test_a_units_service_point_gives_its_phone_email_and_address(client, helsinki):
    point = ServicePointFactory(
        city=helsinki, email="neuvonta@example.fi", street_address_fi="Pohjoisesplanadi 11–13", postal_code="00170"
    )
    department = DepartmentPageFactory(parent=helsinki, body_fi=[("service_point", point)])
    html, data = read(client.get(department.url))
    assert (data["telephone"], data["email"]) == ("+358931011111", "neuvonta@example.fi")
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Pohjoisesplanadi 11–13",
        "postalCode": "00170",
    }
    assert html.select_one('.service-point a[href="tel:+358931011111"]') is not None
