"""Contacts checked on a date: which published people and service points nobody has confirmed for a while.

A contact's `checked_on` (contacts.models.CheckedMixin) is set when an editor saves it in the admin and by the
"Still correct" action (contacts.check_actions). Checking records a fact about the contact, not a change to
it: only that column is written, so there is no new revision, nothing for the moderators, nothing new for the
public and no change to the vCard's revision time; a pending draft stays exactly as it was.

The editorial report and dashboard panel and `manage.py send_contact_reminders` list what is to be checked.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import ContactPerson, ServicePoint

CHECKED_MODELS = (ContactPerson, ServicePoint)
# The history's entry for a "Still correct" (registered with Wagtail's log actions in contacts.wagtail_hooks).
CHECKED_ACTION = "contacts.checked"
CHECKED_LABEL = _("Checked: still correct")


def check_period(days=None):
    """How long a check holds: `days` if given, else the CONTACT_CHECK_PERIOD_DAYS setting (six months)."""
    return timedelta(days=days or settings.CONTACT_CHECK_PERIOD_DAYS)


def edit_url_name(model):
    """The admin's edit view of a contact person or service point, by URL name."""
    return f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit"


@dataclass
class ContactToCheck:
    """A published contact person or service point not checked within the period."""

    contact: object

    @property
    def name(self):
        return str(self.contact)

    @property
    def kind_label(self):
        return capfirst(self.contact._meta.verbose_name)

    @property
    def checked_on(self):
        return self.contact.checked_on

    @property
    def city_id(self):
        return self.contact.city_id

    @property
    def edit_url(self):
        """The path of the contact's editor, where "Still correct" is."""
        return reverse(edit_url_name(type(self.contact)), args=[self.contact.pk])

    def sort_key(self):
        """Never checked first, then the longest unchecked, then by name."""
        return (self.checked_on is not None, self.checked_on or datetime.date.min, self.name.casefold())


def unchecked(model, homes, period, today=None):
    """The published `model` contacts of the city home pages `homes` last checked before `period` ago, or never;
    in the order of ContactToCheck.sort_key as far as the database can tell."""
    cutoff = (today or timezone.localdate()) - period
    return (
        model.objects.filter(city__in=homes, live=True)
        .filter(Q(checked_on__lt=cutoff) | Q(checked_on=None))
        .order_by(F("checked_on").asc(nulls_first=True), *model._meta.ordering)
    )


def contacts_to_check(homes, period, limit=None, today=None):
    """The published people and service points of `homes` not checked within `period`, as ContactToCheck rows:
    never checked first, then the longest unchecked. `limit`: only the first so many."""
    found = []
    for model in CHECKED_MODELS:
        contacts = unchecked(model, homes, period, today)
        found += [ContactToCheck(contact) for contact in (contacts[:limit] if limit else contacts)]
    found.sort(key=ContactToCheck.sort_key)
    return found[:limit] if limit else found


def count_to_check(homes, period, today=None):
    """How many published people and service points of `homes` are not checked within `period`."""
    return sum(unchecked(model, homes, period, today).count() for model in CHECKED_MODELS)


def record_check(contact, user=None, logged=False):
    """Record that `contact`'s details were confirmed today: its `checked_on` column alone, so that neither its
    live version nor a draft changes; with `logged`, also an entry in its history naming `user`."""
    today = timezone.localdate()
    type(contact).objects.filter(pk=contact.pk).update(checked_on=today)
    contact.checked_on = today
    if logged:
        log(instance=contact, action=CHECKED_ACTION, user=user)
