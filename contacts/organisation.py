"""Where contact people work: the pages that head or list them, which an app on a floor above provides.

Contacts sit below the department, unit and team pages, so they never name them. An app that has such pages
(departments) registers an `Organisation` with the Wagtail hook ORGANISATION_HOOK; the contact listing's
department filter, the import (which lists people on their unit page) and the export (which writes each
person's unit) ask `organisation()`. Without one, people belong to no page.
"""

from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page

ORGANISATION_HOOK = "contacts_organisation"


class Organisation:
    """What contacts need to know of the pages people work on; the registered app overrides each method."""

    def pages(self, cities):
        """The department, unit and team pages of `cities` (a queryset of city home pages), in tree order."""
        return Page.objects.none()

    def people_in(self, page):
        """A filter for the people who head `page` or a page below it, or are listed on one."""
        return Q(pk__in=[])

    def list_on_page(self, page, people, user):
        """Add `people` to `page`'s contacts, in a new draft of the page by `user`, unless it lists them."""

    def pages_naming(self, people_ids, fields):
        """(person id, *the page's `fields`) for every page heading or listing one of `people_ids`: the heads
        first, then the listings, each in reverse tree order (so that in a dict the first page wins)."""
        return []


def organisation():
    """The registered Organisation (the last one registered), or one with no pages."""
    registered = hooks.get_hooks(ORGANISATION_HOOK)
    return registered[-1]() if registered else Organisation()
