"""A person leaves, as a city's moderator meets it in a browser with the admin in the city's language (a Helsinki
moderator in Finnish, a Göteborg moderator in Swedish): from the person's action menu, the person is replaced by
a colleague on every page that lists them, and the moderator sees the pages changed, each a new draft in
moderation; deleting the person is refused while live pages still show them. Screenshots go to the test's
temporary folder."""

from dataclasses import dataclass

import pytest
from django.utils import translation
from wagtail.models import Page, WorkflowState

from contacts.models import ContactPerson
from contacts.usage import listings, named_people
from tests.browser.conftest import assert_accessible, sign_in_to_the_admin

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Journey:
    host: str
    username: str
    language: str
    locale: str
    leaver: str  # last names, each one person's in the demo
    successor: str


JOURNEYS = {
    "helsinki-fi": Journey("localhost", "helsinki-moderator", "fi", "fi-FI", "Kivelä", "Raitio"),
    "goteborg-sv": Journey("goteborg.localhost", "goteborg-moderator", "sv", "sv-SE", "Mehner", "Bökmark"),
}


@dataclass(frozen=True)
class Leaving:
    leaver: ContactPerson
    successor: ContactPerson
    listed: dict  # {page pk: the page's title as the admin shows it}


@pytest.fixture(scope="module")
def leaving(demo, django_db_blocker):
    """Each journey's Leaving, read outside the test's transaction: on SQLite a read inside it would hold a lock
    that keeps the live server from saving."""
    found = {}
    with django_db_blocker.unblock():
        for name, journey in JOURNEYS.items():
            leaver = ContactPerson.objects.get(last_name=journey.leaver)
            successor = ContactPerson.objects.get(last_name=journey.successor)
            with translation.override(journey.language):
                listed = {item.page.pk: item.page.get_admin_display_title() for item in listings(leaver)}
            found[name] = Leaving(leaver, successor, listed)
    return found


def in_language(language, text):
    """`text` as the admin in `language` shows it (the English msgid until the catalogue has it)."""
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.browser
@pytest.mark.parametrize("name", JOURNEYS)
def test_a_moderator_replaces_a_person_on_every_page_and_sees_the_pages(browser, server_url, leaving, name, tmp_path):
    journey, case = JOURNEYS[name], leaving[name]
    leaver, successor, listed = case.leaver, case.successor, case.listed
    assert len(listed) >= 3  # the pages they head, a page listing them, press releases

    def url(path):
        return server_url(journey.host, path)

    def text(msgid):
        return in_language(journey.language, msgid)

    page = browser.new_context(locale=journey.locale).new_page()
    sign_in_to_the_admin(page, url("/admin/login/"), journey.username)
    assert page.locator("html").get_attribute("lang") == journey.language

    page.goto(url(f"/admin/snippets/contacts/contactperson/edit/{leaver.pk}/"))
    actions = page.locator("footer")
    actions.locator("[data-w-dropdown-target='toggle']").first.click()
    actions.get_by_role("link", name=text("Replace on every page")).click()
    page.wait_for_url(f"**/admin/contacts/people/{leaver.pk}/replace/")
    shown = page.locator("main").inner_text()
    for title in listed.values():
        assert title in shown
    assert_accessible(page)
    page.screenshot(path=tmp_path / "replace-form.png", full_page=True)

    page.select_option("select[name=replacement]", str(successor.pk))
    page.get_by_role("button", name=text("Replace on every page")).click()
    page.wait_for_load_state()
    page.screenshot(path=tmp_path / "pages-changed.png", full_page=True)
    changed = page.locator("main table").first.locator("tbody tr")
    assert changed.count() == len(listed)
    result = page.locator("main").inner_text()
    for title in listed.values():
        assert title in result
    assert_accessible(page)

    # Until a moderator approves those drafts the live pages still show the person: deleting them is refused,
    # with the pages listed.
    page.goto(url(f"/admin/snippets/contacts/contactperson/delete/{leaver.pk}/"))
    assert page.locator("h1").inner_text().strip() == text("Still listed on pages")
    refusal = page.locator("main").inner_text()
    for title in listed.values():
        assert title in refusal
    assert_accessible(page)
    page.screenshot(path=tmp_path / "delete-refused.png", full_page=True)

    for pk in listed:
        fresh = Page.objects.get(pk=pk).specific
        names = named_people(fresh.get_latest_revision_as_object())
        assert successor.pk in names and leaver.pk not in names
        assert fresh.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert fresh.live and leaver.pk in named_people(fresh)  # nothing published before approval
