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


CITY_TEMPLATES = [
    CityTemplate(
        "tampere",
        {"fi": "Tampereen kaupunki", "sv": "Tammerfors stad", "en": "City of Tampere"},
        "FI",
        ("fi", "en"),
        "fi",
        "tampere.example.fi",
        (("+3583565", 5), ("+35840", 7), ("+35850", 7)),
    ),
    CityTemplate(
        "malmo",
        {"fi": "Malmön kaupunki", "sv": "Malmö stad", "en": "City of Malmö"},
        "SE",
        ("sv", "en"),
        "sv",
        "malmo.example.se",
        (("+4640341", 4), ("+4670", 7), ("+4673", 7)),
    ),
    CityTemplate(
        "vaasa",
        {"fi": "Vaasan kaupunki", "sv": "Vasa stad", "en": "City of Vaasa"},
        "FI",
        ("fi", "sv", "en"),
        "fi",
        "vaasa.example.fi",
        (("+3586325", 4), ("+35840", 7), ("+35844", 7)),
    ),
]

FINNISH_FIRST_NAMES = [
    "Aino", "Eino", "Helmi", "Juhani", "Johanna", "Mikko", "Laura", "Antti", "Sanna", "Timo",
    "Päivi", "Jukka", "Tiina", "Kari", "Minna", "Heikki", "Riikka", "Ville", "Elina", "Pekka",
]  # fmt: skip
FINNISH_LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
    "Heikkilä", "Kinnunen", "Salonen", "Turunen",
]  # fmt: skip
SWEDISH_FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per",
    "Emma", "Karl", "Elin", "Nils", "Ingrid", "Oskar", "Sofia", "Gustav", "Maja", "Olof",
]  # fmt: skip
SWEDISH_LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Lindqvist", "Holm", "Berg", "Sjöberg",
    "Wikström", "Lundgren", "Ek", "Forsberg",
]  # fmt: skip
# Finnish cities have Swedish-speaking staff too; Swedish cities a few Finnish names.
NAMES_BY_COUNTRY = {
    "FI": [(FINNISH_FIRST_NAMES, FINNISH_LAST_NAMES)] * 4 + [(SWEDISH_FIRST_NAMES, SWEDISH_LAST_NAMES)],
    "SE": [(SWEDISH_FIRST_NAMES, SWEDISH_LAST_NAMES)] * 9 + [(FINNISH_FIRST_NAMES, FINNISH_LAST_NAMES)],
}

