"""The press desk on each city's front page (press.wagtail_hooks.city_press_desk), read over HTTP on the demo:
its phone as a tel: link, its email and a link to the media contacts; only a published desk of a public page."""

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from wagtail.models import PageViewRestriction, Site

from citycomms.models import CitySettings
from press.models import PressContactsPage

HOSTS = ["localhost", "goteborg.localhost", "stockholm.localhost"]


def url_in(page, language):
    """The page's path in `language`, as its city's site serves it."""
    with translation.override(language):
        return page.get_url_parts()[2]


class HomePressDeskTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def city(self, host):
        """(home page, its languages, its media contacts page) of the city on `host`."""
        site = Site.objects.get(hostname=host)
        home = site.root_page.specific
        return home, CitySettings.for_site(site).languages, PressContactsPage.objects.child_of(home).get()

    def desk_on_home(self, host, home, language):
        """The press desk section of the city's front page in `language`, or None."""
        response = self.client.get(url_in(home, language), HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, (host, language))
        return BeautifulSoup(response.content, "html.parser").select_one("section.press-desk")

    def test_the_desks_with_a_phone_number_show_it_to_each_reader_as_they_dial_it(self):
        home, _languages, press_page = self.city("goteborg.localhost")
        phone = press_page.media_desk.phone
        sv = self.desk_on_home("goteborg.localhost", home, "sv").select_one('a[href^="tel:"]')
        en = self.desk_on_home("goteborg.localhost", home, "en").select_one('a[href^="tel:"]')
        self.assertEqual((sv["href"], en["href"]), (f"tel:{phone}", f"tel:{phone}"))
        self.assertEqual((sv.get_text(), en.get_text()), ("031-365 00 00", "+46 31 365 00 00"))

    def test_every_citys_home_shows_its_desks_phone_email_and_media_contacts_in_each_language(self):
        for host in HOSTS:
            home, languages, press_page = self.city(host)
            desk = press_page.media_desk
            self.assertTrue(desk.live and desk.email, host)
            for language in languages:
                section = self.desk_on_home(host, home, language)
                self.assertIsNotNone(section, (host, language))
                phones = section.select('a[href^="tel:"]')
                if desk.phone:
                    self.assertEqual([a["href"] for a in phones], [f"tel:{desk.phone}"])
                    with translation.override(language):  # the city's own format, or with the country code
                        self.assertEqual(phones[0].get_text(strip=True), desk.phone_display)
                else:  # Helsinki's seed pages give its media desk an address only
                    self.assertEqual(phones, [], host)
                self.assertEqual(section.select_one('a[href^="mailto:"]')["href"], f"mailto:{desk.email}")
                links = [a["href"] for a in section.select("a:not([href^='tel:']):not([href^='mailto:'])")]
                self.assertEqual(links, [url_in(press_page, language)], (host, language))
                with translation.override(language):
                    self.assertIn(desk.name, section.get_text())

    def test_an_unpublished_desk_is_not_shown(self):
        for host in HOSTS:
            home, languages, press_page = self.city(host)
            press_page.media_desk.unpublish()
            self.assertIsNone(self.desk_on_home(host, home, languages[0]), host)

    def test_the_desk_of_a_staff_only_media_contacts_page_is_not_shown(self):
        for host in HOSTS:
            home, languages, press_page = self.city(host)
            PageViewRestriction.objects.create(page=press_page, restriction_type=PageViewRestriction.LOGIN)
            self.assertIsNone(self.desk_on_home(host, home, languages[0]), host)

    def test_no_desk_without_a_live_media_contacts_page(self):
        home, languages, press_page = self.city("goteborg.localhost")
        press_page.unpublish()
        self.assertIsNone(self.desk_on_home("goteborg.localhost", home, languages[0]))
        # The city without a desk chosen shows none either, and its front page still answers.
        home, languages, press_page = self.city("stockholm.localhost")
        PressContactsPage.objects.filter(pk=press_page.pk).update(media_desk=None)
        self.assertIsNone(self.desk_on_home("stockholm.localhost", home, languages[0]))
