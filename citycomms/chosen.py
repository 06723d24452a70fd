"""What a city's page may choose: people, documents, images and pages of its own city, and on a public page only
what the public may see.

The page editor takes ids from choosers, inline rows, StreamField blocks and rich text links, and Wagtail
accepts any id that exists. `CityPageForm`, the form of every city page type (TranslatedPageMixin), collects
each chosen object and asks the CHOSEN_OBJECTS_HOOK which of them the page may not choose; a refused one is a
translated error at its field, inline row or block, and nothing is saved.

This floor knows pages, documents and images and checks them itself; the floors above register checks
(wagtail_hooks) for the models they define (contacts: contact people and service points; departments:
people only staff-only pages show), so that this module never imports them.

A document or image belongs to a city when it lies in the city's own collection (citycomms.roles) or one
inside it. One in a collection that is no city's (the root collection, or a shared one below it such as the
demo's "Demo documents") may be chosen by every city: only an administrator can add files there, and the
demo's public documents and contact portraits live there. Another city's collection never.
"""

from collections import defaultdict
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import (
    ListBlock,
    ListBlockValidationError,
    StreamBlock,
    StreamBlockValidationError,
    StructBlock,
    StructBlockValidationError,
    StructValue,
)
from wagtail.blocks.base import BlockField
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import extract_references_from_rich_text

from .panels import keep_city_languages
from .slug_clashes import explain_slug_clashes
from .tree import ancestor_paths, home_path
from .visibility import public_documents

# A hook is called as hook(model, ids, place): `ids` (strings) of `model` objects chosen for the page at `place`
# (a Place). It returns {id: message} for those the page may not choose, and {} for models it does not know.
CHOSEN_OBJECTS_HOOK = "refuse_chosen_objects"

PAGE_OF_ANOTHER_CITY = _("Choose a page of this city's own site.")
DOCUMENT_OF_ANOTHER_CITY = _("Choose a document from this city's own collection.")
IMAGE_OF_ANOTHER_CITY = _("Choose an image from this city's own collection.")
RESTRICTED_DOCUMENT = _("This document is in a restricted collection, and this page is public: choose a public one.")
RESTRICTED_IMAGE = _("This image is in a restricted collection, and this page is public: choose a public one.")

# The formsets of the page form that hold no chosen objects: Wagtail's comments.
SKIPPED_FORMSETS = {"comments"}


class Place:
    """Where chosen objects would show: the page of `path`, or a new page below `parent_path`.

    `city` is the city home page (None for a new city's own home, which no object belongs to yet);
    `public` whether no view restriction lies on the page or above it.
    """

    def __init__(self, path=None, parent_path=None, public=None):
        self.path = path or ""
        self.parent_path = parent_path or ""
        if public is not None:
            self.__dict__["public"] = public  # known: not looked up

    @classmethod
    def of_page(cls, page, parent_page=None):
        """The place of the page an editor saves: `page` as stored, or a new page below `parent_page`."""
        if page is not None and page.pk and page.path:
            return cls(path=page.path)
        return cls(parent_path=parent_page.path if parent_page is not None else "")

    @classmethod
    def of_city(cls, home):
        """The place of an object that belongs to the city `home` itself, such as a contact's photo: not public."""
        return cls(path=home.path if home is not None else "", public=False)

    @cached_property
    def home_path(self):
        """The tree path of the city home, or "" while there is none (a new city home, or the tree root)."""
        return home_path(self.path or self.parent_path)

    @cached_property
    def city(self):
        return Page.objects.filter(path=self.home_path).first() if self.home_path else None

    @cached_property
    def public(self):
        above = ancestor_paths([self.path or self.parent_path])
        return not PageViewRestriction.objects.filter(page__path__in=above).exists()

    def has_page(self, path):
        """Whether the page at tree `path` lies in this place's city."""
        return bool(self.home_path) and path.startswith(self.home_path)

    @cached_property
    def city_collections(self):
        """{city home pk: tree path of its own collection}, for every city that has one (citycomms.roles)."""
        from .cities import city_collections  # cities imports the models, which use this module's form

        return city_collections()

    def has_collection(self, path):
        """Whether a file in the collection at tree `path` may be chosen here: it is in the city's own collection
        (or one inside it), or in a collection that is no city's."""
        city = self.city
        own = self.city_collections.get(city.pk) if city is not None else None
        if own is not None and path.startswith(own):
            return True
        return not any(path.startswith(other) for other in self.city_collections.values())


def refusals(references, place):
    """{(model, id): message} for those of `references` ((model, id) pairs) the page at `place` may not choose."""
    by_model = defaultdict(set)
    for model, pk in references:
        pk = canonical_id(pk)
        if pk is not None:  # every model chosen here has integer keys; anything else finds nothing
            by_model[model].add(pk)
    refused = {}
    for model, ids in by_model.items():
        for hook in [refuse_pages_documents_images, *hooks.get_hooks(CHOSEN_OBJECTS_HOOK)]:
            for pk, message in hook(model, ids, place).items():
                refused.setdefault((model, str(pk)), message)
    return refused


def canonical_id(pk):
    """An integer key as the database reads it ("1" for " 1", "+1" or 1), or None for no integer: a rich-text
    link's id is text an editor's paste may pad, and the database would still find the object."""
    try:
        return str(int(str(pk)))
    except ValueError:
        return None


# --- What this floor checks: pages, documents and images ------------------------------------------------------


