"""Where contact people are listed: the pages whose live version or latest draft names them, and how to put
someone else (or no one) in their place there.

Wagtail's reference index knows only what a page's database row holds (its live version), so a person listed
only in a pending draft counts "0 uses", and deleting someone silently takes them off every page. This module
reads the latest drafts too. It knows no page type: it walks any page's foreign keys, inline rows (child
relations) and StreamField blocks for contact people, so the department pages and press releases of the
floors above are covered without contacts importing them.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.snippets.blocks import SnippetChooserBlock

from citycomms.cities import within

from .models import ContactPerson


@dataclass
class Listing:
    """One page that lists a person: in its live version, in its latest draft (not yet published), or both."""

    page: Page
    live: bool
    draft: bool
    # Whether the page is in the person's own city. A page of another city listing them (older data, or a
    # superuser's edit) is counted, so the person is not deleted from under it, but its staff alone see it.
    in_city: bool = True


def listings(person):
    """The pages that list `person`, live or in their latest draft, in tree order."""
    return listings_of([person]).get(person.pk, [])


def listings_of(people):
    """{person pk: [Listing, …]} for those of `people` (contact people) some page lists, pages in tree order."""
    ids = {person.pk for person in people}
    rows = _row_listings(ids)
    drafts = _draft_listings(ids, {person.city_id for person in people})
    naming = {*rows, *(pk for pk, names in drafts.items() if names)}
    home_of = dict(ContactPerson.objects.filter(pk__in=ids).values_list("pk", "city__path"))
    found = defaultdict(list)
    for page in Page.objects.filter(pk__in=naming).order_by("path"):
        row = rows.get(page.pk, set())
        # A page never published, or with changes not yet published: its latest draft says whom it lists next
        # (a page saved without revisions, or outside the people's cities: its row).
        draft = drafts.get(page.pk, row) if _has_pending_draft(page) else set()
        for pk in sorted(ids):
            in_live = page.live and pk in row
            if in_live or pk in draft:
                in_city = bool(home_of.get(pk)) and page.path.startswith(home_of[pk])
                found[pk].append(Listing(page, in_live, pk in draft, in_city))
    return dict(found)


def _has_pending_draft(page):
    return not page.live or page.has_unpublished_changes


def _row_listings(ids):
    """{page pk: person pks} as the pages' rows hold them (a live page's: its live version), from Wagtail's
    reference index."""
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(ContactPerson),
        to_object_id__in=[str(pk) for pk in ids],
    ).values_list("object_id", "to_object_id")
    found = defaultdict(set)
    for page_id, person_id in references:
        found[int(page_id)].add(int(person_id))
    return found


def _draft_listings(ids, city_ids):
    """{page pk: person pks} for the pages of the people's cities with a draft not yet published, as their latest
    revisions list them (every such page, listing them or not, so that a draft that dropped someone counts)."""
    homes = Page.objects.filter(pk__in=city_ids).values_list("path", flat=True)
    pending = Page.objects.filter(within(homes)).filter(Q(live=False) | Q(has_unpublished_changes=True))
    revisions = Revision.objects.filter(pk__in=pending.exclude(latest_revision=None).values("latest_revision"))
    # Most drafts name none of them: a draft is read as a page only if one of the ids appears in it as a value
    # (`"head": 12,`, or `\\"value\\": 12}` in a StreamField's JSON).
    alternatives = "|".join(str(pk) for pk in ids)
    an_id = re.compile(rf': \\?"?(?:{alternatives})\\?"?[,}}\]]')
    found = {}
    for revision in revisions:
        names = set()
        if an_id.search(json.dumps(revision.content)):
            names = named_people(revision.as_object()) & ids
        found[int(revision.object_id)] = names
    return found


# --- What one page (as stored or as a draft) names --------------------------------------------------------


def named_people(obj):
    """The pks of the contact people `obj` (a page, or one of its inline rows) names: in its foreign keys, its
    StreamField blocks and its inline rows. A row that says it `is_history` (a post's ended appointment) is a
    record of the past and names no one now."""
    if getattr(obj, "is_history", False):
        return set()
    found = set()
    for field in _person_keys(obj):
        if getattr(obj, field.attname) is not None:
            found.add(getattr(obj, field.attname))
    for field in _stream_fields(obj):
        value = getattr(obj, field.name)
        for model, pk, *_path in field.extract_references(value) if value else ():
            if issubclass(model, ContactPerson):
                found.add(int(pk))
    for row in _child_rows(obj):
        found |= named_people(row)
    return found


def swap_person(obj, old_pk, new_person):
    """Put `new_person` (None: nobody) wherever `obj` names the person `old_pk`; whether anything changed.

    An inline row that would name nobody, or someone the same list names already, is taken out; so is a
    StreamField block or list item that would show nobody.
    """
    changed = False
    for field in _person_keys(obj):
        if getattr(obj, field.attname) == old_pk:
            setattr(obj, field.name, new_person)
            changed = True
    for field in _stream_fields(obj):
        value = getattr(obj, field.name)
        if value:
            changed |= _swap_in_stream(value, old_pk, new_person)
    for relation in _child_relations(obj):
        changed |= _swap_in_rows(getattr(obj, relation.get_accessor_name()), old_pk, new_person)
    return changed


def _swap_in_rows(manager, old_pk, new_person):
    """Swap in the inline rows of one child relation; rows left naming nobody, or someone listed already, go.

    Rows that keep a history (departments' posts, whose appointments end rather than change hands) do it their
    own way: their model's swap_person_in_rows(manager, old_pk, new_person)."""
    own_way = getattr(manager.model, "swap_person_in_rows", None)
    if own_way is not None:
        return own_way(manager, old_pk, new_person)
    rows = list(manager.all())
    listed = set().union(*(names for names in map(named_people, rows) if old_pk not in names))
    kept, changed = [], False
    for row in rows:
        if swap_person(row, old_pk, new_person):
            changed = True
            emptied = any(getattr(row, field.attname) is None and not field.null for field in _person_keys(row))
            if emptied or (new_person is not None and new_person.pk in listed):
                continue
            if new_person is not None:
                listed.add(new_person.pk)
        kept.append(row)
    if changed:
        manager.set(kept)
    return changed


def _swap_in_stream(stream, old_pk, new_person):
    """Swap in a StreamValue or ListValue, in place; children that would show nobody are deleted."""
    changed = False
    children = stream.bound_blocks if hasattr(stream, "bound_blocks") else list(stream)
    for index in reversed(range(len(children))):
        child = children[index]
        child_changed, emptied = _swap_in_block(child.block, child.value, old_pk, new_person)
        if child_changed and emptied:
            del stream[index]
        elif child_changed and _is_person_chooser(child.block):
            child.value = new_person
        changed |= child_changed
    return changed


def _swap_in_block(block, value, old_pk, new_person):
    """(changed, emptied) for one block's `value`: a chooser of `old_pk` is emptied when there is no new person;
    structs and lists are swapped in place."""
    if _is_person_chooser(block):
        if value is not None and value.pk == old_pk:
            return True, new_person is None
        return False, False
    if isinstance(block, StructBlock) and value is not None:
        changed = False
        for name, child_block in block.child_blocks.items():
            child_changed, _emptied = _swap_in_block(child_block, value.get(name), old_pk, new_person)
            if child_changed and _is_person_chooser(child_block):
                value[name] = new_person
            changed |= child_changed
        return changed, False
    if isinstance(block, (StreamBlock, ListBlock)) and value is not None:
        return _swap_in_stream(value, old_pk, new_person), False
    return False, False


def _is_person_chooser(block):
    return isinstance(block, SnippetChooserBlock) and issubclass(block.target_model, ContactPerson)


def _person_keys(obj):
    return [
        field
        for field in obj._meta.concrete_fields
        if field.many_to_one and not isinstance(field, ParentalKey) and field.related_model is ContactPerson
    ]


def _stream_fields(obj):
    return [field for field in obj._meta.concrete_fields if isinstance(field, StreamField)]


def _child_relations(obj):
    return get_all_child_relations(obj) if isinstance(obj, ClusterableModel) else []


def _child_rows(obj):
    return [row for relation in _child_relations(obj) for row in getattr(obj, relation.get_accessor_name()).all()]
