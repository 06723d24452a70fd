from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacts")

    def ready(self):
        from citycomms.cache_changes import clear_on_change
        from citycomms.i18n import allow_blank_in_default_language

        from .models import ContactPerson, ServicePoint

        allow_blank_in_default_language(ServicePoint, "name")
        # Pages show contact cards and service points: a change must show at once.
        clear_on_change(ContactPerson, ServicePoint)
