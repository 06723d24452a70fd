"""What the editorial reports remember: how often editors open each page in the admin."""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageEditVisits(models.Model):
    """How many times editors have opened a page's editor: the translation panel lists the busiest pages first.

    Wagtail keeps no record of editors' visits; one small row per page, counted
    when the page's edit view is opened, is all the dashboard needs.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="edit_visits"
    )
    visits = models.PositiveIntegerField(_("visits"), default=0)
    last_visited_at = models.DateTimeField(_("last visited at"), default=timezone.now)

    class Meta:
        verbose_name = _("page edit visits")
        verbose_name_plural = _("page edit visits")

    def __str__(self):
        return f"{self.page_id}: {self.visits}"

    @classmethod
    def count_visit(cls, page):
        """One more visit to `page`: one UPDATE, or an INSERT the first time."""
        now = timezone.now()
        if cls.objects.filter(page=page).update(visits=F("visits") + 1, last_visited_at=now):
            return
        try:
            with transaction.atomic():
                cls.objects.create(page=page, visits=1, last_visited_at=now)
        except IntegrityError:  # another request inserted it first
            cls.objects.filter(page=page).update(visits=F("visits") + 1, last_visited_at=now)
