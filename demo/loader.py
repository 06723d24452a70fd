"""Builds the demo content (demo/data/, read by demo.content) into the database.

Safe to run again and again: every object is looked up by a stable key
(a page by its parent and its slug in the city's default language, a person
by city and name, a service point by city and name, a document by title, a
site by host and port) and changed in place. demo.saving saves an object
only when it differs, and gives a page a new published revision only when
its content differs from what is live, so a second run changes nothing.
Documents, portraits and logos are in demo.files.

Pages are saved with the city's default language active: modeltranslation
then fills the untranslated `title`, `slug` and `url_path` columns (which
the admin and Wagtail's routing read) from that language.
"""

import re
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, PageViewRestriction, Site

from citycomms.i18n import prepare_tree_root
from citycomms.languages import LANGUAGE_CODES
from citycomms.models import AccessibilityStatementPage, CityHomePage, CitySettings, InformationPage
from citycomms.roles import setup_city_roles
from contacts.models import ContactPerson, ServicePoint
from departments.models import DepartmentPage, OrganisationChartPage, TeamPage, UnitPage
from newsroom.models import NewsroomPage, PressReleasePage
from opendata.models import OpenDataPage
from press.models import PressContactsPage

from . import content
from .announcements import load_announcements
from .files import load_documents, load_logo, load_portrait, load_staff_documents, restrict_to_staff
from .saving import save_object, save_page
from .users import load_city_users, load_user

# The organisation tree, level by level: what a level is called in progress
# lines, its page model and the key of its children in the data files.
LEVELS = [
    ("department", DepartmentPage, "units"),
    ("unit", UnitPage, "teams"),
    ("team", TeamPage, None),
]


def load_demo(log=print):
    """Load (or bring up to date) all demo content; `log` receives one progress line at a time."""
    cities = content.cities()
    # One transaction: a failure halfway leaves the database as it was.
    with transaction.atomic():
        # The welcome page goes first: giving the root its url_paths re-saves its children, and
        # the welcome page, made before the translated columns existed, has no title to save with.
        remove_welcome_page(log)
        prepare_root(log)
        documents = load_documents(cities, log)
        homes = {city["name"]: load_city(city, documents, log) for city in cities}
        roles = {item.home.pk: item for item in setup_city_roles(log)}
        for data in content.users():
            load_user(data, log)
        load_city_users(cities, {name: roles[home.pk] for name, home in homes.items()}, log)


# --- The page tree root and Wagtail's placeholder ------------------------------------------------


def prepare_root(log):
    """Give the tree root its per-language title and url_path; child url_paths are built from them."""
    root = Page.get_first_root_node()
    ready = all(
        getattr(root, build_localized_fieldname("url_path", code)) == "/"
        and getattr(root, build_localized_fieldname("title", code))
        for code in LANGUAGE_CODES
    )
    if not ready:
        prepare_tree_root(root)
    log(f"Page tree root … {'unchanged' if ready else 'updated'}")


def remove_welcome_page(log):
    """Delete the "Welcome to your new Wagtail site!" page and its site.

    Wagtail's first migration creates it as a plain Page under the root; the
    cities replace it. Its site holds localhost:80, which Helsinki takes over.
    """
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page):
        Site.objects.filter(root_page=page).delete()
        page.delete()
        log("Wagtail's welcome page and its site … deleted")


# --- Cities ----------------------------------------------------------------------------------------


def load_city(city, documents, log):
    """A city: its home page, sites and settings, people, service points, organisation pages and newsroom."""
    with translation.override(city["default_language"]):
        home = load_home(city, log)
        load_sites(city, home, log)
        refs = {
            "people": {_person_key(data): load_person(city, home, data, log) for data in city.get("people", [])},
            "service_points": {
                data["name"][city["default_language"]]: load_service_point(city, home, data, log)
                for data in city.get("service_points", [])
            },
            "documents": documents,
            "home": home,
        }
        for department in city["departments"]:
            load_organisation_page(city, home, department, 0, refs, log)
        load_press_contacts_page(city, home, log)
        load_shared_page(city, home, OrganisationChartPage, "organisation_chart", log)
        load_accessibility_statement(city, home, log)
        load_shared_page(city, home, OpenDataPage, "open_data", log)
        load_newsroom(city, home, refs, log)
        load_internal_guidelines(city, home, log)
        load_announcements(city, home, log)
    return home


def load_home(city, log):
    data = city["home"]
    fields = {**translated_page_fields(city, data, ["title", "intro", "body"]), "country": city["country"]}
    return save_page(city, Page.get_first_root_node(), CityHomePage, fields, None, "home page", log)


def load_sites(city, home, log):
    """The city's Sites (host names) rooted at its home page, each with the city's languages and logo."""
    sites = []
    for data in city["sites"]:
        address = {"hostname": data["hostname"], "port": data["port"]}
        site = Site.objects.filter(**address).first() or Site(**address)
        fields = {
            "root_page_id": home.pk,
            "is_default_site": data["is_default_site"],
            "site_name": city["home"]["title"][city["default_language"]],
        }
        log(f"{city['name']}: site {data['hostname']} … {save_object(site, fields)}")
        sites.append(load_city_settings(city, site, log))
    # Once the settings exist: the logo goes into the city's own collection, which they link.
    logo = load_logo(city, home, log)
    for city_settings in sites:
        log(f"{city['name']}: logo of {city_settings.site.hostname} … {save_object(city_settings, {'logo': logo})}")


