"""The media desk: the media contacts page, its search and filter, and vCards."""

import csv
import io
import json
from io import StringIO

import pytest
import vobject
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from citycomms.models import city_child_page
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import DepartmentPage, PageContact, UnitPage
from press.directory import fold, media_directory
from press.models import PressContactsPage

HELSINKI_PRESS = "/fi/yhteystiedot-medialle/"
GOTEBORG = "goteborg.localhost"


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def cards_in(response):
    """The vCards of a response, parsed back with vobject."""
    return list(vobject.readComponents(response.content.decode()))


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


@pytest.mark.parametrize(("typed", "folded"), [("Bökmark", "bokmark"), ("KIVELÄ", "kivela"), ("Åsa", "asa")])
def test_folding_drops_case_and_accents(typed, folded):
    assert fold(typed) == folded


def media_department(city, size, index):
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    department = DepartmentPageFactory(parent=city, head=ContactPersonFactory(city=city, is_media_contact=True))
    for n in range(size):
        unit = UnitPageFactory(parent=department)
        person = ContactPersonFactory(city=city, is_media_contact=True, photo=photo, last_name=f"Bökmark{index}-{n}")
        PageContact.objects.create(page=unit, contact=person, sort_order=0)
    return department


@pytest.mark.django_db
def test_press_page_queries_do_not_grow_with_the_number_of_contacts(
    client, helsinki, press_page, count_render_queries
):
    media_department(helsinki, 2, 1)
    small, html = count_render_queries(client, press_page.url)
    assert html.count('class="contact-card"') == 3  # the head and two unit contacts
    media_department(helsinki, 20, 2)
    large, html = count_render_queries(client, press_page.url)
    assert html.count('class="contact-card"') == 3 + 21
    assert large == small, (small, large)


@pytest.mark.django_db
def test_search_finds_accented_names_typed_without_accents(client, helsinki, press_page):
    media_department(helsinki, 1, 1)
    ContactPersonFactory(city=helsinki, first_name="Gunilla", last_name="Bökmark", is_media_contact=True)
    ContactPersonFactory(city=helsinki, first_name="Hidden", last_name="Bokmarkson", is_media_contact=False)
    text = text_of(client.get(press_page.url + "?q=bokmark"))
    assert "Gunilla Bökmark" in text and "Bökmark1-0" in text
    assert "Bokmarkson" not in text


@pytest.mark.django_db
def test_a_private_units_contacts_stay_out_of_the_directory_and_vcards(client, helsinki, press_page):
    department = DepartmentPageFactory(parent=helsinki)
    secret_unit = UnitPageFactory(parent=department, title_fi="Salainen yksikkö")
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Only", last_name="Internal")
    PageContact.objects.create(page=secret_unit, contact=person, sort_order=0)
    PageViewRestriction.objects.create(page=secret_unit, restriction_type=PageViewRestriction.LOGIN)

    text = text_of(client.get(press_page.url))
    assert "Salainen" not in text
    assert "Only Internal" not in text  # mentioned only on a staff-only page: staff-only too
    assert client.get(f"/fi/vcard/{person.pk}.vcf").status_code == 404
    assert client.get(f"/fi/vcard/page/{secret_unit.pk}.vcf").status_code == 404
    assert "Internal" not in client.get("/fi/media-contacts.csv").content.decode()
    assert "Internal" not in client.get("/fi/search/?q=internal").content.decode()


@pytest.mark.django_db
def test_a_media_contact_no_page_mentions_is_listed_for_journalists(client, helsinki, press_page):
    person = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")
    ContactPersonFactory(city=helsinki, is_media_contact=False, first_name="Back", last_name="Office")
    text = text_of(client.get(press_page.url))
    assert "Muut median yhteyshenkilöt" in text and "Press Officer" in text
    assert "Back Office" not in text
    [card] = cards_in(client.get(f"/fi/vcard/{person.pk}.vcf"))
    assert card.org.value == ["Helsingin kaupunki"]


