"""City-scale data for measuring: a few large cities with many pages and thousands of contacts.

Reproducible: the same seed and sizes build the same cities, names, titles
and phone numbers. Idempotent: its cities are the home pages whose slugs
start with SLUG_PREFIX; a run deletes them (with their sites, settings,
pages, people and service points) and builds them anew, and never touches
any other city.

Pages go through treebeard (Wagtail's tree needs its paths and counts right),
each created live with its text in every language of its city. Contact
people, service points and the pages' contact lists are bulk inserted, and
the people are added to Wagtail's search index in bulk.
"""

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CityHomePage, CitySettings
from contacts.models import ContactPerson, ServicePoint
from contacts.phone import normalise_phone
from departments.models import DepartmentPage, PageContact, TeamPage, UnitPage
from press.models import PressContactsPage

from .loader import prepare_root, remove_welcome_page

SLUG_PREFIX = "scale-"
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Sizes:
    cities: int = 3
    departments: int = 60
    units: int = 1000
    teams: int = 1000
    contacts: int = 10000


@dataclass(frozen=True)
class CityTemplate:
    """What a generated city is like: its names, languages, and the shape of its phone numbers."""

    slug: str
    name: dict
    country: str
    languages: tuple
    default_language: str
    email_domain: str
    # Phone numbers as E.164 prefixes followed by this many random digits; invalid draws are redrawn.
    phone_patterns: tuple


WORDS = yaml.safe_load((Path(__file__).parent / "data" / "scale.yaml").read_text(encoding="utf-8"))


def _triples(rows):
    """Translated names as (fi, sv, en) tuples, as the generators below take them."""
    return [(row["fi"], row["sv"], row["en"]) for row in rows]


CITY_TEMPLATES = [
    CityTemplate(
        **{
            **city,
            "languages": tuple(city["languages"]),
            "phone_patterns": tuple((pattern["prefix"], pattern["digits"]) for pattern in city["phone_patterns"]),
        }
    )
    for city in WORDS["cities"]
]
FINNISH_NAMES = (WORDS["names"]["FI"]["first"], WORDS["names"]["FI"]["last"])
SWEDISH_NAMES = (WORDS["names"]["SE"]["first"], WORDS["names"]["SE"]["last"])
# Finnish cities have Swedish-speaking staff too; Swedish cities a few Finnish names.
NAMES_BY_COUNTRY = {"FI": [FINNISH_NAMES] * 4 + [SWEDISH_NAMES], "SE": [SWEDISH_NAMES] * 9 + [FINNISH_NAMES]}
JOB_TITLES = _triples(WORDS["job_titles"])
MEDIA_TOPICS = _triples(WORDS["media_topics"])
DEPARTMENT_NAMES = _triples(WORDS["department_names"])
UNIT_NAMES = _triples(WORDS["unit_names"])
TEAM_NAMES = _triples(WORDS["team_names"])
INTROS = WORDS["intros"]
# The media contacts page is called as in the demo cities (demo/data/).
PRESS_PAGE_TITLES = WORDS["press_page_titles"]
RESPONSIBILITY_LEAD_IN = WORDS["responsibility_lead_in"]
RESPONSIBILITIES = WORDS["responsibilities"]


class Progress:
    """A text progress bar, one line per tenth done, so it reads the same in a terminal and a log."""

    WIDTH = 20

    def __init__(self, label, total, log):
        self.label, self.total, self.log = label, total, log
        self.done = 0
        self.shown_tenths = -1

    def advance(self, count=1):
        self.done += count
        tenths = self.done * 10 // self.total if self.total else 10
        if tenths != self.shown_tenths:
            self.shown_tenths = tenths
            filled = self.WIDTH * tenths // 10
            self.log(f"{self.label:<15} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total}")


