"""The media desk: the demo's media contacts page, its search and filter, and vCards."""

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase

from contacts.models import ContactPerson
from departments.models import DepartmentPage, PageContact, UnitPage
from tests.conftest import cards_in, text_of

HELSINKI_PRESS = "/fi/yhteystiedot-medialle/"


GOTEBORG = "goteborg.localhost"


class DemoMediaDeskTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def press_page(self, query="", host="localhost", url=HELSINKI_PRESS):
        response = self.client.get(url + query, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response

    def test_media_desk_comes_first_then_contacts_by_department_and_unit(self):
        html = BeautifulSoup(self.press_page().content, "html.parser")
        self.assertEqual(html.html["lang"], "fi")
        self.assertEqual(html.h1.get_text(), "Yhteystiedot medialle")
        sections = [heading.get_text(" ", strip=True) for heading in html.select("main h2, main h3")]
        self.assertEqual(sections[:2], ["Mediapalvelu", "Median yhteyshenkilöt"])
        self.assertIn("Viestintäosasto", sections[2])
        self.assertIn("Viestinnän mediapalvelu", html.select_one(".media-desk").get_text())
        first_group = html.select_one(".directory__group")
        self.assertIn("Liisa Kivelä", first_group.get_text())
        self.assertIn("viestintäjohtaja", first_group.get_text())
        self.assertIn("tel:+358931036211", str(first_group))

    def test_the_page_speaks_the_readers_language(self):
        text = text_of(self.press_page(url="/sv/kontaktuppgifter-for-medierna/"))
        self.assertIn("Kontaktuppgifter för medierna", text)
        self.assertIn("kommunikationsdirektör", text)
        self.assertIn("Kommunikationsavdelningen", text)
        goteborg = text_of(self.press_page(host=GOTEBORG, url="/en/media-contacts/"))
        self.assertIn("Helena Mehner", goteborg)
        self.assertIn("Director of Communications", goteborg)
        self.assertNotIn("Kivelä", goteborg)

    def test_search_ignores_case_and_accents_and_reads_topics_and_units(self):
        self.assertIn("Liisa Kivelä", text_of(self.press_page("?q=KIVELA")))
        self.assertIn("Liisa Kivelä", text_of(self.press_page("?q=markkinointi")))
        self.assertIn("Liisa Kivelä", text_of(self.press_page("?q=viestintaosasto")))
        nobody = text_of(self.press_page("?q=zzyzx"))
        self.assertNotIn("Liisa Kivelä", nobody)
        self.assertIn("Yksikään median yhteyshenkilö ei vastaa hakuasi.", nobody)

    def test_filter_by_department_and_ignore_bad_values(self):
        department = DepartmentPage.objects.get(slug="viestintaosasto")
        filtered = BeautifulSoup(self.press_page(f"?department={department.pk}").content, "html.parser")
        self.assertTrue(filtered.select(".directory__group"))
        self.assertTrue(
            all("Viestintäosasto" in group.h3.get_text() for group in filtered.select(".directory__group"))
        )
        self.assertEqual(filtered.select_one("option[selected]")["value"], str(department.pk))
        for bad in ("abc", "-1", "99999999", "1.5"):
            self.assertIn("Liisa Kivelä", text_of(self.press_page(f"?department={bad}")), bad)

    def test_overlong_and_control_character_queries_are_cut_with_a_message(self):
        text = text_of(self.press_page("?q=" + "kivela " * 60))
        self.assertIn("200", text)
        self.assertEqual(self.press_page("?q=kiv%00%07ela").status_code, 200)

    def test_the_form_works_without_javascript(self):
        form = BeautifulSoup(self.press_page().content, "html.parser").select_one("form.directory-filter")
        self.assertEqual((form["method"], form["action"]), ("get", HELSINKI_PRESS))
        self.assertEqual({field["name"] for field in form.select("input, select")}, {"q", "department"})

    def test_department_and_unit_pages_link_to_the_media_contacts(self):
        for url in ("/fi/viestintaosasto/", "/fi/viestintaosasto/viestinta/"):
            links = BeautifulSoup(self.client.get(url).content, "html.parser").select(".press-link a")
            self.assertEqual([link["href"] for link in links], [HELSINKI_PRESS], url)

    def test_the_home_pages_department_list_lists_departments_only(self):
        html = BeautifulSoup(self.client.get("/fi/").content, "html.parser")
        listed = [link.get_text(strip=True) for link in html.select("main .page-list a")]
        self.assertIn("Viestintäosasto", listed)
        self.assertNotIn("Yhteystiedot medialle", listed)  # the header and footer link it, as a department is not

    def test_a_persons_vcard_carries_the_card_in_the_pages_language(self):
        person = PageContact.objects.get(contact__last_name="Kivelä", page__slug="viestinta").contact
        response = self.client.get(f"/sv/vcard/{person.pk}.vcf")
        self.assertEqual(response["Content-Type"], "text/vcard; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="liisa-kivela.vcf"')
        [card] = cards_in(response)
        self.assertEqual(card.fn.value, "Liisa Kivelä")
        self.assertEqual((card.n.value.family, card.n.value.given), ("Kivelä", "Liisa"))
        self.assertEqual(card.title.value, "kommunikationsdirektör")
        self.assertEqual(card.org.value, ["Helsingfors stad", "Kommunikationsavdelningen", "Kommunikation"])
        self.assertEqual(card.tel.value, "+358931036211")
        self.assertIn("WORK", card.tel.params["TYPE"][0])
        self.assertEqual(card.email.value, "liisa.kivela@hel.fi")
        self.assertEqual(card.url.value, "http://testserver/sv/kommunikationsavdelningen/kommunikation/")
        self.assertRegex(card.photo.value, r"^http://testserver/media/images/.+\.png$")
        self.assertRegex(card.rev.value, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_a_units_and_the_press_pages_contacts_as_one_file(self):
        unit = UnitPage.objects.get(slug="viestinta", url_path_fi__startswith="/helsinki/viestintaosasto/")
        page_cards = cards_in(self.client.get(f"/fi/vcard/page/{unit.pk}.vcf"))
        self.assertEqual(len(page_cards), unit.page_contacts.count() + bool(unit.head_id))
        media_cards = cards_in(self.client.get("/en/vcard/media.vcf", HTTP_HOST=GOTEBORG))
        self.assertEqual([card.fn.value for card in media_cards], ["Helena Mehner", "Gunilla Bökmark"])
        self.assertEqual(media_cards[0].title.value, "Director of Communications")

    def test_unknown_or_other_citys_contacts_give_404(self):
        helena = ContactPerson.objects.get(last_name="Mehner")
        self.assertEqual(self.client.get("/fi/vcard/999999.vcf").status_code, 404)
        self.assertEqual(self.client.get(f"/fi/vcard/{helena.pk}.vcf").status_code, 404)
        self.assertEqual(self.client.get(f"/sv/vcard/{helena.pk}.vcf", HTTP_HOST=GOTEBORG).status_code, 200)
        self.assertEqual(self.client.get("/fi/vcard/page/999999.vcf").status_code, 404)
        self.assertEqual(self.client.post(f"/sv/vcard/{helena.pk}.vcf", HTTP_HOST=GOTEBORG).status_code, 405)

    def test_every_contact_card_offers_its_vcard(self):
        html = BeautifulSoup(self.client.get("/fi/viestintaosasto/").content, "html.parser")
        cards = html.select(".contact-card")
        links = [card.select_one(".contact-card__vcard a")["href"] for card in cards]
        self.assertTrue(cards)
        self.assertTrue(all(link.startswith("/fi/vcard/") and link.endswith(".vcf") for link in links))
