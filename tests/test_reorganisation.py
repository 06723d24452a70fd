"""Reorganisations (issue 18, item 1): a department, unit or team renamed, merged, split, replaced or closed says so
at its top in every language and links its successors; it leaves the menus, the city home, the lists of units and
teams, the media contacts and the top of search results, and stays readable at its address. The demo shows seed
002's department as replaced by seed 001's."""

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import translation
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from citycomms.chosen import PAGE_OF_ANOTHER_CITY
from contacts.factories import ContactPersonFactory
from demo import content
from demo.loader import load_city, prepare_root, remove_welcome_page
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, OrganisationPage, PageContact
from departments.reorganisation import (
    SUCCESSOR_IN_A_LOOP,
    SUCCESSOR_NOT_LIVE,
    SUCCESSOR_OF_ITSELF,
    SUCCESSORS_MISSING,
    Successor,
)
from tests.conftest import edit_form_values, in_english, quiet, signed_in

FORMER = "/{}/tietotekniikka-ja-viestintaosasto/"


def words(element):
    return " ".join(element.get_text().split()) if element is not None else ""


def load_helsinki():
    """Helsinki's part of the demo (it has no documents): a third of load_demo's time."""
    (city,) = [city for city in content.cities() if city["name"] == "Helsinki"]
    with translation.override(city["default_language"]):
        remove_welcome_page(quiet)
        prepare_root(quiet)
        load_city(city, {}, quiet)


class SeedTwoInTheDemo(TestCase):
    """Helsinki's demo, loaded once: seed 002's department replaced by seed 001's Viestintäosasto, with no date."""

    @classmethod
    def setUpTestData(cls):
        load_helsinki()

    def read(self, path):
        response = self.client.get(path, HTTP_HOST="localhost")
        self.assertEqual(response.status_code, 200, path)
        return BeautifulSoup(response.content, "html.parser")

    def test_its_page_says_in_each_language_that_viestintaosasto_replaced_it(self):
        for language, sentence, successor in [
            ("fi", "Tämä osasto on korvattu: Viestintäosasto.", "/fi/viestintaosasto/"),
            ("sv", "Denna avdelning har ersatts av Kommunikationsavdelningen.", "/sv/kommunikationsavdelningen/"),
            ("en", "This department was replaced by Communications Department.", "/en/communications-department/"),
        ]:
            page = self.read(FORMER.format(language))
            notice = page.select_one("main .reorganisation-notice")
            self.assertEqual(words(notice), sentence)
            self.assertEqual([link["href"] for link in notice.select("a")], [successor])
            # Still the former department's page, at the top of it, with its head and its units.
            self.assertEqual(words(page.h1), "Tietotekniikka- ja viestintäosasto")
            self.assertIn("Markku Raitio", words(page.select_one(".head-of")))
            self.assertIn("Tietotekniikka", words(page.select_one(".subpages")))

    def test_its_carried_over_units_name_their_successors_and_the_rest_their_former_department(self):
        unit = self.read(FORMER.format("fi") + "viestinta/")
        self.assertEqual(words(unit.select_one(".reorganisation-notice")), "Tämä yksikkö on korvattu: Viestintä.")
        self.assertEqual(unit.select_one(".reorganisation-notice a")["href"], "/fi/viestintaosasto/viestinta/")
        ict = self.read(FORMER.format("en") + "tietotekniikka/")
        self.assertEqual(
            words(ict.select_one(".reorganisation-notice")),
            "This unit belongs to a former part of the organisation: Tietotekniikka- ja viestintäosasto.",
        )

    def test_viestintaosasto_says_what_it_replaced(self):
        replaces = self.read("/fi/viestintaosasto/").select_one("main .replaces")
        self.assertEqual(words(replaces), "Korvaa: Tietotekniikka- ja viestintäosasto")
        self.assertEqual(replaces.a["href"], FORMER.format("fi"))
        self.assertIsNone(self.read("/fi/viestintaosasto/").select_one(".reorganisation-notice"))

    def test_it_leaves_the_home_page_and_the_media_contacts_department_filter(self):
        for language, current in [("fi", "Viestintäosasto"), ("sv", "Kommunikationsavdelningen")]:
            home = self.read(f"/{language}/")
            listed = words(home.select_one("section[aria-labelledby='departments-heading']"))
            self.assertIn(current, listed)
            self.assertNotIn("Tietotekniikka- ja viestintäosasto", listed)
        press = self.read("/fi/yhteystiedot-medialle/")
        options = [words(option) for option in press.select("#press-department option")]
        self.assertIn("Viestintäosasto", options)
        self.assertNotIn("Tietotekniikka- ja viestintäosasto", options)

    def test_the_newsroom_filter_offers_it_among_the_former_departments_after_todays(self):
        for language, current, former in [
            ("fi", "Viestintäosasto", "Entiset osastot"),
            ("sv", "Kommunikationsavdelningen", "Tidigare avdelningar"),
        ]:
            slug = {"fi": "uutishuone", "sv": "nyhetsrum"}[language]
            select = self.read(f"/{language}/{slug}/").select_one("#release-department")
            today = [words(option) for option in select.find_all("option", recursive=False)]
            self.assertIn(current, today)
            self.assertNotIn("Tietotekniikka- ja viestintäosasto", today)
            (group,) = select.select("optgroup")
            self.assertEqual(group["label"], former)
            self.assertEqual(
                [words(option) for option in group.select("option")], ["Tietotekniikka- ja viestintäosasto"]
            )

    def test_it_leaves_the_main_menu(self):
        menu = words(self.read("/fi/").select_one("nav.main-menu"))
        self.assertIn("Viestintäosasto", menu)
        self.assertNotIn("Tietotekniikka- ja viestintäosasto", menu)

    def test_loading_the_demo_again_makes_no_revision(self):
        before = Revision.objects.count()
        load_helsinki()
        self.assertEqual(Revision.objects.count(), before)


