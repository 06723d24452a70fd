"""Site-wide pieces: the city home page and each city's language settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .fields import LanguageListField

COUNTRY_CHOICES = [("FI", _("Finland")), ("SE", _("Sweden"))]


class TranslatedPageMixin:
    """Page validation for titles that may be written in any of the languages."""

    def clean(self):
        super().clean()
        if not any(getattr(self, f"title_{code}", None) for code, _name in settings.LANGUAGES):
            raise ValidationError(
                {f"title_{settings.LANGUAGE_CODE}": _("Give the page a title in the site's default language.")}
            )


class CityHomePage(TranslatedPageMixin, Page):
    """The front page of one city's site: its name, a lead paragraph and its departments.

    Each city is a Wagtail Site rooted at one of these; everything the city
    publishes lives below it.
    """

    intro = models.TextField(_("intro"), blank=True, help_text=_("A short lead paragraph shown under the title."))
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        default="FI",
        help_text=_("Phone numbers of this city's contacts are read and shown in this country's format."),
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("body")], heading=_("Front page text")),
        FieldPanel("country"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = ["intro", "body", "country"]

    class Meta:
        verbose_name = _("city home page")
        verbose_name_plural = _("city home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = self.get_children().live().public()
        return context


@register_setting(icon="globe")
class CitySettings(BaseSiteSetting):
    """Which languages this city's site offers, and which one it falls back to."""

    languages = LanguageListField(
        _("languages"),
        default="fi,sv,en",
        help_text=_("Languages this site is published in. Others are hidden and redirect."),
    )
    default_language = models.CharField(
        _("default language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fi",
        help_text=_("Shown at / and whenever a text is missing in the reader's language."),
    )

    panels = [FieldPanel("languages"), FieldPanel("default_language")]

    class Meta:
        verbose_name = _("city settings")

    def clean(self):
        super().clean()
        if self.default_language not in self.languages:
            raise ValidationError({"default_language": _("The default language must be one of the site's languages.")})

    @property
    def fallback_order(self):
        """The site's languages, default first: the order missing texts are looked up in."""
        return [self.default_language] + [c for c in self.languages if c != self.default_language]
