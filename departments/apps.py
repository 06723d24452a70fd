from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Departments")

    def ready(self):
        from citycomms.cache_changes import clear_on_change

        from .models import PageContact

        # A page's listed contacts decide who the public may see (departments.people); a publish saves them,
        # and so does saving a page not yet published.
        clear_on_change(PageContact)
