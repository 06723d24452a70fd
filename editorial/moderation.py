"""Moderating pages, contact people and service points through their workflows, one or many at a time.

Each action does to one object what Wagtail's own button does, and only for a user who may press it there:

- submit: start the object's workflow on its latest revision (or resume one a moderator sent back);
- approve: approve the task the object's workflow is on, as the task's "Approve" does: the workflow publishes the
  object when its last task is approved (nothing here publishes past it);
- request changes: the task's "Request changes", with the moderator's comment; the editor's draft stays;
- publish: publish the latest revision at once, as a moderator's "Publish" does (it ends a workflow in progress).

A page never goes live listing a contact person who is not live. The page editor lets an editor list the city's
new (draft) people on a page, and whoever approves or publishes the page takes them live with it: their own
workflow's task approved, else their latest revision published. `people_coming_along(page)` says who, so that the
moderator sees them first (the bulk screens, the page editor's notice); `bring_people_live` is called on every way a
page goes live in the admin: an approval (the workflow_approved signal, editorial.apps), the editor's "Publish"
(after_publish_page) and the bulk actions (editorial.bulk).
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, WorkflowState
from wagtail.permissions import policy_registry

from citycomms.cities import user_cities
from citycomms.tree import home_path
from contacts.models import ContactPerson
from contacts.replace import submit as submit_latest_revision
from contacts.usage import named_people

SUBMIT = "submit"
APPROVE = "approve"
REQUEST_CHANGES = "request-changes"
PUBLISH = "publish"

# Why an action cannot be done on an object, as the bulk screens and the import's review list it.
ANOTHER_CITY = _("It belongs to a city you do not work for.")
CANNOT_EDIT = _("You may not edit it.")
LOCKED = _("It is locked: ask whoever locked it, or a moderator, to unlock it.")
NO_WORKFLOW = _("It has no moderation workflow: a moderator publishes it.")
ALREADY_IN_MODERATION = _("It is awaiting moderation already.")
NOTHING_TO_SUBMIT = _("It has no unpublished changes to submit.")
NOT_IN_MODERATION = _("It is not awaiting moderation.")
NOT_A_MODERATOR = _("Only the moderators of its city may approve it or request changes.")
CANNOT_PUBLISH = _("You may not publish it: submit it for moderation instead.")
NOTHING_TO_PUBLISH = _("It has no unpublished changes to publish.")
PEOPLE_YOU_CANNOT_PUBLISH = _(
    "It lists people who have not been published and whom you may not publish: %(names)s. A page never goes live "
    "without the people it lists."
)
# What was done.
SUBMITTED = _("Submitted for moderation.")
APPROVED = _("Approved and published.")
APPROVED_NEXT_TASK = _("Approved: it moves on to the workflow's next step.")
CHANGES_REQUESTED = _("Changes requested: the editor's draft stays as it is.")
PUBLISHED = _("Published.")
# The page editor's notice to whoever may approve or publish a page listing people not yet published.
PEOPLE_COME_ALONG = _(
    "This page lists people who have not been published: %(names)s. Approving or publishing the page publishes them "
    "with it, as their latest drafts have them."
)


@dataclass
class Outcome:
    """What an action did to one object: `done`, and a sentence saying what or why not."""

    obj: object
    done: bool
    message: str
    people: list = field(default_factory=list)  # the people who went live with a page


def refusal(action, obj, user):
    """Why `user` may not do `action` to `obj` (a specific page, a contact person or a service point) now, as a
    translated sentence; "" if they may."""
    if not in_user_cities(obj, user):
        return ANOTHER_CITY
    return REFUSALS[action](obj, user)


def perform(action, obj, user, comment=""):
    """Do `action` to `obj` for `user`, or say why not: an Outcome."""
    refused = refusal(action, obj, user)
    if refused:
        return Outcome(obj, False, refused)
    return ACTIONS[action](obj, user, comment)


# --- Who may do what ------------------------------------------------------------------------------------------


def in_user_cities(obj, user):
    if isinstance(obj, Page):
        return user_cities(user).filter(path=home_path(obj.path)).exists()
    return _policy(obj).user_has_any_permission_for_instance(user, ["change", "publish"], obj)


def may_edit(obj, user):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return _policy(obj).user_has_permission_for_instance(user, "change", obj)


def may_publish(obj, user):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    return _policy(obj).user_has_permission_for_instance(user, "publish", obj)


def _policy(obj):
    return policy_registry.get_by_type(type(obj))


def is_locked_for(obj, user):
    lock = obj.get_lock()
    return lock is not None and lock.for_user(user)


def has_changes(obj):
    """Whether `obj` has a draft the public does not see yet."""
    return not obj.live or obj.has_unpublished_changes


def _submit_refusal(obj, user):
    state = obj.current_workflow_state
    if not may_edit(obj, user):
        return CANNOT_EDIT
    if is_locked_for(obj, user):
        return LOCKED
    if obj.get_workflow() is None:
        return NO_WORKFLOW
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ALREADY_IN_MODERATION
    if state is None and not has_changes(obj):
        return NOTHING_TO_SUBMIT
    return ""


def _task_refusal(obj, user, action_name):
    """Why `user` may not take the task action `action_name` ("approve", "reject") on `obj`'s workflow."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return NOT_IN_MODERATION
    task = state.current_task_state.task.specific
    if action_name not in {name for name, *_rest in task.get_actions(obj, user)}:
        return NOT_A_MODERATOR
    return ""


