from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial reports")

    def ready(self):
        from wagtail.signals import workflow_approved

        from . import names
        from .moderation import publish_people_with_approved_page

        # Every approval that ends a page's workflow (and publishes the page) takes the page's unpublished people
        # live with it, whichever screen it was made on.
        workflow_approved.connect(publish_people_with_approved_page, dispatch_uid="editorial_people_with_page")
        names.connect()  # workflow, task and group names in the admin's language (editorial.names)
