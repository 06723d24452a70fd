"""The contacts menu in the admin: contact people and service points, each city's staff seeing their own."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citycomms.chosen import CHOSEN_OBJECTS_HOOK
from citycomms.panels import CityLanguageObjectList
from citycomms.roles import CITY_SNIPPETS_HOOK, CitySnippets

from . import check_actions
from .filters import ContactPersonFilterSet, ServicePointFilterSet
from .models import CONTACT_TASK, CONTACT_WORKFLOW, ContactApprovalTask, ContactPerson, ServicePoint
from .replace import REPLACE_URL_NAME, replace_person
from .scoping import (
    CityPermissionPolicy,
    CityScopedChooserViewSet,
    CityScopedForm,
    CityScopedViewSetMixin,
    refuse_contacts,
)
from .spreadsheet import COLUMNS
from .usage import listings_of
from .views import ContactIndexView, import_contacts

# Before the viewsets: Wagtail refuses a policy once it has made its fallback one for the model.
register_permission_policy(ContactPerson, CityPermissionPolicy(ContactPerson))
register_permission_policy(ServicePoint, CityPermissionPolicy(ServicePoint))


class ContactPersonViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    list_display = [
        Column("full_name", label=_("Name"), sort_key="last_name"),
        "job_title",
        Column("phone_display", label=_("Phone")),
        "email",
        "city",
        BooleanColumn("is_media_contact", label=_("Media contact")),
        check_actions.CheckedOnColumn(sort_key="checked_on"),
    ]
    filterset_class = ContactPersonFilterSet
    index_view_class = ContactIndexView
    list_export = COLUMNS  # shows the export buttons; ContactIndexView writes the import's format
    chooser_viewset_class = CityScopedChooserViewSet
    edit_handler = CityLanguageObjectList(ContactPerson.panels, base_form_class=CityScopedForm)


class ServicePointViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = ServicePoint
    icon = "site"
    menu_label = _("Service points")
    list_display = [
        "name",
        Column("phone_display", label=_("Phone")),
        "email",
        "city",
        check_actions.CheckedOnColumn(sort_key="checked_on"),
    ]
    filterset_class = ServicePointFilterSet
    chooser_viewset_class = CityScopedChooserViewSet
    edit_handler = CityLanguageObjectList(ServicePoint.panels, base_form_class=CityScopedForm)


class ContactsGroup(SnippetViewSetGroup):
    items = (ContactPersonViewSet, ServicePointViewSet)
    menu_icon = "group"
    menu_label = _("Contacts")
    menu_name = "contacts"


register_snippet(ContactsGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("contacts/import/", import_contacts, name="contacts_import"),
        path("contacts/people/<int:pk>/replace/", replace_person, name=REPLACE_URL_NAME),
    ]


# --- A person leaves: replace them on every page (contacts.replace); no deleting while a page lists them ----

REPLACE_LABEL = _("Replace on every page")


@hooks.register("register_snippet_listing_buttons")
def replace_person_listing_button(snippet, user, next_url=None):
    """The contact listing's "More" menu of a person: replace them on every page."""
    if isinstance(snippet, ContactPerson) and user.has_perm("contacts.change_contactperson"):
        yield MenuItem(REPLACE_LABEL, reverse(REPLACE_URL_NAME, args=[snippet.pk]), icon_name="resubmit", priority=90)


class ReplacePersonMenuItem(ActionMenuItem):
    """The contact person editor's action menu: replace them on every page."""

    name = "action-replace-person"
    label = REPLACE_LABEL
    icon_name = "resubmit"

    def is_shown(self, context):
        return context["view"] == "edit" and context["request"].user.has_perm("contacts.change_contactperson")

    def get_url(self, parent_context):
        return reverse(REPLACE_URL_NAME, args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def replace_person_menu_item(model):
    return ReplacePersonMenuItem(order=70) if issubclass(model, ContactPerson) else None


@hooks.register("before_delete_snippet")
def refuse_deleting_listed_people(request, instances):
    """Delete (one or in bulk) no one a page lists, live or in its latest draft: show those pages instead, with
    the way to replace them there. Deleting would take them off live pages without moderation."""
    people = [item for item in instances if isinstance(item, ContactPerson)]
    if not people or not request.user.has_perm("contacts.delete_contactperson"):
        return None  # Wagtail's delete view refuses those without the permission itself
    found = listings_of(people)
    if not found:
        return None
    listed = [(person, found[person.pk]) for person in people if person.pk in found]
    status = 409 if request.method == "POST" else 200
    return TemplateResponse(request, "contacts/admin/delete_refused.html", {"listed": listed}, status=status)


# A city's page lists its own city's people and service points only, and on a public page published ones.
hooks.register(CHOSEN_OBJECTS_HOOK, refuse_contacts)


@hooks.register(CITY_SNIPPETS_HOOK)
def contact_snippets():
    """Each city's staff keep its people and service points; Moderators publish, lock, unlock and delete them
    (deleting a published contact takes it off the public site, as publishing would put it there)."""
    return CitySnippets(
        models=(ContactPerson, ServicePoint),
        moderator_actions=("publish", "lock", "unlock", "delete"),
        task_model=ContactApprovalTask,
        workflow_name=CONTACT_WORKFLOW,
        task_name=CONTACT_TASK,
        workflow_shown=_("Contact moderation"),
        task_shown=_("Contact approval"),
    )


# --- Contacts checked on a date: "Still correct" in the listing and the editor, and a save counts too ---------
hooks.register("register_admin_urls", check_actions.check_urls)
hooks.register("register_snippet_listing_buttons", check_actions.still_correct_listing_button)
hooks.register("register_snippet_action_menu_item", check_actions.still_correct_menu_item)
hooks.register("after_create_snippet", check_actions.checked_on_save)
hooks.register("after_edit_snippet", check_actions.checked_on_save)
hooks.register("register_log_actions", check_actions.register_checked_action)