def generate(sizes=Sizes(), seed=1, log=print):
    """Replace the generated cities with new ones of `sizes`, drawn from `seed`; returns their home pages."""
    rng = random.Random(seed)
    with transaction.atomic():
        remove_generated_cities(log)
        # As for the demo: Wagtail's welcome page first, then the root's per-language url_paths.
        remove_welcome_page(log)
        prepare_root(log)
        root = Page.get_first_root_node()
        cities = [make_city(root, index, log) for index in range(sizes.cities)]
        people = make_people(cities, sizes.contacts, rng, log)
        make_service_points(cities, rng)
        departments = make_pages(DepartmentPage, DEPARTMENT_NAMES, cities, sizes.departments, people, rng, log)
        units = make_pages(UnitPage, UNIT_NAMES, departments, sizes.units, people, rng, log)
        make_pages(TeamPage, TEAM_NAMES, units, sizes.teams, people, rng, log)
        make_press_pages(cities)
        pages = 2 * sizes.cities + sizes.departments + sizes.units + sizes.teams
        log(f"Pages in the generated cities: {pages}")
    return [city.page for city in cities]


@dataclass(frozen=True)
class Placed:
    """A generated page with the city it belongs to, so that children need not look the city up."""

    page: Page
    template: CityTemplate
    home_id: int


def remove_generated_cities(log):
    """Delete every city an earlier run made: pages first, then its people, then the home and its sites."""
    homes = CityHomePage.objects.filter(depth=2, slug__startswith=SLUG_PREFIX)
    for home in homes:
        for child in home.get_children():
            child.delete()  # treebeard deletes the subtree and keeps the counts right
        ContactPerson.objects.filter(city=home).delete()
        ServicePoint.objects.filter(city=home).delete()
        home.delete()
        log(f"Removed the earlier generated city {home.title}")


def city_template(index):
    template = CITY_TEMPLATES[index % len(CITY_TEMPLATES)]
    # Beyond the templates, the same cities again with a number to tell them apart.
    suffix = f" {index // len(CITY_TEMPLATES) + 1}" if index >= len(CITY_TEMPLATES) else ""
    return template, suffix


def make_city(root, index, log):
    """A city home page with its own host, languages and settings, as a `Placed`."""
    template, suffix = city_template(index)
    slug = f"{SLUG_PREFIX}{template.slug}{slugify(suffix) and '-' + slugify(suffix)}"
    with translation.override(template.default_language):
        home = CityHomePage(country=template.country, live=True, first_published_at=timezone.now())
        set_texts(home, {code: name + suffix for code, name in template.name.items()}, template, slug)
        root.add_child(instance=home)
    site = Site.objects.create(hostname=f"{slug}.localhost", port=80, root_page=home, site_name=home.title)
    CitySettings.objects.update_or_create(
        site=site,
        defaults={"languages": list(template.languages), "default_language": template.default_language},
    )
    log(f"City {home.title}: http://{site.hostname}:8000/")
    return Placed(home, template, home.pk)


def set_texts(page, names, template, slug=None):
    """Title, slug and intro in each of the city's languages (slugs in every language, for URLs)."""
    for code in LANGUAGE_CODES:
        name = names[code] if code in template.languages else None
        setattr(page, build_localized_fieldname("title", code), name)
        own_slug = slug or slugify(names[code] if code in template.languages else names[template.default_language])
        setattr(page, build_localized_fieldname("slug", code), own_slug)
        if hasattr(page, build_localized_fieldname("intro", code)):
            setattr(page, build_localized_fieldname("intro", code), INTROS[code].format(name=name) if name else None)


def make_press_pages(cities):
    """Each city's media contacts page, so that the press directory is served over all its people."""
    for city in cities:
        with translation.override(city.template.default_language):
            page = PressContactsPage(live=True, first_published_at=timezone.now())
            set_texts(page, PRESS_PAGE_TITLES, city.template)
            city.page.add_child(instance=page)


