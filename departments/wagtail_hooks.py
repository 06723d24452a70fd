"""Wagtail hooks of the organisation pages."""

from wagtail import hooks

from citycomms.chosen import CHOSEN_OBJECTS_HOOK
from citycomms.models import HOME_DEPARTMENTS_HOOK
from citycomms.visibility import CURRENT_PAGES_HOOK
from contacts.organisation import ORGANISATION_HOOK

from .models import DepartmentPage
from .organisation import DepartmentOrganisation
from .people import refuse_staff_only_people
from .reorganisation import current

# What lists the organisation as it is now leaves the reorganised pages out (citycomms.visibility.current).
hooks.register(CURRENT_PAGES_HOOK, current)

# A public page may not show a person only staff-only pages show (departments.people).
hooks.register(CHOSEN_OBJECTS_HOOK, refuse_staff_only_people)


@hooks.register(ORGANISATION_HOOK)
def department_organisation():
    """Contact people work on department, unit and team pages (contacts.organisation)."""
    return DepartmentOrganisation()


@hooks.register(HOME_DEPARTMENTS_HOOK)
def home_departments():
    """A city home lists its department pages."""
    return DepartmentPage
