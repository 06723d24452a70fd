"""The city a public request is for: its Wagtail Site, the city home, the city's settings and what every page
of it links.

Wagtail looks up the Site with a query on every request, wagtail.contrib.settings
the CitySettings with another, and routing then reads the home page's own row;
every page links the city's one-per-city pages (the accessibility statement, the
media contacts) and works out URLs from the site root paths. All of these change
only when an editor saves a site or its settings or publishes or moves a page,
which retires the page cache's generation (citycomms.cache): so they are kept
together until then (kept_until_next_change), in one read per request, and left
on the request where Wagtail and the helpers that need them look first
(Site.find_for_request and CitySettings.for_request, citycomms.routing and
citycomms.models.city_child_page).
"""

from dataclasses import dataclass, field
from functools import partial

from wagtail.models import Site

from .cache import kept_until_next_change
from .models import CITY_HOME_DEPTH, CitySettings, one_per_city_pages, remember_city_pages
from .routing import remember_site_root_paths, site_root_paths_in_every_language


@dataclass
class City:
    """What serving any page of a city needs to know, kept as one."""

    site: Site | None
    settings: CitySettings | None = None
    site_root_paths: dict = field(default_factory=dict)  # by language
    pages: dict | None = None  # the one-per-city pages by content type id, for a site rooted at a city home


def find_city_site(request):
    """Site.find_for_request(request), kept until the next change, with the rest of the City put on the request.

    The key is the validated host (a host not in ALLOWED_HOSTS is refused here, as everywhere else) and port.
    """
    if not hasattr(request, "_wagtail_site"):
        # v2: a City; the release before kept a tuple under the same name, which this one cannot read.
        key = f"citycomms:city:v2:{request.get_host().lower()}:{request.get_port()}"
        city = kept_until_next_change(key, partial(read_city, request))
        request._wagtail_site = city.site
        remember_site_root_paths(request, city.site_root_paths)
        if city.settings is not None:
            city.settings._request = request  # what for_request sets, for its page URL helpers
            setattr(request, CitySettings.get_cache_attr_name(), city.settings)
        if city.pages is not None:
            remember_city_pages(request, city.site.root_page, city.pages)
    return request._wagtail_site


def read_city(request):
    """The request's Site, its home page as its own page type (as routing needs it), its CitySettings, the site
    root paths and the city's one-per-city pages."""
    site = Site.find_for_request(request)
    if site is None:
        return City(site=None)
    home = site.root_page.specific  # a cached property: read now, it is kept with the site
    return City(
        site=site,
        settings=CitySettings.for_site(site),
        site_root_paths=site_root_paths_in_every_language(),
        pages=one_per_city_pages(home.path) if home.depth == CITY_HOME_DEPTH else None,
    )