@pytest.mark.django_db
def test_exports_go_when_the_media_contacts_page_is_withdrawn(client, helsinki, press_page):
    ContactPersonFactory(city=helsinki, is_media_contact=True)
    assert client.get("/fi/media-contacts.csv").status_code == 200
    press_page.unpublish()
    assert client.get("/fi/media-contacts.csv").status_code == 404
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("restricted", ["press_page", "helsinki"])
def test_exports_go_when_the_page_or_the_whole_city_is_staff_only(client, helsinki, press_page, restricted):
    ContactPersonFactory(city=helsinki, is_media_contact=True)
    page = {"press_page": press_page, "helsinki": helsinki}[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/fi/media-contacts.csv").status_code == 404
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
def test_an_empty_directory_says_so(client, helsinki, press_page):
    assert "Median yhteyshenkilöitä ei ole vielä lueteltu." in text_of(client.get(press_page.url))
    assert client.get("/fi/vcard/media.vcf").status_code == 404


@pytest.mark.django_db
def test_the_citys_media_contacts_page_is_not_offered_from_a_staff_only_city(helsinki, press_page):
    assert city_child_page(PressContactsPage, press_page).pk == press_page.pk
    PageViewRestriction.objects.create(page=helsinki, restriction_type=PageViewRestriction.LOGIN)
    assert city_child_page(PressContactsPage, press_page) is None


@pytest.mark.django_db
def test_the_directory_holds_the_pages_around_media_contacts_and_every_department(helsinki):
    culture = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto")
    quiet = DepartmentPageFactory(parent=helsinki, title_fi="Hiljainen osasto")
    museums = UnitPageFactory(parent=culture, title_fi="Museot")
    UnitPageFactory(parent=culture, title_fi="Kirjastot", head=ContactPersonFactory(city=helsinki))
    exhibitions = TeamPageFactory(parent=museums, title_fi="Näyttelyt")
    officer = ContactPersonFactory(city=helsinki, is_media_contact=True)
    PageContact.objects.create(page=exhibitions, contact=officer, sort_order=0)

    directory = media_directory(helsinki)

    # The filter offers departments without media contacts too.
    assert [department.pk for department in directory.departments] == [culture.pk, quiet.pk]
    [group] = directory.groups  # the library, headed by someone who is no media contact, has no group
    assert [page.pk for page in (group.department, group.page)] == [culture.pk, exhibitions.pk]
    assert [page.pk for page in group.trail] == [museums.pk, exhibitions.pk]
    assert [entry.person for entry in group.entries] == [officer]
    museums.unpublish()
    [group] = media_directory(helsinki).groups
    assert [page.pk for page in (group.department, *group.trail)] == [culture.pk, exhibitions.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("shared_cache", [True, False], ids=["kept-directory", "read-per-request"])
def test_the_department_filter_leaves_out_other_departments_and_unlisted_contacts(
    client, helsinki, press_page, settings, shared_cache
):
    settings.CITYCOMMS_CACHE_SHARED = shared_cache
    media_department(helsinki, 1, 1)
    chosen = media_department(helsinki, 1, 2)
    ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")

    text = text_of(client.get(f"{press_page.url}?department={chosen.pk}"))

    assert "Bökmark2-0" in text
    assert "Bökmark1-0" not in text and "Press Officer" not in text
    assert "Bökmark1-0" in text_of(client.get(f"{press_page.url}?department={chosen.get_children()[0].pk}"))


def media_unit(city, count):
    """A unit listing `count` media contacts named Saarinen0, Saarinen1 … in that order, in a department."""
    department = DepartmentPageFactory(parent=city, title_fi="Viestintä")
    unit = UnitPageFactory(parent=department, title_fi="Mediapalvelu")
    for n in range(count):
        person = ContactPersonFactory(city=city, is_media_contact=True, first_name="Sanna", last_name=f"Saarinen{n}")
        PageContact.objects.create(page=unit, contact=person, sort_order=n)
    return department


def directory_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content, "html.parser")
    headings = [" ".join(group.h3.get_text(" ").split()) for group in html.select(".directory__group")]
    names = [name.get_text() for name in html.select(".directory .contact-card__name")]
    return html, headings, names


@pytest.mark.django_db
def test_the_directory_comes_a_page_at_a_time_and_says_which_contacts_it_shows(
    client, helsinki, press_page, monkeypatch
):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Press", last_name="Officer")

    first, headings, names = directory_page(client, press_page.url)
    assert (headings, names) == (["Viestintä › Mediapalvelu"], ["Sanna Saarinen0", "Sanna Saarinen1"])
    assert first.select_one(".directory__shown").get_text() == "Näytetään median yhteyshenkilöt 1–2 (yhteensä 4)."
    nav = first.select_one("nav.pagination")
    assert nav["aria-label"] == "Median yhteyshenkilöiden sivut"
    assert [link["href"] for link in nav.select("a")] == ["?page=2"]
    assert "Sivu 1 / 2" in nav.get_text()

    # The unit's contacts run over the edge of the first page: the second repeats its heading.
    second, headings, names = directory_page(client, press_page.url + "?page=2")
    assert headings == ["Viestintä › Mediapalvelu", "Muut median yhteyshenkilöt"]
    assert names == ["Sanna Saarinen2", "Press Officer"]
    assert second.select_one(".directory__shown").get_text() == "Näytetään median yhteyshenkilöt 3–4 (yhteensä 4)."
    assert [link["href"] for link in second.select(".pagination a")] == ["?page=1"]

    alone, _headings, names = directory_page(client, press_page.url + "?q=officer")
    assert names == ["Press Officer"]
    assert alone.select_one(".pagination") is None and alone.select_one(".directory__shown") is None


@pytest.mark.django_db
def test_page_links_keep_the_search_and_the_department(client, helsinki, press_page, monkeypatch):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    department = media_unit(helsinki, 3)
    url = f"{press_page.url}?q=saarinen&department={department.pk}"

    html, _headings, _names = directory_page(client, url)
    assert html.select_one('.pagination a[rel="next"]')["href"] == f"?q=saarinen&department={department.pk}&page=2"
    _html, _headings, names = directory_page(client, f"{url}&page=2")
    assert names == ["Sanna Saarinen2"]


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5", "1e9", "99999999999999999999", ""])
def test_a_bad_page_number_gives_a_page_of_the_directory(client, helsinki, press_page, monkeypatch, number):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    _html, _headings, names = directory_page(client, f"{press_page.url}?page={number}")
    assert names in (["Sanna Saarinen0", "Sanna Saarinen1"], ["Sanna Saarinen2"])


@pytest.mark.django_db
def test_the_exports_hold_every_media_contact_whatever_the_page_size(client, helsinki, press_page, monkeypatch):
    monkeypatch.setattr("press.directory.CONTACTS_PER_PAGE", 2)
    media_unit(helsinki, 3)
    names = [f"Sanna Saarinen{n}" for n in range(3)]
    assert [card.fn.value for card in cards_in(client.get("/fi/vcard/media.vcf"))] == names
    rows = client.get("/fi/media-contacts.csv").content.decode("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == names


# --- drafts: only a contact's published version reaches the press outputs ---------------------------------


@pytest.fixture
def drafts(helsinki, press_page):
    """Media contacts in every place the directory reads (a department's head, a unit's list, no page at all)
    that the public may not see: never published, published and then withdrawn, and a published person whose
    newer draft (not yet approved) renames them. A published colleague is listed beside them all, and the media
    contacts page names a media desk that is only a draft."""
    department = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto")
    unit = UnitPageFactory(parent=department, title_fi="Kirjastoyksikkö")
    never = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Nelli", last_name="Luonnosmaa")
    never.live = False
    never.save()
    withdrawn = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Veikko", last_name="Vedettynen")
    withdrawn.save_revision().publish()
    withdrawn.unpublish()
    renamed = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Julia", last_name="Julkunen")
    renamed.save_revision().publish()
    renamed.last_name = "Uusinimi"
    renamed.save_revision()  # a draft: the row keeps the published version
    published = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Pekka", last_name="Puhuja")
    unlisted = ContactPersonFactory(city=helsinki, is_media_contact=True, first_name="Irma", last_name="Irrallinen")
    unlisted.live = False
    unlisted.save()
    department.head = never
    department.save_revision().publish()
    for order, person in enumerate([withdrawn, renamed, published, never]):
        PageContact.objects.create(page=unit, contact=person, sort_order=order)
    desk = ServicePointFactory(city=helsinki, name_fi="Luonnospiste", name_sv="Utkastpunkt")
    desk.live = False
    desk.save()
    press_page.media_desk = desk
    press_page.save_revision().publish()
    return {
        "hidden": ["Luonnosmaa", "Vedettynen", "Uusinimi", "Irrallinen", "Luonnospiste"],
        "shown": ["Puhuja", "Julkunen"],
    }


def json_ld_names(html):
    """Every "name" in the page's JSON-LD, at any depth."""
    names = []

    def walk(value):
        if isinstance(value, dict):
            names.extend(str(value[key]) for key in value if key == "name")
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]'):
        walk(json.loads(script.string))
    return names


def press_outputs(client, page):
    """What each press output names, as text: the page, its CSV's cells, media.vcf's names and organisations,
    the page's JSON-LD names."""
    html = client.get(page.url).content.decode()
    csv_response = client.get("/fi/media-contacts.csv")
    vcards = client.get("/fi/vcard/media.vcf")
    assert (csv_response.status_code, vcards.status_code) == (200, 200)
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    cards = cards_in(vcards)
    return {
        "page": text_of_html(html),
        "csv": " ".join(cell for row in rows[1:] for cell in row),
        "vcf": " ".join(card.fn.value for card in cards),
        "json-ld": " ".join(json_ld_names(html)),
    }


def text_of_html(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.mark.django_db
def test_a_contacts_draft_never_reaches_the_media_contacts_page_csv_vcards_or_json_ld(client, press_page, drafts):
    outputs = press_outputs(client, press_page)
    for output, text in outputs.items():
        assert [name for name in drafts["shown"] if name not in text] == [], output  # the outputs do list people
        assert [name for name in drafts["hidden"] if name in text] == [], output
    assert "Uusinimi" not in client.get("/fi/vcard/media.vcf").content.decode()  # nor in any other property


@pytest.mark.django_db
def test_a_contacts_draft_stays_out_of_searches_of_the_media_contacts_page(client, press_page, drafts):
    assert "Pekka Puhuja" in text_of(client.get(press_page.url, {"q": "puhuja"}))
    for name in ["Luonnosmaa", "Vedettynen", "Uusinimi", "Irrallinen"]:
        assert name not in text_of(client.get(press_page.url, {"q": name.lower()})), name  # the query is echoed
