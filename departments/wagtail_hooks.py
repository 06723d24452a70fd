"""Wagtail hooks of the organisation pages."""

from wagtail import hooks

from citycomms.chosen import CHOSEN_OBJECTS_HOOK

from .people import refuse_staff_only_people

# A public page may not show a person only staff-only pages show (departments.people).
hooks.register(CHOSEN_OBJECTS_HOOK, refuse_staff_only_people)
