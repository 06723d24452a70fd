"""Each city's settings: its languages, logo and brand colour, and its staff group."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from ..colours import HEX_COLOUR, MIN_TEXT_CONTRAST, WHITE, contrast_ratio
from ..fields import LanguageListField

# The house colour, used until a city chooses its own.
DEFAULT_BRAND_COLOUR = "#0b3d91"


@register_setting(icon="globe")
class CitySettings(BaseSiteSetting):
    """Which languages this city's site offers, which one it falls back to, and its logo and colour."""

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
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header on the brand colour, in place of the city's name (its alternative text)."),
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default=DEFAULT_BRAND_COLOUR,
        validators=[RegexValidator(HEX_COLOUR, _("Enter the colour as # and six hex digits, e.g. #0b3d91."))],
        help_text=_(
            "The header background and link colour, as #rrggbb. White text on it must have a contrast "
            "ratio of at least 4.5:1 (WCAG AA), so choose a dark colour."
        ),
    )

    # Who "signed-in staff" of this city are, besides its Editors and Moderators: readers of staff-only pages
    # and files who edit nothing. Made by citycomms.roles.setup_city_roles; not edited here.
    staff_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The city's own collection of images and documents, below the root collection; its staff's files live in
    # it. Made by citycomms.roles.setup_city_roles; not edited here.
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    select_related = ["logo"]
    panels = [
        FieldPanel("languages"),
        FieldPanel("default_language"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("brand_colour", widget=forms.TextInput(attrs={"type": "color"}))],
            heading=_("Branding"),
        ),
    ]

    class Meta:
        verbose_name = _("city settings")

    def clean(self):
        super().clean()
        errors = {}
        if self.default_language not in self.languages:
            errors["default_language"] = _("The default language must be one of the site's languages.")
        if self.brand_colour_contrast is not None and self.brand_colour_contrast < MIN_TEXT_CONTRAST:
            errors["brand_colour"] = ValidationError(
                _(
                    "White text on %(colour)s has a contrast ratio of only %(ratio)s:1; "
                    "it needs at least %(minimum)s:1. Choose a darker colour."
                ),
                params={
                    "colour": self.brand_colour,
                    "ratio": f"{self.brand_colour_contrast:.2f}",
                    "minimum": MIN_TEXT_CONTRAST,
                },
            )
        if errors:
            raise ValidationError(errors)

    @property
    def brand_colour_contrast(self):
        """The contrast ratio of white text on the brand colour; None while the colour is not valid."""
        if not HEX_COLOUR.search(self.brand_colour or ""):
            return None
        return contrast_ratio(self.brand_colour, WHITE)

    @classmethod
    def for_home(cls, home):
        """The settings of the site `home` is the root of (the default site first), or None without one."""
        site = Site.objects.filter(root_page=home).order_by("-is_default_site", "pk").first()
        return cls.for_site(site) if site else None

    @property
    def fallback_order(self):
        """The site's languages, default first: the order missing texts are looked up in."""
        return [self.default_language] + [c for c in self.languages if c != self.default_language]
