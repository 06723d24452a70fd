"""Which translatable texts are missing, per page, contact person and service point and per language.

The translatable fields come from modeltranslation's registry, so a field
registered later is reported without a change here. A field counts for a
language when the city's default language has it (or the field is required):
an intro nobody wrote in Finnish is not missing in Swedish either. It is
missing when that language's column is empty.
"""

from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from citycomms.i18n import has_content
from citycomms.languages import LANGUAGE_CODES
from citycomms.trails import trail_names
from contacts.models import ContactPerson, ServicePoint
from departments.models import OrganisationPage, PageContact

from .cities import by_home_path, home_path, pages_in
from .models import PageEditVisits

# Columns wagtail-modeltranslation keeps per language that nobody writes: Wagtail derives them from the slugs.
DERIVED_FIELDS = {"url_path"}

PAGE = "page"
CONTACT_PERSON = "contact_person"
SERVICE_POINT = "service_point"
KINDS = {PAGE: _("Page"), CONTACT_PERSON: _("Contact person"), SERVICE_POINT: _("Service point")}


@cache
def translatable_fields(model):
    """The names of `model`'s translated fields, in the order the model declares them."""
    registered = set(translator.get_options_for_model(model).all_fields) - DERIVED_FIELDS
    return [field.name for field in model._meta.concrete_fields if field.name in registered]


@dataclass
class Gap:
    """One page, contact person or service point in one of its city's languages: what counts, what is missing."""

    kind: str
    model: type
    obj: SimpleNamespace  # its id and texts (see _texts)
    city: object
    language: str
    counted: list
    missing: list
    page_name: str = ""  # a page's name with its trail, once with_page_names has given it

    @property
    def kind_label(self):
        return str(KINDS[self.kind])

    @property
    def title(self):
        if self.kind == CONTACT_PERSON:
            return f"{self.obj.first_name} {self.obj.last_name}"
        if self.page_name:
            return self.page_name
        return self.city.text_of(self.obj, "name" if self.kind == SERVICE_POINT else "title")

    @property
    def city_name(self):
        return self.city.name

    @property
    def missing_fields(self):
        """The missing fields' names as the admin labels them, comma-separated."""
        return ", ".join(str(capfirst(self.model._meta.get_field(name).verbose_name)) for name in self.missing)

    @property
    def edit_url(self):
        if self.kind == PAGE:
            return reverse("wagtailadmin_pages:edit", args=[self.obj.pk])
        return reverse(self.model.snippet_viewset.get_url_name("edit"), args=[self.obj.pk])


def with_page_names(gaps):
    """`gaps`, each page's named with its trail ("Viestintäosasto › Viestintä") in the active language where the
    page has it, else in its city's: the rows shown, not every gap of the cities, in two queries."""
    names = trail_names(gap.obj for gap in gaps if gap.kind == PAGE)
    for gap in gaps:
        if gap.kind == PAGE:
            gap.page_name = names[gap.obj.pk]
    return gaps


def object_gaps(kind, model, obj, city):
    """A Gap for each of `city`'s languages."""
    default = city.default_language
    counted = [name for name in translatable_fields(model) if _counts(model, obj, name, default)]
    for language in city.languages:
        missing = [name for name in counted if not has_content(_value(obj, name, language))]
        yield Gap(kind, model, obj, city, language, counted, missing)


def _counts(model, obj, name, default_language):
    return not model._meta.get_field(name).blank or has_content(_value(obj, name, default_language))


def _value(obj, name, language):
    return getattr(obj, build_localized_fieldname(name, language))


