from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactPerson, ServicePoint


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    list_display = ["full_name", "job_title", "phone_display", "email", "city", "is_media_contact"]
    list_filter = ["city", "is_media_contact"]


class ServicePointViewSet(SnippetViewSet):
    model = ServicePoint
    icon = "site"
    menu_label = _("Service points")
    list_display = ["name", "phone_display", "email", "city"]
    list_filter = ["city"]


class ContactsGroup(SnippetViewSetGroup):
    items = (ContactPersonViewSet, ServicePointViewSet)
    menu_icon = "group"
    menu_label = _("Contacts")
    menu_name = "contacts"


register_snippet(ContactsGroup)
