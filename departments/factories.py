"""Factories for department, unit and team pages."""

import factory
import wagtail_factories

from .models import DepartmentPage, TeamPage, UnitPage
from .posts import Appointment, Post


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title_fi = factory.Sequence(lambda n: f"Osasto {n}")
    title_sv = factory.Sequence(lambda n: f"Avdelning {n}")
    title_en = factory.Sequence(lambda n: f"Department {n}")
    slug_fi = factory.Sequence(lambda n: f"osasto-{n}")
    slug_sv = factory.Sequence(lambda n: f"avdelning-{n}")
    slug_en = factory.Sequence(lambda n: f"department-{n}")
    intro_fi = "Suomenkielinen johdanto."

    class Meta:
        abstract = True


class DepartmentPageFactory(OrganisationPageFactory):
    class Meta:
        model = DepartmentPage


class UnitPageFactory(OrganisationPageFactory):
    title_fi = factory.Sequence(lambda n: f"Yksikkö {n}")
    title_sv = factory.Sequence(lambda n: f"Enhet {n}")
    title_en = factory.Sequence(lambda n: f"Unit {n}")
    slug_fi = factory.Sequence(lambda n: f"yksikko-{n}")
    slug_sv = factory.Sequence(lambda n: f"enhet-{n}")
    slug_en = factory.Sequence(lambda n: f"unit-{n}")

    class Meta:
        model = UnitPage


class TeamPageFactory(OrganisationPageFactory):
    title_fi = factory.Sequence(lambda n: f"Tiimi {n}")
    title_sv = factory.Sequence(lambda n: f"Team {n}")
    title_en = factory.Sequence(lambda n: f"Team {n}")
    slug_fi = factory.Sequence(lambda n: f"tiimi-{n}")
    slug_sv = factory.Sequence(lambda n: f"team-sv-{n}")
    slug_en = factory.Sequence(lambda n: f"team-{n}")

    class Meta:
        model = TeamPage


def post(*holders, title_fi="viestintäjohtaja", title_sv="", title_en="", is_head=True, **fields):
    """An unsaved post for a page factory's `posts=[…]`, held in turn by `holders`: people, or dicts of an
    appointment's fields ({"person": …, "acting": True, "starts_on": …})."""
    appointments = [Appointment(**(holder if isinstance(holder, dict) else {"person": holder})) for holder in holders]
    titles = {"title_fi": title_fi, "title_sv": title_sv or None, "title_en": title_en or None}
    return Post(title=title_fi, is_head=is_head, appointments=appointments, **titles, **fields)
