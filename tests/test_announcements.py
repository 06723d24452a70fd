"""Announcements: on every matching page of their city from their start until their end, whatever is cached; in the
API and the city's feed; published through the city's moderators; refused with a message when badly filled in."""

import datetime
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from announcements.models import ALERT, ATTENTION, NOTIFICATION, Announcement
from citycomms.factories import InformationPageFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from tests.conftest import edit_form_values, in_english, signed_in

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/snippets/announcements/announcement/"
ATOM = "{http://www.w3.org/2005/Atom}"
# Fixed moments: the tests move the clock between them (django.utils.timezone.now), they never wait.
BEFORE = datetime.datetime(2030, 3, 1, 8, 0, tzinfo=datetime.UTC)
STARTS = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC)
DURING = datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC)
ENDS = datetime.datetime(2030, 3, 1, 11, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2030, 3, 2, 12, 0, tzinfo=datetime.UTC)


def at(moment):
    """The clock at `moment` for everything that asks django.utils.timezone.now()."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def announce(city, kind=NOTIFICATION, word="Vesikatko", **fields):
    """A published announcement with texts in every language, marked by `word`, showing from STARTS to ENDS."""
    texts = {"text_fi": f"{word} fi", "text_sv": f"{word} sv", "text_en": f"{word} en"}
    values = {"city": city, "kind": kind, "starts_at": STARTS, "ends_at": ENDS, **texts, **fields}
    announcement = Announcement(**values, live=False)
    announcement.save()
    announcement.save_revision().publish()
    announcement.refresh_from_db()
    return announcement


def notices(response):
    """The notices of a page: (text, type class, role, name) of each."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for section in soup.select("main > .page-notices > section.hds-notification"):
        label = soup.find(id=section["aria-labelledby"])
        kind = [name for name in section["class"] if name.startswith("hds-notification--")]
        text = section.select_one(".hds-notification__body").get_text(" ", strip=True)
        found.append((text, kind[0] if kind else "", section.get("role", ""), label.get_text(" ", strip=True)))
    return found


def texts(response):
    return [text for text, _kind, _role, _label in notices(response)]


@pytest.fixture
def department(helsinki):
    return DepartmentPageFactory(parent=helsinki, slug_fi="kasvatus", slug_sv="fostran", slug_en="education")


@pytest.fixture
def other_department(helsinki):
    return DepartmentPageFactory(parent=helsinki, slug_fi="liikenne", slug_sv="trafik", slug_en="traffic")


# --- On the pages --------------------------------------------------------------------------------------------------


def test_each_type_shows_on_every_page_of_its_city_in_the_readers_language(client, department):
    home = department.get_parent().specific
    announce(home, NOTIFICATION, "Tiedote")
    announce(home, ALERT, "Evakuointi")
    announce(home, ATTENTION, "Katutyöt")
    with at(DURING):
        for language in ["fi", "sv", "en"]:
            with translation.override(language):
                urls = [f"/{language}/", department.get_url(), f"/{language}/search/?q=x"]
            for url in urls:
                shown = notices(client.get(url))
                # Alerts first; each in the design system's colours; only the alert interrupts a screen reader.
                assert [(text, kind, role) for text, kind, role, _label in shown] == [
                    (f"Evakuointi {language}", "hds-notification--error", "alert"),
                    (f"Katutyöt {language}", "hds-notification--alert", ""),
                    (f"Tiedote {language}", "", ""),
                ], url
                assert all(label for *_rest, label in shown)  # each a region named by its type


