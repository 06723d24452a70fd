"""Moderation in bulk, as a Helsinki editor (the admin in Finnish) and moderator (the admin in Swedish: Helsinki is
bilingual) meet it in Chromium.

The editor adds two people and a new team under the Communications unit, the head in its head post and the other
as its contact, each in Finnish, Swedish and English, submits the people together from the contact listing and the
team from its editor; the moderator sees in the page editor who goes live with the team, approves the team in
bulk from the explorer (the confirmation lists the two people, who go live with it) and reads the team at its
Finnish, Swedish and English addresses. Then the editor imports a spreadsheet of two people onto the new team,
and the moderator opens the import from the dashboard and approves it as one.

What the journey makes is committed by the live server and removed afterwards, so the browser tests after it find
the demo as it was. The test reads the database only once the browser has done everything: on SQLite a read in
the test's transaction would keep the live server from writing. Screenshots go to /tmp/h/shots-bulk/ (SHOTS)."""

import csv
import io
import os
from pathlib import Path

import pytest
from django.utils import translation

from contacts.models import ContactPerson, ImportBatch
from contacts.spreadsheet import COLUMNS
from departments.models import TeamPage, UnitPage
from editorial.bulk import ApproveAction, SubmitAction
from tests.browser.conftest import assert_accessible, screenshot, sign_in_to_the_admin

pytestmark = pytest.mark.django_db

HOST = "localhost"
SHOTS = Path(os.environ.get("CITYCOMMS_JOURNEY_SHOTS", "/tmp/h/shots-bulk"))
TEAM = {
    "title": {"fi": "Somejoukkue", "sv": "Sociala medier-teamet", "en": "Social Media Team"},
    "slug": {"fi": "somejoukkue", "sv": "sociala-medier-teamet", "en": "social-media-team"},
    "intro": {
        "fi": "Somejoukkue vastaa kaupungin sosiaalisen median kanavista.",
        "sv": "Teamet sköter stadens kanaler i sociala medier.",
        "en": "The team runs the City's social media channels.",
    },
}
HEAD = {
    "first_name": "Siiri",
    "last_name": "Aaltosomes",
    "email": "siiri@somejoukkue.example.fi",
    "job_title": {"fi": "somepäällikkö", "sv": "chef för sociala medier", "en": "Head of Social Media"},
}
MEMBER = {
    "first_name": "Tuomas",
    "last_name": "Aapatubes",
    "email": "tuomas@somejoukkue.example.fi",
    "job_title": {"fi": "sisällöntuottaja", "sv": "innehållsproducent", "en": "Content Producer"},
}
# The team's address in each language, below the demo's Communications Department and its Communications unit.
TEAM_URLS = {
    "fi": "/fi/viestintaosasto/viestinta/somejoukkue/",
    "sv": "/sv/kommunikationsavdelningen/kommunikation/sociala-medier-teamet/",
    "en": "/en/communications-department/communications/social-media-team/",
}
IMPORTED = [("Ilona", "Importoitu"), ("Jaakko", "Jonossa")]
NEW_LAST_NAMES = [HEAD["last_name"], MEMBER["last_name"], *(last for _first, last in IMPORTED)]


def in_language(language, msgid):
    """`msgid` as the admin in `language` shows it (the English msgid until the catalogue has it)."""
    with translation.override(language):
        return translation.gettext(msgid)


def fi(msgid):
    return in_language("fi", msgid)


def sv(msgid):
    return in_language("sv", msgid)


@pytest.fixture(scope="module")
def unit(demo, django_db_blocker):
    """Helsinki's Communications unit, below which the team is added; everything the journey made is removed
    afterwards."""
    with django_db_blocker.unblock():
        found = UnitPage.objects.get(slug_fi="viestinta", url_path_fi__contains="/viestintaosasto/")
    yield found
    with django_db_blocker.unblock():
        for team in TeamPage.objects.filter(slug_fi=TEAM["slug"]["fi"]):
            team.delete()
        ContactPerson.objects.filter(last_name__in=NEW_LAST_NAMES).delete()
        ImportBatch.objects.filter(city__slug_fi="helsinki").delete()