def _approve_refusal(obj, user):
    return _task_refusal(obj, user, "approve") or _people_refusal(obj, user)


def _request_changes_refusal(obj, user):
    return _task_refusal(obj, user, "reject")


def _publish_refusal(obj, user):
    if not may_publish(obj, user):
        return CANNOT_PUBLISH
    if is_locked_for(obj, user):
        return LOCKED
    if not has_changes(obj):
        return NOTHING_TO_PUBLISH
    return _people_refusal(obj, user)


def _people_refusal(obj, user):
    """A page may go live only with the people it lists: refused if `user` may not publish some of them."""
    if not isinstance(obj, Page):
        return ""
    others = [person for person in people_coming_along(obj) if not may_publish(person, user)]
    if others:
        return PEOPLE_YOU_CANNOT_PUBLISH % {"names": names(others)}
    return ""


# --- Doing it ---------------------------------------------------------------------------------------------------


def _submit(obj, user, comment=""):
    if obj.get_latest_revision() is None:  # made outside the admin: the workflow moderates a revision
        obj.save_revision(user=user, clean=False)
    submit_latest_revision(obj, user)
    return Outcome(obj, True, SUBMITTED)


def _task_action(obj, user, action_name, comment):
    """Take the task action `action_name` on `obj`'s current task, as the task's own button does."""
    task_state = obj.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, user, action_name, comment=comment)


def _approve(obj, user, comment=""):
    coming = people_coming_along(obj) if isinstance(obj, Page) else []
    _task_action(obj, user, "approve", comment)
    if obj.current_workflow_state is None:
        # The workflow has ended and published it; a page's people went live with it (bring_people_live, through
        # the workflow_approved signal).
        return Outcome(obj, True, APPROVED, coming)
    return Outcome(obj, True, APPROVED_NEXT_TASK)


def _request_changes(obj, user, comment=""):
    _task_action(obj, user, "reject", comment)
    return Outcome(obj, True, CHANGES_REQUESTED)


def _publish(obj, user, comment=""):
    coming = bring_people_live(obj, user) if isinstance(obj, Page) else []
    revision = obj.get_latest_revision() or obj.save_revision(user=user, clean=False)
    revision.publish(user=user)
    return Outcome(obj, True, PUBLISHED, coming)


REFUSALS = {
    SUBMIT: _submit_refusal,
    APPROVE: _approve_refusal,
    REQUEST_CHANGES: _request_changes_refusal,
    PUBLISH: _publish_refusal,
}
ACTIONS = {SUBMIT: _submit, APPROVE: _approve, REQUEST_CHANGES: _request_changes, PUBLISH: _publish}


# --- The people a page takes live with it ---------------------------------------------------------------------


def people_coming_along(page):
    """The contact people of `page`'s city its latest revision lists (as head, contact or card) who have not been
    published: approving or publishing the page takes them live with it."""
    ids = named_people(page.specific.get_latest_revision_as_object())
    if not ids:
        return []
    people = ContactPerson.objects.filter(pk__in=ids, live=False, city__path=home_path(page.path))
    return list(people.order_by("last_name", "first_name"))


def bring_people_live(page, user):
    """Publish the people `page` lists who are not live, each through their own workflow when it waits for a task
    `user` may approve, else by publishing their latest revision; those `user` may not publish are left (the
    bulk actions refuse such a page first). The people published."""
    published = []
    for person in people_coming_along(page):
        if not may_publish(person, user):
            continue
        if not _task_refusal(person, user, "approve"):
            _task_action(person, user, "approve", "")
            person.refresh_from_db()
        if not person.live:
            revision = person.get_latest_revision() or person.save_revision(user=user, clean=False)
            revision.publish(user=user)
        published.append(person)
    return published


def publish_people_with_approved_page(sender, instance, user=None, **kwargs):
    """workflow_approved: a page whose workflow has ended (and published it) takes its unpublished people live."""
    page = instance.content_object
    if isinstance(page, Page) and user is not None:
        bring_people_live(page.specific, user)


def publish_people_with_published_page(request, page):
    """after_publish_page: the page editor's "Publish" takes the page's unpublished people live with it."""
    bring_people_live(page, request.user)


def warn_of_people_coming_along(request, page):
    """before_edit_page: tell whoever may approve or publish the page which people would go live with it."""
    if request.method != "GET":
        return
    user = request.user
    if not (may_publish(page, user) or not _task_refusal(page, user, "approve")):
        return
    coming = people_coming_along(page)
    if coming:
        messages.warning(request, PEOPLE_COME_ALONG % {"names": names(coming)})


def names(people):
    return ", ".join(person.full_name for person in people)


def edit_url(obj, user):
    return AdminURLFinder(user).get_edit_url(obj)