# --- Built for the test: search, the media contacts, the editor's rules ----------------------------------------


@pytest.fixture
def reorganised(helsinki):
    """A former department (made first: the lower tree path), replaced by a current one, each with a unit."""
    former = DepartmentPageFactory(parent=helsinki, title_fi="Kulttuuriosasto", slug_fi="kulttuuriosasto")
    current = DepartmentPageFactory(
        parent=helsinki, title_fi="Kaupunkiosasto", slug_fi="kaupunkiosasto", intro_fi="Kulttuuriosasto on nyt täällä."
    )
    former_unit = UnitPageFactory(parent=former, title_fi="Kirjastot", slug_fi="kirjastot")
    UnitPageFactory(parent=current, title_fi="Museot", slug_fi="museot")
    former.reorganisation = "replaced"
    former.successors = [Successor(successor=current)]
    former.save_revision().publish()
    return former, current, former_unit


@pytest.mark.django_db
def test_search_still_finds_a_former_department_but_below_the_current_ones(client, reorganised):
    former, current, _unit = reorganised

    response = client.get("/fi/search/", {"q": "Kulttuuriosasto"})

    found = [words(link) for link in BeautifulSoup(response.content, "html.parser").select(".search-result__link")]
    assert found == ["Kaupunkiosasto", "Kulttuuriosasto"]  # the former one has the title, the current the intro


@pytest.mark.django_db
def test_a_former_units_media_contact_leaves_the_media_contacts_page(client, helsinki, press_page, reorganised):
    former, current, former_unit = reorganised
    for page, name in [(former_unit, "Entinen"), (current, "Nykyinen")]:
        person = ContactPersonFactory(city=helsinki, last_name=name, is_media_contact=True)
        PageContact.objects.create(page=page, contact=person)
    assert OrganisationPage.objects.current().filter(pk__in=[former.pk, former_unit.pk]).count() == 0

    with translation.override("fi"):
        html = client.get(press_page.url).content.decode()

    groups = words(BeautifulSoup(html, "html.parser").select_one("main"))
    assert "Nykyinen" in groups and "Kaupunkiosasto" in groups
    assert "Kirjastot" not in groups and "Kulttuuriosasto" not in groups and "Entinen" not in groups


