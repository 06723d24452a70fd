"""Site-wide models: city pages (pages.py), the accessibility statement (statement.py) and each city's
settings (city_settings.py)."""

from .city_settings import DEFAULT_BRAND_COLOUR, CitySettings
from .pages import (
    CITY_HOME_DEPTH,
    COUNTRY_CHOICES,
    HOME_DEPARTMENTS_HOOK,
    CityHomePage,
    CitySectionPage,
    InformationPage,
    TranslatedPageMixin,
    city_child_page,
    one_per_city_pages,
    one_per_city_types,
    route_key,
)
from .statement import STATEMENT_TEXT_FEATURES, AccessibilityStatementPage

__all__ = [
    "CITY_HOME_DEPTH",
    "COUNTRY_CHOICES",
    "DEFAULT_BRAND_COLOUR",
    "HOME_DEPARTMENTS_HOOK",
    "STATEMENT_TEXT_FEATURES",
    "AccessibilityStatementPage",
    "CityHomePage",
    "CitySectionPage",
    "CitySettings",
    "InformationPage",
    "TranslatedPageMixin",
    "city_child_page",
    "one_per_city_pages",
    "one_per_city_types",
    "route_key",
]
