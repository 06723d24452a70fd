"""Contacts to check: the report and dashboard panel of published contacts nobody has confirmed for a while.

What counts as checked, and the queries, are contacts.checks'; here they are shown per city, each city's staff
on their own (superusers every city, with the city filter), like the other editorial reports.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn

from contacts.check_actions import CheckedOnColumn
from contacts.checks import check_period, contacts_to_check, count_to_check

from .freshness import stale_after
from .panels import PAGES_SHOWN, CityPanel
from .views import CityFilterSet, CityReportView, MonthsFilter

REPORT_URL_NAME = "editorial_contact_checks"


def period_for(months=None):
    """`months` if given (the report's filter), else the CONTACT_CHECK_PERIOD_DAYS setting."""
    return stale_after(months) if months else check_period()


def homes_of(cities):
    return [city.home for city in cities]


def with_city_names(rows, cities):
    """`rows` (ContactToCheck) as a list, each with its city's name."""
    names = {city.home.pk: city.name for city in cities}
    rows = list(rows)
    for row in rows:
        row.city_name = names[row.city_id]
    return rows


class ContactCheckFilterSet(CityFilterSet):
    months = MonthsFilter(_("Not checked for (months)"))


class ContactCheckReportView(CityReportView):
    page_title = _("Contacts to check")
    header_icon = "calendar-check"
    filterset_class = ContactCheckFilterSet
    index_url_name = REPORT_URL_NAME
    index_results_url_name = f"{REPORT_URL_NAME}_results"
    export_filename = "contacts-to-check"
    paginate_by = 100
    columns = [
        TitleColumn("name", label=_("Name"), get_url=lambda row: row.edit_url),
        Column("kind_label", label=_("Type")),
        Column("city_name", label=_("City")),
        CheckedOnColumn(),
    ]

    def get_queryset(self):
        """Published people and service points not checked within the period: never checked first, then oldest."""
        return contacts_to_check(homes_of(self.selected_cities), period_for(self.filter_values.get("months")))

    def decorate_paginated_queryset(self, rows):
        return with_city_names(rows, self.cities)


class ContactChecksPanel(CityPanel):
    """How many of the user's cities' contacts are to be checked, and those left longest."""

    name = "contact_checks"
    template_name = "editorial/includes/contact_checks_panel.html"
    order = 280

    def get_context_data(self, parent_context):
        period = period_for()
        homes = homes_of(self.cities)
        return {
            "panel_id": "contact-checks",
            "heading": _("Contacts to check"),
            "rows": with_city_names(contacts_to_check(homes, period, limit=PAGES_SHOWN), self.cities),
            "count": count_to_check(homes, period),
            "period_days": period.days,
        }


def report_urls():
    """For `register_admin_urls`: the report, and the results-only URL its filters refresh the listing from."""
    return [
        path("editorial/contact-checks/", ContactCheckReportView.as_view(), name=REPORT_URL_NAME),
        path(
            "editorial/contact-checks/results/",
            ContactCheckReportView.as_view(results_only=True),
            name=f"{REPORT_URL_NAME}_results",
        ),
    ]
