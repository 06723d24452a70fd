"""Reminders by email: each city's editors get the list of their city's contacts to check (contacts.checks).

`manage.py send_contact_reminders` sends them. A city's editors are the active users with an email address in
the groups whose page permissions lie in the city (its Editors and Moderators, and any group an administrator
made for it) who may edit contact people or service points. Those whose permissions lie on the tree root
(Wagtail's own Editors and Moderators) and superusers work for every city and are not any one city's editors.

Each email is in the editor's admin language (their Wagtail profile's preferred language), else in the city's
default language, and links each contact's editor on the city's own host.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citycomms.i18n import translated_value
from citycomms.models import CityHomePage, CitySettings

from .checks import CHECKED_MODELS, contacts_to_check

ADMIN_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@dataclass
class CityToCheck:
    """A city with contacts to check, and what its reminders need to know of it."""

    home: CityHomePage
    default_language: str
    languages: list
    base_url: str  # where its editors reach the admin, e.g. https://www.hel.fi
    contacts: list  # ContactToCheck rows

    def name(self, language):
        """The city's name in `language`, else in its own languages."""
        return str(translated_value(self.home, "title", self.languages, language=language))


def cities_to_check(period, today=None):
    """Every city with published contacts not checked within `period`, in tree order."""
    found = []
    for home in CityHomePage.objects.order_by("path"):
        contacts = contacts_to_check([home], period, today=today)
        if contacts:
            city_settings = CitySettings.for_home(home) or CitySettings()
            site = city_settings.site if city_settings.pk else None
            languages = city_settings.fallback_order
            found.append(CityToCheck(home, city_settings.default_language, languages, admin_base_url(site), contacts))
    return found


def admin_base_url(site):
    """The admin on `site`'s host: the scheme and port of WAGTAILADMIN_BASE_URL (what this deployment serves),
    the site's host name. Without a site, WAGTAILADMIN_BASE_URL itself."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if site is None:
        return settings.WAGTAILADMIN_BASE_URL
    port = f":{base.port}" if base.port else ""
    return f"{base.scheme}://{site.hostname}{port}"


def city_editors(home):
    """The city's editors (see the module's docstring), by username."""
    groups = Group.objects.filter(page_permissions__page__path__startswith=home.path)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("username")
    )
    change = [f"contacts.change_{model._meta.model_name}" for model in CHECKED_MODELS]
    return [user for user in users if any(user.has_perm(permission) for permission in change)]


def language_for(user, city):
    """The editor's admin language, else the city's default language."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = profile.preferred_language if profile else ""
    return preferred if preferred in ADMIN_LANGUAGES else city.default_language


def last_checked(row):
    """When the contact was last checked, in the active language."""
    if row.checked_on is None:
        return _("never checked")
    return _("last checked %(date)s") % {"date": date_format(row.checked_on, "SHORT_DATE_FORMAT")}


def reminder(city, user, period):
    """The email reminding `user` of `city`'s contacts not checked within `period`, in the user's language."""
    language = language_for(user, city)
    with translation.override(language):
        context = {
            "user": user,
            "city_name": city.name(language),
            "contacts": [(row, last_checked(row), f"{city.base_url}{row.edit_url}") for row in city.contacts],
            "period_days": period.days,
        }
        subject = ngettext(
            "%(city)s: %(count)s contact to check",
            "%(city)s: %(count)s contacts to check",
            len(city.contacts),
        ) % {"city": context["city_name"], "count": len(city.contacts)}
        body = render_to_string("contacts/admin/contact_check_reminder.txt", context)
    message = EmailMessage(subject, body, to=[user.email])
    message.extra_headers["Content-Language"] = language
    return message
