"""Moderation in bulk: Wagtail's bulk actions (the footer of the page explorer and of the contact people and service
point listings, when items are selected) that submit, approve, request changes to or publish them together.

Each object is done as editorial.moderation does one: through its workflow, for a user who may do it there. The
confirmation screen lists what will be done, what cannot be and why, and for a page the unpublished people who
go live with it. Another city's object is never reached: its id in the URL answers 404 (citycomms.admin_scope),
and each object is checked again here.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page, WorkflowState
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from contacts.models import ContactPerson, ServicePoint

from .moderation import (
    APPROVE,
    PUBLISH,
    REQUEST_CHANGES,
    SUBMIT,
    edit_url,
    people_coming_along,
    perform,
    refusal,
)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The editors see it in each item's history."),
    )


class ChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The editors see it with their drafts."),
    )


class PublishPagesForm(forms.Form):
    include_descendants = forms.BooleanField(label=_("Publish their unpublished subpages too"), required=False)


class ModerationBulkAction:
    """What the moderation bulk actions share; a subclass names its `moderation_action` and its texts."""

    moderation_action = None
    template_name = "editorial/bulk_moderation.html"
    form_class = forms.Form
    intro = ""
    button_label = ""
    refused_heading = ""
    # What was done, for `count` items: ngettext_lazy(singular, plural, "count").
    done_message = ""

    def specific(self, obj):
        return obj.specific if isinstance(obj, Page) else obj

    def reason(self, obj):
        """Why the user may not do this to `obj` ("" if they may), worked out once per object."""
        reasons = self.__dict__.setdefault("_reasons", {})
        key = (type(obj).__name__, obj.pk)
        if key not in reasons:
            reasons[key] = refusal(self.moderation_action, self.specific(obj), self.request.user)
        return reasons[key]

    def check_perm(self, obj):
        return not self.reason(obj)

    def object_context(self, obj):
        item = self.specific(obj)
        coming = people_coming_along(item) if self.takes_people_live(item) else []
        return {
            "item": item,
            "title": item.get_admin_display_title() if isinstance(item, Page) else str(item),
            "edit_url": edit_url(item, self.request.user),
            "compare_url": compare_url(item),
            "kind": kind_of(item),
            "status": status_of(item),
            "people": [(person, edit_url(person, self.request.user)) for person in coming],
        }

    def takes_people_live(self, item):
        return isinstance(item, Page) and self.moderation_action in (APPROVE, PUBLISH)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        refused = [entry["item"] if isinstance(entry, dict) else entry for entry in context["items_with_no_access"]]
        context["items_with_no_access"] = [
            {"title": self.specific(obj).get_admin_display_title() if isinstance(obj, Page) else str(obj)}
            | {"reason": self.reason(obj)}
            for obj in refused
        ]
        context.update(
            shows_people=self.moderation_action in (APPROVE, PUBLISH) and issubclass(self.model, Page),
            action_label=self.display_name,
            intro=self.intro,
            button_label=self.button_label,
            refused_heading=self.refused_heading,
        )
        return context

    def get_execution_context(self):
        self.outcomes = []
        data = self.cleaned_form.cleaned_data
        return {
            "user": self.request.user,
            "comment": data.get("comment", ""),
            "include_descendants": data.get("include_descendants", False),
            "outcomes": self.outcomes,
        }

    @classmethod
    def execute_action(cls, objects, user=None, comment="", outcomes=None, **kwargs):
        outcomes = [] if outcomes is None else outcomes
        for obj in objects:
            obj = obj.specific if isinstance(obj, Page) else obj
            outcomes.append(perform(cls.moderation_action, obj, user, comment))
        done = [outcome for outcome in outcomes if outcome.done]
        return len(done), sum(len(outcome.people) for outcome in done)

    def get_success_message(self, num_parent_objects, num_child_objects):
        for outcome in self.outcomes:
            if not outcome.done:  # changed since the confirmation screen was shown
                messages.error(self.request, f"{outcome.obj}: {outcome.message}")
        message = self.done_message % {"count": num_parent_objects}
        if num_child_objects:
            people = ngettext(
                "%(count)s person not yet published went live with their page.",
                "%(count)s people not yet published went live with their pages.",
                num_child_objects,
            ) % {"count": num_child_objects}
            message = f"{message} {people}"
        return message


# --- The actions, for pages and for the contact snippets ---------------------------------------------------------


class SubmitAction(ModerationBulkAction):
    moderation_action = SUBMIT
    action_type = "submit"
    display_name = _("Submit for moderation")
    aria_label = _("Submit the selected items for moderation")
    intro = _("Submit these for moderation? The city's moderators then approve them or request changes.")
    button_label = _("Yes, submit")
    refused_heading = _("These cannot be submitted:")
    action_priority = 1
    done_message = ngettext_lazy(
        "%(count)s item submitted for moderation.", "%(count)s items submitted for moderation.", "count"
    )


class ApproveAction(ModerationBulkAction):
    moderation_action = APPROVE
    action_type = "approve"
    display_name = _("Approve")
    aria_label = _("Approve the selected items")
    form_class = CommentForm
    intro = _("Approve these? Each is published when the last step of its workflow is approved.")
    button_label = _("Yes, approve")
    refused_heading = _("These cannot be approved:")
    action_priority = 2
    done_message = ngettext_lazy("%(count)s item approved.", "%(count)s items approved.", "count")


class RequestChangesAction(ModerationBulkAction):
    moderation_action = REQUEST_CHANGES
    action_type = "request-changes"
    display_name = _("Request changes")
    aria_label = _("Request changes to the selected items")
    form_class = ChangesForm
    intro = _("Send these back to their editors with your comment? Their drafts stay as they are.")
    button_label = _("Request changes")
    refused_heading = _("Changes cannot be requested to these:")
    action_priority = 3
    done_message = ngettext_lazy(
        "Changes requested to %(count)s item.", "Changes requested to %(count)s items.", "count"
    )


class PublishAction(ModerationBulkAction):
    moderation_action = PUBLISH
    action_type = "publish"
    display_name = _("Publish")
    aria_label = _("Publish the selected items")
    intro = _("Publish these now, without moderation?")
    button_label = _("Yes, publish")
    refused_heading = _("These cannot be published:")
    action_priority = 4
    done_message = ngettext_lazy("%(count)s item published.", "%(count)s items published.", "count")


class PagePublishAction(PublishAction):
    """Publishing pages (in place of Wagtail's own bulk "Publish"): the unpublished people they list go live with
    them, and, when asked, their unpublished subpages."""

    form_class = PublishPagesForm

    def object_context(self, obj):
        context = super().object_context(obj)
        context["draft_subpages"] = obj.get_descendants().not_live().count()
        return context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not any(item["draft_subpages"] for item in context["items"]):
            context["form"].fields.pop("include_descendants")
        return context

    @classmethod
    def execute_action(cls, objects, user=None, include_descendants=False, outcomes=None, **kwargs):
        pages = [page.specific for page in objects]
        if include_descendants:
            below = Page.objects.none()
            for page in pages:
                below |= page.get_descendants().not_live()
            # A subpage is published only if its own checks pass (the user may publish it and its people), and
            # once, though it was selected too.
            below = below.exclude(pk__in=[page.pk for page in pages]).order_by("path").specific()
            pages += [page for page in below if not refusal(PUBLISH, page, user)]
        return super().execute_action(pages, user=user, outcomes=outcomes)


class ContactSnippetBulkAction(SnippetBulkAction):
    """A bulk action on contact people and service points only."""

    models = [ContactPerson, ServicePoint]


def bulk_actions():
    """Each moderation action for contact people and service points, and for pages."""
    for action in (SubmitAction, ApproveAction, RequestChangesAction, PublishAction):
        yield type(f"Contact{action.__name__}", (action, ContactSnippetBulkAction), {})
    for action in (SubmitAction, ApproveAction, RequestChangesAction, PagePublishAction):
        yield type(f"Page{action.__name__}", (action, PageBulkAction), {})


BULK_ACTIONS = list(bulk_actions())


# --- What the confirmation screen says of each item ----------------------------------------------------------------


def kind_of(obj):
    return (obj.specific_class if isinstance(obj, Page) else type(obj))._meta.verbose_name


def status_of(obj):
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("Awaiting moderation")
    if state is not None:
        return _("Changes requested")
    if not obj.live:
        return _("Draft, never published")
    if obj.has_unpublished_changes:
        return _("Live, with unpublished changes")
    return _("Live")


def compare_url(obj):
    """Where to compare the live version with the latest draft, for an object that has both; else ""."""
    if not (obj.live and obj.has_unpublished_changes):
        return ""
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:revisions_compare", args=[obj.pk, "live", "latest"])
    url_name = obj.snippet_viewset.get_url_name("revisions_compare")
    return reverse(url_name, args=[quote(obj.pk), "live", "latest"])
