"""Error pages: a lost database answers 503 "try again soon", any other fault a 500 page, both in the site's look.

Django turns an exception anywhere in the middleware or the view into the 500
handler's response at the layer where it was raised, so a middleware further out
would only ever see a 500. The handler itself is the one place that sees every
exception: while the database is down or restarting, readers get a short, translated
503 with Retry-After, and load balancers and crawlers know to come back.

Both pages are rendered from a standalone template (templates/error_page.html) with
nothing that could fail again: no request context (context processors read the site
settings and the user from the database), no city, no menu. They link only the built
CSS, so they look like the site in its house colours, and speak the language the URL's
prefix names, else the browser's.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# The built stylesheets the error pages link, as base.html does: the design system's, then the site's own.
# Not /city.css, the city's colours: a view that reads the database, which may be what failed.
STYLESHEETS = ["vendor/hds/hds.css", "css/site.css"]
# What is left to say when even the plain error page cannot be rendered.
LAST_RESORT = "Server error / Palvelinvirhe / Serverfel"


def server_error(request):
    """handler500: the 503 page when the exception being handled is the database's, else the 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return error_page(request, "500.html", 500)


def service_unavailable(request=None):
    """The 503 page, with Retry-After: the service will be back soon."""
    response = error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def error_page(request, template_name, status):
    """`template_name` (which extends error_page.html) in the reader's language, never kept by any cache."""
    language = reader_language(request)
    context = {"language": language, "stylesheets": stylesheets(), "front_page": f"/{language}/"}
    try:
        with translation.override(language):
            content = loader.render_to_string(template_name, context)
    except Exception:  # the handler of last resort must answer whatever else is broken
        logger.exception("The %s page could not be rendered", status)
        content = LAST_RESORT
    response = HttpResponse(content, status=status)
    response["Cache-Control"] = "no-store"
    return response


def reader_language(request):
    """The language the URL's prefix names (/sv/…), else the browser's first one the site has, else the default:
    only what the request says, nothing the database would have to tell (such as a city's languages)."""
    if request is None:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=True)


def stylesheets():
    """The URLs of STYLESHEETS; one the static files' manifest lacks (not collected) is left out, not an error."""
    urls = []
    for name in STYLESHEETS:
        try:
            urls.append(static(name))
        except ValueError:
            logger.warning("The error pages' stylesheet %s is not among the collected static files", name)
    return urls
