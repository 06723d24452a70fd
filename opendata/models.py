"""Each city's open data page: what the downloads of its organisation hold, their licence and their addresses."""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from citycomms.models import CitySectionPage

from .downloads import LICENCE, downloads


class OpenDataPage(CitySectionPage):
    """The city's "Open data" page, linked from every page's footer: it lists the downloads of the city's
    organisation (departments, units and teams, former ones with the date they ended; posts; the people the
    public site shows, with their work phone and email; who holds which post from when to when, acting or not)
    as Popolo JSON and CSV files, their licence (CC BY 4.0) and how to get only what changed since a date.

    One per city, directly below the city's home page. The downloads exist only while this page is live and
    public: unpublish it, or make it staff-only, and they go with it.
    """

    intro = models.TextField(
        _("intro"),
        blank=True,
        help_text=_("A sentence or two for developers and researchers: what they can build with the data."),
    )

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "downloads": downloads(),
                "licence": LICENCE,
                "licence_url": LICENCE.deed_url(translation.get_language()),
                "schema_url": reverse("open_data_schema"),
            }
        )
        return context
