"""Factories for department, unit and team pages."""

from citycomms.factories import NumberedPageFactory

from .models import DepartmentPage, TeamPage, UnitPage
from .posts import Appointment, Post


class OrganisationPageFactory(NumberedPageFactory):
    class Params:
        names = ("Osasto", "Avdelning", "Department")

    intro_fi = "Suomenkielinen johdanto."

    class Meta:
        abstract = True


class DepartmentPageFactory(OrganisationPageFactory):
    class Meta:
        model = DepartmentPage


class UnitPageFactory(OrganisationPageFactory):
    class Params:
        names = ("Yksikkö", "Enhet", "Unit")

    class Meta:
        model = UnitPage


class TeamPageFactory(OrganisationPageFactory):
    class Params:
        names = ("Tiimi", "Team", "Team")
        slugs = ("tiimi", "team-sv", "team")

    class Meta:
        model = TeamPage


def post(*holders, title_fi="viestintäjohtaja", title_sv="", title_en="", is_head=True, **fields):
    """An unsaved post for a page factory's `posts=[…]`, held in turn by `holders`: people, or dicts of an
    appointment's fields ({"person": …, "acting": True, "starts_on": …})."""
    appointments = [Appointment(**(holder if isinstance(holder, dict) else {"person": holder})) for holder in holders]
    titles = {"title_fi": title_fi, "title_sv": title_sv or None, "title_en": title_en or None}
    return Post(title=title_fi, is_head=is_head, appointments=appointments, **titles, **fields)
