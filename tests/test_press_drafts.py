"""The media desk: only a contact's published version reaches the press outputs."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from tests.conftest import cards_in, text_of

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