def test_a_notice_is_a_named_region_and_only_an_alert_is_role_alert(client, helsinki):
    announce(helsinki, NOTIFICATION, "Tiedote", link_fi="https://www.hel.fi/vesi")
    with at(DURING):
        soup = BeautifulSoup(client.get("/fi/").content, "html.parser")
    section = soup.select_one(".page-notice")
    assert section.name == "section" and section.get("role") is None
    # The type, in the page's language.
    assert soup.find(id=section["aria-labelledby"]).get_text(strip=True) == "Tiedote"
    assert section.select_one("a.hds-link")["href"] == "https://www.hel.fi/vesi"
    assert section.select_one(".hds-icon")["aria-hidden"] == "true"
    assert soup.select_one("main").find(True) is soup.select_one(".page-notices")  # first in <main>: the skip link


def test_a_subtree_announcement_shows_on_its_page_and_below_only(client, department, other_department):
    unit = UnitPageFactory(parent=department)
    announce(department.get_parent().specific, ALERT, "Koulu suljettu", page=department)
    with at(DURING):
        assert texts(client.get(department.url)) == ["Koulu suljettu fi"]
        assert texts(client.get(unit.url)) == ["Koulu suljettu fi"]
        assert texts(client.get(other_department.url)) == []
        assert texts(client.get("/fi/")) == []
        assert texts(client.get("/fi/search/?q=koulu")) == []


def test_another_citys_pages_show_only_their_own_and_those_to_every_city(client, helsinki, goteborg):
    announce(helsinki, word="Helsinki")
    announce(None, ALERT, word="Kaikki")
    with at(DURING):
        assert texts(client.get("/fi/")) == ["Kaikki fi", "Helsinki fi"]
        assert texts(client.get("/sv/", HTTP_HOST="goteborg.localhost")) == ["Kaikki sv"]


def test_a_draft_an_unpublished_and_an_ended_announcement_show_nowhere(client, helsinki):
    draft = Announcement.objects.create(city=helsinki, text_fi="Luonnos", starts_at=STARTS, live=False)
    draft.save_revision()
    unpublished = announce(helsinki, word="Peruttu")
    unpublished.unpublish()
    announce(helsinki, word="Mennyt", starts_at=BEFORE, ends_at=STARTS)
    with at(DURING):
        assert texts(client.get("/fi/")) == []


def test_an_edit_waits_for_publishing_and_the_pages_keep_the_published_text(client, helsinki):
    announcement = announce(helsinki, word="Julkaistu")
    announcement.text_fi = "Muokattu fi"
    announcement.save_revision()  # a draft of the change, as the admin saves it
    with at(DURING):
        assert texts(client.get("/fi/")) == ["Julkaistu fi"]


# --- With time, whatever is cached ---------------------------------------------------------------------------------


def test_it_appears_at_its_start_and_goes_at_its_end_with_nobody_acting(client, helsinki):
    announce(helsinki, ALERT, "Myrsky")
    with at(BEFORE):
        assert texts(client.get("/fi/")) == []
        before = client.get("/fi/")
        assert before["X-Page-Cache"] == "hit" and texts(before) == []  # cached: until the start at most
    with at(DURING):
        started = client.get("/fi/")
        assert "X-Page-Cache" not in started and texts(started) == ["Myrsky fi"]
        again = client.get("/fi/")
        assert again["X-Page-Cache"] == "hit" and texts(again) == ["Myrsky fi"]
    with at(AFTER):
        ended = client.get("/fi/")
        assert "X-Page-Cache" not in ended and texts(ended) == []


def test_the_notices_are_no_part_of_the_kept_fragments(client, helsinki):
    """Another address of the same page renders afresh from the kept header, menu and footer: the notice is still
    worked out with the clock, not kept with them."""
    announce(helsinki, word="Katko")
    with at(BEFORE):
        assert texts(client.get("/fi/")) == []
    with at(DURING):
        response = client.get("/fi/?utm_source=uutiskirje")
        assert "X-Page-Cache" not in response and texts(response) == ["Katko fi"]


def test_publishing_retires_the_cached_pages_at_once(client, helsinki):
    with at(DURING):
        client.get("/sv/")
        assert client.get("/sv/")["X-Page-Cache"] == "hit"
        announcement = announce(helsinki, word="Ny")
        published = client.get("/sv/")
        assert "X-Page-Cache" not in published and texts(published) == ["Ny sv"]
        assert client.get("/sv/")["X-Page-Cache"] == "hit"
        announcement.unpublish()
        assert texts(client.get("/sv/")) == []


