"""The "Still correct" action on a contact person or service point, and a save that counts as a check.

One click, in the listing's "More" menu or the editor's action menu, posts to the contact's `checked/` URL
(Wagtail's `w-action` controller sends the CSRF token and where to return). Only someone who may edit the
contact may check it: another city's contact is not found (404), and without the permission to edit it the
answer is a 403 saying so. The view records the date (contacts.checks.record_check) and nothing else: it reads
no field of the request but where to return, so it cannot carry a change past the moderators.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem

from .checks import CHECKED_ACTION, CHECKED_LABEL, CHECKED_MODELS, edit_url_name, record_check
from .models import ContactPerson, ServicePoint
from .scoping import CityPermissionPolicy, for_user_cities

STILL_CORRECT = _("Still correct")
CHECK_URL_NAMES = {ContactPerson: "contacts_person_checked", ServicePoint: "contacts_service_point_checked"}


def check_urls():
    """For the `register_admin_urls` hook: a person's and a service point's "Still correct"."""
    return [
        path(
            "contacts/people/<int:pk>/checked/",
            still_correct,
            {"model": ContactPerson},
            name=CHECK_URL_NAMES[ContactPerson],
        ),
        path(
            "contacts/service-points/<int:pk>/checked/",
            still_correct,
            {"model": ServicePoint},
            name=CHECK_URL_NAMES[ServicePoint],
        ),
    ]


def check_url(contact):
    return reverse(CHECK_URL_NAMES[type(contact)], args=[contact.pk])


def may_check(user, contact):
    """Whether `user` may edit `contact` (Django's permission, in one of the user's cities), and so check it."""
    return CityPermissionPolicy(type(contact)).user_has_permission_for_instance(user, "change", contact)


@require_POST
def still_correct(request, pk, model):
    """Record that the contact's details are still correct, then return whence the click came (else its editor)."""
    contact = get_object_or_404(for_user_cities(model.objects.all(), request.user), pk=pk)
    if not may_check(request.user, contact):
        return TemplateResponse(request, "contacts/admin/check_refused.html", {"contact": contact}, status=403)
    record_check(contact, request.user, logged=True)
    messages.success(request, _("“%(contact)s” is still correct: checked today.") % {"contact": contact})
    return redirect(get_valid_next_url_from_request(request) or reverse(edit_url_name(model), args=[contact.pk]))


class CheckedOnColumn(DateColumn):
    """A listing's column of when a contact was last checked ("3 months ago"), or "Never"."""

    cell_template_name = "contacts/admin/checked_on_cell.html"

    def __init__(self, name="checked_on", **kwargs):
        super().__init__(name, **{"label": _("Checked on"), **kwargs})


def post_button_attrs(url):
    """A button's attributes that make Wagtail's admin script post to `url` (with the CSRF token and `next`)."""
    return {"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url}


def still_correct_listing_button(snippet, user, next_url=None):
    """For `register_snippet_listing_buttons`: "Still correct" in a contact's "More" menu of the listing, which
    lists only the user's cities' contacts; the view checks the contact itself again."""
    if isinstance(snippet, CHECKED_MODELS) and user.has_perm(f"contacts.change_{snippet._meta.model_name}"):
        yield Button(
            STILL_CORRECT, icon_name="calendar-check", attrs=post_button_attrs(check_url(snippet)), priority=80
        )


class StillCorrectMenuItem(ActionMenuItem):
    """The contact editor's action menu: "Still correct", for a saved contact the user may edit. It posts
    nothing of the form: whatever is typed in the editor is saved (and moderated) only by saving it."""

    name = "action-still-correct"
    label = STILL_CORRECT
    icon_name = "calendar-check"
    template_name = "contacts/admin/still_correct_menu_item.html"

    def is_shown(self, context):
        return context["view"] == "edit" and may_check(context["request"].user, context["instance"])

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["check_url"] = check_url(parent_context["instance"])
        return context


def still_correct_menu_item(model):
    """For `register_snippet_action_menu_item`."""
    return StillCorrectMenuItem(order=80) if issubclass(model, CHECKED_MODELS) else None


def checked_on_save(request, instance):
    """For `after_create_snippet` and `after_edit_snippet`: an editor who saves a contact (a draft, a submission,
    a publish) has looked at it, so it counts as checked. Wagtail logs the save itself."""
    if isinstance(instance, CHECKED_MODELS):
        record_check(instance)


def register_checked_action(actions):
    """For `register_log_actions`: how a check reads in the contact's history."""
    actions.register_action(CHECKED_ACTION, _("Checked"), CHECKED_LABEL)
