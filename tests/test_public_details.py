"""The finish a careful reader notices: phones they can dial, valid dates, feeds and structured data that tell the
truth, releases dated by their publication, and a word when a page is not in the reader's language."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from contacts.phone import format_phone
from departments.factories import DepartmentPageFactory
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from newsroom.models import PressReleasePage
from newsroom.templatetags.newsroom_tags import release_image

ATOM = "{http://www.w3.org/2005/Atom}"
GOTEBORG = "goteborg.localhost"
# A valid HTML datetime as the site writes it: to the second, with the offset ("+02:00").
HTML_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def get(client, url, host="localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(html):
    [script] = html.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def phones(html):
    return [(link["href"], link.get_text()) for link in html.select("main a[href^='tel:']")]


@pytest.mark.parametrize(
    ("number", "language", "country", "shown"),
    [
        ("+358931036211", "fi", None, "09 310 36 211"),
        ("+358931036211", "sv", None, "09 310 36 211"),
        ("+358931036211", "en", None, "+358 9 310 36 211"),
        ("+358401234567", "en", None, "+358 40 123 4567"),
        ("+46313650000", "sv", None, "031-365 00 00"),
        ("+46313650000", "en", None, "+46 31 365 00 00"),
        ("+46313650000", "fi", None, "+46 31 365 00 00"),
        # On a city's site, only the city's own country's numbers are national: a Swedish-speaking reader in
        # Helsinki dials a Göteborg number with its country code, and a Göteborg reader a Helsinki one.
        ("+46313650000", "sv", "FI", "+46 31 365 00 00"),
        ("+358931036211", "sv", "SE", "+358 9 310 36 211"),
        ("+358931036211", "sv", "FI", "09 310 36 211"),
        ("+46313650000", "sv", "SE", "031-365 00 00"),
        ("+46313650000", "en", "SE", "+46 31 365 00 00"),
        # A switchboard as an editor wrote it in the city's settings, with or without the country code.
        ("+358 9 310 1641", "fi", "FI", "09 310 1641"),
        ("09 310 1641", "en", "FI", "+358 9 310 1641"),
        ("09 310 1641", "fi", None, "09 310 1641"),  # no country to read it in: as written
    ],
)
def test_a_phone_is_national_for_its_own_citys_readers_and_international_elsewhere(number, language, country, shown):
    assert format_phone(number, language, country) == shown


@pytest.mark.django_db
def test_english_pages_show_phones_with_the_country_code(client, helsinki, goteborg):
    DepartmentPageFactory(
        parent=helsinki,
        slug_fi="osasto",
        slug_en="department",
        head=ContactPersonFactory(city=helsinki, phone="+358931036211"),
    )
    DepartmentPageFactory(
        parent=goteborg,
        slug_sv="avdelning",
        slug_en="department",
        head=ContactPersonFactory(city=goteborg, phone="+46313680603"),
    )

    assert phones(get(client, "/fi/osasto/")) == [("tel:+358931036211", "09 310 36 211")]
    assert phones(get(client, "/en/department/")) == [("tel:+358931036211", "+358 9 310 36 211")]
    assert phones(get(client, "/sv/avdelning/", GOTEBORG)) == [("tel:+46313680603", "031-368 06 03")]
    assert phones(get(client, "/en/department/", GOTEBORG)) == [("tel:+46313680603", "+46 31 368 06 03")]


@pytest.mark.django_db
def test_a_number_from_another_country_is_international_for_every_reader(client, helsinki):
    DepartmentPageFactory(
        parent=helsinki,
        slug_fi="osasto",
        slug_sv="avdelning",
        head=ContactPersonFactory(city=helsinki, phone="+46313680603"),
    )
    for url in ("/fi/osasto/", "/sv/avdelning/"):
        assert phones(get(client, url)) == [("tel:+46313680603", "+46 31 368 06 03")], url


def footer_switchboard(html):
    [link] = html.select("footer a[href^='tel:']")
    return link["href"], link.get_text()


@pytest.mark.django_db
def test_the_footers_switchboard_is_shown_as_each_reader_dials_it(client, helsinki, goteborg):
    for site, phone in ((helsinki.get_site(), "+358 9 310 1641"), (goteborg.get_site(), "+46 31 365 00 00")):
        CitySettings.objects.filter(site=site).update(phone=phone)

    assert footer_switchboard(get(client, "/fi/")) == ("tel:+35893101641", "09 310 1641")
    assert footer_switchboard(get(client, "/sv/")) == ("tel:+35893101641", "09 310 1641")
    assert footer_switchboard(get(client, "/en/")) == ("tel:+35893101641", "+358 9 310 1641")
    assert footer_switchboard(get(client, "/sv/", GOTEBORG)) == ("tel:+46313650000", "031-365 00 00")
    assert footer_switchboard(get(client, "/en/", GOTEBORG)) == ("tel:+46313650000", "+46 31 365 00 00")


@pytest.mark.django_db
def test_updated_times_are_valid_html_datetimes(client, helsinki):
    page = DepartmentPageFactory(parent=helsinki, slug_fi="osasto")
    page.last_published_at = timezone.now().replace(microsecond=123456)
    page.save()

    [time] = get(client, "/fi/osasto/").select(".updated time")

    assert HTML_DATETIME.match(time["datetime"]), time["datetime"]


@pytest.fixture
def newsroom(helsinki):
    return NewsroomPageFactory(parent=helsinki)


@pytest.mark.django_db
def test_release_times_are_valid_html_datetimes(client, helsinki, newsroom):
    release = PressReleasePageFactory(
        parent=newsroom, publication_date=datetime.datetime(2025, 3, 4, 10, 0, 0, 654321, tzinfo=datetime.UTC)
    )
    for url in (release.url, newsroom.url):
        times = [time["datetime"] for time in get(client, url).select("main time")]
        assert times and all(HTML_DATETIME.match(value) for value in times), times


@pytest.mark.django_db
def test_the_atom_feed_names_the_city_as_its_author(client, helsinki, newsroom):
    PressReleasePageFactory(parent=newsroom)
    feed = ET.fromstring(client.get(f"{newsroom.url}feed/atom/").content)
    author = feed.find(f"{ATOM}author")
    assert author.find(f"{ATOM}name").text == "Helsingin kaupunki"
    assert author.find(f"{ATOM}uri").text == "http://testserver/fi/"


@pytest.mark.django_db
def test_a_release_updated_on_its_publication_day_says_only_when_it_was_published(
    client, helsinki, newsroom, no_page_cache
):
    published = datetime.datetime(2025, 9, 15, 7, tzinfo=datetime.UTC)
    release = PressReleasePageFactory(parent=newsroom, publication_date=published)
    PressReleasePage.objects.filter(pk=release.pk).update(last_published_at=published + datetime.timedelta(hours=1))
    assert get(client, release.url).select_one(".updated") is None

    PressReleasePage.objects.filter(pk=release.pk).update(last_published_at=published + datetime.timedelta(days=3))
    assert get(client, release.url).select_one(".updated time").get_text() == "18. syyskuuta 2025"


@pytest.mark.django_db
def test_a_news_articles_image_is_its_first_picture_else_the_citys_logo(client, helsinki, newsroom, no_page_cache):
    images = get_image_model()
    release = PressReleasePageFactory(parent=newsroom)
    assert "image" not in json_ld(get(client, release.url))

    logo = images.objects.create(title="logo", file=get_test_image_file(), description="Logo")
    city = CitySettings.for_site(Site.objects.get(hostname="localhost"))
    city.logo = logo
    city.save()
    assert re.match(r"^http://localhost/media/images/.+", json_ld(get(client, release.url))["image"])

    picture = images.objects.create(title="kuva", file=get_test_image_file(filename="kuva.png"), description="Kuva")
    release.body_fi = json.dumps(
        [{"type": "image", "value": {"image": picture.pk, "alt_text": "Kuva", "decorative": False}}]
    )
    release.save_revision().publish()
    image = json_ld(get(client, release.url))["image"]
    assert picture.get_rendition("max-1200x1200").url in image


def lose(image):
    image.file.storage.delete(image.file.name)


def spoil(image):
    with image.file.storage.open(image.file.name, "wb") as file:
        file.write(b"not a picture")


@pytest.mark.django_db
def test_a_release_whose_picture_or_logo_file_is_lost_is_shown_without_an_image(
    client, helsinki, newsroom, no_page_cache
):
    images = get_image_model()
    picture = images.objects.create(title="kuva", file=get_test_image_file(filename="kuva.png"), description="Kuva")
    body = [{"type": "image", "value": {"image": picture.pk, "alt_text": "Kuva", "decorative": False}}]
    with_picture = PressReleasePageFactory(parent=newsroom, body_fi=json.dumps(body))
    logo = images.objects.create(title="logo", file=get_test_image_file(filename="logo.png"), description="Logo")
    CitySettings.objects.filter(site__hostname="localhost").update(logo=logo)
    with_logo_only = PressReleasePageFactory(parent=newsroom)
    lose(picture)
    lose(logo)

    for release in (with_picture, with_logo_only):
        assert "image" not in json_ld(get(client, release.url))  # get() checks the answer is a 200


@pytest.mark.django_db
def test_a_news_articles_image_is_left_out_when_its_file_is_no_picture(helsinki, newsroom):
    # Wagtail's own {% picture %} fails on such a file in the page's body and header; the article's structured
    # data at least does not.
    picture = get_image_model().objects.create(title="kuva", file=get_test_image_file(filename="kuva.png"))
    body = [{"type": "image", "value": {"image": picture.pk, "alt_text": "Kuva", "decorative": False}}]
    release = PressReleasePageFactory(parent=newsroom, body_fi=json.dumps(body))
    spoil(picture)
    assert release_image(release, RequestFactory().get(release.url, HTTP_HOST="localhost"), ["fi"]) is None


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_csv_leaves_only_signs_before_ascii_digits_without_an_apostrophe(client, helsinki, press_page):
    # Arabic-Indic digits are digits to Python's \d, but no number a spreadsheet reads safely: they keep the
    # apostrophe a cell starting with + or - gets, as "+A1" does. The phone number itself needs none.
    ContactPersonFactory(
        city=helsinki, is_media_contact=True, phone="+358931036211", job_title_fi="-١٢", media_topics_fi="+٣ ٤"
    )

    _header, row = csv_rows(client.get("/fi/media-contacts.csv"))

    assert row[1:4] == ["'-١٢", "'+٣ ٤", "+358931036211"]


@pytest.mark.django_db
def test_a_news_articles_modified_date_is_never_before_its_publication(client, helsinki, newsroom, no_page_cache):
    published = datetime.datetime(2025, 9, 15, 7, tzinfo=datetime.UTC)
    release = PressReleasePageFactory(parent=newsroom, publication_date=published)
    PressReleasePage.objects.filter(pk=release.pk).update(last_published_at=published - datetime.timedelta(days=2))
    data = json_ld(get(client, release.url))
    assert data["datePublished"] == data["dateModified"] == "2025-09-15T10:00:00+03:00"

    PressReleasePage.objects.filter(pk=release.pk).update(last_published_at=published + datetime.timedelta(days=2))
    assert json_ld(get(client, release.url))["dateModified"] == "2025-09-17T10:00:00+03:00"


@pytest.mark.django_db
def test_the_newsroom_is_a_collection_page_listing_its_releases(client, helsinki, newsroom):
    first = PressReleasePageFactory(parent=newsroom, title_fi="Ensimmäinen")
    second = PressReleasePageFactory(parent=newsroom, title_fi="Toinen")

    data = json_ld(get(client, newsroom.url))

    assert data["@type"] == "CollectionPage"
    assert data["name"] == "Uutishuone"
    assert data["publisher"]["name"] == "Helsingin kaupunki"
    items = data["mainEntity"]["itemListElement"]
    assert [(item["position"], item["name"]) for item in items] == [(1, "Toinen"), (2, "Ensimmäinen")]
    assert items[0]["url"] == f"http://localhost{second.url}"
    assert first.url in items[1]["url"]


@pytest.mark.django_db
def test_a_page_in_another_language_than_the_readers_says_so(client, helsinki):
    DepartmentPageFactory(
        parent=helsinki, slug_fi="vain-suomeksi", slug_en="finnish-only", title_fi="Vain suomeksi", title_en=""
    )
    DepartmentPageFactory(
        parent=helsinki, slug_fi="osittain", slug_en="partly", title_en="Partly translated", intro_en=""
    )
    DepartmentPageFactory(
        parent=helsinki, slug_fi="kokonaan", slug_en="translated", title_en="Translated", intro_en="In English."
    )

    whole = get(client, "/en/finnish-only/").select_one(".translation-notice")
    assert whole.get_text(" ", strip=True) == "This page is not available in English. It is shown in Finnish."
    part = get(client, "/en/partly/").select_one(".translation-notice")
    assert (
        part.get_text(" ", strip=True) == "Parts of this page are not available in English and are shown in Finnish."
    )
    assert get(client, "/en/translated/").select_one(".translation-notice") is None
    assert get(client, "/fi/vain-suomeksi/").select_one(".translation-notice") is None


class DemoReleaseDatesTests(TestCase):
    """The demo's releases, published in 2025, say so everywhere: not the day the demo was loaded."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_releases_are_published_when_they_say(self):
        for release in PressReleasePage.objects.all():
            self.assertEqual(release.first_published_at, release.publication_date, release)
            self.assertEqual(release.last_published_at, release.publication_date, release)

    def test_a_release_page_has_no_updated_line_of_today_and_true_dates(self):
        html = get(self.client, "/sv/nyhetsrum/goteborg-oslo-samarbete/", GOTEBORG)
        self.assertIsNone(html.select_one(".updated"))
        data = json_ld(html)
        self.assertEqual(data["datePublished"], "2025-11-25T14:00:00+02:00")
        self.assertEqual(data["dateModified"], data["datePublished"])

    def test_the_feeds_say_when_each_release_was_published(self):
        feed = ET.fromstring(self.client.get("/sv/nyhetsrum/feed/atom/", HTTP_HOST=GOTEBORG).content)
        for entry in feed.findall(f"{ATOM}entry"):
            self.assertEqual(entry.find(f"{ATOM}updated").text, entry.find(f"{ATOM}published").text)
        self.assertEqual(feed.find(f"{ATOM}author/{ATOM}name").text, "Göteborgs Stad")
