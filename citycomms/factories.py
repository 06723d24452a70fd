"""Factories for the site-wide models, used by the tests."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Page, Site

from .models import AccessibilityStatementPage, CityHomePage, CitySettings, InformationPage


class CityHomePageFactory(wagtail_factories.PageFactory):
    title_fi = factory.Sequence(lambda n: f"Kaupunki {n}")
    title_sv = factory.Sequence(lambda n: f"Stad {n}")
    title_en = factory.Sequence(lambda n: f"City {n}")
    slug_fi = factory.Sequence(lambda n: f"kaupunki-{n}")
    slug_sv = factory.Sequence(lambda n: f"stad-{n}")
    slug_en = factory.Sequence(lambda n: f"city-{n}")
    parent = factory.LazyFunction(lambda: Page.get_first_root_node())

    class Meta:
        model = CityHomePage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title_fi = "Saavutettavuusseloste"
    title_sv = "Tillgänglighetsutlåtande"
    title_en = "Accessibility statement"
    slug_fi = "saavutettavuusseloste"
    slug_sv = "tillganglighetsutlatande"
    slug_en = "accessibility-statement"
    compliance_status = "partial"
    prepared_on = datetime.date(2024, 9, 16)
    feedback_email = "saavutettavuus@example.com"
    enforcement_url = "https://www.saavutettavuusvaatimukset.fi"

    class Meta:
        model = AccessibilityStatementPage


class InformationPageFactory(wagtail_factories.PageFactory):
    title_fi = factory.Sequence(lambda n: f"Ohje {n}")
    title_sv = factory.Sequence(lambda n: f"Riktlinje {n}")
    title_en = factory.Sequence(lambda n: f"Guideline {n}")
    slug_fi = factory.Sequence(lambda n: f"ohje-{n}")
    slug_sv = factory.Sequence(lambda n: f"riktlinje-{n}")
    slug_en = factory.Sequence(lambda n: f"guideline-{n}")

    class Meta:
        model = InformationPage


def make_city(hostname, languages, default_language, is_default_site=False, **page_fields):
    """A city home page served as its own Site, with its languages set."""
    home = CityHomePageFactory(**page_fields)
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=is_default_site, site_name=home.title
    )
    CitySettings.objects.update_or_create(
        site=site, defaults={"languages": languages, "default_language": default_language}
    )
    return home, site
