"""Staff-only content never leaks: with a private unit page, a person named only on it and a
private document present, no anonymous response on any public route mentions them.

The routes come from the URL resolver itself: a route added later that this walk neither
visits nor lists as not applicable (with the reason) fails the test, so nothing is missed.
And each route visited answers someone who may see what it serves (the public, or a signed-in
superuser for the staff-only things): a route that is broken, answering nobody, is no proof.
"""

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from announcements.models import Announcement
from citycomms.models import CitySettings
from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact
from newsroom.factories import NewsroomPageFactory, PressReleasePageFactory
from opendata.models import OpenDataPage
from press.models import PressContactsPage

# Every private title, slug, name and file below contains one of these, in any case.
SECRET_WORDS = ["zorblax", "quillon", "vantablack", "plutonium"]
# Searches for them, in capitals: a page that repeats the query is no leak, so leaks() drops that echo.
QUERIES = [word.upper() for word in SECRET_WORDS] + ["ZORBLAX-YKSIKKÖ", "QUILLON VANTABLACK"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Routes of the resolver that the walk does not visit, each with the reason.
NOT_APPLICABLE = {
    "admin/": "the Wagtail admin: staff only, anonymous requests go to its sign-in (checked separately)",
}
# Routes whose good answer is a redirect, with where to: Wagtail's find views send the reader to the item found.
REDIRECTING = {
    "api/v2/pages/find/": "/api/v2/pages/",
    "api/v2/contacts/find/": "/api/v2/contacts/",
    "api/v2/announcements/find/": "/api/v2/announcements/",
}


@pytest.fixture
def city(helsinki):
    """A small Helsinki with a staff-only unit below a public department, and what hangs on it."""
    department = DepartmentPageFactory(
        parent=helsinki, title_fi="Kulttuuriosasto", slug_fi="kulttuuri", slug_sv="kultur", slug_en="culture"
    )
    person = ContactPersonFactory(
        city=helsinki, first_name="Quillon", last_name="Vantablack", is_media_contact=True, email="qv@example.fi"
    )
    collection = Collection.get_first_root_node().add_child(name="Zorblax internal")
    document = get_document_model().objects.create(
        title="Plutoniumraportti", collection=collection, file=ContentFile(b"%PDF-1.4 secret", name="plutonium.pdf")
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    documents = {"type": "documents", "value": {"heading": "Asiakirjat", "documents": [document.pk]}}
    private = UnitPageFactory(
        parent=department,
        title_fi="Zorblax-yksikkö",
        title_sv="Zorblaxenheten",
        title_en="Zorblax Unit",
        slug_fi="zorblax-yksikko",
        slug_sv="zorblaxenheten",
        slug_en="zorblax-unit",
        intro_fi="Zorblax hoitaa sisäiset asiat.",
        head=person,
        body_fi=json.dumps([documents]),
    )
    PageContact.objects.create(page=private, contact=person, sort_order=0)
    # The public counterparts, so that every route visited has something it may show the public.
    public_person = ContactPersonFactory(
        city=helsinki, first_name="Aino", last_name="Avoin", is_media_contact=True, email="aa@example.fi"
    )
    PageContact.objects.create(page=department, contact=public_person, sort_order=0)
    public_image = get_image_model().objects.create(
        title="Kirjaston julkisivu", file=get_test_image_file(filename="julkisivu.png"), description="Julkisivu"
    )
    private_team = UnitPageFactory(parent=private, title_fi="Zorblax-alatiimi", slug_fi="zorblax-alatiimi")
    page_restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    UnitPageFactory(parent=department, title_fi="Kirjastoyksikkö", slug_fi="kirjasto")
    # A public page that links the private page and document, as editors do for their colleagues.
    links = [{"text": "Henkilöstölle", "page": private.pk, "url": ""}]
    department.body_fi = json.dumps([{"type": "links", "value": {"heading": "Sisäiset", "links": links}}, documents])
    department.save_revision().publish()
    helsinki.add_child(
        instance=PressContactsPage(title_fi="Medialle", slug_fi="medialle", slug_sv="medier", slug_en="media")
    )
    newsroom = NewsroomPageFactory(parent=helsinki)
    PressReleasePageFactory(parent=newsroom, title_fi="Uusi kirjasto avautuu", organisation=private)
    helsinki.add_child(instance=OpenDataPage(title_fi="Avoin data", slug_fi="avoin-data", slug_sv="oppna-data"))
    # An announcement on the staff-only unit only, and one on every page.
    staff_notice = Announcement.objects.create(city=helsinki, page=private, text_fi="Zorblax-tila suljetaan")
    public_notice = Announcement.objects.create(city=helsinki, text_fi="Kirjasto avataan")
    return {
        "home": helsinki,
        "department": department,
        "private": private,
        "private_ids": {private.pk, private_team.pk},
        "person": person,
        "public_person": public_person,
        "public_image": public_image,
        "document": document,
        "newsroom": newsroom,
        "page_restriction": page_restriction,
        "collection_restriction": restriction,
        "notices": [staff_notice, public_notice],
    }


def leaks(response):
    """The secret words an anonymous response carries, in its body or its headers."""
    body = b"".join(response.streaming_content) if response.streaming else response.content  # files stream
    text = body.decode("utf-8", "replace") + " ".join(f"{k}: {v}" for k, v in response.items())
    for query in QUERIES:
        text = text.replace(query, "")
    return [word for word in SECRET_WORDS if word in text.lower()]


def language_of(path):
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else None


def route_of(path):
    """The resolver's route for `path`, without its language prefix: what the walk compares with.

    None for "/", which the language middleware answers before any route."""
    language = language_of(path.split("?")[0])
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            route = resolve(path.split("?")[0]).route
        except Resolver404:
            return None
    return route.removeprefix(f"{language}/") if language else route


def every_route(patterns=None, prefix=""):
    """Every leaf route of the URL configuration, language prefixes left out."""
    with translation.override(settings.LANGUAGE_CODE):
        for pattern in get_resolver().url_patterns if patterns is None else patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from every_route(pattern.url_patterns, route)
            else:
                # resolve() reports regex routes without their "^"s
                yield route.replace("^", "").removeprefix(f"{settings.LANGUAGE_CODE}/")


def public_urls(city):
    """Every public address of the small city, in every language it offers."""
    home, person, document = city["home"], city["person"], city["document"]
    private_id = city["private"].pk
    public_person = city["public_person"]
    urls = ["/", "/healthz", "/readyz", "/city.css", "/favicon.ico", "/sitemap.xml", "/robots.txt"]
    urls += ["/open-data/popolo-organisation.schema.json"]
    urls += [f"/media/{city['public_image'].file.name}"]
    urls += [f"/documents/{document.pk}/{document.filename}", f"/documents/{document.pk}/"]
    urls += [f"/documents/authenticate_with_password/{city['collection_restriction'].pk}/"]
    urls += [f"/media/{document.file.name}"]  # the private document's file by path: never served (citycomms.media)
    pages = Page.objects.live().public().descendant_of(home, inclusive=True).specific()
    for language in CitySettings.for_site(home.get_site()).languages:
        with translation.override(language):
            urls += [page.get_url_parts()[2] for page in pages]
            newsroom_url = city["newsroom"].get_url_parts()[2]
        urls += [f"{newsroom_url}feed/rss/", f"{newsroom_url}feed/atom/"]
        urls += [f"/{language}/search/?q={word}" for word in QUERIES]
        urls += [f"/{language}/search/?q=kirjasto", f"/{language}/_util/login/"]
        urls += [f"/{language}/_util/authenticate_with_password/{city['page_restriction'].pk}/{private_id}/"]
        urls += [f"/{language}/vcard/{person.pk}.vcf", f"/{language}/vcard/page/{private_id}.vcf"]
        urls += [f"/{language}/vcard/{public_person.pk}.vcf"]
        urls += [f"/{language}/vcard/page/{city['department'].pk}.vcf", f"/{language}/vcard/media.vcf"]
        urls += [f"/{language}/media-contacts.csv", f"/{language}/medialle/?q=VANTABLACK"]
        urls += [f"/{language}/open-data/organisation.json"]
        urls += [f"/{language}/open-data/{name}.csv" for name in ("organizations", "persons", "memberships")]
        urls += [f"/api/v2/pages/?lang={language}&fields=*", f"/api/v2/contacts/?lang={language}&fields=*"]
        urls += [f"/{language}/announcements/feed/atom/", f"/api/v2/announcements/?lang={language}&fields=*"]
    urls += [f"/api/v2/pages/{private_id}/", f"/api/v2/pages/{city['department'].pk}/?fields=*"]
    urls += [f"/api/v2/pages/?child_of={city['department'].pk}&fields=*", f"/api/v2/pages/?descendant_of={private_id}"]
    urls += ["/api/v2/pages/?type=newsroom.PressReleasePage&fields=*", "/api/v2/pages/?search=ZORBLAX"]
    urls += ["/api/v2/pages/find/?html_path=/kulttuuri/zorblax-yksikko/", f"/api/v2/contacts/{person.pk}/"]
    urls += [f"/api/v2/contacts/find/?id={person.pk}", "/api/v2/contacts/?search=VANTABLACK"]
    urls += [f"/api/v2/contacts/{public_person.pk}/", f"/api/v2/contacts/find/?id={public_person.pk}"]
    urls += ["/api/v2/pages/find/?html_path=/kulttuuri/"]  # a path below the home, no language
    urls += [f"/api/v2/announcements/{notice.pk}/" for notice in city["notices"]]
    urls += [f"/api/v2/announcements/find/?id={notice.pk}" for notice in city["notices"]]
    return urls


def api_ids(response):
    """The page ids a JSON API answer names anywhere (items, parents, sources, links in bodies)."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("id"), int) and "detail_url" in json.dumps(value.get("meta", {})):
                found.add(value["id"])
            if isinstance(value.get("page"), int):  # a link block in a StreamField body
                found.add(value["page"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(response.json())
    return found


@pytest.mark.django_db
def test_no_anonymous_response_on_any_public_route_mentions_staff_only_content(client, city):
    visited, problems = {}, []
    for url in public_urls(city):
        response = client.get(url)
        visited.setdefault(route_of(url), []).append((url, response.status_code))  # None for "/": no route
        if response.status_code >= 500:
            problems.append((url, response.status_code))
        found = leaks(response)
        if found and not is_the_login_prompt_for_the_private_things(url, response):
            problems.append((url, response.status_code, found))
        if url.startswith("/api/v2/pages/") and response.status_code == 200:
            if api_ids(response) & city["private_ids"]:
                problems.append((url, "private page ids", api_ids(response) & city["private_ids"]))
    assert problems == [], "\n".join(map(str, problems))

    missed = [
        route
        for route in every_route()
        if route not in visited and not any(route.startswith(prefix) for prefix in NOT_APPLICABLE)
    ]
    assert missed == [], "routes neither visited nor listed in NOT_APPLICABLE"
    assert unanswered(visited) == [], "routes visited that answer no one who may see what they serve"


def unanswered(visited):
    """The routes of `visited` ({route: [(url, anonymous status)]}) none of whose addresses answers 200 to the
    public or, failing that, to a signed-in superuser; or, for the REDIRECTING routes, sends them where it should.
    The walk's other checks pass a route that answers nothing but 404: this one tells it from a private one."""
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("control", password="x"))
    missing = []
    for route, answers in visited.items():
        if route is None:
            continue  # "/" redirects to a language before any route
        if route in REDIRECTING:
            locations = [client.get(url).get("Location", "") for client in (Client(), staff) for url, _ in answers]
            if not any(urlsplit(location).path.startswith(REDIRECTING[route]) for location in locations):
                missing.append(route)
        elif not any(status == 200 for _url, status in answers):
            if not any(staff.get(url).status_code == 200 for url, _status in answers):
                missing.append(route)
    return missing


def is_the_login_prompt_for_the_private_things(url, response):
    """A request for the private page or document itself may repeat its own address (`?next=`), nothing more."""
    own = {city_path for city_path in ("zorblax-yksikko", "zorblaxenheten", "zorblax-unit", "plutonium.pdf")}
    if response.status_code != 302 or not any(part in url for part in own):
        return False
    return "/_util/login/?next=" in response["Location"] and response.content == b""


@pytest.mark.django_db
def test_the_private_page_answers_with_a_login_prompt_in_every_language(client, city):
    private = city["private"]
    for language in LANGUAGES:
        with translation.override(language):
            url = private.get_url_parts()[2]
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"/{language}/_util/login/?next="), url
        prompt = client.get(response["Location"])
        assert prompt.status_code == 200
        form = BeautifulSoup(prompt.content, "html.parser").find("input", {"name": "username"}).find_parent("form")
        assert form.find("input", {"type": "password"})
        text = prompt.content.decode().lower()
        assert not [word for word in ["quillon", "vantablack", "plutonium", "zorblax-yksikkö"] if word in text]


@pytest.mark.django_db
def test_the_private_document_answers_with_a_login_prompt(client, city):
    document = city["document"]
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 302
    assert "/_util/login/?next=" in response["Location"]
    assert b"%PDF" not in response.content


@pytest.mark.django_db
def test_the_admin_sends_anonymous_readers_to_its_sign_in(client, city):
    for url in ["/admin/", f"/admin/pages/{city['private'].pk}/edit/", "/admin/documents/", "/admin/api/main/pages/"]:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        assert not leaks(response), url
