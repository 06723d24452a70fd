"""The public walk, and the URL configuration's routes the walks are checked against."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils import translation

from citycomms.models import CitySettings
from tests.isolation.city_content import PUBLIC_KINDS
from tests.isolation.hits import G

# --- the public walk ---------------------------------------------------------------------------------------


def page_paths(city, language):
    """The public address of each of the city's pages (live or not) in `language`, by kind."""
    with translation.override(language):
        return {kind: page.get_url_parts()[2] for kind, page in city.pages.items()}


def public_walk(x, y):
    """[Hit]: every public route of `x`'s site, asked also about the other city `y`'s pages, people and files."""
    hits = [
        G(path) for path in ("/", "/healthz", "/readyz", "/city.css", "/favicon.ico", "/sitemap.xml", "/robots.txt")
    ]
    hits += [G("/open-data/popolo-organisation.schema.json")]
    words = [f"{x.code}secret", f"{y.code}secret"]
    languages = CitySettings.for_site(x.site).languages
    first = languages[0]
    paths = {language: page_paths(x, language) for language in languages}
    not_public = [kind for kind in x.pages if kind not in PUBLIC_KINDS]
    for language in languages:
        hits += [G(f"/{language}/")] + [G(path) for path in paths[language].values()]
        newsroom = paths[language]["newsroom"]
        hits += [G(f"{newsroom}feed/rss/"), G(f"{newsroom}feed/atom/")]
        hits += [G(f"/{language}/search/?q={word}") for word in words]
        hits += [G(f"/{language}/vcard/media.vcf"), G(f"/{language}/media-contacts.csv")]
        hits += [G(f"/{language}/open-data/organisation.json"), G(f"/{language}/open-data/persons.csv")]
        hits += [G(f"/api/v2/pages/?lang={language}&fields=*"), G(f"/api/v2/contacts/?lang={language}&fields=*")]
        hits += [G(f"/{language}/announcements/feed/atom/"), G(f"/api/v2/announcements/?lang={language}&fields=*")]
    # The other city's pages by their own addresses, in a language both cities have.
    shared = next(code for code in languages if code in CitySettings.for_site(y.site).languages)
    hits += [G(path) for path in page_paths(y, shared).values()]
    newsroom, staff_page = paths[first]["newsroom"], x.pages["staffpage"]
    hits += [G(f"{newsroom}?department={page.pk}") for page in (y.pages["department"], staff_page)]
    hits += [G(f"{paths[first]['presspage']}?q={word}") for word in words]
    hits += [G(f"/{first}/_util/login/?next={paths[first]['staffpage']}")]
    hits += [G(f"/{first}/_util/authenticate_with_password/{x.page_restriction.pk}/{staff_page.pk}/")]
    hits += [G(f"/{x.code}secret-redirect"), G(f"/{y.code}secret-redirect")]

    # The read API: every page and person of both cities by id; the city's unpublished and staff-only ones
    # also by the other ways of finding them.
    api = "/api/v2"
    hits += [G(f"{api}/pages/?search={word}&fields=*") for word in words]
    hits += [G(f"{api}/contacts/?search={word}&fields=*") for word in words]
    hits += [G(f"{api}/pages/?type={page_type}&fields=*") for page_type in PUBLIC_API_TYPES]
    hits += [G(f"{api}/pages/?{relation}={y.home.pk}&fields=*") for relation in ("child_of", "descendant_of")]
    hits += [G(f"{api}/pages/?descendant_of={staff_page.pk}&fields=*")]
    for city in (x, y):
        hits += [G(f"{api}/pages/{page.pk}/?fields=*") for page in city.pages.values()]
        hits += [G(f"{api}/contacts/{person.pk}/?fields=*") for person in city.people]
        hits += [G(f"/{first}/vcard/{person.pk}.vcf") for person in city.people]  # the same in every language
        hits += [G(f"{api}/announcements/{item.pk}/?fields=*") for item in city.announcements]
    hits += [G(f"{api}/pages/find/?id={x.pages[kind].pk}") for kind in not_public]
    hits += [G(f"{api}/pages/find/?html_path={paths[first][kind]}") for kind in not_public]
    hits += [G(f"{api}/pages/find/?id={y.pages['draftpage'].pk}")]
    hits += [G(f"{api}/contacts/find/?id={person.pk}") for person in x.people[1:] + [y.person_draft]]
    hits += [G(f"{api}/announcements/find/?id={item.pk}") for item in x.announcements + [y.announcement_live]]
    pages = [x.pages[kind] for kind in not_public] + [y.pages["department"], y.pages["staffpage"]]
    hits += [G(f"/{first}/vcard/page/{page.pk}.vcf") for page in pages]

    # Files: the city's own, by every route that could serve them (they are not kept apart by host).
    for document in x.documents:
        secret = document == x.staff_document
        hits += [G(f"/documents/{document.pk}/{document.filename}", serves_file=secret)]
        hits += [G(f"/documents/{document.pk}/", serves_file=secret)]
        hits += [G(document.file.url, serves_file=secret)]
    hits += [G(f"/documents/authenticate_with_password/{x.staff_restriction.pk}/")]
    for image in x.images:
        secret = image == x.staff_image
        hits += [G(image.file.url, serves_file=secret)]
        hits += [G(image.get_rendition(spec).url, serves_file=secret) for spec in ("fill-96x96", "original")]
    hits += [G(item.file.url, serves_file=True) for item in x.uploads.values()]
    return hits


PUBLIC_API_TYPES = [
    "citycomms.InformationPage",
    "departments.DepartmentPage",
    "newsroom.PressReleasePage",
    "press.PressContactsPage",
]


# --- the URL configuration ---------------------------------------------------------------------------------


def every_route(patterns=None, prefix=""):
    """Every leaf route of the URL configuration, as resolve() names it, with "<lang>/" for a language prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        for pattern in get_resolver().url_patterns if patterns is None else patterns:
            route = prefix + str(pattern.pattern).replace("^", "")
            if isinstance(pattern, URLResolver):
                yield from every_route(pattern.url_patterns, route)
            else:
                yield normal_route(route, settings.LANGUAGE_CODE)


def normal_route(route, language):
    return f"<lang>/{route.removeprefix(f'{language}/')}" if route.startswith(f"{language}/") else route


def route_of(path):
    """The route that answers `path` (None when none does), as every_route() names it."""
    path = urlsplit(path).path
    first = path.lstrip("/").split("/", 1)[0]
    language = first if first in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return normal_route(resolve(path).route, language)
        except Resolver404:
            return None
