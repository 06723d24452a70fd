"""StreamField blocks that embed a contact card or a service point in a page body."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock


class ContactCardBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("contacts.ContactPerson", **kwargs)

    def bulk_to_python(self, values):
        # Fetch every card's photo and its renditions at once, not one card at a time.
        people = super().bulk_to_python(values)
        prefetch_related_objects([person for person in people if person], "photo__renditions")
        return people

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "contacts/blocks/contact_card_block.html"


class ServicePointBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("contacts.ServicePoint", **kwargs)

    class Meta:
        icon = "site"
        label = _("Service point")
        template = "contacts/blocks/service_point_block.html"
