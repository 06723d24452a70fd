"""A person leaves or changes role: put someone else of the same city (or no one) in their place on every page
that lists them, live or in a draft, as new drafts that go through the pages' moderation.

Nothing is published here: each changed page gets a new revision, made from its latest one, submitted to its
workflow (a page already in moderation keeps its workflow, whose approval publishes the latest revision). The
editor then sees which pages changed and which did not, and why.
"""

from dataclasses import dataclass
from typing import ClassVar

from django import forms
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from citycomms.chosen import Place, refusals

from .models import ContactPerson
from .scoping import for_user_cities
from .usage import listings, swap_person

REPLACE_URL_NAME = "contacts_replace_person"
REMOVE = "remove"

PERSON_OF_ANOTHER_CITY = _("Choose a published person who works for the same city.")
SUBMITTED = _("A new draft, submitted for moderation.")
SAVED_AS_DRAFT = _("A new draft: this page has no moderation workflow, so publish it when ready.")
NOT_IN_LATEST_DRAFT = _(
    "Only the live version lists them: the page's latest draft does not, and takes them off when it is published."
)
LOCKED = _("Not changed: the page is locked. Ask whoever locked it, or a moderator, to unlock it and try again.")
NOT_EDITABLE = _("Not changed: you may not edit this page.")


@dataclass
class Outcome:
    """What happened on one page: `changed` (a new revision), whether that is `submitted` for moderation (a page
    with no workflow is not), and a sentence saying what or why not."""

    page: object
    changed: bool
    message: str
    submitted: bool = False
    # Only pages of the person's own city are ever changed (templates/contacts/admin/includes/pages.html links them).
    in_city: ClassVar[bool] = True


def replace_everywhere(person, replacement, user):
    """Put `replacement` (None: nobody) in place of `person` on every page of the person's city that lists them,
    live or in its latest draft; an Outcome per page, in tree order."""
    home_path = person.city.path
    return [
        replace_on_page(listing.page.specific, person, replacement, user)
        for listing in listings(person)
        if listing.page.path.startswith(home_path)  # another city's page is never touched
    ]


def replace_on_page(page, person, replacement, user):
    """One page: a new revision from its latest one, with `replacement` in place of `person`, submitted."""
    refused = page_refusal(page, replacement, user)
    if refused:
        return Outcome(page, False, refused)
    with transaction.atomic():
        draft = page.get_latest_revision_as_object()
        if not swap_person(draft, person.pk, replacement):
            return Outcome(page, False, NOT_IN_LATEST_DRAFT)
        if not page.live:
            # As Wagtail's page editor does: a page never published keeps its row in step with its draft.
            draft.save(clean=False)
        draft.save_revision(user=user, log_action=True, clean=False)
        submitted = submit(draft, user)
    return Outcome(page, True, SUBMITTED if submitted else SAVED_AS_DRAFT, submitted)


def page_refusal(page, replacement, user):
    """Why `page` cannot take `replacement` from `user` (a translated sentence), or "" if it can."""
    if not page.permissions_for_user(user).can_edit():
        return NOT_EDITABLE
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return LOCKED
    if replacement is not None:
        # The rules of the page editor: the city's own people, published ones on a public page, and so on.
        refused = refusals([(ContactPerson, str(replacement.pk))], Place.of_page(page))
        if refused:
            return next(iter(refused.values()))
    return ""


def submit(page, user):
    """Submit `page`'s latest revision to its moderation, as Wagtail's "Submit for moderation" does; whether
    it is in moderation now. A workflow in progress carries on (its approval publishes the latest revision)."""
    state = page.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        return True
    workflow = page.get_workflow()
    if workflow is None:
        return False
    workflow.start(page, user)
    return True


class ReplaceForm(forms.Form):
    """Whom to put in a person's place: a published person of the same city, or nobody."""

    replacement = forms.ChoiceField(
        label=_("Put in their place"),
        help_text=_("Only published people of the same city can be chosen: publish a new person first."),
        error_messages={"invalid_choice": PERSON_OF_ANOTHER_CITY},
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = (
            ContactPerson.objects.filter(city_id=person.city_id, live=True).exclude(pk=person.pk).order_by("last_name")
        )
        self.fields["replacement"].choices = [
            ("", _("Choose…")),
            (REMOVE, _("Nobody: take them off every page")),
            *[(str(other.pk), person_label(other)) for other in self.people],
        ]

    def clean_replacement(self):
        value = self.cleaned_data["replacement"]
        return None if value == REMOVE else self.people.get(pk=value)


def person_label(person):
    return f"{person.full_name}, {person.job_title}" if person.job_title else person.full_name


def replace_person(request, pk):
    """/admin/contacts/people/<pk>/replace/: the pages listing the person and whom to put in their place (GET);
    replace them and show what changed on which page (POST)."""
    if not request.user.has_perm("contacts.change_contactperson"):
        raise Http404
    person = get_object_or_404(for_user_cities(ContactPerson.objects.select_related("city"), request.user), pk=pk)
    form = ReplaceForm(request.POST or None, person=person)
    if form.is_valid():
        outcomes = replace_everywhere(person, form.cleaned_data["replacement"], request.user)
        changed = [outcome for outcome in outcomes if outcome.changed]
        context = {
            "person": person,
            "replacement": form.cleaned_data["replacement"],
            "changed": changed,
            "unchanged": [outcome for outcome in outcomes if not outcome.changed],
            # What the summary says of the new drafts: in moderation, or only saved (no workflow applies).
            "submitted_count": sum(outcome.submitted for outcome in changed),
            "saved_count": sum(not outcome.submitted for outcome in changed),
        }
        return TemplateResponse(request, "contacts/admin/replace_person_done.html", context)
    context = {"person": person, "form": form, "listings": listings(person)}
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "contacts/admin/replace_person.html", context, status=status)
