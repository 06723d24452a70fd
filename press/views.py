"""The media contacts for address books (one vCard file) and spreadsheets (CSV)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from citycomms.cache import cacheable
from citycomms.i18n import city_settings, translated_value
from citycomms.params import site_or_404
from citycomms.spreadsheets import csv_response
from contacts.vcard import vcard_response
from departments.views import Cards

from .directory import media_directory
from .models import PressContactsPage


@require_safe
@cacheable
def media_vcards(request):
    """/<lang>/vcard/media.vcf: every media contact of the city serving the request, each placed at its page."""
    home = published_home(request)
    directory = media_directory(home)
    people = directory.people()
    if not people:
        raise Http404("This city lists no media contacts.")
    cards = Cards(request)
    city = [home] if home.live else []  # a card names the live pages above a person, as Cards would read them
    for group in directory.groups:
        if group.page is not None:
            cards.place(group.page, [*city, group.department, *group.trail])
    return vcard_response([cards.card(person, page) for person, page in people], _("media contacts"))


@require_safe
@cacheable
def media_csv(request):
    """/<lang>/media-contacts.csv: one row per media contact, texts in the URL's language; a person that several
    pages list has every department, unit and role of theirs in one row, separated by semicolons."""
    directory = media_directory(published_home(request))
    fallbacks = city_settings(request).fallback_order

    def text(obj, field_name):
        return str(translated_value(obj, field_name, fallbacks)) if obj else ""

    def joined(values):
        return "; ".join(dict.fromkeys(value for value in values if value))

    header = [_("Name"), _("Job title"), _("Media topics"), _("Phone"), _("Email"), _("Department"), _("Unit")]
    rows = [[*header, _("Role")]]
    for group in directory.shown_groups:
        for entry in group.entries:
            person, places = entry.person, [(group, entry), *entry.also]
            rows.append(
                [person.full_name, text(person, "job_title"), text(person, "media_topics"), person.phone]
                + [person.email, joined(text(place.department, "title") for place, _entry in places)]
                + [joined(" › ".join(text(page, "title") for page in place.trail) for place, _entry in places)]
                + [joined(role_in(place, listed, text) for place, listed in places)]
            )
    return csv_response(rows, _("media-contacts"))


def role_in(group, entry, text):
    """What `entry`'s person is on `group`'s page, as the CSV says it, named with the page (a person listed on
    several pages has a role on each): "Page: role", or head of the page."""
    page = text(group.page, "title") if group.page is not None else ""
    if entry.listing is None:
        return _("Head: %(page)s") % {"page": page} if page else ""
    role = text(entry.listing, "role")
    return f"{page}: {role}" if page and role else role


def published_home(request):
    """The home page of the city serving the request, if its media contacts page is live and public.

    The exports are that page's list in other formats: a city that unpublishes
    or restricts the page withdraws them too.
    """
    home = site_or_404(request).root_page
    if not PressContactsPage.objects.live().public().child_of(home).exists():
        raise Http404("This city publishes no media contacts page.")
    return home
