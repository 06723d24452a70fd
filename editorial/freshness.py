"""Pages not updated for a while: live pages whose last publication is older than a period.

A page's age is its last publication (`last_published_at`), not its latest
revision: readers see what was published, and a draft saved yesterday leaves
the public page as old as it was. A page made live without publishing (an
import, say) has no publication time; it falls back to its first publication,
and a page with neither counts as stale and comes first.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from citycomms.trails import trail_names

from .cities import by_home_path, home_path, pages_in

# Months as the calendar averages them, so that twelve months is a year.
DAYS_PER_MONTH = 365.25 / 12


def stale_after(months=None):
    """The period after which a page is stale: `months` if given, else the CITYCOMMS_STALE_AFTER_DAYS setting."""
    if months:
        return timedelta(days=months * DAYS_PER_MONTH)
    return timedelta(days=settings.CITYCOMMS_STALE_AFTER_DAYS)


def stale_pages(cities, period):
    """The live pages of `cities` not published within `period`, oldest (and undated) first."""
    cutoff = timezone.now() - period
    return (
        pages_in(cities)
        .live()
        .annotate(updated_at=Coalesce("last_published_at", "first_published_at"))
        .filter(Q(updated_at__lt=cutoff) | Q(updated_at=None))
        .select_related("content_type")
        .order_by(F("updated_at").asc(nulls_first=True), "path")
    )


def with_labels(pages, cities):
    """`pages` as a list, each with its name with its trail ("Viestintäosasto › Viestintä", in the active language
    where the page has it, else in its city's), its city's name and its type's name."""
    cities_by_path = by_home_path(cities)
    pages = list(pages)
    names = trail_names(pages)
    for page in pages:
        city = cities_by_path[home_path(page)]
        page.report_title = names[page.pk]
        page.city_name = city.name
        page.type_label = str(page.content_type.model_class()._meta.verbose_name)
    return pages