@pytest.mark.django_db
def test_a_current_page_lists_current_units_and_a_former_one_what_it_was_made_of(client, reorganised):
    former, current, former_unit = reorganised
    UnitPageFactory(parent=current, title_fi="Vanha yksikkö", slug_fi="vanha", reorganisation="closed")

    current_units = words(BeautifulSoup(client.get(current.url).content, "html.parser").select_one(".subpages"))
    former_units = words(BeautifulSoup(client.get(former.url).content, "html.parser").select_one(".subpages"))

    assert "Museot" in current_units and "Vanha yksikkö" not in current_units
    assert "Kirjastot" in former_units


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def post_editor(client, page, change="replaced", successors=(), action="publish"):
    form = edit_form_values(client.get(edit_url(page)).content.decode(), type(page))
    form["reorganisation"] = change
    form.update(nested_form_data({"successors": inline_formset([{"successor": pk} for pk in successors])}))
    form[f"action-{action}"] = action
    return client.post(edit_url(page), form)


@pytest.fixture
def moderator(client, helsinki_moderator):
    return signed_in(client, in_english(helsinki_moderator))


def successor_error(response):
    return response.context["form"].formsets["successors"].forms[0].errors["successor"]


@pytest.mark.django_db
def test_a_moderator_marks_a_department_replaced_in_the_reorganisation_panel(moderator, client, helsinki):
    old, new = (DepartmentPageFactory(parent=helsinki, title_en=f"{name} Department") for name in ("Old", "New"))
    editor = BeautifulSoup(moderator.get(edit_url(old)).content, "html.parser")
    panel = editor.find("select", attrs={"name": "reorganisation"}).find_parent("section")
    assert "Reorganisation" in words(panel.find(["h2", "h3"])) and panel.find(attrs={"name": "reorganised_on"})

    response = post_editor(moderator, old, successors=[new.pk])

    assert response.status_code == 302
    client.logout()
    page = BeautifulSoup(client.get(f"/en/{old.slug_en}/").content, "html.parser")
    notice = page.select_one(".reorganisation-notice")
    assert words(notice) == "This department was replaced by New Department."
    assert notice.a["href"] == f"/en/{new.slug_en}/"


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["itself", "not live", "another city", "loop"])
def test_a_successor_that_cannot_be_is_refused_at_its_field(moderator, helsinki, goteborg, case):
    page = DepartmentPageFactory(parent=helsinki)
    if case == "itself":
        successor, message = page, SUCCESSOR_OF_ITSELF
    elif case == "not live":
        successor, message = DepartmentPageFactory(parent=helsinki, live=False), SUCCESSOR_NOT_LIVE
    elif case == "another city":
        successor, message = DepartmentPageFactory(parent=goteborg, slug_sv="annan"), PAGE_OF_ANOTHER_CITY
    else:
        successor = DepartmentPageFactory(parent=helsinki, reorganisation="merged")
        successor.successors = [Successor(successor=page)]  # which names this page as its successor already
        successor.save()
        message = SUCCESSOR_IN_A_LOOP
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    response = post_editor(moderator, page, successors=[successor.pk])

    assert response.status_code == 200
    with translation.override("en"):
        assert successor_error(response) == [str(message) % {"page": successor.get_admin_display_title()}]
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
    assert not DepartmentPage.objects.get(pk=page.pk).reorganisation


@pytest.mark.django_db
def test_a_change_that_names_successors_needs_one(moderator, helsinki):
    page = DepartmentPageFactory(parent=helsinki)

    response = post_editor(moderator, page, change="split")

    with translation.override("en"):
        assert response.context["form"].errors["reorganisation"] == [str(SUCCESSORS_MISSING)]
