"""Keep every public URL inside a language the serving city offers."""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Site

from .i18n import city_settings
from .redirects import find_page_by_any_slug

# Paths served outside the language prefix (admin, files); they never redirect.
UNPREFIXED = ("/admin/", "/documents/", "/static/", "/media/", "/favicon.ico")


class SiteLanguageMiddleware:
    """Redirects `/` and unprefixed paths to the reader's language, and languages
    the site does not offer to the site's default language.

    Runs after LocaleMiddleware, which has activated the language in the URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(UNPREFIXED):
            return self.get_response(request)
        prefix = translation.get_language_from_path(path)
        site = city_settings(request)
        if prefix is None:
            if _resolves(path):
                return self.get_response(request)
            target = _preferred_language(request, site)
            return HttpResponseRedirect(_with_query(request, f"/{target}{path}"))
        if prefix not in site.languages:
            rest = path[len(prefix) + 1 :]
            return HttpResponseRedirect(_with_query(request, f"/{site.default_language}{rest}"))
        response = self.get_response(request)
        if response.status_code == 404:
            return _redirect_to_this_language(request, path[len(prefix) + 1 :]) or response
        return response


def _redirect_to_this_language(request, rest):
    """A permanent redirect when the path's slugs belong to another language (or mix languages)."""
    site = Site.find_for_request(request)
    components = [component for component in rest.split("/") if component]
    page = find_page_by_any_slug(site.root_page, components) if site and components else None
    url = page.get_url(request) if page else None
    return HttpResponsePermanentRedirect(_with_query(request, url)) if url else None


def _resolves(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _preferred_language(request, site):
    """The first Accept-Language entry this site offers, else the site's default."""
    header = request.headers.get("Accept-Language", "")
    for accepted, _quality in trans_real.parse_accept_lang_header(header):
        code = accepted.split("-")[0].lower()
        if code in site.languages:
            return code
    return site.default_language


def _with_query(request, url):
    query = request.META.get("QUERY_STRING")
    return f"{url}?{query}" if query else url
