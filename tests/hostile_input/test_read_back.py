"""Hostile input: what editors type reads back as the same text from every output the city offers in every
language: feeds, vCards, CSV and JSON."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import vobject
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page

from tests.hostile_input.conftest import PAYLOADS, city_languages, fill, newsroom_url

# --- (c) what editors type reads back as the same text from every output --------------------------------

# What each format must escape: vCard's ; , and \, CSV's quotes and commas, JSON's quotes and backslashes,
# XML's & and the end of a CDATA section, HTML's tags.
FORMAT_PAYLOAD = 'Öljy; "lainaus", \\ & ]]> <b>lihava</b>'


ATOM = "{http://www.w3.org/2005/Atom}"


def fill_everything(city, payload):
    """Every text of the city's people, service points and pages in every language is `payload`."""
    snippets = [city["person"], city["point"]]
    chosen = {type(snippet): snippet for snippet in snippets}
    for snippet in snippets:
        fill(snippet, payload, chosen, blank_languages=set())
        snippet.save()
    for page in Page.objects.live().descendant_of(city["home"], inclusive=True).specific():
        fill(page, payload, chosen, blank_languages=set())
        page.save_revision().publish()
    city["person"].refresh_from_db()


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode("utf-8-sig")


def feed_texts(client, city, language):
    """The titles and descriptions of the newsroom's RSS and Atom feeds in `language`, parsed as XML."""
    rss = ET.fromstring(ok(client, f"{newsroom_url(city, language)}feed/rss/"))
    atom = ET.fromstring(ok(client, f"{newsroom_url(city, language)}feed/atom/"))
    [rss_item] = rss.iter("item")
    [atom_entry] = atom.iter(f"{ATOM}entry")
    return {
        "rss channel": rss.find("channel/title").text,
        "rss item": rss_item.find("title").text,
        "rss description": rss_item.find("description").text,
        "atom feed": atom.find(f"{ATOM}title").text,
        "atom entry": atom_entry.find(f"{ATOM}title").text,
        "atom summary": atom_entry.find(f"{ATOM}summary").text,
    }


def vcard_texts(client, city, language):
    """The person's name and title in each vCard file that names them in `language`, parsed back."""
    person, department = city["person"], city["pages"][0]
    texts = {}
    for url in [f"/{language}/vcard/{person.pk}.vcf", f"/{language}/vcard/page/{department.pk}.vcf"]:
        for n, card in enumerate(vobject.readComponents(ok(client, url))):
            texts[f"{url} {n} FN"] = card.fn.value
            texts[f"{url} {n} TITLE"] = card.title.value
    for n, card in enumerate(vobject.readComponents(ok(client, f"/{language}/vcard/media.vcf"))):
        texts[f"media.vcf {n} FN"] = card.fn.value
    return texts


# The media contacts CSV's columns that hold what the person's editors type: name, job title, media topics.
CSV_TEXT_COLUMNS = (0, 1, 2)


def csv_texts(client, language):
    """The media contacts CSV in `language`, parsed: every row as wide as the heading."""
    header, *rows = list(csv.reader(io.StringIO(ok(client, f"/{language}/media-contacts.csv"))))
    assert rows and all(len(row) == len(header) for row in rows), rows
    return {f"csv {n} {header[column]}": row[column] for n, row in enumerate(rows) for column in CSV_TEXT_COLUMNS}


def json_and_page_texts(client, city, language):
    """The person and the department as the JSON API gives them in `language`; each page's heading and the
    name in its JSON-LD."""
    person, department = city["person"], city["pages"][0]
    contacts = json.loads(ok(client, f"/api/v2/contacts/?lang={language}&fields=*"))["items"]
    [found] = [item for item in contacts if item["id"] == person.pk]
    page = json.loads(ok(client, f"/api/v2/pages/{department.pk}/?lang={language}&fields=*"))
    texts = {"api first_name": found["first_name"], "api job_title": found["job_title"], "api title": page["title"]}
    with translation.override(language):
        urls = [page.get_url_parts()[2] for page in city["pages"]]
    for url in urls:
        html = BeautifulSoup(ok(client, url), "html.parser")
        texts[f"{url} h1"] = html.find("h1").get_text()
        for n, script in enumerate(html.select("script[type]")):
            if script["type"] == "application/ld+json":
                data = json.loads(script.string)
                texts[f"{url} JSON-LD {n}"] = data.get("name") or data["headline"]  # a release is an article
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload", [*PAYLOADS, FORMAT_PAYLOAD], ids=["script", "end-script", "svg", "attribute", "cdata", "formats"]
)
def test_what_editors_type_reads_back_as_text_from_every_feed_vcard_csv_and_json_in_every_language(
    client, city, payload
):
    fill_everything(city, payload)
    person = city["person"]
    assert person.first_name == payload and person.job_title_sv == payload  # the fields hold it whole
    for language in city_languages(city):
        texts = {
            **feed_texts(client, city, language),
            **vcard_texts(client, city, language),
            **csv_texts(client, language),
            **json_and_page_texts(client, city, language),
        }
        # Each text either is the payload, or holds it whole (a channel title names the newsroom and the city;
        # a name is first and last name; a CSV cell may hold a department's and a unit's titles).
        broken = {where: text for where, text in texts.items() if payload not in (text or "")}
        assert len(texts) > 10 and not broken, (language, broken)
        assert texts["rss item"] == texts["atom entry"] == texts["api title"] == payload, language
