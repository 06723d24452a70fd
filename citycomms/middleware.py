"""Keep every public URL inside a language the serving city offers."""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Site

from .i18n import city_settings
from .paths import FILES, UNPREFIXED
from .redirects import find_page_by_any_slug


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language prefix (the API, documents) stays a 404.

    Django redirects a 404 to the same path under the language prefix when that
    path resolves, and under Wagtail's catch-all page route every path does:
    an unknown contact in the API would become a redirect to a missing page.
    Files get no Content-Language or Vary: Accept-Language.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        if request.path_info.startswith(FILES):
            return response  # the same file in every language: no Vary on it, so a cache in front keeps one copy
        return super().process_response(request, response)


class SiteLanguageMiddleware:
    """Redirects `/` and unprefixed paths to the reader's language, and languages
    the site does not offer to the site's default language.

    Runs after LocaleMiddleware, which has activated the language in the URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        # Wagtail's preview renders drafts through a stand-in request in the editor's language.
        if path.startswith(UNPREFIXED) or getattr(request, "is_dummy", False):
            return self.get_response(request)
        site = Site.find_for_request(request)
        if site is None:  # no city answers on this host: Wagtail gives its 404
            return self.get_response(request)
        languages = city_settings(request)
        prefix = translation.get_language_from_path(path)
        if prefix is None:
            if _resolves(path) or _resolves(f"{path}/"):
                return self.get_response(request)
            target = _preferred_language(request, languages)
            return HttpResponseRedirect(_with_query(request, f"/{target}{path}"))
        rest = "/" + path.lstrip("/").partition("/")[2]  # the prefix may be a variant such as fi-fi
        if prefix not in languages.languages:
            return HttpResponseRedirect(_with_query(request, f"/{languages.default_language}{rest}"))
        response = self.get_response(request)
        if response.status_code == 404:
            return _redirect_to_this_language(request, site, rest) or response
        return response


def _redirect_to_this_language(request, site, rest):
    """A permanent redirect when the path's slugs belong to another language (or mix languages)."""
    components = [component for component in rest.split("/") if component]
    page = find_page_by_any_slug(site.root_page, components) if components else None
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
    for accepted, quality in trans_real.parse_accept_lang_header(header):
        code = accepted.split("-")[0].lower()
        if quality > 0 and code in site.languages:
            return code
    return site.default_language


def _with_query(request, url):
    query = request.META.get("QUERY_STRING")
    return f"{url}?{query}" if query else url
