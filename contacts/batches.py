"""An import's rows as one submission: the revisions one spreadsheet import made, for the moderators to review on one
screen (editorial.imports) instead of one moderation item per person and page.

contacts.models imports this module, so that Django finds the model there.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from citycomms.models import CityHomePage


class ImportBatch(models.Model):
    """One confirmed spreadsheet import of contact people: the revisions it made, of the people and of the unit pages
    that list them, submitted to moderation together.

    The moderation itself stays each object's own workflow state (Wagtail's); the batch only
    groups them, so that a moderator reviews and approves an import as one.
    """

    city = models.ForeignKey(CityHomePage, verbose_name=_("city"), on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), default=timezone.now)
    revisions = models.ManyToManyField("wagtailcore.Revision", verbose_name=_("revisions"), related_name="+")
    # What the import changed, as it was when it was written (contacts.importing.changes_of): {"people": {person
    # pk: [[field name, before, after], …]}, "pages": {page pk: [person pk, …] it now lists}}. Kept, so that the
    # review shows what the import did whatever has happened to the people and pages since.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")

    def __str__(self):
        return f"{self.city} {self.created_at:%Y-%m-%d %H:%M}"

    def objects_in_order(self):
        """The people the import made or changed, in the file's order, then the pages it listed them on, in tree
        order: each as it is stored now (a page as its specific type); those deleted since are left out."""
        found = defaultdict(dict)  # {base content type id: {object id: None}}, in the order of the revisions
        for type_id, object_id in self.revisions.order_by("pk").values_list("base_content_type", "object_id"):
            found[type_id][object_id] = None
        people, pages = [], []
        for type_id, ids in found.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if issubclass(model, Page):
                pages += Page.objects.filter(pk__in=ids).order_by("path").specific()
            else:
                stored = model._default_manager.in_bulk(list(ids))
                people += [stored[key] for key in map(model._meta.pk.to_python, ids) if key in stored]
        return people + pages
