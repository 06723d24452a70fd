"""Each city's settings: its languages, logo, colours, contact details and social media, and its staff group."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from ..colours import HEX_COLOUR, MIN_TEXT_CONTRAST, WHITE, contrast_ratio
from ..fields import LanguageListField

# The house colours, used until a city chooses its own.
DEFAULT_BRAND_COLOUR = "#0b3d91"
DEFAULT_ACCENT_COLOUR = "#e8f1fb"
# The body text colour of static/css/site.css (--ink), which the accent colour must carry.
INK = "#1a1a1a"

# The social media services the footer links to, in its order: (field name, name shown).
SOCIAL_SERVICES = [
    ("facebook_url", "Facebook"),
    ("instagram_url", "Instagram"),
    ("linkedin_url", "LinkedIn"),
    ("youtube_url", "YouTube"),
    ("x_url", "X"),
]
# Links the public site shows: web addresses only (Django's URL check also lets ftp:// through).
WEB_ADDRESS = URLValidator(schemes=["http", "https"])
HEX_COLOUR_VALIDATOR = RegexValidator(HEX_COLOUR, _("Enter the colour as # and six hex digits, e.g. #0b3d91."))


def social_url_field(name):
    """An optional address of the city's account on a social media service (named as the service is)."""
    return models.URLField(
        name, blank=True, validators=[WEB_ADDRESS], help_text=_("The city's own account, https://…")
    )


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
        validators=[HEX_COLOUR_VALIDATOR],
        help_text=_(
            "The header background and link colour, as #rrggbb. White text on it must have a contrast "
            "ratio of at least 4.5:1 (WCAG AA), so choose a dark colour."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT_COLOUR,
        blank=True,
        validators=[HEX_COLOUR_VALIDATOR],
        help_text=_(
            "The background of the front page's lead, as #rrggbb; empty for a light blue. Text and links in the "
            "brand colour must have a contrast ratio of at least 4.5:1 on it, so choose a light colour."
        ),
    )

    # The footer: how to reach the city, where to give feedback, its social media.
    postal_address = models.TextField(
        _("postal address"), blank=True, help_text=_("In the site's default language, one line per line of address.")
    )
    phone = models.CharField(
        _("switchboard phone"), max_length=32, blank=True, help_text=_("With the country code, e.g. +358 9 310 1641.")
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("The city's general address (registry)."))
    feedback_url = models.URLField(
        _("feedback address"),
        blank=True,
        validators=[WEB_ADDRESS],
        help_text=_("Where residents give the city feedback."),
    )
    facebook_url = social_url_field("Facebook")
    instagram_url = social_url_field("Instagram")
    linkedin_url = social_url_field("LinkedIn")
    youtube_url = social_url_field("YouTube")
    x_url = social_url_field("X")

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
            [
                FieldPanel("logo"),
                FieldPanel("brand_colour", widget=forms.TextInput(attrs={"type": "color"})),
                FieldPanel("accent_colour", widget=forms.TextInput(attrs={"type": "color"})),
            ],
            heading=_("Branding"),
        ),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("feedback_url")],
            heading=_("Contact details in the footer"),
        ),
        MultiFieldPanel([FieldPanel(name) for name, _service in SOCIAL_SERVICES], heading=_("Social media")),
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
        accent_error = self.accent_colour_error()
        if accent_error:
            errors["accent_colour"] = accent_error
        if errors:
            raise ValidationError(errors)

    def accent_colour_error(self):
        """Why text (and links in the brand colour) would be hard to read on the accent colour; None if fine."""
        accent = self.accent_colour or DEFAULT_ACCENT_COLOUR  # what the site shows when none is chosen
        if not all(HEX_COLOUR.search(colour or "") for colour in [self.brand_colour, accent]):
            return None
        ratio = min(contrast_ratio(accent, INK), contrast_ratio(accent, self.brand_colour))
        if ratio >= MIN_TEXT_CONTRAST:
            return None
        return ValidationError(
            _(
                "Text and links in the brand colour on %(colour)s have a contrast ratio of only %(ratio)s:1; "
                "they need at least %(minimum)s:1. Choose a lighter colour."
            ),
            params={"colour": accent, "ratio": f"{ratio:.2f}", "minimum": MIN_TEXT_CONTRAST},
        )

    @property
    def social_links(self):
        """(service name, address) of each social media account the city has, in the footer's order."""
        return [(service, getattr(self, name)) for name, service in SOCIAL_SERVICES if getattr(self, name)]

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
