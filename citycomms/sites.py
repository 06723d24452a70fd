"""The city a public request is for: its Wagtail Site, the city home and the city's settings.

Wagtail looks up the Site with a query on every request, wagtail.contrib.settings
the CitySettings with another, and routing then reads the home page's own row.
They change only when an editor saves a site or its settings or publishes the
home page, which retires the page cache's generation (citycomms.cache): so they are kept
until then (kept_until_next_change) and left on the request where Wagtail looks
for them first (Site.find_for_request and CitySettings.for_request cache them there).
"""

from functools import partial

from wagtail.models import Site

from .cache import kept_until_next_change
from .models import CitySettings


def find_city_site(request):
    """Site.find_for_request(request), kept until the next change, with its CitySettings put on the request too.

    The key is the validated host (a host not in ALLOWED_HOSTS is refused here, as everywhere else) and port.
    """
    if not hasattr(request, "_wagtail_site"):
        key = f"citycomms:city:{request.get_host().lower()}:{request.get_port()}"
        site, city_settings = kept_until_next_change(key, partial(read_city, request))
        request._wagtail_site = site
        if city_settings is not None:
            city_settings._request = request  # what for_request sets, for its page URL helpers
            setattr(request, CitySettings.get_cache_attr_name(), city_settings)
    return request._wagtail_site


def read_city(request):
    """The request's Site, its home page as its own page type (as routing needs it) and its CitySettings."""
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    site.root_page.specific  # noqa: B018 - a cached property: read now, it is kept with the site
    return site, CitySettings.for_site(site)