# --- API and feed --------------------------------------------------------------------------------------------------


def test_the_api_lists_the_announcements_showing_now_in_the_asked_language(client, helsinki, goteborg, department):
    shown = announce(helsinki, ALERT, "Myrsky", link_sv="https://www.hel.fi/sv/storm", page=department)
    announce(helsinki, word="Tuleva", starts_at=LATER, ends_at=None)
    announce(goteborg, word="Göteborg")
    staff_only = InformationPageFactory(parent=helsinki)
    PageViewRestriction.objects.create(page=staff_only, restriction_type=PageViewRestriction.PASSWORD, password="x")
    announce(helsinki, word="Sisäinen", page=staff_only)
    with at(DURING):
        items = client.get("/api/v2/announcements/?lang=sv").json()["items"]
        assert [(item["id"], item["kind"], item["text"], item["link"]) for item in items] == [
            (shown.pk, ALERT, "Myrsky sv", "https://www.hel.fi/sv/storm")
        ]
        assert items[0]["page"]["id"] == department.pk and items[0]["ends_at"]
        assert client.get(f"/api/v2/announcements/{shown.pk}/?lang=en").json()["text"] == "Myrsky en"
        assert client.get("/api/v2/announcements/?lang=fi", HTTP_HOST="goteborg.localhost").status_code == 400
    with at(AFTER):
        assert client.get("/api/v2/announcements/").json()["items"] == []


def test_the_feed_has_the_citys_public_announcements_in_the_urls_language(client, helsinki, goteborg):
    announce(helsinki, ALERT, "Myrsky", link_sv="https://www.hel.fi/sv/storm")
    announce(goteborg, word="Göteborg")
    staff_only = InformationPageFactory(parent=helsinki)
    PageViewRestriction.objects.create(page=staff_only, restriction_type=PageViewRestriction.PASSWORD, password="x")
    announce(helsinki, word="Sisäinen", page=staff_only)
    with at(DURING):
        response = client.get("/sv/announcements/feed/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}summary") for entry in entries] == ["Myrsky sv"]
        assert entries[0].find(f"{ATOM}link").get("href") == "https://www.hel.fi/sv/storm"
        assert "Helsingfors stad" in feed.findtext(f"{ATOM}title")
        goteborg_feed = ET.fromstring(
            client.get("/en/announcements/feed/atom/", HTTP_HOST="goteborg.localhost").content
        )
        assert [entry.findtext(f"{ATOM}summary") for entry in goteborg_feed.findall(f"{ATOM}entry")] == ["Göteborg en"]
    with at(AFTER):
        assert ET.fromstring(client.get("/sv/announcements/feed/atom/").content).findall(f"{ATOM}entry") == []


def test_every_page_links_the_feed_in_its_language(client, department):
    for language in ["fi", "sv"]:
        soup = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
        link = soup.find("link", rel="alternate", type="application/atom+xml")
        assert link["href"] == f"/{language}/announcements/feed/atom/" and link["title"]


# --- Through the admin: the city's moderators publish, and bad input is refused -------------------------------------


def form_values(client, url, **changes):
    values = edit_form_values(client.get(url).content.decode(), Announcement)
    return {**values, **changes}


def post_new(client, action=None, **changes):
    defaults = {"kind": NOTIFICATION, "starts_at": "2030-03-01 11:00", "ends_at": "", "text_fi": "Uusi"}
    values = form_values(client, f"{ADMIN_URL}add/", **{**defaults, **changes})
    if action:
        values[action] = action
    return client.post(f"{ADMIN_URL}add/", values)


