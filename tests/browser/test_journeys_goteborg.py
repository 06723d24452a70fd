"""A Göteborg editor's working day in the Swedish admin, and their moderator's answer: the editor adds a contact
and edits it, adds a page and edits it, and asks for a page to come off the site; the Göteborg moderator finds
the request on their dashboard and unpublishes the page with its subpage. On every screen the editor meets
Swedish and English inputs only (Göteborg publishes no Finnish) and nothing of Helsinki.

What the journey makes is made and removed outside the test's transaction (the live server commits it), so the
browser tests after it find the demo as it was. Screenshots go to /tmp/h/shots-gbg/ (SHOTS)."""

import os
from pathlib import Path

import pytest
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page

from citycomms.factories import InformationPageFactory
from citycomms.models import CityHomePage
from contacts.models import ContactPerson
from editorial.models import UnpublishRequest
from tests.browser.conftest import assert_accessible, screenshot, sign_in_to_the_admin

pytestmark = pytest.mark.django_db

HOST = "goteborg.localhost"
SHOTS = Path(os.environ.get("CITYCOMMS_JOURNEY_SHOTS", "/tmp/h/shots-gbg"))
# Helsinki's demo: its name and people, which a Göteborg editor never meets.
HELSINKI_WORDS = ["Helsingin", "Helsingfors", "Kivelä", "Raitio"]
NEW_PERSON = "Resande"  # the journey's new contact's last name
NEW_PAGE_SLUG = "resetips"


def sv(msgid):
    """`msgid` as the Swedish admin shows it (the English msgid until the catalogue has it)."""
    with translation.override("sv"):
        return translation.gettext(msgid)


def swedish(title_sv, title_en, slug):
    """A Göteborg page's titles and slugs: Swedish and English, no Finnish."""
    return {
        "title_fi": "",
        "title_sv": title_sv,
        "title_en": title_en,
        "slug_fi": slug,
        "slug_sv": slug,
        "slug_en": slug,
    }


@pytest.fixture(scope="module")
def old_page(demo, django_db_blocker):
    """A live Göteborg page with a live subpage, made for the journey to unpublish; everything the journey made
    is removed afterwards."""
    with django_db_blocker.unblock():
        home = CityHomePage.objects.get(slug_sv="goteborg")
        page = InformationPageFactory(parent=home, **swedish("Sommarjobb 2024", "Summer jobs 2024", "sommarjobb-2024"))
        page.save_revision().publish()
        child = InformationPageFactory(parent=page, **swedish("Ansökan 2024", "Applications 2024", "ansokan-2024"))
        child.save_revision().publish()
    yield page
    with django_db_blocker.unblock():
        UnpublishRequest.objects.filter(page__in=[page, child]).delete()
        Page.objects.filter(pk=page.pk).first().delete()  # with its subpage
        for made in home.get_children().filter(Q(slug_sv=NEW_PAGE_SLUG) | Q(title_sv="Resetips")):
            made.delete()
        ContactPerson.objects.filter(last_name=NEW_PERSON).delete()


def assert_goteborg_only(page, where):
    """The screen shows no Finnish input and nothing of Helsinki."""
    finnish = page.locator("main [name$='_fi']")
    assert finnish.count() == 0, f"{where}: Finnish inputs {finnish.first.get_attribute('name')}"
    text = page.locator("body").inner_text()
    assert not [word for word in HELSINKI_WORDS if word in text], where


def assert_swedish_first(page, base):
    """The Swedish input of the translated field `base` comes before the English one."""
    names = page.locator(f"main [name^='{base}_']").evaluate_all("(inputs) => inputs.map((input) => input.name)")
    assert names.index(f"{base}_sv") < names.index(f"{base}_en"), names


