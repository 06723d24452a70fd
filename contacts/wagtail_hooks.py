"""The contacts menu in the admin: contact people and service points, each city's staff seeing their own."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citycomms.chosen import CHOSEN_OBJECTS_HOOK
from citycomms.roles import CITY_SNIPPETS_HOOK, CitySnippets

from .filters import ContactPersonFilterSet, ServicePointFilterSet
from .models import CONTACT_TASK, CONTACT_WORKFLOW, ContactApprovalTask, ContactPerson, ServicePoint
from .scoping import (
    CityPermissionPolicy,
    CityScopedChooserViewSet,
    CityScopedForm,
    CityScopedViewSetMixin,
    refuse_contacts,
)
from .spreadsheet import COLUMNS
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
    ]
    filterset_class = ContactPersonFilterSet
    index_view_class = ContactIndexView
    list_export = COLUMNS  # shows the export buttons; ContactIndexView writes the import's format
    chooser_viewset_class = CityScopedChooserViewSet
    edit_handler = ObjectList(ContactPerson.panels, base_form_class=CityScopedForm)


class ServicePointViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = ServicePoint
    icon = "site"
    menu_label = _("Service points")
    list_display = ["name", Column("phone_display", label=_("Phone")), "email", "city"]
    filterset_class = ServicePointFilterSet
    chooser_viewset_class = CityScopedChooserViewSet
    edit_handler = ObjectList(ServicePoint.panels, base_form_class=CityScopedForm)


class ContactsGroup(SnippetViewSetGroup):
    items = (ContactPersonViewSet, ServicePointViewSet)
    menu_icon = "group"
    menu_label = _("Contacts")
    menu_name = "contacts"


register_snippet(ContactsGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("contacts/import/", import_contacts, name="contacts_import")]


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
    )
