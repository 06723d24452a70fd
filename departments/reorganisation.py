"""Reorganisations: a department, unit or team renamed, merged into, split into or replaced by other pages, or
closed, and which organisation pages are current.

A reorganised page stays live and readable at its address, with a notice at the top (departments.notices); it
drops out of everything that lists the city's organisation as it is now: the main menu, the city home, the
units and teams of a page, the media contacts and the top of search results. The pages below it (a former
department's units and teams) go with it. `current()` is the one rule for all of them.

What a page's row says is what is live: Wagtail keeps a draft's changes in its revision until it is published,
so a reorganisation counts from the moment a moderator publishes it.
"""

from collections import deque
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable, PageQuerySet

from citycomms.columns import LINK_FIELDS
from citycomms.tree import ancestor_paths


class Reorganisation(models.TextChoices):
    """What happened to a department, unit or team; the empty value (not among these) is "nothing: current"."""

    RENAMED = "renamed", _("Renamed")
    MERGED = "merged", _("Merged into")
    SPLIT = "split", _("Split into")
    REPLACED = "replaced", _("Replaced by")
    CLOSED = "closed", _("Closed")


# The changes that name where the work went: every one but closing.
WITH_SUCCESSORS = {Reorganisation.RENAMED, Reorganisation.MERGED, Reorganisation.SPLIT, Reorganisation.REPLACED}

SUCCESSOR_OF_ITSELF = _("A page cannot succeed itself: choose another page.")
SUCCESSOR_NOT_LIVE = _("Choose a published page: this one is not live.")
SUCCESSOR_IN_A_LOOP = _(
    "This page would succeed itself through %(page)s, which is already succeeded by this page: choose another."
)
SUCCESSOR_TWICE = _("This page is chosen twice.")
SUCCESSORS_MISSING = _("Choose what took its place under “Successor pages” below.")
SUCCESSORS_OF_A_CLOSED_PAGE = _("A closed page has no successors: remove them, or choose what else happened.")
SUCCESSORS_WITHOUT_CHANGE = _("Choose what happened to it: successor pages are only for a reorganised page.")
DATE_WITHOUT_CHANGE = _("Choose what happened on this date, or leave the date empty.")


class Successor(Orderable):
    """A page that took over (some of) a reorganised department's, unit's or team's work."""

    page = ParentalKey("departments.OrganisationPage", on_delete=models.CASCADE, related_name="successors")
    successor = models.ForeignKey(
        "departments.OrganisationPage",
        verbose_name=_("successor page"),
        # Null only when the successor is deleted later: an old revision then still opens.
        null=True,
        on_delete=models.SET_NULL,
        related_name="predecessor_links",
    )

    panels = [
        PageChooserPanel("successor", ["departments.DepartmentPage", "departments.UnitPage", "departments.TeamPage"])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("successor page")
        verbose_name_plural = _("successor pages")


def reorganised_at_or_above():
    """True for a page (of any type, in an outer queryset) that is a reorganised organisation page or lies below
    one: tested inside the outer query, as citycomms.visibility.public tests view restrictions."""
    from .models import OrganisationPage  # the models use this module's queryset

    above = OrganisationPage.objects.exclude(reorganisation="").filter(
        path=Substr(OuterRef("path"), 1, Length("path"))
    )
    return Exists(above)


def current(pages):
    """`pages` (a queryset of any page type) without the reorganised organisation pages and the pages below
    them: what lists the organisation as it is now shows (the CURRENT_PAGES_HOOK of citycomms.visibility)."""
    return pages.exclude(reorganised_at_or_above())


def former_last(pages):
    """`pages` with `former` (reorganised, or below a reorganised page) to order by: search ranks them last."""
    return pages.alias(former=reorganised_at_or_above())


class OrganisationPageQuerySet(PageQuerySet):
    def current(self):
        """These pages, those reorganised (or below a reorganised page) left out: see current()."""
        return current(self)


@dataclass(frozen=True)
class Lineage:
    """What a served page shows of reorganisations: `line`, itself and the organisation pages above it that are
    reorganised, top down (empty: it is current); `predecessors`, the live pages naming it as their successor."""

    line: list
    predecessors: list


def reorganisation_of(page):
    """The Lineage of the organisation page `page`, read in one query and remembered on it."""
    if getattr(page, "_lineage", None) is None:
        from .models import OrganisationPage  # the models use this module's queryset

        if page.pk is None:  # a new page's preview: nothing names it yet
            page._lineage = Lineage([page] if page.reorganisation else [], [])
            return page._lineage
        above = ancestor_paths([page.path]) - {page.path}
        naming = Successor.objects.filter(successor=page.pk).values("page")
        found = (
            OrganisationPage.objects.filter((Q(path__in=above) & ~Q(reorganisation="")) | Q(pk__in=naming))
            .annotate(names_it=Exists(Successor.objects.filter(page=OuterRef("pk"), successor=page.pk)))
            .order_by("path")
            .only(*LINK_FIELDS, "reorganisation")
        )
        line = [item for item in found if item.path in above and item.reorganisation]
        predecessors = [item for item in found if item.names_it and item.live]
        page._lineage = Lineage(line + ([page] if page.reorganisation else []), predecessors)
    return page._lineage


# --- What an editor may choose ------------------------------------------------------------------------------


def change_errors(status, date, successor_count):
    """{field name: message} for a reorganisation's status and date given how many successors it names."""
    errors = {}
    if not status:
        if successor_count:
            errors["reorganisation"] = SUCCESSORS_WITHOUT_CHANGE
        if date:
            errors["reorganised_on"] = DATE_WITHOUT_CHANGE
    elif status == Reorganisation.CLOSED and successor_count:
        errors["reorganisation"] = SUCCESSORS_OF_A_CLOSED_PAGE
    elif status in WITH_SUCCESSORS and not successor_count:
        errors["reorganisation"] = SUCCESSORS_MISSING
    return errors


def successor_errors(page, successors):
    """{index: message} for the chosen `successors` (OrganisationPages, in form order) of `page` (None while it is
    new): not itself, live, each once, and no loop through the successors other pages already name.

    Another city's page is refused by citycomms.chosen, as every page an editor chooses."""
    errors, seen = {}, set()
    for index, successor in enumerate(successors):
        if page is not None and successor.pk == page.pk:
            errors[index] = SUCCESSOR_OF_ITSELF
        elif successor.pk in seen:
            errors[index] = SUCCESSOR_TWICE
        elif not successor.live:
            errors[index] = SUCCESSOR_NOT_LIVE
        elif page is not None and leads_back(successor, page):
            # Put in when shown, so that the message is in the editor's language.
            errors[index] = ValidationError(SUCCESSOR_IN_A_LOOP, params={"page": successor.get_admin_display_title()})
        seen.add(successor.pk)
    return errors


def leads_back(start, page):
    """Whether following the successors pages name (as published) from `start` reaches `page`."""
    seen, queue = {start.pk}, deque([start.pk])
    while queue:
        following = set(
            Successor.objects.filter(page__in=list(queue), successor__isnull=False).values_list("successor", flat=True)
        )
        if page.pk in following:
            return True
        queue = deque(following - seen)
        seen |= following
    return False
