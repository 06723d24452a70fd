"""Factories for the site-wide models, used by the tests."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Page, Site

from .models import AccessibilityStatementPage, CityHomePage, CitySettings, InformationPage


class NumberedPageFactory(wagtail_factories.PageFactory):
    """A page titled and slugged in fi, sv and en with a number each: "Kaupunki 3", "kaupunki-3" and so on.

    A subclass names its pages in its Params: `names` (fi, sv, en) and, where a slugified name would repeat
    another language's, `slugs`."""

    class Params:
        names = ("Sivu", "Sida", "Page")
        slugs = factory.LazyAttribute(lambda page: tuple(slugify(name) for name in page.names))

    title_fi = factory.LazyAttributeSequence(lambda page, n: f"{page.names[0]} {n}")
    title_sv = factory.LazyAttributeSequence(lambda page, n: f"{page.names[1]} {n}")
    title_en = factory.LazyAttributeSequence(lambda page, n: f"{page.names[2]} {n}")
    slug_fi = factory.LazyAttributeSequence(lambda page, n: f"{page.slugs[0]}-{n}")
    slug_sv = factory.LazyAttributeSequence(lambda page, n: f"{page.slugs[1]}-{n}")
    slug_en = factory.LazyAttributeSequence(lambda page, n: f"{page.slugs[2]}-{n}")

    class Meta:
        abstract = True


class CityHomePageFactory(NumberedPageFactory):
    class Params:
        names = ("Kaupunki", "Stad", "City")

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


class InformationPageFactory(NumberedPageFactory):
    class Params:
        names = ("Ohje", "Riktlinje", "Guideline")

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