def make_people(cities, total, rng, log):
    """`total` contact people spread over the cities, bulk inserted and indexed; returned per city id."""
    progress = Progress("Contacts", total, log)
    people = {city.home_id: [] for city in cities}
    batch = []
    for n in range(total):
        batch.append(make_person(cities[n % len(cities)], n, rng))
        if len(batch) == BATCH_SIZE or n == total - 1:
            saved = ContactPerson.objects.bulk_create(batch)
            get_search_backend().add_bulk(ContactPerson, saved)
            for person in saved:
                people[person.city_id].append(person)
            progress.advance(len(batch))
            batch = []
    return people


def make_person(city, n, rng):
    template = city.template
    first_names, last_names = rng.choice(NAMES_BY_COUNTRY[template.country])
    first, last = rng.choice(first_names), rng.choice(last_names)
    title = rng.choice(JOB_TITLES)
    is_media = rng.random() < 0.05
    topics = rng.choice(MEDIA_TOPICS) if is_media else None
    person = ContactPerson(
        city_id=city.home_id,
        first_name=first,
        last_name=last,
        phone=phone_number(template, rng),
        email=f"{ascii_name(first)}.{ascii_name(last)}{n}@{template.email_domain}",
        is_media_contact=is_media,
    )
    for i, code in enumerate(LANGUAGE_CODES):
        wanted = code in template.languages
        setattr(person, build_localized_fieldname("job_title", code), title[i] if wanted else None)
        setattr(person, build_localized_fieldname("media_topics", code), topics[i] if wanted and topics else None)
    return person


def phone_number(template, rng):
    """A random number valid in the city's country, stored as the contacts app stores it (E.164)."""
    while True:
        prefix, digits = rng.choice(template.phone_patterns)
        candidate = prefix + "".join(str(rng.randrange(10)) for _digit in range(digits))
        try:
            return normalise_phone(candidate, template.country)
        except Exception:  # noqa: BLE001 - an invalid draw; draw again
            continue


def ascii_name(name):
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def make_service_points(cities, rng):
    """A customer service point per city."""
    names = {"fi": "Asiakaspalvelu", "sv": "Kundtjänst", "en": "Customer Service"}
    points = []
    for city in cities:
        template = city.template
        point = ServicePoint(
            city_id=city.home_id, phone=phone_number(template, rng), email=f"info@{template.email_domain}"
        )
        for code in LANGUAGE_CODES:
            setattr(
                point, build_localized_fieldname("name", code), names[code] if code in template.languages else None
            )
        points.append(point)
    ServicePoint.objects.bulk_create(points)


def make_pages(model, names, parents, total, people, rng, log):
    """`total` pages of `model` spread evenly over `parents`, each with a head, contacts and a body.

    A parent's children take the names in turn, numbered once the names run
    out, so that siblings never share a slug.
    """
    progress = Progress(f"{model.__name__}s", total, log)
    placed, contacts = [], []
    now = timezone.now()
    for n in range(total):
        parent = parents[n % len(parents)]
        city_people = people[parent.home_id]
        turn = n // len(parents)
        number = f" {turn // len(names) + 1}" if turn >= len(names) else ""
        texts = {code: name + number for code, name in zip(LANGUAGE_CODES, names[turn % len(names)], strict=True)}
        page = model(
            live=True,
            first_published_at=now,
            last_published_at=now,
            head=rng.choice(city_people) if city_people else None,
        )
        set_texts(page, texts, parent.template)
        for code in parent.template.languages:
            setattr(page, build_localized_fieldname("body", code), body(code))
        with translation.override(parent.template.default_language):
            parent.page.add_child(instance=page)
        placed.append(Placed(page, parent.template, parent.home_id))
        for order, person in enumerate(rng.sample(city_people, min(3, len(city_people)))):
            contacts.append(PageContact(page=page, contact=person, sort_order=order))
        progress.advance()
    PageContact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    return placed


def body(code):
    return [
        {"type": "heading", "value": {"text": RESPONSIBILITY_LEAD_IN[code], "level": "h2"}},
        {"type": "responsibilities", "value": {"intro": "", "items": RESPONSIBILITIES[code]}},
    ]
