"""The editorial reports in the admin: translation status and content freshness, each city's staff on their own."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from citycomms.models import CityHomePage
from citycomms.params import IdChoiceFilter
from citycomms.spreadsheets import as_text_cell
from citycomms.trails import TrailLabels
from departments.models import DepartmentPage

from .cities import cities_for, pages_in
from .freshness import stale_after, stale_pages, with_labels
from .translations import translation_gaps, with_page_names

MAX_MONTHS = 1200  # a century; more is a typing slip


class MonthsFilter(django_filters.NumberFilter):
    """A number of whole months, from 1 to MAX_MONTHS; left empty, the report's default period."""

    field_class = forms.IntegerField

    def __init__(self, label):
        super().__init__(
            label=label, min_value=1, max_value=MAX_MONTHS, help_text=_("Leave empty for the site's default period.")
        )


class CityFilterSet(WagtailFilterSet):
    """A report's filters; the city choices are the cities the user works for.

    The views read the cleaned values themselves (a city is a subtree of pages,
    not a field), so an invalid value shows its error and is left out.
    """

    city = IdChoiceFilter(label=_("City"), queryset=CityHomePage.objects.none())

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["city"].queryset = CityHomePage.objects.filter(pk__in=[city.home.pk for city in cities])


class TranslationFilterSet(CityFilterSet):
    department = IdChoiceFilter(
        label=_("Department"),
        queryset=DepartmentPage.objects.none(),
        help_text=_("Only the department's pages and the contact people they list."),
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, cities=cities, **kwargs)
        departments = DepartmentPage.objects.filter(pk__in=pages_in(cities).values("pk")).order_by("path")
        self.filters["department"].queryset = departments
        self.filters["department"].extra["label_from_instance"] = TrailLabels(departments)


class FreshnessFilterSet(CityFilterSet):
    months = MonthsFilter(_("Not updated for (months)"))


class CityReportView(ReportView):
    """A report on the cities the signed-in user works for; someone working for none gets a 403."""

    filterset_class = CityFilterSet
    # The rows' texts come from editors: a CSV cell starting with "=" must not run as a formula.
    custom_value_preprocess = ReportView.custom_value_preprocess | {str: {ReportView.FORMAT_CSV: as_text_cell}}

    def dispatch(self, request, *args, **kwargs):
        if not self.cities:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def cities(self):
        return cities_for(self.request.user)

    def get_filterset_kwargs(self):
        return super().get_filterset_kwargs() | {"cities": self.cities}

    def filter_queryset(self, queryset):
        return queryset  # get_queryset applies filter_values itself

    @property
    def list_export(self):
        return [column.accessor for column in self.columns]  # the exports have the listing's columns

    @property
    def export_headings(self):
        return {column.accessor: column.label for column in self.columns}

    def write_csv_response(self, queryset):
        # Wagtail streams the CSV after the view has returned, when the user's admin
        # language is no longer active: write the rows while it is.
        response = super().write_csv_response(queryset)
        response.streaming_content = list(response.streaming_content)
        return response

    @cached_property
    def filter_values(self):
        """The filters' valid values; an invalid one is left out (and the form shows its error)."""
        if not self.filters:
            return {}
        self.filters.is_valid()
        return {name: value for name, value in self.filters.form.cleaned_data.items() if value not in (None, "")}

    @cached_property
    def selected_cities(self):
        chosen = self.filter_values.get("city")
        return [city for city in self.cities if chosen is None or city.home.pk == chosen.pk]


class TranslationReportView(CityReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    filterset_class = TranslationFilterSet
    index_url_name = "editorial_translations"
    index_results_url_name = "editorial_translations_results"
    export_filename = "translation-status"
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda gap: gap.edit_url),
        Column("kind_label", label=_("Type")),
        Column("city_name", label=_("City")),
        Column("language", label=_("Language")),
        Column("missing_fields", label=_("Missing fields")),
    ]

    def get_queryset(self):
        """The rows: each page, contact person and service point with a language it lacks text in."""
        language = self.filter_values.get("language")
        gaps = translation_gaps(self.selected_cities, below=self.filter_values.get("department"))
        return [gap for gap in gaps if gap.missing and language in (None, gap.language)]

    def decorate_paginated_queryset(self, gaps):
        return with_page_names(gaps)


class FreshnessReportView(CityReportView):
    page_title = _("Content freshness")
    header_icon = "time"
    filterset_class = FreshnessFilterSet
    index_url_name = "editorial_freshness"
    index_results_url_name = "editorial_freshness_results"
    export_filename = "content-freshness"
    columns = [
        TitleColumn("report_title", label=_("Title"), url_name="wagtailadmin_pages:edit"),
        Column("city_name", label=_("City")),
        Column("type_label", label=_("Type")),
        DateColumn("updated_at", label=_("Last published")),
    ]

    def get_queryset(self):
        return stale_pages(self.selected_cities, stale_after(self.filter_values.get("months")))

    def decorate_paginated_queryset(self, pages):
        return with_labels(pages, self.cities)