def translation_gaps(cities, below=None):
    """Every Gap of `cities`' pages, contact people and service points, in tree and name order.

    `below` (a page) narrows it to that page's subtree and the contact people its
    pages name; service points belong to the whole city and are left out then.
    A fixed number of queries: two, and one per page type.
    """
    cities_by_path = by_home_path(cities)
    cities_by_id = {city.home.pk: city for city in cities}
    pages = pages_in(cities)
    if below is not None:
        pages = pages.filter(path__startswith=below.path)
    for model, page in _page_texts(pages):
        yield from object_gaps(PAGE, model, page, cities_by_path[home_path(page)])
    people = ContactPerson.objects.filter(city__in=list(cities_by_id))
    if below is not None:
        people = people.filter(_named_below(below))
    for person in _texts(ContactPerson, people, "city_id", "first_name", "last_name"):
        yield from object_gaps(CONTACT_PERSON, ContactPerson, person, cities_by_id[person.city_id])
    if below is None:
        points = ServicePoint.objects.filter(city__in=list(cities_by_id))
        for point in _texts(ServicePoint, points, "city_id"):
            yield from object_gaps(SERVICE_POINT, ServicePoint, point, cities_by_id[point.city_id])


def _page_texts(pages):
    """(page model, texts) of each of `pages`, in tree order: a query for their types, then one per type."""
    found = []
    for content_type in ContentType.objects.filter(pk__in=pages.values("content_type")):
        model = content_type.model_class()
        if model is None:
            continue  # a page type whose code is gone: nothing to translate
        rows = model.objects.filter(content_type=content_type, pk__in=pages.values("pk"))
        found += [(model, page) for page in _texts(model, rows, "path")]
    return sorted(found, key=lambda item: item[1].path)


def _texts(model, queryset, *extra):
    """The rows of `queryset` as plain objects with their pk, the `extra` columns and each translatable
    field in every language: building thousands of model instances would cost more than the report."""
    columns = [build_localized_fieldname(name, code) for name in translatable_fields(model) for code in LANGUAGE_CODES]
    return (SimpleNamespace(**row) for row in queryset.values("pk", *extra, *columns))


def _named_below(page):
    """Contact people a page in `page`'s subtree lists or has as its head."""
    listed = PageContact.objects.filter(page__path__startswith=page.path).values("contact")
    heads = OrganisationPage.objects.filter(path__startswith=page.path, head__isnull=False).values("head")
    return Q(pk__in=listed) | Q(pk__in=heads)


@dataclass
class Coverage:
    """How much of a city's text one of its languages has: translated fields of those that count."""

    city: object
    language: str
    counted: int = 0
    missing: int = 0

    @property
    def percent(self):
        """Whole percent, rounded down: 100 only when nothing at all is missing."""
        if not self.counted:
            return 100
        return (self.counted - self.missing) * 100 // self.counted


def coverage(gaps):
    """A Coverage per city and language of `gaps`, in the order they first appear."""
    totals = {}
    for gap in gaps:
        total = totals.setdefault((gap.city.home.pk, gap.language), Coverage(gap.city, gap.language))
        total.counted += len(gap.counted)
        total.missing += len(gap.missing)
    return list(totals.values())


@dataclass
class UntranslatedPage:
    """A page missing text in some of its city's languages, and how often editors opened it."""

    page: object
    city: object
    languages: list
    visits: int = 0
    name: str = ""  # its name with its trail, once most_visited_untranslated has given it

    @property
    def title(self):
        return self.name or self.city.text_of(self.page, "title")

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def most_visited_untranslated(gaps, cities, limit):
    """The `limit` pages of `gaps` missing a translation that editors opened most, then in tree order."""
    untranslated = {}
    for gap in gaps:
        if gap.kind == PAGE and gap.missing:
            entry = untranslated.setdefault(gap.obj.pk, UntranslatedPage(gap.obj, gap.city, []))
            entry.languages.append(gap.language)
    visits = PageEditVisits.objects.filter(page__in=pages_in(cities)).values_list("page_id", "visits")
    for page_id, count in visits:
        if page_id in untranslated:
            untranslated[page_id].visits = count
    ranked = sorted(untranslated.values(), key=lambda entry: (-entry.visits, entry.page.path))[:limit]
    names = trail_names(entry.page for entry in ranked)
    for entry in ranked:
        entry.name = names[entry.page.pk]
    return ranked
