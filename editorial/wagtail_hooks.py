"""The editorial reports' menu items and URLs, their dashboard panels, and counting editors' visits to pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from citycomms.cities import user_cities

from .cities import cities_for
from .models import PageEditVisits
from .panels import StalePagesPanel, TranslationCoveragePanel
from .views import FreshnessReportView, TranslationReportView


class CityReportMenuItem(MenuItem):
    """Shown to those who work for some city: the reports cover only their cities."""

    def is_shown(self, request):
        return user_cities(request.user).exists()


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return CityReportMenuItem(
        _("Translation status"), reverse("editorial_translations"), name="translation-status", icon_name="globe"
    )


@hooks.register("register_reports_menu_item")
def freshness_report_menu_item():
    return CityReportMenuItem(
        _("Content freshness"), reverse("editorial_freshness"), name="content-freshness", icon_name="time"
    )


@hooks.register("register_admin_urls")
def report_urls():
    """Each report, and the results-only URL Wagtail's filters refresh its listing from."""
    return [
        path("editorial/translations/", TranslationReportView.as_view(), name="editorial_translations"),
        path(
            "editorial/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="editorial_translations_results",
        ),
        path("editorial/freshness/", FreshnessReportView.as_view(), name="editorial_freshness"),
        path(
            "editorial/freshness/results/",
            FreshnessReportView.as_view(results_only=True),
            name="editorial_freshness_results",
        ),
    ]


@hooks.register("construct_homepage_panels")
def editorial_panels(request, panels):
    cities = cities_for(request.user)
    if cities:
        panels += [TranslationCoveragePanel(cities), StalePagesPanel(cities)]


@hooks.register("before_edit_page")
def count_edit_visit(request, page):
    """Opening a page's editor counts as a visit; saving it (a POST) does not count again."""
    if request.method == "GET":
        PageEditVisits.count_visit(page)