def test_an_editor_drafts_and_submits_and_the_citys_moderator_publishes(
    client, helsinki_editor, helsinki_moderator, goteborg_moderator
):
    home = helsinki_editor.groups.get().page_permissions.first().page
    reader = Client()
    with at(DURING):
        reader.get("/fi/")
        assert reader.get("/fi/")["X-Page-Cache"] == "hit"
    response = post_new(signed_in(client, helsinki_editor), "action-submit", text_fi="Vesikatko Kalliossa")
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.city_id == home.pk and not announcement.live
    task_state = announcement.current_workflow_task_state
    assert task_state is not None
    action = f"{ADMIN_URL}workflow/action/{announcement.pk}/approve/{task_state.pk}/"
    assert signed_in(client, goteborg_moderator).post(action).status_code == 404  # not their city's
    announcement.refresh_from_db()
    assert not announcement.live
    signed_in(client, helsinki_moderator).post(action)
    announcement.refresh_from_db()
    assert announcement.live
    with at(DURING):
        assert texts(reader.get("/fi/")) == ["Vesikatko Kalliossa"]  # the cached front page retired by the publish


def test_an_editor_cannot_publish(client, helsinki_editor):
    post_new(signed_in(client, helsinki_editor), "action-publish", text_fi="Ei julkaista")
    assert not Announcement.objects.get().live


def test_text_in_the_citys_default_language_is_required_and_named(client, helsinki_moderator, goteborg_moderator):
    refused = post_new(signed_in(client, in_english(helsinki_moderator)), text_fi="", text_sv="Bara svenska")
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["text_fi"]
    assert "Write the text in Finnish, the city&#x27;s default language." in refused.content.decode()
    # Göteborg's default language is Swedish: a Swedish text alone is enough there, and Finnish is not asked for.
    accepted = post_new(signed_in(client, goteborg_moderator), text_fi="", text_sv="Bara svenska")
    assert accepted.status_code == 302


def test_an_end_before_the_start_is_refused_at_the_end(client, helsinki_moderator):
    refused = post_new(signed_in(client, helsinki_moderator), starts_at="2030-03-01 11:00", ends_at="2030-03-01 10:00")
    assert list(refused.context["form"].errors) == ["ends_at"]
    assert not Announcement.objects.exists()


def test_only_an_administrator_announces_to_every_city(client, helsinki_moderator, admin_user, goteborg):
    refused = post_new(signed_in(client, helsinki_moderator), city="")
    assert "city" in refused.context["form"].errors
    accepted = post_new(signed_in(client, admin_user), city="", text_sv="Alla")
    assert accepted.status_code == 302
    assert Announcement.objects.get().city is None


def test_the_page_must_be_of_the_announcements_city(client, helsinki_moderator, goteborg, department):
    other = InformationPageFactory(parent=goteborg)
    refused = post_new(signed_in(client, helsinki_moderator), page=str(other.pk))
    assert list(refused.context["form"].errors) == ["page"]


def test_another_citys_staff_neither_see_nor_edit_it(client, helsinki, goteborg_editor, goteborg_moderator):
    announcement = announce(helsinki, word="Helsingin oma")
    for user in (goteborg_editor, goteborg_moderator):
        signed_in(client, user)
        assert "Helsingin oma" not in client.get(ADMIN_URL).content.decode()
        assert client.get(f"{ADMIN_URL}edit/{announcement.pk}/").status_code == 404
        assert client.post(f"{ADMIN_URL}delete/{announcement.pk}/").status_code == 404
    assert Announcement.objects.filter(pk=announcement.pk).exists()


def test_a_moderator_finds_an_announcement_by_the_start_of_a_word(client, helsinki, helsinki_moderator):
    announce(helsinki, word="Vesikatko")
    announce(helsinki, word="Myrskyvaroitus")
    signed_in(client, helsinki_moderator)
    html = client.get(ADMIN_URL, {"q": "vesik"}).content.decode()
    assert "Vesikatko" in html and "Myrskyvaroitus" not in html