def load_city_settings(city, site, log):
    city_settings = CitySettings.objects.filter(site=site).first() or CitySettings(site=site)
    fields = {"languages": city["languages"], "default_language": city["default_language"], **city.get("settings", {})}
    status = save_object(city_settings, fields)
    log(f"{city['name']}: languages of {site.hostname} ({', '.join(city['languages'])}) … {status}")
    return city_settings


# --- Contact people and service points -------------------------------------------------------------


def _person_key(data):
    return f"{data['first_name']} {data['last_name']}"


def load_person(city, home, data, log):
    """A contact person, found by city and name. full_clean() stores the phone number as E.164."""
    person = ContactPerson.objects.filter(
        city=home, first_name=data["first_name"], last_name=data["last_name"]
    ).first() or ContactPerson(city=home, first_name=data["first_name"], last_name=data["last_name"])
    fields = {
        "phone": data["phone"],
        "email": data["email"],
        "photo": load_portrait(_person_key(data), log) if data.get("photo") else None,
        "is_media_contact": data["is_media_contact"],
        "live": True,  # the demo's people are published; the workflow is for what editors add
        **translated(data["job_title"], "job_title"),
        **translated(data.get("media_topics", {}), "media_topics"),
    }
    status = save_object(person, fields)
    log(f"{city['name']}: contact person {_person_key(data)} … {status}")
    return person


def load_service_point(city, home, data, log):
    """A service point, found by city and its name in the city's default language."""
    name = data["name"][city["default_language"]]
    name_field = build_localized_fieldname("name", city["default_language"])
    point = ServicePoint.objects.filter(city=home, **{name_field: name}).first() or ServicePoint(city=home)
    fields = {
        "phone": data["phone"],
        "email": data["email"],
        "postal_code": data["postal_code"],
        "live": True,  # as the demo's people: published
        **translated(data["name"], "name"),
        **translated(data["description"], "description"),
        **translated(data["street_address"], "street_address"),
        **translated(data["locality"], "locality"),
        **translated(data["opening_hours"], "opening_hours"),
    }
    status = save_object(point, fields)
    log(f"{city['name']}: service point {name} … {status}")
    return point


# --- Pages -----------------------------------------------------------------------------------------


def load_organisation_page(city, parent, data, level, refs, log):
    """A department, unit or team page, then the pages below it."""
    kind, model, children_key = LEVELS[level]
    fields = translated_page_fields(city, data, ["title", "intro"])
    fields.update(
        {
            build_localized_fieldname("body", code): resolve_body(data.get("body", {}).get(code, []), refs)
            for code in LANGUAGE_CODES
        }
    )
    change = data.get("reorganisation", {})
    fields["reorganisation"] = change.get("change", "")
    fields["reorganised_on"] = change.get("date")
    contacts = [
        (refs["people"][item["person"]].pk, *(item["role"].get(code) for code in LANGUAGE_CODES))
        for item in data.get("contacts", [])
    ]
    rows = {
        "posts": [post_row(item, refs) for item in data.get("posts", [])],
        "successors": [
            {"successor_id": find_child_by_slugs(city, refs["home"], slugs).pk}
            for slugs in change.get("successors", [])
        ],
    }
    page = save_page(city, parent, model, fields, contacts, kind, log, rows)
    children = data.get(children_key, []) if children_key else []
    for child in children:
        load_organisation_page(city, page, child, level + 1, refs, log)
    return page


def post_row(data, refs):
    """A post of the data files as saving.save_page's rows take it: its title, whether it is the head post, and
    its holders (by name) with their dates and whether acting; the page's head is derived from it."""
    return {
        **translated(data["title"], "title"),
        "is_head": data.get("head", False),
        "contact_when_vacant_id": refs["people"][data["vacant_contact"]].pk if data.get("vacant_contact") else None,
        "appointments": [
            {
                "person_id": refs["people"][holder["person"]].pk,
                "starts_on": holder.get("from"),
                "ends_on": holder.get("until"),
                "acting": holder.get("acting", False),
            }
            for holder in data.get("holders", [])
        ],
    }


def load_press_contacts_page(city, home, log):
    """The city's media contacts page, with its media desk if it has one."""
    data = city["media_contacts_page"]
    fields = translated_page_fields(city, data, ["title", "intro"])
    desk = data.get("media_desk")
    fields["media_desk_id"] = load_service_point(city, home, desk, log).pk if desk else None
    return save_page(city, home, PressContactsPage, fields, None, "media contacts page", log)


def load_shared_page(city, home, model, key, log):
    """A page every city has with the same texts (shared_pages.yaml), directly below its home page, in the city's
    languages: the organisation chart and the open data page fill themselves from the city's organisation."""
    texts = content.shared_pages()[key]
    data = {name: {code: texts[name][code] for code in city["languages"]} for name in texts}
    fields = translated_page_fields(city, data, ["title", "intro"])
    return save_page(city, home, model, fields, None, key.replace("_", " "), log)


