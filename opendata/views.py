"""The open data downloads: /<lang>/open-data/organisation.json (Popolo), /<lang>/open-data/<collection>.csv and
/open-data/popolo-organisation.schema.json, each city's on its own host, while its open data page is live and
public (as the media contacts CSV follows its page). Cached like pages (citycomms.cache): every change in the
city retires them."""

import datetime
import re
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from citycomms.cache import cacheable
from citycomms.i18n import city_settings, translated_value
from citycomms.models import city_child_page
from citycomms.params import site_or_404
from citycomms.spreadsheets import csv_response

from .downloads import LICENCE, SCHEMA_NAME, SCHEMA_TYPE, TABLES, schema_url
from .models import OpenDataPage
from .popolo import CityOrganisation
from .tables import table

SCHEMA = Path(__file__).resolve().parent / "schema" / SCHEMA_NAME
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Nothing on the site changed before this day, and unlike the first days of year 1, its start in the site's time
# zone can be written in UTC: an earlier `since` means it.
EARLIEST = datetime.date(1970, 1, 1)
BAD_SINCE = _("“since” must be a date written as year-month-day, such as 2025-01-31.")


@require_safe
@cacheable
def popolo_json(request):
    """The city's organisation in Popolo JSON, texts in the URL's language; `?since=` for what changed since."""
    home, page = published_home(request)
    try:
        since = read_since(request)
    except ValueError:
        return JsonResponse({"message": str(BAD_SINCE)}, status=400)
    organisation = city_organisation(home, request, since)
    data = {"meta": meta(home, page, request, since), **organisation.collections()}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_safe
@cacheable
def collection_csv(request, name):
    """One Popolo collection (TABLES) as CSV, texts in the URL's language; `?since=` for what changed since."""
    if name not in TABLES:
        raise Http404("No such open data file.")
    home, _page = published_home(request)
    try:
        since = read_since(request)
    except ValueError:
        return HttpResponseBadRequest(str(BAD_SINCE), content_type="text/plain; charset=utf-8")
    items = getattr(city_organisation(home, request, since), name)
    return csv_response(table(name, items), name)


@require_safe
@cacheable
def schema(request):
    """The JSON Schema of organisation.json, as the repository holds it (the tests validate against it)."""
    return HttpResponse(SCHEMA.read_bytes(), content_type=SCHEMA_TYPE)


def published_home(request):
    """(the city's home, its open data page) for the city serving the request; 404 while it has no live, public
    open data page: the page states the data's licence, and without it there is none."""
    home = site_or_404(request).root_page
    page = city_child_page(OpenDataPage, home, request)
    if page is None:
        raise Http404("This city publishes no open data page.")
    return home, page


def read_since(request):
    """`?since=` as a date (None without it, or empty); ValueError for anything but a real YYYY-MM-DD day."""
    value = request.GET.get("since", "")
    if not value:
        return None
    if not DATE.fullmatch(value):
        raise ValueError(value)
    return datetime.date.fromisoformat(value)  # refuses 2025-02-30 with a ValueError too


def city_organisation(home, request, since):
    start = (
        None
        if since is None
        else timezone.make_aware(datetime.datetime.combine(max(since, EARLIEST), datetime.time()))
    )
    return CityOrganisation(home, request, city_settings(request).fallback_order, start)


def meta(home, page, request, since):
    """Who publishes the data, under which licence, in which language, as which schema, from which date on."""
    fallbacks = city_settings(request).fallback_order
    return {
        "publisher": {"name": str(translated_value(home, "title", fallbacks)), "url": home.get_full_url(request)},
        "language": translation.get_language(),
        "license": {"name": LICENCE.name, "url": LICENCE.url},
        "schema": schema_url(request),
        "documentation": page.get_full_url(request),
        "since": since.isoformat() if since else None,
    }