JOB_TITLES = [
    ("viestintäasiantuntija", "kommunikationsexpert", "Communications Specialist"),
    ("suunnittelija", "planerare", "Planner"),
    ("erityisasiantuntija", "specialsakkunnig", "Senior Specialist"),
    ("palvelupäällikkö", "servicechef", "Service Manager"),
    ("tiiminvetäjä", "teamledare", "Team Leader"),
    ("hallintosihteeri", "förvaltningssekreterare", "Administrative Secretary"),
    ("lakimies", "jurist", "Lawyer"),
    ("kehittämispäällikkö", "utvecklingschef", "Development Manager"),
    ("tiedottaja", "informatör", "Information Officer"),
    ("verkkotoimittaja", "webbredaktör", "Web Editor"),
    ("projektipäällikkö", "projektledare", "Project Manager"),
    ("hankinta-asiantuntija", "upphandlingsexpert", "Procurement Specialist"),
    ("asiakaspalvelusihteeri", "kundtjänstsekreterare", "Customer Service Secretary"),
    ("talousasiantuntija", "ekonomiexpert", "Finance Specialist"),
]
MEDIA_TOPICS = [
    ("kaupungin päätöksenteko", "stadens beslutsfattande", "the city's decision-making"),
    ("liikenne ja rakentaminen", "trafik och byggande", "traffic and construction"),
    ("koulut ja päiväkodit", "skolor och daghem", "schools and day care"),
    ("kulttuuritapahtumat", "kulturevenemang", "cultural events"),
    ("kriisiviestintä", "kriskommunikation", "crisis communications"),
]
DEPARTMENT_NAMES = [
    ("Kasvatus ja koulutus", "Fostran och utbildning", "Education"),
    ("Kaupunkiympäristö", "Stadsmiljö", "Urban Environment"),
    ("Kulttuuri ja vapaa-aika", "Kultur och fritid", "Culture and Leisure"),
    ("Sosiaali- ja terveyspalvelut", "Social- och hälsovård", "Social Services and Health Care"),
    ("Kaupunginkanslia", "Stadskansliet", "City Executive Office"),
    ("Talous ja rahoitus", "Ekonomi och finansiering", "Finance"),
    ("Henkilöstö", "Personal", "Human Resources"),
    ("Elinkeinot", "Näringsliv", "Economic Development"),
    ("Digitalisaatio", "Digitalisering", "Digitalisation"),
    ("Pelastuslaitos", "Räddningsverket", "Rescue Department"),
    ("Asuminen", "Boende", "Housing"),
    ("Liikenne", "Trafik", "Transport"),
    ("Ympäristöpalvelut", "Miljötjänster", "Environmental Services"),
    ("Nuorisopalvelut", "Ungdomstjänster", "Youth Services"),
    ("Kirjastot", "Bibliotek", "Libraries"),
    ("Liikuntapalvelut", "Idrottstjänster", "Sports Services"),
    ("Rakennusvalvonta", "Byggnadstillsyn", "Building Control"),
    ("Maankäyttö", "Markanvändning", "Land Use"),
    ("Hankinnat", "Upphandling", "Procurement"),
    ("Viestintä", "Kommunikation", "Communications"),
]
UNIT_NAMES = [
    ("Asiakaspalvelu", "Kundtjänst", "Customer Service"),
    ("Hallinto", "Förvaltning", "Administration"),
    ("Suunnittelu", "Planering", "Planning"),
    ("Kehittäminen", "Utveckling", "Development"),
    ("Pohjoinen alue", "Norra området", "Northern Area"),
    ("Eteläinen alue", "Södra området", "Southern Area"),
    ("Itäinen alue", "Östra området", "Eastern Area"),
    ("Läntinen alue", "Västra området", "Western Area"),
    ("Tietohallinto", "Informationsförvaltning", "IT Management"),
    ("Talouspalvelut", "Ekonomitjänster", "Financial Services"),
    ("Lupapalvelut", "Tillståndstjänster", "Permit Services"),
    ("Valvonta", "Tillsyn", "Supervision"),
    ("Tutkimus ja tilastot", "Forskning och statistik", "Research and Statistics"),
    ("Osallisuus", "Delaktighet", "Participation"),
    ("Tilapalvelut", "Lokaltjänster", "Premises Services"),
    ("Laatu ja turvallisuus", "Kvalitet och säkerhet", "Quality and Safety"),
]
TEAM_NAMES = [
    ("Verkkopalvelut", "Webbtjänster", "Web Services"),
    ("Neuvonta", "Rådgivning", "Advice"),
    ("Projektit", "Projekt", "Projects"),
    ("Tapahtumat", "Evenemang", "Events"),
    ("Analytiikka", "Analys", "Analytics"),
    ("Asiakkuudet", "Kundrelationer", "Customer Relations"),
    ("Kumppanuudet", "Partnerskap", "Partnerships"),
    ("Koulutus", "Utbildning", "Training"),
]
INTROS = {
    "fi": "{name} palvelee kaupunkilaisia ja yrityksiä. Täältä löydät yhteyshenkilöt ja vastuualueet.",
    "sv": "{name} betjänar invånare och företag. Här hittar du kontaktpersoner och ansvarsområden.",
    "en": "{name} serves residents and businesses. Here you find its contacts and responsibilities.",
}
# The media contacts page is called as in the demo cities (demo/data/).
PRESS_PAGE_TITLES = {"fi": "Yhteystiedot medialle", "sv": "Kontaktuppgifter för medierna", "en": "Media contacts"}
RESPONSIBILITY_LEAD_IN = {"fi": "Vastuullamme on", "sv": "Vi ansvarar för", "en": "We are responsible for"}
RESPONSIBILITIES = {
    "fi": ["palveluiden suunnittelu", "asukkaiden neuvonta", "yhteistyö muiden toimialojen kanssa"],
    "sv": ["planering av tjänster", "rådgivning till invånare", "samarbete med andra sektorer"],
    "en": ["planning services", "advising residents", "working with the other departments"],
}


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
