"""The contact people listing's filters: city, department or unit, media contact, missing photo, missing translation.

Department, unit and team pages are a floor above contacts: they come from the app that registers them
(contacts.organisation). A person is in a page if they head it or it lists them, and a department's filter
takes in its units and teams.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from citycomms.cities import city_name, user_cities
from citycomms.models import CITY_HOME_DEPTH, CityHomePage, CitySettings
from citycomms.params import IdChoiceFilter
from citycomms.trails import TrailLabels

from .models import ContactPerson, ServicePoint
from .organisation import organisation

TRANSLATED = ["job_title", "media_topics"]


class CityFilterSet(WagtailFilterSet):
    """A snippet listing's filters: the city among the cities the user works for, by name."""

    city = IdChoiceFilter(label=_("City"), queryset=None)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.cities = user_cities(request.user) if request else CityHomePage.objects.none()
        self.filters["city"].queryset = self.cities.order_by("path")
        self.filters["city"].extra["label_from_instance"] = city_name


class ServicePointFilterSet(CityFilterSet):
    class Meta:
        model = ServicePoint
        fields = ["city"]


class ContactPersonFilterSet(CityFilterSet):
    organisation = IdChoiceFilter(label=_("Department or unit"), queryset=None, method="filter_organisation")
    missing_photo = django_filters.BooleanFilter(label=_("Missing photo"), method="filter_missing_photo")
    missing_translation = django_filters.BooleanFilter(
        label=_("Missing translation"), method="filter_missing_translation"
    )

    class Meta:
        model = ContactPerson
        fields = ["city", "is_media_contact"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        cities = self.cities
        # Departments and units: a unit takes in its teams, and a thousand teams would make the list
        # too long to scroll and the listing slow to draw.
        pages = organisation_pages(cities).filter(depth__lte=CITY_HOME_DEPTH + 2)
        self.filters["organisation"].queryset = pages
        # Each with its trail: two units called "Viestintä" are "Viestintäosasto › Viestintä" and another.
        self.filters["organisation"].extra["label_from_instance"] = TrailLabels(pages)

    def filter_organisation(self, queryset, _name, page):
        return queryset.filter(in_organisation(page)) if page else queryset

    def filter_missing_photo(self, queryset, _name, value):
        if value is None:
            return queryset
        return queryset.filter(photo__isnull=value)

    def filter_missing_translation(self, queryset, _name, value):
        if value is None:
            return queryset
        missing = missing_translation(user_cities(self.request.user))
        return queryset.filter(missing) if value else queryset.exclude(missing)


def organisation_pages(cities):
    """The department, unit and team pages of `cities` (home pages), in tree order."""
    return organisation().pages(cities)


def in_organisation(page):
    """People who head `page` or a page below it, or are listed on one."""
    return organisation().people_in(page)


def missing_translation(cities):
    """People with a text in their city's default language that another of the city's languages lacks."""
    missing = Q(pk__in=[])
    for city in cities:
        city_settings = CitySettings.for_home(city)
        if city_settings is None:
            continue
        default = city_settings.default_language
        for name in TRANSLATED:
            for code in city_settings.languages:
                if code != default:
                    missing |= Q(city=city) & filled(f"{name}_{default}") & ~filled(f"{name}_{code}")
    return missing


def filled(field_name):
    return Q(**{f"{field_name}__isnull": False}) & ~Q(**{field_name: ""})
