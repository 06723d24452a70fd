"""The editorial reports' menu items and URLs, their dashboard panels, and counting editors' visits to pages."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from citycomms.cities import user_cities

from . import contact_checks, names, requested_changes, unpublish_views, unpublishing
from .bulk import BULK_ACTIONS
from .cities import cities_for
from .imports import batch_urls, import_batches_panel
from .models import PageEditVisits
from .moderation import publish_people_with_published_page, warn_of_people_coming_along
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


# --- Contacts to check (editorial.contact_checks): the report, its menu item and the dashboard panel -----------
hooks.register("register_admin_urls", contact_checks.report_urls)


@hooks.register("register_reports_menu_item")
def contact_checks_menu_item():
    return CityReportMenuItem(
        _("Contacts to check"),
        reverse(contact_checks.REPORT_URL_NAME),
        name="contacts-to-check",
        icon_name="calendar-check",
    )


@hooks.register("construct_homepage_panels")
def contact_checks_panel(request, panels):
    cities = cities_for(request.user)
    if cities:
        panels.append(contact_checks.ContactChecksPanel(cities))


# --- Moderation in bulk (editorial.bulk); a page goes live with the people it lists (editorial.moderation) ----

for bulk_action in BULK_ACTIONS:
    # After Wagtail's own (order 0): the pages' "Publish" here takes the place of Wagtail's.
    hooks.register("register_bulk_action", bulk_action, order=1)
hooks.register("before_edit_page", warn_of_people_coming_along)
hooks.register("after_publish_page", publish_people_with_published_page)
# An import reviewed as one (editorial.imports): its screen, and the dashboard panel linking the imports waiting.
hooks.register("register_admin_urls", batch_urls)
hooks.register("construct_homepage_panels", import_batches_panel)


# --- Editors ask for pages to be unpublished; moderators decide (editorial.unpublishing) ------------------------
hooks.register("register_admin_urls", unpublish_views.urls)
hooks.register("register_page_header_buttons", unpublishing.request_header_button)
hooks.register("register_log_actions", unpublishing.register_log_actions)


@hooks.register("register_page_action_menu_item")
def request_unpublishing_menu_item():
    return unpublishing.RequestUnpublishingMenuItem(order=45)


@hooks.register("construct_homepage_panels")
def unpublish_requests_panel(request, panels):
    panel = unpublishing.UnpublishRequestsPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


# --- The admin in the editor's language: names (editorial.names), a moderator's requested changes ---------------
# After Wagtail's own registrations (order 0), whose workflow formatters it wraps.
hooks.register("register_log_actions", names.show_names_in_workflow_history, order=100)
hooks.register("before_edit_page", requested_changes.show_requested_changes)
hooks.register("before_edit_snippet", requested_changes.show_requested_changes)


@hooks.register("insert_editor_js")
def city_language_buttons():
    """The editor's language buttons keep to the languages of the form (the city's): static/js/admin-city-languages.js.
    After wagtail-modeltranslation's own insert_editor_js, whose settings it adjusts before its script runs."""
    return format_html('<script src="{}"></script>', static("js/admin-city-languages.js"))
