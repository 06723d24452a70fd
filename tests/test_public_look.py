"""The public site's look and navigation, read over HTTP: each city's colours (/city.css) and icon
(/favicon.ico), the header's main menu, the footer, the front page, no inline styles, and templates kept
readable (no line over 120 characters)."""

import io
import re
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from citycomms.colours import MIN_TEXT_CONTRAST, WHITE, contrast_ratio
from citycomms.models import AccessibilityStatementPage, CityHomePage, CitySettings
from citycomms.models.city_settings import DEFAULT_ACCENT_COLOUR, DEFAULT_BRAND_COLOUR, INK, SOCIAL_SERVICES
from citycomms.visibility import current
from departments.models import DepartmentPage, OrganisationChartPage
from newsroom.models import NewsroomPage, PressReleasePage
from press.models import PressContactsPage
from tests.conftest import edit_form_values, in_english

HOSTS = ["localhost", "goteborg.localhost", "stockholm.localhost"]
TEMPLATES = Path(settings.BASE_DIR) / "templates"
MAX_TEMPLATE_LINE = 120


def url_in(page, language):
    """The page's path in `language`, as its city's site serves it."""
    with translation.override(language):
        _site_id, _root_url, path = page.get_url_parts()
    return path


class PublicLookTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def get_html(self, path, host):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, (host, path))
        return BeautifulSoup(response.content, "html.parser")

    def city(self, host):
        """(settings, home page, its default language) of the city on `host`."""
        site = Site.objects.get(hostname=host)
        city_settings = CitySettings.for_site(site)
        return city_settings, site.root_page.specific, city_settings.default_language

    def one_per_city(self, model, home):
        return model.objects.live().child_of(home).get()

    # --- the header ---------------------------------------------------------------------------------

    def test_every_citys_header_menu_links_its_departments_newsroom_media_contacts_and_organisation_chart(self):
        for host in HOSTS:
            _settings, home, language = self.city(host)
            html = self.get_html(url_in(home, language), host)
            menu = [a["href"] for a in html.select("header nav.main-menu a")]
            newsroom = url_in(self.one_per_city(NewsroomPage, home), language)
            media = url_in(self.one_per_city(PressContactsPage, home), language)
            chart = url_in(self.one_per_city(OrganisationChartPage, home), language)
            # The current departments: a former one (the demo's seed 002) is no longer in the menu.
            listed = current(DepartmentPage.objects.live().child_of(home))
            departments = [url_in(page, language) for page in listed]
            self.assertTrue(departments, host)
            self.assertEqual(menu[: len(departments)], departments, host)
            self.assertEqual(set(menu[len(departments) :]), {newsroom, media, chart}, host)
            statement = url_in(self.one_per_city(AccessibilityStatementPage, home), language)
            self.assertNotIn(statement, menu)  # the footer links it

    def test_the_menu_marks_the_page_the_reader_is_on_and_the_section_they_are_in(self):
        home = self.city("localhost")[1]
        department = DepartmentPage.objects.live().child_of(home).get(slug_fi="viestintaosasto")
        html = self.get_html(url_in(department, "fi"), "localhost")
        current = html.select("nav.main-menu a[aria-current]")
        self.assertEqual([(a["href"], a["aria-current"]) for a in current], [(url_in(department, "fi"), "page")])
        unit = department.get_children().live().first()
        html = self.get_html(url_in(unit, "fi"), "localhost")
        current = html.select("nav.main-menu a[aria-current]")
        self.assertEqual([(a["href"], a["aria-current"]) for a in current], [(url_in(department, "fi"), "true")])

    def test_the_header_shows_the_citys_logo_named_by_the_citys_name_and_links_home(self):
        logos = set()
        for host in HOSTS:
            city_settings, home, _default = self.city(host)
            for language in city_settings.languages:
                html = self.get_html(url_in(self.one_per_city(NewsroomPage, home), language), host)
                link = html.select_one("header a.site-header__home")
                self.assertEqual(link["href"], url_in(home, language))
                # The logo is the link's only content: its alt text names the link, with what the logo says, the
                # city's name in the city's own language, marked with it (WCAG 2.5.3: label in name).
                [logo] = link.select("img")
                name = getattr(home, f"title_{city_settings.default_language}")
                self.assertEqual((logo["alt"], logo["lang"]), (name, city_settings.default_language), (host, language))
                self.assertEqual(link.get_text(strip=True), "")
                response = self.client.get(logo["src"], HTTP_HOST=host)
                self.assertEqual((response.status_code, response["Content-Type"]), (200, "image/png"), logo["src"])
            logos.add(city_settings.logo.file_hash)
        self.assertEqual(len(logos), len(HOSTS))  # each city its own

    def test_a_city_without_a_logo_shows_its_mark_and_name(self):
        for city_settings in CitySettings.objects.all():
            city_settings.logo = None
            city_settings.save()  # retires the kept header, as an editor's change does
        for host in HOSTS:
            _settings, home, language = self.city(host)
            link = self.get_html(url_in(home, language), host).select_one("header a.site-header__home")
            self.assertEqual(link.get_text(strip=True), getattr(home, f"title_{language}"))
            self.assertIsNotNone(link.select_one("svg.city-mark[aria-hidden=true]"))

    # --- each city's colours and icon --------------------------------------------------------------

    def test_city_css_answers_each_hosts_own_colours(self):
        bodies = {}
        for host in HOSTS:
            city_settings = self.city(host)[0]
            response = self.client.get("/city.css", HTTP_HOST=host)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response["Content-Type"].startswith("text/css"))
            self.assertIn("public", response["Cache-Control"])
            body = response.content.decode()
            self.assertIn(f"--brand: {city_settings.brand_colour};", body)
            self.assertIn(f"--accent: {city_settings.accent_colour};", body)
            bodies[host] = body
        self.assertEqual(len(set(bodies.values())), len(HOSTS), bodies)

    def test_city_css_writes_only_valid_colours(self):
        city_settings = self.city("localhost")[0]
        # Saved past the form's validation, as a database edit would be.
        # Seven characters, as the column holds (PostgreSQL refuses more).
        CitySettings.objects.filter(pk=city_settings.pk).update(accent_colour="};*{a:0")
        body = self.client.get("/city.css", HTTP_HOST="localhost").content.decode()
        self.assertNotIn("*{", body)
        self.assertIn("--accent: #e8f1fb;", body)

    def test_favicon_answers_in_each_citys_brand_colour_and_pages_link_it(self):
        for host in HOSTS:
            city_settings, home, language = self.city(host)
            response = self.client.get("/favicon.ico", HTTP_HOST=host)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], "image/x-icon")
            icon = Image.open(io.BytesIO(response.content))
            self.assertEqual(icon.format, "ICO")
            self.assertIn((32, 32), icon.info["sizes"])
            top_middle = icon.convert("RGB").getpixel((icon.width // 2, icon.height // 4))
            self.assertEqual("#{:02x}{:02x}{:02x}".format(*top_middle), city_settings.brand_colour)
            html = self.get_html(url_in(home, language), host)
            self.assertEqual(html.select_one('link[rel="icon"]')["href"], "/favicon.ico")

    def test_the_three_demo_cities_have_their_own_colours_and_contacts(self):
        cities = [self.city(host)[0] for host in HOSTS]
        self.assertEqual(len({city.brand_colour for city in cities}), 3)
        self.assertEqual(len({city.accent_colour for city in cities}), 3)
        for city in cities:
            city.full_clean()  # the contrast checks pass
            self.assertTrue(city.phone.startswith("+") and city.email and city.postal_address and city.social_links)

    # --- the footer --------------------------------------------------------------------------------

    def test_the_footer_gives_contacts_media_pages_statement_feedback_and_social_media(self):
        for host in HOSTS:
            city_settings, home, language = self.city(host)
            html = self.get_html(url_in(home, language), host)
            footer = html.select_one("footer.site-footer")
            links = [a["href"] for a in footer.select("a")]
            for page_model in (NewsroomPage, PressContactsPage, AccessibilityStatementPage):
                self.assertIn(url_in(self.one_per_city(page_model, home), language), links, (host, page_model))
            self.assertIn(f"tel:{city_settings.phone.replace(' ', '')}", links)
            self.assertIn(f"mailto:{city_settings.email}", links)
            self.assertIn(city_settings.feedback_url, links)
            for _service, url in city_settings.social_links:
                self.assertIn(url, links)
            address = footer.select_one("address")
            self.assertIn(city_settings.postal_address.splitlines()[-1], address.get_text())

    def test_the_footers_address_is_marked_with_its_language_for_other_readers(self):
        html = self.get_html("/sv/", "localhost")
        self.assertEqual(html.select_one("footer address")["lang"], "fi")
        html = self.get_html("/fi/", "localhost")
        self.assertFalse(html.select_one("footer address").has_attr("lang"))

    # --- the front page ------------------------------------------------------------------------------

    def test_the_front_page_leads_with_releases_media_pages_and_departments(self):
        for host in HOSTS:
            _settings, home, language = self.city(host)
            html = self.get_html(url_in(home, language), host)
            self.assertEqual(html.select_one(".home-lead h1").get_text(), getattr(home, f"title_{language}"))
            latest = PressReleasePage.objects.live().descendant_of(home).order_by("-publication_date").first()
            releases = [a["href"] for a in html.select(".latest-releases .release-list__link")]
            self.assertEqual(releases[0], url_in(latest, language), host)
            media_box = [a["href"] for a in html.select(".media-box a")]
            self.assertIn(url_in(self.one_per_city(PressContactsPage, home), language), media_box)
            self.assertTrue(html.select(".page-list__link"))

    def test_an_announcement_shows_on_the_front_page_in_its_language(self):
        home = CityHomePage.objects.get(slug_fi="helsinki")
        self.assertFalse(self.get_html("/fi/", "localhost").select(".announcement"))
        home.announcement_fi = "Kaupungintalo on suljettu perjantaina."
        home.save_revision().publish()
        html = self.get_html("/sv/", "localhost")
        notice = html.select_one(".announcement p")
        self.assertEqual(notice.get_text(), "Kaupungintalo on suljettu perjantaina.")
        self.assertEqual(notice["lang"], "fi")  # not translated: a Swedish reader's screen reader switches voice

    # --- the CSP: no inline styles ---------------------------------------------------------------------

    def test_no_rendered_page_carries_inline_styles_or_scripts(self):
        checked = 0
        for site in Site.objects.filter(hostname__in=HOSTS):
            for page in site.root_page.get_descendants(inclusive=True).live().public().specific():
                for language in CitySettings.for_site(site).languages:
                    response = self.client.get(url_in(page, language), HTTP_HOST=site.hostname)
                    if response.status_code != 200:
                        continue
                    html = BeautifulSoup(response.content, "html.parser")
                    where = (site.hostname, url_in(page, language))
                    self.assertEqual(html.select("[style]"), [], where)
                    self.assertEqual(html.select("style"), [], where)
                    scripts = html.select("script")
                    self.assertTrue(all(script.get("type") == "application/ld+json" for script in scripts), where)
                    checked += 1
        self.assertGreater(checked, 30)


class AccentColourTests(TestCase):
    def test_an_accent_colour_that_text_or_links_cannot_be_read_on_is_refused(self):
        root = Page.get_first_root_node()
        site = Site.objects.create(hostname="accent.localhost", root_page=root)
        city = CitySettings(site=site, languages=["fi"], default_language="fi", brand_colour="#0b3d91")
        city.accent_colour = "#3366cc"  # mid blue: brand-coloured links vanish on it
        with self.assertRaises(ValidationError) as raised:
            city.full_clean()
        self.assertIn("accent_colour", raised.exception.message_dict)
        city.accent_colour = "#fff4c2"
        city.full_clean()


# --- the house colours and the settings' web addresses ------------------------------------------------------

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def custom_properties(css):
    """{"--brand": "#0b3d91", …}: the colours a stylesheet's :root sets (the first of each)."""
    found = {}
    for name, value in re.findall(r"(--brand|--accent):\s*(#[0-9a-fA-F]{6})", css):
        found.setdefault(name, value.lower())
    return found


def assert_readable(colours):
    brand, accent = colours["--brand"], colours["--accent"]
    assert contrast_ratio(brand, WHITE) >= MIN_TEXT_CONTRAST  # white in the header, brand links on white
    assert contrast_ratio(accent, INK) >= MIN_TEXT_CONTRAST  # text on the front page's lead
    assert contrast_ratio(accent, brand) >= MIN_TEXT_CONTRAST  # brand-coloured links on it


@pytest.mark.django_db
def test_a_city_that_has_chosen_no_colours_reads_well(client, helsinki):
    city_settings = CitySettings.objects.get(site__hostname="localhost")
    city_settings.brand_colour, city_settings.accent_colour = DEFAULT_BRAND_COLOUR, ""
    city_settings.save()
    served = custom_properties(client.get("/city.css").content.decode())
    assert served == {"--brand": DEFAULT_BRAND_COLOUR, "--accent": DEFAULT_ACCENT_COLOUR}
    assert_readable(served)
    # site.css's own values, which the error pages (no /city.css) and a page before /city.css arrives show
    assert custom_properties(SITE_CSS.read_text(encoding="utf-8")) == served


WEB_ADDRESS_FIELDS = ["feedback_url", *(name for name, _service in SOCIAL_SERVICES)]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.org/", "data:text/html,hello"])
def test_the_settings_web_addresses_take_only_http_and_https(admin_client, admin_user, helsinki, address):
    in_english(admin_user)
    site = Site.objects.get(hostname="localhost")
    url = f"/admin/settings/citycomms/citysettings/{site.pk}/"
    form = {**edit_form_values(admin_client.get(url).content.decode(), CitySettings), "languages": ["fi", "sv", "en"]}

    response = admin_client.post(url, {**form, **{name: address for name in WEB_ADDRESS_FIELDS}})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == sorted(WEB_ADDRESS_FIELDS)
    html = BeautifulSoup(response.content, "html.parser")
    for name in WEB_ADDRESS_FIELDS:
        # The message is at the field, named by its label: the field says it is invalid and points at it.
        field = html.select_one(f"#id_{name}")
        assert field["aria-invalid"] == "true"
        described_by = " ".join(
            html.find(id=part).get_text(" ", strip=True) for part in field["aria-describedby"].split()
        )
        label = html.select_one(f"label[for=id_{name}]").get_text(strip=True)
        with translation.override("en"):  # the admin's language
            assert str(errors[name][0]) in described_by
            assert label.lower() == str(CitySettings._meta.get_field(name).verbose_name).lower()
    assert not any(getattr(CitySettings.objects.get(site=site), name) for name in WEB_ADDRESS_FIELDS)

    response = admin_client.post(url, {**form, **{name: "https://example.org/" for name in WEB_ADDRESS_FIELDS}})
    assert response.status_code == 302


def test_no_template_has_a_line_over_120_characters():
    long_lines = [
        f"{path.relative_to(TEMPLATES)}:{number} ({len(line)})"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_TEMPLATE_LINE
    ]
    assert long_lines == []


@pytest.mark.django_db
def test_the_logos_alt_text_says_what_the_logo_says_in_the_citys_own_language(client, goteborg):
    """A drawn logo reads the city's name in its own language: its alt text is that name, marked with that
    language, on an English page too (WCAG 2.5.3, label in name), not the reader's translation."""
    logo = get_image_model().objects.create(title="logo", file=get_test_image_file(), description="Göteborgs Stad")
    city = CitySettings.for_site(Site.objects.get(root_page=goteborg))
    city.logo = logo
    city.save()
    html = BeautifulSoup(client.get("/en/", HTTP_HOST="goteborg.localhost").content, "html.parser")
    image = html.select_one(".site-header__home img")
    assert (image["alt"], image["lang"]) == ("Göteborgs Stad", "sv")
