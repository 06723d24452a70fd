"""Error pages: a lost database answers 503 "try again soon", not a 500 with a stack trace.

Django turns an exception anywhere in the middleware or the view into the 500
handler's response at the layer where it was raised, so a middleware further out
would only ever see a 500. The handler itself is the one place that sees every
exception: while the database is down or restarting, readers get a short, translated
503 with Retry-After, and load balancers and crawlers know to come back.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: the 503 page when the exception being handled is the database's, else Django's 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable()
    return defaults.server_error(request)


def service_unavailable():
    # Rendered without the request: context processors (site settings, the user) would ask the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