def add_person(page, url, person):
    page.goto(url("/admin/snippets/contacts/contactperson/add/"))
    page.fill("input[name=first_name]", person["first_name"])
    page.fill("input[name=last_name]", person["last_name"])
    for code, text in person["job_title"].items():
        page.fill(f"input[name=job_title_{code}]", text)
    page.fill("input[name=email]", person["email"])
    page.locator("footer button.action-save").first.click()
    page.wait_for_url("**/contactperson/edit/**")
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def choose_person(page, scope, name):
    """Open the person chooser in `scope` and pick `name` from its search."""
    scope.locator("button[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(name)
    modal.get_by_role("link", name=name).first.click()
    modal.wait_for(state="hidden")


def import_file(rows, team_path):
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    for first, last in rows:
        writer.writerow(
            {column: "" for column in COLUMNS}
            | {
                "first_name": first,
                "last_name": last,
                "email": f"{first}.{last}@example.fi".lower().replace("ä", "a").replace("ö", "o"),
                "job_title_fi": "somesuunnittelija",
                "job_title_sv": "planerare för sociala medier",
                "job_title_en": "Social Media Planner",
                "media_contact": "no",
                "unit": team_path,
            }
        )
    return {"name": "somejoukkue.csv", "mimeType": "text/csv", "buffer": text.getvalue().encode("utf-8-sig")}


@pytest.mark.browser
def test_a_team_and_its_people_go_live_together_and_an_import_is_approved_as_one(browser, server_url, unit, settings):
    # The editor's autosave writes while the choosers read: on the tests' SQLite, whose shared-cache tables lock
    # without waiting, either may fail. The journey saves with the editor's own buttons.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    def url(path):
        return server_url(HOST, path)

    # --- The editor adds the people and the team, in three languages, and submits them -----------------------
    editor = browser.new_context(locale="fi-FI").new_page()
    sign_in_to_the_admin(editor, url("/admin/login/"), "helsinki-editor")
    assert editor.locator("html").get_attribute("lang") == "fi"
    people = [add_person(editor, url, HEAD), add_person(editor, url, MEMBER)]

    editor.goto(url(f"/admin/pages/add/departments/teampage/{unit.pk}/"))
    for code in ("fi", "sv", "en"):
        editor.fill(f"input[name=title_{code}]", TEAM["title"][code])
        editor.fill(f"textarea[name=intro_{code}]", TEAM["intro"][code])
    posts = editor.locator("#id_posts-FORMS")
    editor.locator("#id_posts-ADD").click()
    for code, text in HEAD["job_title"].items():
        posts.locator(f"input[name$='-title_{code}']").first.fill(text)
    posts.locator("input[name$='-is_head']").first.check()
    posts.locator("[id$='-appointments-ADD']").first.click()
    choose_person(editor, posts, f"{HEAD['first_name']} {HEAD['last_name']}")
    editor.locator("#id_page_contacts-ADD").click()
    choose_person(editor, editor.locator("#id_page_contacts-FORMS"), f"{MEMBER['first_name']} {MEMBER['last_name']}")
    screenshot(editor, SHOTS, "1-editor-team-form")
    editor.get_by_role("tab", name=fi("Promote")).click()
    for code in ("fi", "sv", "en"):
        editor.fill(f"input[name=slug_{code}]", TEAM["slug"][code])
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()
    editor.locator("footer button[name=action-submit]").click()
    editor.wait_for_url(f"**/admin/pages/{unit.pk}/")
    team_pk = int(
        editor.locator("a[href*='/admin/pages/'][href$='/edit/']", has_text=TEAM["title"]["fi"])
        .first.get_attribute("href")
        .split("/")[-3]
    )

    # The two people, submitted together from the contact listing, where their names come first.
    editor.goto(url("/admin/snippets/contacts/contactperson/"))
    for pk in people:
        editor.locator(f"input[data-bulk-action-checkbox][data-object-id='{pk}']").check()
    editor.locator("[data-bulk-action-footer]").get_by_role("link", name=fi(SubmitAction.aria_label)).click()
    editor.wait_for_url("**/admin/bulk/contacts/contactperson/submit/**")
    screenshot(editor, SHOTS, "2-editor-bulk-submit")
    with editor.expect_navigation():
        editor.get_by_role("button", name=fi("Yes, submit")).click()
    assert "2" in editor.locator(".messages").inner_text()  # "2 items submitted for moderation."

    # --- The moderator reviews the team, approves it in bulk with its people and reads it live ---------------
    # Helsinki is bilingual: its moderator works in the Swedish admin.
    moderator = browser.new_context(locale="sv-SE").new_page()
    sign_in_to_the_admin(moderator, url("/admin/login/"), "helsinki-moderator")
    assert moderator.locator("html").get_attribute("lang") == "sv"
    moderator.goto(url(f"/admin/pages/{team_pk}/edit/"))
    notice = moderator.locator(".messages").inner_text()
    assert HEAD["last_name"] in notice and MEMBER["last_name"] in notice
    screenshot(moderator, SHOTS, "3-moderator-reviews-team")
    moderator.goto(url(f"/admin/pages/{unit.pk}/"))
    moderator.locator(f"input[data-bulk-action-checkbox][data-object-id='{team_pk}']").check()
    moderator.locator("[data-bulk-action-footer]").get_by_role("link", name=sv(ApproveAction.aria_label)).click()
    moderator.wait_for_url("**/admin/bulk/wagtailcore/page/approve/**")
    coming = moderator.locator("[data-people-coming-along]").inner_text()
    assert HEAD["last_name"] in coming and MEMBER["last_name"] in coming
    assert_accessible(moderator)
    screenshot(moderator, SHOTS, "4-moderator-bulk-approve")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name=sv("Yes, approve")).click()
    assert moderator.locator(".messages").count()
    screenshot(moderator, SHOTS, "5-moderator-approved-team")
    reader = browser.new_context().new_page()
    for code, path in TEAM_URLS.items():
        reader.goto(url(path))
        screenshot(reader, SHOTS, f"5-team-live-{code}")
        text = reader.locator("main").inner_text()
        assert TEAM["title"][code] in text and HEAD["last_name"] in text and MEMBER["last_name"] in text, code

    # --- The editor imports a spreadsheet onto the team; the moderator approves the import as one ------------
    editor.goto(url("/admin/contacts/import/"))
    editor.set_input_files("input[name=file]", import_file(IMPORTED, "viestintaosasto/viestinta/somejoukkue"))
    editor.get_by_role("button", name=fi("Show the rows")).click()
    editor.get_by_role("button", name=fi("Import these rows")).click()
    editor.wait_for_url("**/admin/snippets/contacts/contactperson/")
    screenshot(editor, SHOTS, "6-editor-imported")

    moderator.goto(url("/admin/"))
    screenshot(moderator, SHOTS, "7-moderator-dashboard")
    moderator.locator("[data-import-batch]").first.click()
    moderator.wait_for_url("**/admin/editorial/imports/**")
    review = moderator.locator("main").inner_text()
    for first, last in IMPORTED:
        assert f"{first} {last}" in review
    assert_accessible(moderator)
    screenshot(moderator, SHOTS, "8-moderator-reviews-import")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name=sv("Approve all")).click()
    screenshot(moderator, SHOTS, "9-moderator-approved-import")

    # What the browser did, as the database has it.
    team = TeamPage.objects.get(pk=team_pk)
    assert team.live and not team.has_unpublished_changes and team.current_workflow_state is None
    new = ContactPerson.objects.filter(last_name__in=NEW_LAST_NAMES)
    assert new.count() == 4 and all(person.live and person.current_workflow_state is None for person in new)
    listed = set(team.page_contacts.values_list("contact__last_name", flat=True))
    assert listed == set(NEW_LAST_NAMES) - {HEAD["last_name"]}
    # And as the public reads it (a new browser: the page's earlier copy may be cached in the first).
    reader = browser.new_context().new_page()
    reader.goto(url(TEAM_URLS["fi"]))
    screenshot(reader, SHOTS, "10-team-live-with-imported-people")
    text = reader.locator("main").inner_text()
    assert all(last in text for _first, last in IMPORTED), "the imported people are on the live team page"
