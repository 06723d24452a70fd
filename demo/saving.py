"""Saving only what changed, so that loading the demo again changes nothing.

An object is validated and saved only when a field differs from what is
stored; a page gets a new published revision only when its content (fields,
body blocks without their ids, contact people) differs from what is live.
"""

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField

from citycomms.languages import LANGUAGE_CODES
from departments.models import PageContact
from newsroom.models import PressReleasePage, ReleaseContact


class DemoContentError(Exception):
    """The database holds something the demo cannot be loaded over."""


def save_object(obj, fields):
    """Set `fields`, validate (which normalises a phone number) and save only if anything changed."""
    before = _snapshot(obj) if obj.pk else None
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    if before is not None and before == _snapshot(obj):
        return "unchanged"
    status = "updated" if obj.pk else "created"
    obj.save()
    return status


def _snapshot(obj):
    return {field.attname: _plain(getattr(obj, field.attname)) for field in obj._meta.concrete_fields}


def save_page(city, parent, model, fields, contacts, kind, log, rows=None):
    """Create the page under `parent`, or update it; publish only when something changed.

    Found by its slug in the city's default language among the parent's
    children. `contacts` is a list of (person id, role_fi, role_sv, role_en)
    for organisation pages, of (person id,) for press releases, or None for
    pages without contacts. `rows` are other inline rows: {relation: [row]},
    a row being {field: value}, with a list for the row's own inline rows
    (a post's appointments).
    """
    slug_field = build_localized_fieldname("slug", city["default_language"])
    title = fields[build_localized_fieldname("title", city["default_language"])]
    existing = parent.get_children().filter(**{slug_field: fields[slug_field]}).first()
    if existing is None:
        page = model(**fields)
        _set_contacts(page, contacts)
        _set_rows(page, rows)
        parent.add_child(instance=page)
        status = "created"
    else:
        page = existing.specific
        if not isinstance(page, model):
            raise DemoContentError(
                f"{page.url_path} is a {type(page).__name__}, not a {model.__name__}; move or delete it first."
            )
        if page.live and not _page_changes(page, fields, contacts) and _same_rows(page, rows):
            log(f"{city['name']}: {kind} {title} … unchanged")
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        _set_contacts(page, contacts)
        _set_rows(page, rows)
        status = "updated"
    page.save_revision().publish()
    log(f"{city['name']}: {kind} {title} … {status}")
    return page


def _contact_relation(page):
    """How `page` lists its people: the relation's name, its item model and the item's per-language fields.

    Organisation pages give each person a translated role; press releases list people only.
    """
    if isinstance(page, PressReleasePage):
        return "release_contacts", ReleaseContact, []
    return "page_contacts", PageContact, [build_localized_fieldname("role", code) for code in LANGUAGE_CODES]


def _set_contacts(page, contacts):
    if contacts is None:
        return
    relation, model, fields = _contact_relation(page)
    items = [
        model(contact_id=contact_id, **dict(zip(fields, values, strict=True))) for contact_id, *values in contacts
    ]
    setattr(page, relation, items)


def _set_rows(obj, rows):
    for relation, wanted in (rows or {}).items():
        model = obj._meta.get_field(relation).related_model
        setattr(obj, relation, [_row(model, values) for values in wanted])


def _row(model, values):
    row = model(**{name: value for name, value in values.items() if not isinstance(value, list)})
    _set_rows(row, {name: value for name, value in values.items() if isinstance(value, list)})
    return row


def _same_rows(obj, rows):
    """Whether `obj`'s stored inline rows hold what `rows` wants, in the same order."""
    for relation, wanted in (rows or {}).items():
        stored = list(getattr(obj, relation).all())
        if len(stored) != len(wanted):
            return False
        for row, values in zip(stored, wanted, strict=True):
            for name, value in values.items():
                if isinstance(value, list):
                    if not _same_rows(row, {name: value}):
                        return False
                elif _plain(getattr(row, name)) != _plain(value):
                    return False
    return True


def _page_changes(page, fields, contacts):
    """The names of the fields (and "contacts") whose live value differs from the wanted one."""
    changes = [
        name
        for name, value in fields.items()
        if _comparable(page, name, getattr(page, name)) != _comparable(page, name, value)
    ]
    if contacts is not None:
        relation, _model, item_fields = _contact_relation(page)
        live = [
            (item.contact_id, *(_plain(getattr(item, field)) for field in item_fields))
            for item in getattr(page, relation).all()
        ]
        if live != [(contact_id, *(_plain(value) for value in values)) for contact_id, *values in contacts]:
            changes.append("contacts")
    return changes


def _comparable(page, name, value):
    """A field value in a form that compares equal whenever the content is the same."""
    field = page._meta.get_field(name)
    if isinstance(field, StreamField):
        stream = field.to_python(value if value is not None else [])
        list(stream)  # convert every block, so the raw data below is in Wagtail's canonical form
        return _without_block_ids(stream.get_prep_value())
    return _plain(value)


def _without_block_ids(data):
    # Block ids are generated on every save; they say nothing about the content.
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        is_block = "type" in data and "value" in data
        return {key: _without_block_ids(value) for key, value in data.items() if not (is_block and key == "id")}
    return data


def _plain(value):
    # An empty translation may be stored as NULL or as "".
    return "" if value is None else value
