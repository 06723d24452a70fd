"""The demo content: the seed pages' facts on the right pages, in the right language."""

import xml.etree.ElementTree as ET
from io import StringIO

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site

from citycomms.models import CitySettings
from contacts.models import ContactPerson, ServicePoint

HELSINKI = "localhost"
GOTEBORG = "goteborg.localhost"
STOCKHOLM = "stockholm.localhost"


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, ContactPerson, ServicePoint, get_document_model(), Site, CitySettings)
    }


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = StringIO()
        call_command("load_demo", stdout=cls.output)

    def get_text(self, url, host=HELSINKI):
        response = self.client.get(url, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, url)
        return BeautifulSoup(response.content, "html.parser")

    def assertFacts(self, url, facts, host=HELSINKI, lang=None):
        page = self.get_text(url, host)
        text = " ".join(page.get_text(" ").split())
        for fact in facts:
            self.assertIn(fact, text, f"{fact!r} missing on {host}{url}")
        if lang:
            self.assertEqual(page.html["lang"], lang)
        return page

    def test_running_it_again_changes_nothing(self):
        before = counts()
        output = StringIO()
        call_command("load_demo", stdout=output)
        self.assertEqual(counts(), before)
        changed = [line for line in output.getvalue().splitlines() if line.endswith(("created", "updated"))]
        self.assertEqual(changed, [])

    def test_it_reports_progress(self):
        self.assertIn("Viestintäosasto", self.output.getvalue())
        self.assertIn("http://goteborg.localhost", self.output.getvalue())

    def test_each_city_has_a_demo_editor_and_moderator_printed_with_their_passwords(self):

        output = self.output.getvalue()
        for username, group in [
            ("helsinki-editor", "Helsingin kaupunki Editors"),
            ("helsinki-moderator", "Helsingin kaupunki Moderators"),
            ("goteborg-editor", "Göteborgs Stad Editors"),
            ("stockholm-moderator", "Stockholms stad Moderators"),
        ]:
            user = get_user_model().objects.get(username=username)
            self.assertEqual(list(user.groups.values_list("name", flat=True)), [group])
            self.assertTrue(user.check_password(f"citycomms-{username}"))
            self.assertIn(f"{username} / citycomms-{username}", output)
        self.assertIn("Workflow Göteborgs Stad moderation … created", output)

    def test_each_city_is_served_on_its_host_in_its_languages(self):
        self.assertEqual(self.client.get("/", HTTP_HOST=GOTEBORG)["Location"], "/sv/")
        self.assertEqual(self.client.get("/", HTTP_HOST="helsinki.localhost")["Location"], "/fi/")
        self.assertFacts("/fi/", ["Helsingin kaupunki", "Viestintäosasto"], lang="fi")
        self.assertFacts("/fi/", ["Helsingin kaupunki"], host="helsinki.localhost")
        self.assertFacts("/sv/", ["Göteborgs Stad", "Område kommunikation"], host=GOTEBORG, lang="sv")
        self.assertFacts("/sv/", ["Stockholms stad", "Kommunikation"], host=STOCKHOLM, lang="sv")

    def test_helsinki_communications_department_in_finnish(self):
        self.assertFacts(
            "/fi/viestintaosasto/",
            [
                "Viestintäosasto",
                "Osastoa johtaa viestintäjohtaja Liisa Kivelä.",
                "Viestintä, osallisuus ja neuvonta, vieraanvaraisuus sekä markkinointi muodostavat "
                "yhdessä viestintäosaston.",
                "Osallisuus ja neuvonta",
            ],
            lang="fi",
        )
        self.assertFacts(
            "/fi/viestintaosasto/viestinta/",
            [
                "kaupunkia koskeva kotimainen ja kansainvälinen yleisviestintä",
                "kaupungin hallintokuntien viestinnän ohjeistus ja koordinointi.",
                "Yksikkö palvelee kotimaisia ja ulkomaisia toimittajia.",
                "Lisää viestinnästä »",
                "Yhteystiedot medialle »",
            ],
        )
        self.assertFacts(
            "/fi/viestintaosasto/osallisuus-ja-neuvonta/",
            ["sovittelutoiminta", "Vuorovaikutustiimi", "Alueosallisuustiimi", "Lisää osallisuudesta ja neuvonnasta"],
        )

    def test_helsinki_communications_department_in_swedish(self):
        self.assertFacts(
            "/sv/kommunikationsavdelningen/",
            [
                "Kommunikationsavdelningen",
                "Avdelningen leds av kommunikationsdirektör Liisa Kivelä.",
                "Kommunikationsavdelningen sköter Helsingfors centraliserade kommunikation",
                "Marknadsföring",
                "Delaktighet och rådgivning",
            ],
            lang="sv",
        )
        self.assertFacts(
            "/sv/kommunikationsavdelningen/marknadsforing/pr-och-protokoll/",
            ["PR och Protokoll", "I teamet samordnas dessutom internationella expertbesök."],
        )

    def test_helsinki_in_english(self):
        page = self.assertFacts(
            "/en/communications-department/", ["Communications Department", "Liisa Kivelä"], lang="en"
        )
        self.assertFalse(page.h1.has_attr("lang"))

    def test_the_former_it_and_communications_department(self):
        self.assertFacts(
            "/fi/tietotekniikka-ja-viestintaosasto/",
            [
                "Tietotekniikka- ja viestintäosasto",
                "Osastoa johtaa tietotekniikka- ja viestintäjohtaja va. Markku Raitio.",
            ],
        )
        self.assertFacts(
            "/fi/tietotekniikka-ja-viestintaosasto/vuorovaikutus-ja-osallisuus/virka-info/",
            ["Virka Info", "09 310 11 111"],
        )
        # Written in Finnish only: the Swedish page falls back, marked as Finnish.
        page = self.get_text("/sv/tietotekniikka-ja-viestintaosasto/")
        self.assertEqual(page.h1["lang"], "fi")

    def test_goteborg_communications(self):
        self.assertFacts(
            "/sv/omrade-kommunikation/",
            ["Helena Mehner", "Kommunikationsdirektör", "031-368 06 03", "helena.mehner@stadshuset.goteborg.se"],
            host=GOTEBORG,
        )
        page = self.assertFacts(
            "/sv/omrade-kommunikation/internationell-avdelning/",
            [
                "Gunilla Bökmark",
                "Internationell chef",
                "031-365 00 00",
                "gunilla.bokmark@stadshuset.goteborg.se",
                "Läs mer om Göteborgs Stads internationella samarbete",
            ],
            host=GOTEBORG,
        )
        self.assertIsNotNone(page.select_one('a[href="tel:+46313650000"]'))
        self.assertIsNotNone(page.select_one('a[href="mailto:gunilla.bokmark@stadshuset.goteborg.se"]'))
        self.assertFacts(
            "/sv/omrade-kommunikation/kommunikation/ungdomsfullmaktige/",
            ["Ungdomsfullmäktige", "12-17 år", "Länk till ungdomsfullmäktige"],
            host=GOTEBORG,
        )
        self.assertFacts(
            "/sv/omrade-kommunikation/kommunikation/studentforum/", ["Länk till studentforum"], host=GOTEBORG
        )

    def test_goteborg_does_not_offer_finnish(self):
        response = self.client.get("/fi/omrade-kommunikation/", HTTP_HOST=GOTEBORG)
        self.assertEqual(response["Location"], "/sv/omrade-kommunikation/")

    def test_stockholm_communications_programme_is_a_real_pdf(self):
        page = self.assertFacts(
            "/sv/kommunikation/",
            ["Stockholms stad i sociala medier", "Kommunikationsprogram för Stockholms stad 2017–2022"],
            host=STOCKHOLM,
        )
        link = next(a for a in page.select(".document-list a") if "Kommunikationsprogram" in a.get_text())
        response = self.client.get(link["href"], HTTP_HOST=STOCKHOLM)
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.assertTrue(body.startswith(b"%PDF-"))
        self.assertIn("pdf", response["Content-Type"])

    def test_every_city_has_staff_only_guidelines_and_stockholms_brand_manual_is_staff_only(self):
        for host, path in [
            (HELSINKI, "/fi/sisaisen-viestinnan-ohjeet/"),
            (GOTEBORG, "/sv/riktlinjer-for-intern-kommunikation/"),
            (STOCKHOLM, "/en/internal-communications-guidelines/"),
        ]:
            response = self.client.get(path, HTTP_HOST=host)
            self.assertEqual(response.status_code, 302, path)
            self.assertIn("/_util/login/", response["Location"])
        manual = get_document_model().objects.get(title="Varumärkesmanual")
        self.assertEqual(self.client.get(manual.url, HTTP_HOST=STOCKHOLM).status_code, 302)
        public_page = self.client.get("/sv/kommunikation/", HTTP_HOST=STOCKHOLM).content.decode()
        self.assertNotIn(manual.url, public_page)

        staff = get_user_model().objects.get(username="stockholm-editor")
        self.client.force_login(staff)
        guidelines = self.get_text("/sv/riktlinjer-for-intern-kommunikation/", STOCKHOLM)
        self.assertEqual(guidelines.h1.get_text(), "Riktlinjer för intern kommunikation")
        link = guidelines.find("a", string="varumärkesmanual")
        response = self.client.get(link["href"], HTTP_HOST=STOCKHOLM)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-"))

    def test_every_city_has_its_accessibility_statement_in_each_language_linked_from_every_page(self):
        statements = [
            (HELSINKI, "fi", "/fi/viestintaosasto/", "Saavutettavuusseloste", "saavutettavuusvaatimukset.fi"),
            (HELSINKI, "sv", "/sv/kommunikationsavdelningen/", "Tillgänglighetsutlåtande", "Regionförvaltningsverket"),
            (HELSINKI, "en", "/en/communications-department/", "Accessibility statement", "Southern Finland"),
            (GOTEBORG, "sv", "/sv/omrade-kommunikation/", "Tillgänglighetsutlåtande", "www.digg.se/tdosanmalan"),
            (GOTEBORG, "en", "/en/", "Accessibility statement", "Agency for Digital Government"),
            (STOCKHOLM, "sv", "/sv/", "Tillgänglighetsutlåtande", "Digg"),
            (STOCKHOLM, "en", "/en/", "Accessibility statement", "www.digg.se/tdosanmalan"),
        ]
        for host, lang, page_url, title, enforcement in statements:
            footer = self.get_text(page_url, host).select_one(".site-footer")
            links = [link["href"] for link in footer.find_all("a") if link.get_text(strip=True) == title]
            self.assertEqual(len(links), 1, f"no statement link in the footer of {host}{page_url}")
            self.assertFacts(links[0], [title, "PDF", "WCAG 1.3.1", enforcement], host=host, lang=lang)

    def test_every_city_has_a_newsroom_with_its_releases_in_each_language_and_feeds(self):
        newsrooms = [
            (HELSINKI, "/fi/uutishuone/", "Uutishuone", 4),
            (HELSINKI, "/sv/nyhetsrum/", "Nyhetsrum", 4),
            (HELSINKI, "/en/newsroom/", "Newsroom", 4),
            (GOTEBORG, "/sv/nyhetsrum/", "Nyhetsrum", 3),
            (GOTEBORG, "/en/newsroom/", "Newsroom", 3),
            (STOCKHOLM, "/sv/nyhetsrum/", "Nyhetsrum", 3),
            (STOCKHOLM, "/en/newsroom/", "Newsroom", 3),
        ]
        for host, url, title, count in newsrooms:
            page = self.get_text(url, host)
            self.assertEqual(page.h1.get_text(), title)
            self.assertEqual(len(page.select(".release-list__item")), count, f"{host}{url}")
            self.assertEqual(
                page.select(".release-list__link[lang]"), [], f"{host}{url} falls back to another language"
            )
            for feed in ("feed/rss/", "feed/atom/"):
                response = self.client.get(url + feed, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                ET.fromstring(response.content)

    def test_releases_name_their_unit_and_contact_and_show_on_the_department_page(self):
        self.assertFacts(
            "/fi/uutishuone/syksyn-helsinki-info/",
            ["Syksyn Helsinki-info jaetaan kaikkiin kotitalouksiin", "Viestintä", "Liisa Kivelä", "demotiedote"],
            lang="fi",
        )
        self.assertFacts(
            "/sv/nyhetsrum/goteborg-oslo-samarbete/",
            ["Göteborg och Oslo fördjupar sitt samarbete", "Internationell avdelning", "Gunilla Bökmark"],
            host=GOTEBORG,
        )
        self.assertFacts(
            "/sv/omrade-kommunikation/",
            ["Göteborg och Oslo fördjupar sitt samarbete", "Studentforum diskuterar bostäder för studenter"],
            host=GOTEBORG,
        )
        home = self.get_text("/fi/")
        self.assertNotIn("Uutishuone", [link.get_text(strip=True) for link in home.select(".page-list__link")])
