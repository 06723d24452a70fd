"""What the editorial reports remember (how often editors open each page in the admin), and editors' requests to
unpublish pages."""

from django.conf import settings
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


class UnpublishRequest(models.Model):
    """An editor's request that a live page (and, if the moderator chooses, its subpages) come off the site.

    Editors may not unpublish; the page's city's moderators approve (and the page is unpublished) or reject it,
    each with a comment for the editor (editorial.unpublishing). A page has one pending request at most.
    """

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUSES = [(PENDING, _("Waiting for a moderator")), (APPROVED, _("Unpublished")), (REJECTED, _("Rejected"))]

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="unpublish_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    reason = models.TextField(_("reason"))
    include_subpages = models.BooleanField(_("subpages too"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("moderator's comment"), blank=True)

    class Meta:
        verbose_name = _("unpublish request")
        verbose_name_plural = _("unpublish requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(status="pending"), name="one_pending_unpublish_request_per_page"
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.status}"
