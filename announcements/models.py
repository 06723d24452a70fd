"""Announcements: a city's notices at the top of its pages, from a start time until an end time."""

import textwrap

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.search import index

from citycomms.api_fields import PublicPageField
from citycomms.chosen import PAGE_OF_ANOTHER_CITY
from citycomms.cities import city_name
from citycomms.i18n import first_translated_value, has_content
from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CityHomePage, CitySettings
from citycomms.models.city_settings import WEB_ADDRESS
from contacts.models import CityModerationTaskMixin, ModeratedMixin

NOTIFICATION = "notification"
ATTENTION = "attention"
ALERT = "alert"
KIND_CHOICES = [(NOTIFICATION, _("Notification")), (ATTENTION, _("Attention")), (ALERT, _("Alert"))]
# The design system's notification for each type (static/vendor/hds/hds.css): blue, yellow and red, each with
# its icon. Pages show alerts first.
KIND_CLASSES = {NOTIFICATION: "", ATTENTION: "hds-notification--alert", ALERT: "hds-notification--error"}
KIND_ICONS = {NOTIFICATION: "info-circle-fill", ATTENTION: "alert-circle-fill", ALERT: "error-fill"}
KIND_ORDER = {ALERT: 0, ATTENTION: 1, NOTIFICATION: 2}

ALL_CITIES = _("All cities")
ENDS_BEFORE_IT_STARTS = _("The end must be after the start.")
TEXT_IN_CITY_LANGUAGE = _("Write the text in %(language)s, the city's default language.")
TEXT_IN_EVERY_CITY_LANGUAGE = _("Write the text in %(language)s, the default language of a city it is shown in.")
PAGE_OF_NO_CITY = _("An announcement to every city shows on all their pages: leave the page empty.")


class Announcement(ModeratedMixin, index.Indexed, models.Model):
    """A notice at the top of the city's pages: a disruption, an event, an emergency.

    Choose its type: a notification, something readers should pay attention to, or an alert (screen readers read
    an alert out as soon as the page opens). It shows on every page of the city, or on a page you choose and the
    pages below it, from its start until its end, by itself: nobody needs to publish or unpublish it at those
    times. Write its text in each of the city's languages; the city's default language is required. Editors save
    drafts and submit them; the city's moderators publish. Administrators may make one for every city.
    Published, it is also in the read API and in the city's announcements feed (unless it shows only on
    staff-only pages).
    """

    city = models.ForeignKey(
        CityHomePage,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
        help_text=_("Empty: every city (administrators only)."),
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=KIND_CHOICES,
        default=NOTIFICATION,
        help_text=_(
            "Notification: news worth knowing. Attention: a disruption readers should know of. Alert: a danger "
            "to act on now; screen readers read it out at once."
        ),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("One or two sentences: what happens, where, and what readers should do.")
    )
    link = models.URLField(
        _("link"), blank=True, validators=[WEB_ADDRESS], help_text=_("Optional: where to read more, https://…")
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("shown on"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: every page of the city. A page: that page and the pages below it."),
    )
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, help_text=_("Empty: until it is unpublished."))

    panels = [
        MultiFieldPanel(
            # Required on a draft too: an empty city would be every city's announcement (announcements.forms).
            [
                FieldPanel("city", required_on_save=True),
                FieldPanel("kind", widget=forms.RadioSelect, required_on_save=True),
            ],
            heading=_("City and type"),
        ),
        MultiFieldPanel([FieldPanel("text"), FieldPanel("link")], heading=_("Text")),
        MultiFieldPanel(
            [FieldPanel("page"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("Where and when"),
        ),
    ]
    search_fields = [
        *(index.SearchField(f"text_{code}") for code in LANGUAGE_CODES),
        # The admin's search finds one by the start of a word, as a moderator types it.
        *(index.AutocompleteField(f"text_{code}") for code in LANGUAGE_CODES),
        index.FilterField("city"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("text"),
        APIField("link"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("page", serializer=PublicPageField(read_only=True)),
    ]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.summary

    @property
    def summary(self):
        """The text's beginning, in the admin's language if written in it: for listings and the history."""
        return textwrap.shorten(str(first_translated_value(self, ["text"], LANGUAGE_CODES)), 80, placeholder=" …")

    @property
    def city_name(self):
        return city_name(self.city) if self.city_id else ALL_CITIES

    @property
    def notification_class(self):
        return KIND_CLASSES.get(self.kind, "")

    @property
    def icon_name(self):
        return KIND_ICONS.get(self.kind, KIND_ICONS[NOTIFICATION])

    @property
    def is_alert(self):
        return self.kind == ALERT

    def is_on(self, now):
        """Whether it shows at `now`: started, and not ended."""
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ENDS_BEFORE_IT_STARTS
        message = TEXT_IN_CITY_LANGUAGE if self.city_id else TEXT_IN_EVERY_CITY_LANGUAGE
        names = dict(settings.LANGUAGES)
        for code in self.required_languages():
            if not has_content(getattr(self, f"text_{code}", None)):
                errors[f"text_{code}"] = ValidationError(message, params={"language": names[code]})
        page_error = self.page_error()
        if page_error:
            errors["page"] = page_error
        if errors:
            raise ValidationError(errors)

    def required_languages(self):
        """The default language of its city, or of each city for an announcement to every city."""
        if self.city_id:
            city_settings = CitySettings.for_home(self.city)
            return [city_settings.default_language if city_settings else settings.LANGUAGE_CODE]
        defaults = CitySettings.objects.filter(site__root_page__in=CityHomePage.objects.all())
        return sorted(set(defaults.values_list("default_language", flat=True)))

    def page_error(self):
        """Why the chosen page cannot be the one it shows on, or None."""
        if not self.page_id:
            return None
        if not self.city_id:
            return PAGE_OF_NO_CITY
        if not self.page.path.startswith(self.city.path):
            return PAGE_OF_ANOTHER_CITY
        return None


class AnnouncementApprovalTask(CityModerationTaskMixin, AbstractGroupApprovalTask):
    """A workflow step for announcements: a moderator approves only those of the city they moderate, and only an
    administrator one for every city (contacts.CityModerationTaskMixin, as for contacts)."""

    def moderated_models(self):
        return (Announcement,)

    @classmethod
    def get_description(cls):
        return _("Moderators of the announcement's own city can approve this task")

    class Meta:
        verbose_name = _("announcement approval task")
        verbose_name_plural = _("announcement approval tasks")


# The one workflow of announcements, and its task (citycomms.roles makes them): names are data, not interface text.
ANNOUNCEMENT_WORKFLOW = "Announcement moderation"
ANNOUNCEMENT_TASK = "Announcement approval"
