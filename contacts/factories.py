"""Factories for contact people and service points."""

import factory
from factory.django import DjangoModelFactory

from citycomms.factories import CityHomePageFactory

from .models import ContactPerson, ServicePoint


class ContactPersonFactory(DjangoModelFactory):
    city = factory.SubFactory(CityHomePageFactory)
    first_name = factory.Sequence(lambda n: f"Etu{n}")
    last_name = factory.Sequence(lambda n: f"Suku{n}")
    job_title_fi = "viestintäasiantuntija"
    job_title_sv = "kommunikationsexpert"
    job_title_en = "Communications Specialist"
    phone = factory.Sequence(lambda n: f"+35893101{n % 10000:04d}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@example.fi".lower())

    class Meta:
        model = ContactPerson


class ServicePointFactory(DjangoModelFactory):
    city = factory.SubFactory(CityHomePageFactory)
    name_fi = factory.Sequence(lambda n: f"Palvelupiste {n}")
    name_sv = factory.Sequence(lambda n: f"Servicepunkt {n}")
    phone = "+358931011111"

    class Meta:
        model = ServicePoint
