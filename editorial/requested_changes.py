"""A moderator's request for changes, where the editor works: a message at the top of the page's or contact's
editor.

Wagtail 8 keeps the moderator's comment in the workflow dialog behind the status panel's "View details", and an
editor who reopens their page sees only "Changes requested". While the object's workflow waits for the editor's
changes, its editor opens with who asked and what they wrote.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState


def requested_changes(obj):
    """The task state whose rejection `obj`'s workflow waits on, when the moderator left a comment; else None."""
    state = getattr(obj, "current_workflow_state", None)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES or state.current_task_state is None:
        return None
    task_state = state.current_task_state.specific
    return task_state if str(task_state.get_comment() or "").strip() else None


def request_message(task_state):
    """The editor's message for `task_state` (see requested_changes)."""
    context = {"comment": task_state.get_comment()}
    if task_state.finished_by is None:
        return _("Changes were requested: “%(comment)s” Make them and submit again.") % context
    context["moderator"] = get_user_display_name(task_state.finished_by)
    return _("%(moderator)s requested changes: “%(comment)s” Make them and submit again.") % context


def show_requested_changes(request, obj):
    """before_edit_page and before_edit_snippet: on opening the editor, the moderator's comment if changes wait."""
    if request.method != "GET":
        return
    task_state = requested_changes(obj)
    if task_state is not None:
        messages.warning(request, request_message(task_state))
