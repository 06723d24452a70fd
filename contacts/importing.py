"""A confirmed import, written and submitted to moderation as one: every person it makes or changes and every unit
page it lists them on is submitted to its workflow, and an ImportBatch groups the revisions and says what the import
changed, for the moderators to review the import on one screen (editorial.imports) and approve it or request
changes as one.
"""

from django.db import transaction
from wagtail.models import Page

from .batches import ImportBatch
from .models import ContactPerson
from .replace import submit
from .spreadsheet import PERSON_FIELDS, write_rows

# The fields of a person an import writes, as the review lists what it changed.
IMPORTED_FIELDS = [*PERSON_FIELDS, "is_media_contact"]


def import_as_batch(rows, city, user):
    """Write the checked `rows` (contacts.spreadsheet) for `city`, all or none, submit what they changed to moderation
    and group it in an ImportBatch: (people created, people updated, the batch or None when nothing changed)."""
    units = {row.unit.pk for row in rows if row.unit is not None}
    with transaction.atomic():
        before = dict(Page.objects.filter(pk__in=units).values_list("pk", "latest_revision"))
        fields_changed = [changed_fields(row) for row in rows]  # before the rows are written
        created, updated = write_rows(rows, user)
        people = [row.person for row in rows if row.changed]
        # A unit page whose latest revision is new got one from this import; one that listed the person already
        # was left alone (and its drafts are nobody's here to submit).
        pages = [
            page.specific
            for page in Page.objects.filter(pk__in=units).order_by("path")
            if page.latest_revision_id != before.get(page.pk)
        ]
        if not people and not pages:
            return created, updated, None
        changes = {
            "people": {str(row.person.pk): fields for row, fields in zip(rows, fields_changed, strict=True)},
            "pages": {
                str(page.pk): [row.person.pk for row in rows if row.unit and row.unit.pk == page.pk] for page in pages
            },
        }
        batch = ImportBatch.objects.create(city=city, created_by=user, changes=changes)
        batch.revisions.set([obj.latest_revision for obj in [*people, *pages]])
        for obj in [*people, *pages]:
            submit(obj, user)
    return created, updated, batch


def changed_fields(row):
    """[field name, value before, value the row gives] for each field `row` changes (of a new person: each it
    fills), as the person's latest revision has them before the import."""
    old = None
    if not row.is_new:
        old = ContactPerson.objects.get(pk=row.person.pk).get_latest_revision_as_object()
    found = []
    for name in IMPORTED_FIELDS:
        before = getattr(old, name) if old is not None else None
        after = getattr(row.person, name)
        if (before or "") != (after or ""):
            found.append([name, before, after])
    return found
