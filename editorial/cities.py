"""The cities a signed-in user reports on, with each city's languages, in a fixed number of queries."""

from dataclasses import dataclass, field

from wagtail.models import Page

from citycomms import tree
from citycomms.cities import user_cities, within
from citycomms.i18n import translated_value
from citycomms.models import CityHomePage, CitySettings


@dataclass
class City:
    """One city home page with the languages its site offers, default first."""

    home: CityHomePage
    default_language: str
    languages: list = field(default_factory=list)

    @property
    def name(self):
        return self.text_of(self.home, "title")

    def text_of(self, obj, field_name):
        """`obj`'s `field_name` as this city writes it: in its default language, else its next language."""
        return str(translated_value(obj, field_name, self.languages, language=self.default_language))

    def __str__(self):
        return self.name


def cities_for(user):
    """The cities `user` works for (every city for a superuser), in tree order: two queries."""
    homes = list(user_cities(user).order_by("path"))
    settings_by_home = {}
    # A home served by several sites takes the default site's settings, else the first site's.
    for city_settings in (
        CitySettings.objects.filter(site__root_page__in=homes)
        .select_related("site")
        .order_by("site__is_default_site", "-site__pk")
    ):
        settings_by_home[city_settings.site.root_page_id] = city_settings
    return [_city(home, settings_by_home.get(home.pk, CitySettings())) for home in homes]


def _city(home, city_settings):
    return City(home, city_settings.default_language, city_settings.fallback_order)


def by_home_path(cities):
    """`cities` by their home's tree path, to find a page's city from the start of its own path."""
    return {city.home.path: city for city in cities}


def home_path(page):
    """The tree path of the city home `page` is in (or is)."""
    return tree.home_path(page.path)


def pages_in(cities):
    """The pages of `cities`' trees, their homes included."""
    return Page.objects.filter(within([city.home.path for city in cities]))
