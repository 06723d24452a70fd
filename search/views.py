"""The public search page: /<language>/search/?q=…"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from citycomms.cache import cacheable
from citycomms.i18n import TranslatedValue, city_settings, translated_value
from citycomms.params import read_query, site_or_404
from citycomms.trails import Trail, trails

from .queries import SearchTerms, page_snippet, search_pages, search_people, search_service_points

PAGES_PER_RESULTS_PAGE = 10
# People and service points are listed on the first results page only, the best ones.
CONTACTS_SHOWN = 12


@dataclass(frozen=True)
class PageResult:
    """A page found, its snippet, and the names of the pages above it ("Viestintäosasto › Viestintä"): two pages
    of one title are told apart by where they are."""

    page: Page
    snippet: TranslatedValue
    parents: str = ""


@cacheable
def search(request):
    """Pages, people and service points of the site serving the request, in the reader's language."""
    site = site_or_404(request)
    query, message = read_query(request.GET.get("q", ""))
    language = translation.get_language()
    fallbacks = city_settings(request).fallback_order
    terms = SearchTerms.parse(query, language, fallbacks)
    city = translated_value(site.root_page, "title", fallbacks)
    context = {
        "query": query,
        "message": message,
        "searched": bool(terms.words),
        "description": _("Search the pages, contact people and service points of %(city)s.") % {"city": city},
        "canonical": canonical_url(request, query),
    }
    if query and not terms.words:
        context["message"] = _("Type a word to search for.")
    if terms.words:
        results = Paginator(search_pages(site, terms), PAGES_PER_RESULTS_PAGE).get_page(request.GET.get("page"))
        context["results"] = results
        found = trails(page.path for page in results)
        context["page_results"] = [page_result(page, terms, language, found[page.path]) for page in results]
        if results.number == 1:
            context.update(contact_results(site.root_page, terms))
    return TemplateResponse(request, "search/search_results.html", context)


def canonical_url(request, query):
    """The search's own address: this language's search for the query, the other parameters left out."""
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode({'q': query})}" if query else url


def page_result(page, terms, language, trail):
    snippet = TranslatedValue(page_snippet(page, terms), page.snippet_language, page.snippet_language != language)
    # The trail runs from below the city home to the page itself (a department's holds itself only).
    parents = Trail(trail.steps[:-1], trail.default_language).name(language)
    return PageResult(page, snippet, parents)


def contact_results(home, terms):
    people = search_people(home, terms)
    service_points = search_service_points(home, terms)
    return {
        "people": people[:CONTACTS_SHOWN],
        "people_count": people.count(),
        "service_points": service_points[:CONTACTS_SHOWN],
        "service_point_count": service_points.count(),
        "contacts_shown": CONTACTS_SHOWN,
    }
