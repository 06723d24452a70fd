"""An import reviewed as one: the screen that lists a contact import's rows (what changes per person, and the unit
pages that list them) with "Approve all" and "Request changes", and the dashboard panel that links the imports
still waiting.

The import groups what it wrote in a contacts.ImportBatch; each person and page stays in its own workflow, and
approving the import approves each of them there (editorial.moderation), the people before the pages.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from citycomms.cities import user_cities
from contacts.models import ContactPerson, ImportBatch

from .bulk import compare_url, status_of
from .moderation import APPROVE, NOT_A_MODERATOR, REQUEST_CHANGES, edit_url, perform, refusal

URL_NAME = "editorial_import_batch"
BATCHES_SHOWN = 10

NOTHING_WAITING = _("Nothing of this import is awaiting moderation any more.")


@dataclass
class Item:
    """One person or page of an import, as the review screen shows it."""

    obj: object
    title: str
    edit_url: str
    compare_url: str
    status: str
    waiting: bool
    changes: list = field(default_factory=list)  # (what, before, after)


class ChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to request changes; optional when approving. The editor sees it with the drafts."),
    )


def batch_urls():
    return [path("editorial/imports/<int:pk>/", review_import, name=URL_NAME)]


def review_import(request, pk):
    """/admin/editorial/imports/<pk>/: the import's rows (GET); approve all or request changes to all (POST)."""
    batch = get_object_or_404(ImportBatch.objects.filter(city__in=user_cities(request.user)), pk=pk)
    items = batch_items(batch, request.user)
    form = ChangesForm(request.POST or None)
    if request.method == "POST":
        action = REQUEST_CHANGES if "request-changes" in request.POST else APPROVE
        if not any(item.waiting for item in items):
            return render_review(request, batch, items, form, status=409, refused=NOTHING_WAITING)
        if not any(not refusal(action, item.obj, request.user) for item in items if item.waiting):
            return render_review(request, batch, items, form, status=403, refused=NOT_A_MODERATOR)
        if action == REQUEST_CHANGES and form.is_valid() and not form.cleaned_data["comment"].strip():
            form.add_error("comment", _("Tell the editor what should change."))
        if form.is_valid():
            act_on_batch(request, items, action, form.cleaned_data["comment"])
            return redirect(URL_NAME, pk=batch.pk)
        return render_review(request, batch, items, form, status=400)
    return render_review(request, batch, items, form)


def act_on_batch(request, items, action, comment):
    """Approve (or send back) every waiting item of the import, the people first: one message for what was done,
    one for each item that could not be."""
    with transaction.atomic():
        outcomes = [perform(action, item.obj, request.user, comment) for item in items if item.waiting]
    done = sum(outcome.done for outcome in outcomes)
    if action == APPROVE:
        text = ngettext("%(count)s item of the import approved.", "%(count)s items of the import approved.", done)
    else:
        text = ngettext("Changes requested to %(count)s item.", "Changes requested to %(count)s items.", done)
    messages.success(request, text % {"count": done})
    for outcome in outcomes:
        if not outcome.done:
            messages.error(request, f"{outcome.obj}: {outcome.message}")


def render_review(request, batch, items, form, status=200, refused=""):
    people = [item for item in items if not isinstance(item.obj, Page)]
    pages = [item for item in items if isinstance(item.obj, Page)]
    waiting = [item for item in items if item.waiting]
    context = {
        "batch": batch,
        "people": people,
        "pages": pages,
        "waiting_count": len(waiting),
        "can_moderate": any(not refusal(APPROVE, item.obj, request.user) for item in waiting),
        "form": form,
        "refused": refused,
    }
    return TemplateResponse(request, "editorial/import_batch.html", context, status=status)


# --- What each item changes ---------------------------------------------------------------------------------------


def batch_items(batch, user):
    return [item_of(obj, batch, user) for obj in batch.objects_in_order()]


def item_of(obj, batch, user):
    state = obj.current_workflow_state
    is_page = isinstance(obj, Page)
    return Item(
        obj=obj,
        title=obj.get_admin_display_title() if is_page else str(obj),
        edit_url=edit_url(obj, user),
        compare_url=compare_url(obj),
        status=status_of(obj),
        waiting=state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        changes=page_changes(obj, batch) if is_page else person_changes(obj, batch),
    )


def person_changes(person, batch):
    """(field, value before, value the import gave) for each field the import changed of `person`."""
    fields = batch.changes.get("people", {}).get(str(person.pk), [])
    return [(field_label(name), shown(before), shown(after)) for name, before, after in fields]


def field_label(name):
    try:
        return ContactPerson._meta.get_field(name).verbose_name
    except FieldDoesNotExist:  # a field since removed
        return name


def shown(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value or ""


def page_changes(page, batch):
    """The people the import listed on `page`."""
    ids = batch.changes.get("pages", {}).get(str(page.pk), [])
    rows = ContactPerson.objects.filter(pk__in=ids).values_list("pk", "first_name", "last_name")
    names = {pk: f"{first} {last}" for pk, first, last in rows}
    listed = ", ".join(names[pk] for pk in ids if pk in names)
    return [(_("People added"), "", listed)] if listed else []


# --- The dashboard panel ------------------------------------------------------------------------------------------


def waiting_batches(user, limit=BATCHES_SHOWN):
    """The newest imports of `user`'s cities with something still awaiting moderation, each with `waiting`, the
    number of its people and pages awaiting it."""
    batches = ImportBatch.objects.filter(city__in=user_cities(user)).select_related("created_by")
    found = []
    for batch in batches[: limit * 5]:  # the newest; an import long approved is not looked at again and again
        batch.waiting = waiting_count(batch)
        if batch.waiting:
            found.append(batch)
        if len(found) == limit:
            break
    return found


def waiting_count(batch):
    """How many of the batch's people and pages have a workflow in progress: one query."""
    by_type = defaultdict(set)
    for type_id, object_id in batch.revisions.values_list("base_content_type", "object_id"):
        by_type[type_id].add(object_id)
    if not by_type:
        return 0
    match = Q(pk__in=[])
    for type_id, ids in by_type.items():
        match |= Q(base_content_type_id=type_id, object_id__in=ids)
    return WorkflowState.objects.filter(match, status=WorkflowState.STATUS_IN_PROGRESS).count()


class ImportBatchesPanel(Component):
    """The imports of the user's cities that wait for moderation, each linked to its review screen."""

    name = "import_batches"
    template_name = "editorial/includes/import_batches_panel.html"
    order = 200  # above Wagtail's own "Awaiting your review" (220): one item per import instead of one per row

    def __init__(self, batches):
        self.batches = batches

    def get_context_data(self, parent_context):
        return {"batches": [(batch, reverse(URL_NAME, args=[batch.pk])) for batch in self.batches]}


def import_batches_panel(request, panels):
    """construct_homepage_panels: the panel, for those whose cities have an import waiting."""
    batches = waiting_batches(request.user)
    if batches:
        panels.append(ImportBatchesPanel(batches))
