"""The editorial panels on the admin dashboard: translation coverage and the stalest pages of the user's cities."""

from functools import partial

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from citycomms.cache import until_next_change

from .freshness import stale_after, stale_pages, with_labels
from .translations import coverage, most_visited_untranslated, translation_gaps

PAGES_SHOWN = 5
# The editors' visits that order the untranslated pages change without a publish; this bounds how old they get.
COVERAGE_SECONDS = 10 * 60


class CityPanel(Component):
    """A dashboard panel on the cities the signed-in user works for."""

    def __init__(self, cities):
        self.cities = cities


class TranslationCoveragePanel(CityPanel):
    """Per city and language, the share of text translated; then the most edited pages still lacking some."""

    name = "translation_coverage"
    template_name = "editorial/includes/translation_coverage_panel.html"
    order = 260

    def render_html(self, parent_context=None):
        """Kept until content is next published or a contact saved: working out every gap of every page and
        contact of a city takes most of a second, and each editor opens the dashboard many times a day."""
        homes = ",".join(str(city.home.pk) for city in self.cities)
        key = f"citycomms:dashboard:translation-coverage:{translation.get_language()}:{homes}"
        return until_next_change(key, partial(super().render_html, parent_context), COVERAGE_SECONDS)

    def get_context_data(self, parent_context):
        gaps = list(translation_gaps(self.cities))
        return {
            "coverage": coverage(gaps),
            "untranslated_pages": most_visited_untranslated(gaps, self.cities, PAGES_SHOWN),
        }


class StalePagesPanel(CityPanel):
    """The user's cities' pages left longest without an update."""

    name = "stale_pages"
    template_name = "editorial/includes/stale_pages_panel.html"
    order = 270

    def get_context_data(self, parent_context):
        period = stale_after()
        pages = with_labels(stale_pages(self.cities, period)[:PAGES_SHOWN], self.cities)
        return {
            "panel_id": "stale-pages",
            "heading": _("Pages not updated for a while"),
            "rows": pages,
            "period_days": period.days,
        }