def refuse_pages_documents_images(model, ids, place):
    """Pages of another city; documents and images of another city's collection, or of a restricted one when
    the page is public."""
    if issubclass(model, Page):
        paths = Page.objects.filter(pk__in=ids).values_list("pk", "path")
        return {pk: PAGE_OF_ANOTHER_CITY for pk, path in paths if not place.has_page(path)}
    if issubclass(model, AbstractDocument):
        return refuse_files(model, ids, place, DOCUMENT_OF_ANOTHER_CITY, RESTRICTED_DOCUMENT)
    if issubclass(model, AbstractImage):
        return refuse_files(model, ids, place, IMAGE_OF_ANOTHER_CITY, RESTRICTED_IMAGE)
    return {}


def refuse_files(model, ids, place, elsewhere_message, restricted_message):
    files = list(model.objects.filter(pk__in=ids).select_related("collection").only("pk", "collection__path"))
    refused = {item.pk: elsewhere_message for item in files if not place.has_collection(item.collection.path)}
    if place.public:
        # public_documents reads only each object's collection_id: it serves images as well.
        shown = {item.pk for item in public_documents(files)}
        for item in files:
            if item.pk not in shown:
                refused.setdefault(item.pk, restricted_message)
    return refused


# --- Finding what a form chose --------------------------------------------------------------------------------


def chosen_in_field(form, name, field, value):
    """The (model, id) pairs that `value`, the cleaned value of the form's field `name`, chooses."""
    if isinstance(field, ModelMultipleChoiceField):
        return [(field.queryset.model, item.pk) for item in value or []]
    if isinstance(field, ModelChoiceField):
        return [(field.queryset.model, value.pk)] if value is not None else []
    if isinstance(field, BlockField):
        return [(model, pk) for model, pk, *_paths in field.block.extract_references(value)]
    if is_rich_text(form, name) and value:
        return [(model, pk) for model, pk, *_paths in extract_references_from_rich_text(str(value))]
    return []


def is_rich_text(form, name):
    try:
        return isinstance(form._meta.model._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def forms_within(form):
    """`form` and every inline row form below it (a page's contacts …), deleted rows left out."""
    found = [form]
    for name, formset in getattr(form, "formsets", {}).items():
        if name in SKIPPED_FORMSETS:
            continue
        formset.is_valid()  # cleans the rows: the page form is cleaned before its formsets
        for row in formset.forms:
            if not getattr(row, "cleaned_data", {}).get("DELETE"):
                found += forms_within(row)
    return found


def chosen_fields(form):
    """(form, field name, field, cleaned value) of every cleaned field of `form` and its rows."""
    for each in forms_within(form):
        cleaned = getattr(each, "cleaned_data", {})
        for name, field in each.fields.items():
            if name in cleaned:
                yield each, name, field, cleaned[name]


def block_error(block, value, refused):
    """The error of the block `block` holding `value`, naming each refused object where it sits; None if none."""
    if isinstance(block, StreamBlock):
        errors = {
            index: error
            for index, child in enumerate(value)
            if (error := block_error(child.block, child.value, refused)) is not None
        }
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, ListBlock):
        errors = {
            index: error
            for index, child in enumerate(value.bound_blocks)
            if (error := block_error(child.block, child.value, refused)) is not None
        }
        return ListBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, StructBlock) and isinstance(value, StructValue):
        errors = {
            name: error
            for name, child in block.child_blocks.items()
            if (error := block_error(child, value.get(name), refused)) is not None
        }
        return StructBlockValidationError(block_errors=errors) if errors else None
    references = [(model, pk) for model, pk, *_paths in block.extract_references(value)]
    error = messages_error(references, refused)
    if error is not None and isinstance(block, ImageBlock):  # its value is the image; the chooser is "image"
        return StructBlockValidationError(block_errors={"image": error})
    return error


def messages_error(references, refused):
    """A ValidationError with the message of each refused one of `references`, each message once; or None."""
    messages = []
    for model, pk in references:
        message = refused.get((model, canonical_id(pk)))
        if message is not None and message not in messages:
            messages.append(message)
    return ValidationError(messages) if messages else None


def refuse_chosen(form, place):
    """Add an error to `form` (or its rows) at each field or block choosing what the page at `place` may not."""
    fields = list(chosen_fields(form))
    references = [pair for each, name, field, value in fields for pair in chosen_in_field(each, name, field, value)]
    refused = refusals(references, place) if references else {}
    if not refused:
        return
    for each, name, field, value in fields:
        if isinstance(field, BlockField):
            error = block_error(field.block, value, refused)
        else:
            error = messages_error(chosen_in_field(each, name, field, value), refused)
        if error is not None:
            each.add_error(name, error)
            if isinstance(field, ModelChoiceField):  # a multiple choice field is one too
                forget(each, name)


def forget(form, name):
    """Leave the form's field `name` empty when it is shown again: its chooser would show the refused object
    (another city's person, with their name and photo)."""
    form.data = form.data.copy()  # a request's QueryDict, which cannot be changed
    form.data.setlist(form.add_prefix(name), [])


class CityPageForm(WagtailAdminPageForm):
    """The editor's form of every city page type: a chosen object must be the page's city's, and public on a
    public page (CHOSEN_OBJECTS_HOOK); refused on saving a draft, submitting and publishing alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_city_languages(self)

    def city_page(self):
        """The page whose city's languages the form shows: the page, or for a new page its parent."""
        return self.instance if self.instance.pk else self.parent_page

    def clean(self):
        cleaned_data = super().clean()
        refuse_chosen(self, Place.of_page(self.instance, self.parent_page))
        explain_slug_clashes(self)  # before wagtail-modeltranslation's own, bare check
        return cleaned_data