STATEMENT_TEXTS = ["title", "intro", "non_compliance", "feedback_text", "enforcement_text"]
STATEMENT_FACTS = [
    "compliance_status",
    "prepared_on",
    "assessment_method",
    "last_reviewed_on",
    "feedback_email",
    "enforcement_url",
]


def load_accessibility_statement(city, home, log):
    """The city's accessibility statement, directly below its home page."""
    data = city["accessibility_statement"]
    fields = translated_page_fields(city, data, STATEMENT_TEXTS)
    fields.update({name: data[name] for name in STATEMENT_FACTS})
    return save_page(city, home, AccessibilityStatementPage, fields, None, "accessibility statement", log)


def load_internal_guidelines(city, home, log):
    """The city's staff-only guidelines page, directly below its home page, and the documents it links."""
    documents = load_staff_documents(city, home, log)
    data = city["internal_guidelines"]
    data = {**data, "body": {code: link_documents(text, documents) for code, text in data["body"].items()}}
    fields = translated_page_fields(city, data, ["title", "intro", "body"])
    page = save_page(city, home, InformationPage, fields, None, "staff-only page", log)
    restrict_to_staff(PageViewRestriction, page=page)
    return page


def load_newsroom(city, home, refs, log):
    """The city's newsroom, directly below its home page, and its press releases."""
    data = city["newsroom"]
    fields = translated_page_fields(city, data, ["title", "intro"])
    newsroom = save_page(city, home, NewsroomPage, fields, None, "newsroom", log)
    for release in data["releases"]:
        load_press_release(city, home, newsroom, release, refs, log)
    return newsroom


def load_press_release(city, home, newsroom, data, refs, log):
    """A press release, attributed to the department or unit its "source" slugs lead to."""
    fields = translated_page_fields(city, data, ["title", "intro"])
    fields.update(
        {
            build_localized_fieldname("body", code): resolve_body(data["body"].get(code, []), refs)
            for code in LANGUAGE_CODES
        }
    )
    # A local time in the data files, as a city's newsroom writes it.
    fields["publication_date"] = data["published"].replace(tzinfo=ZoneInfo(city["time_zone"]))
    fields["organisation_id"] = find_child_by_slugs(city, home, data["source"]).pk
    contacts = [(refs["people"][name].pk,) for name in data["contacts"]]
    page = save_page(city, newsroom, PressReleasePage, fields, contacts, "press release", log)
    dated_by_publication(page, fields["publication_date"])
    return page


def dated_by_publication(page, published):
    """The release first and last published at its publication date, as a newsroom would have published it: not
    when the demo was loaded, which the release's "Updated" line, its feeds and its structured data would say."""
    dates = {"first_published_at": published, "last_published_at": published}
    Page.objects.filter(pk=page.pk).update(**dates)
    for name, value in dates.items():
        setattr(page, name, value)


def find_child_by_slugs(city, parent, slugs):
    """The page below `parent` that `slugs` (in the city's default language) lead to, level by level."""
    slug_field = build_localized_fieldname("slug", city["default_language"])
    page = parent
    for slug in slugs:
        page = page.get_children().get(**{slug_field: slug})
    return page


def translated_page_fields(city, data, names):
    """title_fi … intro_en … from the data files; every language gets a slug, the default one if need be.

    A language without its own slug still needs one so that the page has a
    url_path, and so a URL, in that language (showing the fallback text).
    """
    fields = {}
    for name in names:
        fields.update(translated(data.get(name, {}), name))
    default_slug = data["slug"][city["default_language"]]
    for code in LANGUAGE_CODES:
        fields[build_localized_fieldname("slug", code)] = data["slug"].get(code) or default_slug
    return fields


def translated(values, name):
    """{"fi": …, "sv": …} as {"name_fi": …, "name_sv": …, "name_en": None}: no text where none is written."""
    return {build_localized_fieldname(name, code): values.get(code) for code in LANGUAGE_CODES}


def resolve_body(blocks, refs):
    """Body blocks from the data files as raw StreamField data, with named people, points and documents as ids."""
    raw = []
    for block in blocks:
        ((block_type, value),) = block.items()
        if block_type == "contact":
            value = refs["people"][value].pk
        elif block_type == "service_point":
            value = refs["service_points"][value].pk
        elif block_type == "documents":
            value = {**value, "documents": [refs["documents"][title].pk for title in value["documents"]]}
        elif block_type == "links":
            value = {**value, "links": [{"page": None, **link} for link in value["links"]]}
        raw.append({"type": block_type, "value": value})
    return raw


DOCUMENT_LINK = re.compile(r'(<a linktype="document") document="([^"]*)"')


def link_documents(html, documents):
    """Rich text from the data files with each document link's title (document="…") as the document's id."""
    return DOCUMENT_LINK.sub(lambda match: f'{match[1]} id="{documents[match[2]].pk}"', html)