def save_draft(page):
    page.locator("footer button.action-save").first.click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_a_goteborg_editor_works_in_swedish_and_the_moderator_unpublishes_on_request(browser, server_url, old_page):
    def url(path):
        return server_url(HOST, path)

    editor = browser.new_context(locale="sv-SE").new_page()
    sign_in_to_the_admin(editor, url("/admin/login/"), "goteborg-editor")
    assert editor.locator("html").get_attribute("lang") == "sv"
    assert_goteborg_only(editor, "dashboard")

    # A new contact, then a second save of it.
    editor.goto(url("/admin/snippets/contacts/contactperson/"))
    assert_goteborg_only(editor, "contact listing")
    editor.goto(url("/admin/snippets/contacts/contactperson/add/"))
    assert_goteborg_only(editor, "new contact")
    assert_swedish_first(editor, "job_title")
    editor.fill("input[name=first_name]", "Greta")
    editor.fill("input[name=last_name]", NEW_PERSON)
    editor.fill("input[name=job_title_sv]", "Pressekreterare")
    editor.fill("input[name=email]", "greta.resande@example.se")
    save_draft(editor)
    editor.wait_for_url("**/contactperson/edit/**")
    editor.fill("input[name=job_title_en]", "Press Secretary")
    save_draft(editor)
    assert_goteborg_only(editor, "the contact, edited")
    screenshot(editor, SHOTS, "1-contact-edited")

    # A new page below the city's home, then a second save of it.
    home = old_page.get_parent()
    editor.goto(url(f"/admin/pages/add/citycomms/informationpage/{home.pk}/"))
    assert_goteborg_only(editor, "new page")
    assert_swedish_first(editor, "title")
    editor.fill("input[name=title_sv]", "Resetips")
    editor.get_by_role("tab", name=sv("Promote")).click()
    editor.fill("input[name=slug_sv]", NEW_PAGE_SLUG)
    save_draft(editor)
    editor.wait_for_url("**/edit/")
    new_page_pk = int(editor.url.rstrip("/").split("/")[-2])
    editor.get_by_role("tab", name=sv("Content")).click()
    editor.fill("input[name=title_en]", "Travel tips")
    save_draft(editor)
    assert_goteborg_only(editor, "the page, edited")
    screenshot(editor, SHOTS, "2-page-edited")

    # The old page should come off the site: the editor asks.
    editor.goto(url(f"/admin/pages/{old_page.pk}/edit/"))
    footer = editor.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").first.click()
    footer.get_by_role("link", name=sv("Request unpublishing")).click()
    editor.wait_for_url(f"**/admin/editorial/unpublish/{old_page.pk}/")
    assert_goteborg_only(editor, "request form")
    assert_accessible(editor)
    editor.fill("textarea[name=reason]", "Sommarjobben 2024 är tillsatta.")
    editor.check("input[name=include_subpages]")
    screenshot(editor, SHOTS, "3-request-form")
    editor.get_by_role("button", name=sv("Request unpublishing")).click()
    editor.wait_for_url(f"**/admin/pages/{old_page.pk}/edit/")
    assert "Sommarjobb 2024" in editor.locator(".messages").inner_text()
    screenshot(editor, SHOTS, "4-requested")

    # The moderator finds it on their dashboard and unpublishes the page with its subpage.
    moderator = browser.new_context(locale="sv-SE").new_page()
    sign_in_to_the_admin(moderator, url("/admin/login/"), "goteborg-moderator")
    requests = moderator.locator("#unpublish-requests-content, [data-unpublish-request]")
    assert requests.count() >= 1
    screenshot(moderator, SHOTS, "5-moderator-dashboard")
    moderator.locator("[data-unpublish-request]").first.click()
    assert "Sommarjobben 2024 är tillsatta." in moderator.locator("main").inner_text()
    assert_accessible(moderator)
    assert moderator.locator("input[name=include_subpages]").is_checked()  # as the editor suggested
    moderator.fill("textarea[name=comment]", "Klart, tack!")
    screenshot(moderator, SHOTS, "6-review")
    moderator.get_by_role("button", name=sv("Unpublish"), exact=True).click()
    moderator.wait_for_url("**/admin/")
    screenshot(moderator, SHOTS, "7-unpublished")

    old = Page.objects.get(pk=old_page.pk)
    assert not old.live and not old.get_children().live().exists()
    assert UnpublishRequest.objects.get(page=old).status == UnpublishRequest.APPROVED
    assert ContactPerson.objects.get(last_name=NEW_PERSON).get_latest_revision_as_object().job_title_en == (
        "Press Secretary"
    )
    new_page = Page.objects.get(pk=new_page_pk).specific.get_latest_revision_as_object()
    assert (new_page.title_sv, new_page.title_en, new_page.slug_sv) == ("Resetips", "Travel tips", NEW_PAGE_SLUG)
