"""The media desk: a city's directory of press contacts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from citycomms.models import CitySectionPage
from contacts.models import ServicePoint, published
from departments.api_fields import PublishedSnippetField

from .directory import DirectoryQuery, media_directory, paginate, with_photo_renditions


class PressContactsPage(CitySectionPage):
    """The city's "Media contacts" page: its media desk first, then every media contact by department and unit.

    Journalists search it by name, topic or unit and filter it by department; the people come
    CONTACTS_PER_PAGE at a time.
    Who is listed comes from the contact people marked as media contacts; an
    editor keeps those current in Snippets › Contact people.
    """

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("A sentence for journalists: what they can ask and how fast we answer.")
    )
    media_desk = models.ForeignKey(
        ServicePoint,
        verbose_name=_("media desk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The service point journalists reach first, shown above the people."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("media_desk")], heading=_("For journalists")),
    ]
    api_fields = [APIField("intro"), APIField("media_desk", serializer=PublishedSnippetField())]

    class Meta:
        verbose_name = _("media contacts page")
        verbose_name_plural = _("media contacts pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = DirectoryQuery.from_request(request)
        directory = media_directory(self.get_parent(), query.department_id)
        shown = paginate(directory.matching(query.words), request.GET.get("page"))
        context.update(
            {
                "query": query,
                "departments": directory.departments,
                "groups": with_photo_renditions(shown.object_list),
                "contacts_page": shown,
                "media_desk": published(self.media_desk),
            }
        )
        return context
