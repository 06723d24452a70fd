"""Editors ask for a page to come off the site; their city's moderators decide.

Editors may not unpublish (citycomms.roles). On a live page of their city they have "Request unpublishing" in
the page editor's action menu and the page header's menu: they say why, and suggest whether its subpages should
go too. The city's moderators (those who may unpublish the page) get an email and see the request on their
dashboard; on its screen they unpublish the page, with its subpages if they choose, or keep it live, with a
comment the editor reads in their email and on their own dashboard. Each step is in the page's history.

A small model (editorial.models.UnpublishRequest) rather than a Wagtail workflow: a page's workflow ends by
publishing it, and a page has one workflow at a time, which its next draft may need.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.models import GroupPagePermission, Page

from citycomms.cities import within
from citycomms.tree import CITY_HOME_DEPTH, ancestor_paths

from .models import UnpublishRequest
from .notifications import notify

REQUEST_URL_NAME = "editorial_request_unpublishing"
REVIEW_URL_NAME = "editorial_unpublish_request"
REQUEST_LABEL = _("Request unpublishing")
# What an editor's dashboard shows of their own requests once decided.
DECIDED_SHOWN_DAYS = 30
PANEL_ROWS = 10

SUBMITTED = "editorial.unpublish_request.submit"
APPROVED = "editorial.unpublish_request.approve"
REJECTED = "editorial.unpublish_request.reject"


# --- Who may ask and decide ---------------------------------------------------------------------------------


def pending_request(page):
    return UnpublishRequest.objects.filter(page=page, status=UnpublishRequest.PENDING).first()


def may_request(page, user, permissions=None):
    """Whether `user` may ask for `page` to be unpublished: a live page below a city's home that they may edit
    but not publish (nor so unpublish; a moderator's page locked by another is still theirs to unpublish), with
    no request pending."""
    permissions = permissions or page.permissions_for_user(user)
    return (
        page.live
        and page.depth > CITY_HOME_DEPTH
        and permissions.can_edit()
        and not permissions.can_publish()
        and pending_request(page) is None
    )


def may_decide(page, user):
    """Whether `user` moderates `page`: may publish (so unpublish) it."""
    return page.permissions_for_user(user).can_publish()


def moderators_of(page):
    """The users who may unpublish `page`: members of groups with the publish permission on it or above it, and
    superusers unless WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS says no (as Wagtail's own notifications)."""
    permissions = GroupPagePermission.objects.filter(
        page__path__in=ancestor_paths([page.path]), permission__codename="publish_page"
    )
    users = get_user_model().objects.filter(is_active=True, groups__in=permissions.values("group"))
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        users = users | get_user_model().objects.filter(is_active=True, is_superuser=True)
    return users.distinct()


def requests_to_decide(user):
    """The pending requests `user` may decide, oldest first."""
    pending = UnpublishRequest.objects.filter(status=UnpublishRequest.PENDING).select_related("page", "requested_by")
    if not user.is_superuser:
        paths = GroupPagePermission.objects.filter(
            group__in=user.groups.all(), permission__codename="publish_page"
        ).values_list("page__path", flat=True)
        pending = pending.filter(page__in=Page.objects.filter(within(list(paths))))
    return pending.order_by("requested_at", "pk")


def requests_of(user):
    """`user`'s own requests: those pending, and those decided within DECIDED_SHOWN_DAYS."""
    since = timezone.now() - timedelta(days=DECIDED_SHOWN_DAYS)
    recent = Q(status=UnpublishRequest.PENDING) | Q(decided_at__gte=since)
    return UnpublishRequest.objects.filter(recent, requested_by=user).select_related("page", "decided_by")


# --- Asking and deciding ------------------------------------------------------------------------------------


def submit_request(page, user, reason, include_subpages):
    """A new pending request for `page`, logged in its history and emailed to its moderators."""
    with transaction.atomic():
        unpublish_request = UnpublishRequest.objects.create(
            page=page, requested_by=user, reason=reason, include_subpages=include_subpages
        )
        log(instance=page, action=SUBMITTED, user=user, data={"comment": reason})
    recipients = [moderator for moderator in moderators_of(page) if moderator.pk != user.pk]
    notify(recipients, "editorial/unpublish_request_submitted", email_context(unpublish_request), "submitted")
    return unpublish_request


class AlreadyDecided(Exception):
    """Another moderator decided the request first."""


def approve(unpublish_request, user, include_subpages, comment):
    """Unpublish the request's page (and its live subpages if `include_subpages`), and tell the editor."""
    page = unpublish_request.page.specific
    with transaction.atomic():
        decide(unpublish_request, user, UnpublishRequest.APPROVED, comment, include_subpages)
        if page.live:
            UnpublishPageAction(page, user=user, include_descendants=include_subpages).execute()
        elif include_subpages:  # taken off the site meanwhile; its subpages may still be live
            for subpage in page.get_descendants().live().specific():
                if subpage.permissions_for_user(user).can_unpublish():
                    UnpublishPageAction(subpage, user=user).execute()
        log(instance=page, action=APPROVED, user=user, data={"comment": comment})
    notify_requester(unpublish_request, "approved")


def reject(unpublish_request, user, comment):
    """Keep the page live, and tell the editor why."""
    with transaction.atomic():
        decide(unpublish_request, user, UnpublishRequest.REJECTED, comment, unpublish_request.include_subpages)
        log(instance=unpublish_request.page.specific, action=REJECTED, user=user, data={"comment": comment})
    notify_requester(unpublish_request, "rejected")


def decide(unpublish_request, user, status, comment, include_subpages):
    """Record the decision, unless another moderator's came first (AlreadyDecided)."""
    decision = {
        "status": status,
        "decided_by": user,
        "decided_at": timezone.now(),
        "comment": comment,
        "include_subpages": include_subpages,
    }
    pending = UnpublishRequest.objects.filter(pk=unpublish_request.pk, status=UnpublishRequest.PENDING)
    if not pending.update(**decision):
        raise AlreadyDecided
    for name, value in decision.items():
        setattr(unpublish_request, name, value)


def notify_requester(unpublish_request, decision):
    requester = unpublish_request.requested_by
    if requester is not None and requester.pk != unpublish_request.decided_by_id:
        notify([requester], f"editorial/unpublish_request_{decision}", email_context(unpublish_request), decision)


def email_context(unpublish_request):
    return {
        "page": unpublish_request.page.specific,
        "unpublish_request": unpublish_request,
        "review_url": reverse(REVIEW_URL_NAME, args=[unpublish_request.pk]),
    }


# --- Where editors and moderators meet them -----------------------------------------------------------------


class RequestUnpublishingMenuItem(ActionMenuItem):
    """The page editor's action menu: ask the moderators to unpublish the page."""

    name = "action-request-unpublishing"
    label = REQUEST_LABEL
    icon_name = "download"

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        return may_request(context["page"], context["request"].user, self.get_user_page_permissions_tester(context))

    def get_url(self, parent_context):
        return reverse(REQUEST_URL_NAME, args=[parent_context["page"].pk])


def request_header_button(page, user, view_name, next_url=None):
    """register_page_header_buttons: the same, in the page header's menu."""
    if view_name == "edit" and may_request(page, user):
        yield MenuItem(REQUEST_LABEL, reverse(REQUEST_URL_NAME, args=[page.pk]), icon_name="download", priority=61)


class UnpublishRequestsPanel(Component):
    """The dashboard: the requests a moderator may decide, and an editor's own recent ones."""

    name = "unpublish_requests"
    template_name = "editorial/includes/unpublish_requests_panel.html"
    order = 120

    def __init__(self, to_decide, own):
        self.to_decide = to_decide
        self.own = own

    @classmethod
    def for_user(cls, user):
        """The panel for `user`, or None when they have nothing to decide or follow."""
        to_decide = list(requests_to_decide(user)[:PANEL_ROWS])
        own = list(requests_of(user).order_by("-requested_at")[:PANEL_ROWS])
        return cls(to_decide, own) if to_decide or own else None

    def get_context_data(self, parent_context):
        return {"to_decide": self.to_decide, "own": self.own}


# --- The page's history -------------------------------------------------------------------------------------


class CommentedAction(LogFormatter):
    """A history entry whose comment is the editor's reason or the moderator's comment."""

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


def register_log_actions(actions):
    for action, label in (
        (SUBMITTED, _("Unpublishing requested")),
        (APPROVED, _("Unpublishing request approved")),
        (REJECTED, _("Unpublishing request rejected")),
    ):
        actions.register_action(action)(type("Formatter", (CommentedAction,), {"label": label, "message": label}))
