"""Every public route costs the same number of queries however large the city.

The page cache is off here: these tests count what rendering a page costs.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from citycomms.factories import AccessibilityStatementPageFactory, make_city
from contacts.factories import ContactPersonFactory, ServicePointFactory
from contacts.models import ContactPerson
from departments.factories import DepartmentPageFactory, TeamPageFactory, UnitPageFactory
from departments.models import PageContact
from press.models import PressContactsPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# Both cities of a comparison search for this word; every generated page and person holds it.
WORD = "Sateenkaari"
# The media contacts page searches for this one, which only the media contacts hold.
MEDIA_WORD = "Tiedottaja"


def build_department(city, size, index):
    department = DepartmentPageFactory(parent=city, slug_fi=f"osasto-{index}")
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    head = ContactPersonFactory(city=city, photo=photo)
    department.head = head
    department.save()
    for n in range(size):
        UnitPageFactory(parent=department, intro_fi=f"Yksikkö numero {n}")
        PageContact.objects.create(page=department, contact=ContactPersonFactory(city=city, photo=photo), sort_order=n)
    return department


def count_queries(client, url):
    client.get(url)  # warm caches that are per process, not per page (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def test_department_page_queries_do_not_grow_with_units_and_contacts(client, helsinki):
    small = build_department(helsinki, 2, 1)
    large = build_department(helsinki, 50, 2)

    small_count, small_html = count_queries(client, small.url)
    large_count, large_html = count_queries(client, large.url)

    assert small_html.count('class="contact-card"') == 3
    assert large_html.count('class="contact-card"') == 51
    assert large_html.count('class="page-list__item"') == 50
    assert large_count == small_count, (small_count, large_count)
    # Site, city settings, city home, the page with its ancestors, the page itself with its head, the head's
    # photo renditions, the city's one-per-city pages, the main menu's departments, the latest releases, units,
    # contacts, their photos, the city's announcements (announcements.notices), the page's posts and what it
    # replaced or is part of (departments.posts, departments.reorganisation).
    assert small_count <= 15


# Finding the city costs no query once it is kept: the Site with its home as its own type
# (citycomms.patches.find_site_kept) and the city's settings (citycomms.i18n.city_settings) are kept until the
# next change.
FINDING_THE_CITY = 0


def test_with_a_shared_cache_a_department_page_reads_only_what_is_its_own(client, helsinki, settings):
    """As in production with Redis: the city's one-per-city pages are kept until the next change, so a page
    costs finding the city and the queries about itself; where the path leads and the page's rendered parts
    ({% kept %}) are kept too, so the next request costs only finding the city."""
    department = build_department(helsinki, 50, 1)
    client.get(department.url)  # makes the photo's renditions, once for good, with nothing kept
    settings.CITYCOMMS_CACHE_SHARED = True
    client.get(helsinki.url)  # keeps the city's one-per-city pages

    with CaptureQueriesContext(connection) as queries:
        html = client.get(department.url).content.decode()
    first = len(queries)  # now: the next request starts a new log
    count, again = count_queries(client, department.url)

    assert html.count('class="contact-card"') == 51 and again == html
    # The city's settings as the templates read them (Wagtail's settings context processor, for the kept
    # header and footer being made), the page with its ancestors, the page itself with its head, the
    # head's photo renditions, the latest releases, units, contacts, their photos' renditions, the city's
    # announcements (kept from then on), the page's posts and reorganisations.
    assert 0 < first <= FINDING_THE_CITY + 10, first
    assert count == FINDING_THE_CITY, count  # all kept: the city, the route, the page and its rendered parts


def test_contact_cards_in_the_body_cost_the_same_for_one_or_many(client, helsinki):
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")

    def department_with_cards(count, index):
        people = [ContactPersonFactory(city=helsinki, photo=photo) for _n in range(count)]
        return DepartmentPageFactory(
            parent=helsinki, slug_fi=f"kortit-{index}", body_fi=[("contact", person) for person in people]
        )

    one, _html = count_queries(client, department_with_cards(1, 1).url)
    many, html = count_queries(client, department_with_cards(8, 2).url)
    assert html.count('class="contact-card"') == 8
    assert many == one


def build_city(hostname, size):
    """A city whose every list has `size` items: departments, units, teams, contacts, body blocks, results.

    Returns the city's public URLs by route name, and what each should list.
    """
    home, _site = make_city(hostname, ["fi", "sv", "en"], "fi", title_fi=f"{WORD} {hostname}")
    photos = [
        get_image_model().objects.create(title=f"kuva {n}", file=get_test_image_file(), description="Kasvokuva")
        for n in range(min(size, 4))
    ]
    people = ContactPerson.objects.bulk_create(
        ContactPersonFactory.build(city=home, last_name=f"{WORD}{n}", photo=photos[n % len(photos)])
        for n in range(size * 4)
    )
    points = [ServicePointFactory(city=home, name_fi=f"{WORD} {n}") for n in range(size)]
    documents = [
        get_document_model().objects.create(title=f"Asiakirja {n}", file=get_test_image_file()) for n in range(size)
    ]
    departments = [DepartmentPageFactory(parent=home, title_fi=f"{WORD} {n}") for n in range(size)]
    department = departments[0]
    department.head = people[0]
    department.body_fi = [
        *(("contact", person) for person in people[:size]),
        *(("service_point", point) for point in points),
        ("documents", {"heading": "Asiakirjat", "documents": documents}),
        ("links", {"heading": "Linkit", "links": [{"text": p.title, "page": p, "url": ""} for p in departments]}),
    ]
    department.save_revision().publish()
    PageContact.objects.bulk_create(
        PageContact(page=department, contact=person, sort_order=n) for n, person in enumerate(people)
    )
    units = [UnitPageFactory(parent=department, title_fi=f"{WORD} {n}", head=people[n]) for n in range(size)]
    teams = [TeamPageFactory(parent=units[0], title_fi=f"{WORD} {n}", head=people[n]) for n in range(size)]
    PageContact.objects.bulk_create(
        PageContact(page=teams[0], contact=person, sort_order=n) for n, person in enumerate(people)
    )
    # Media contacts: one listed on each unit, as many listed on no page (the directory's "other" group).
    media_people = ContactPerson.objects.bulk_create(
        ContactPersonFactory.build(city=home, last_name=f"{MEDIA_WORD}{n}", is_media_contact=True)
        for n in range(size * 2)
    )
    PageContact.objects.bulk_create(
        PageContact(page=unit, contact=person) for unit, person in zip(units, media_people[:size], strict=True)
    )
    press = home.add_child(instance=PressContactsPage(title_fi="Medialle", slug_fi="medialle"))
    statement = AccessibilityStatementPageFactory(parent=home)
    urls = {
        "home": home.url,
        "department": department.url,
        "unit": units[0].url,
        "team": teams[0].url,
        "search": f"/fi/search/?q={WORD}",
        "sitemap": "/sitemap.xml",
        "statement": statement.url,
        "press": press.url,
        "press search": f"{press.url}?q={MEDIA_WORD}",
        "press filter": f"{press.url}?department={department.pk}",
        "media csv": "/fi/media-contacts.csv",
        "media vcards": "/fi/vcard/media.vcf",
    }
    return urls


ROUTES = ["home", "department", "unit", "team", "search", "sitemap", "statement"]
ROUTES += ["press", "press search", "press filter", "media csv", "media vcards"]


def test_every_public_route_costs_the_same_queries_at_two_sizes(root_page):
    small_urls = build_city("small.localhost", 2)
    large_urls = build_city("large.localhost", 25)
    small_client, large_client = Client(HTTP_HOST="small.localhost"), Client(HTTP_HOST="large.localhost")

    counts = {}
    for route in ROUTES:
        small_count, small_html = count_queries(small_client, small_urls[route])
        large_count, large_html = count_queries(large_client, large_urls[route])
        # The large city's page really lists more: the comparison is not between two empty pages.
        if route != "statement":
            assert len(large_html) > len(small_html) * 1.5, route
        counts[route] = (small_count, large_count)

    assert all(small == large for small, large in counts.values()), counts
    # A regression guard at today's cost of a department page with every kind of body block, uncached:
    # routing (with the ancestors' view restrictions) and the page's own lists, the main menu's departments,
    # the sections other apps add (the media contacts link, the latest press releases), the body's contact
    # cards, service points and documents, and whether the pages and documents the body links are public
    # (citycomms.visibility), the city's announcements. Readers mostly get the cached page; with a shared cache
    # the menu and the announcements are kept. Its posts and reorganisations (departments) cost two.
    assert counts["department"][0] <= 24, counts
