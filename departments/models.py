"""The organisation tree: departments, their units and the units' teams."""

from functools import partial

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from citycomms.columns import LIST_ITEM_FIELDS
from citycomms.models import TranslatedPageMixin
from contacts.models import ContactPerson, published, with_contact_cards

from .api_fields import PublishedContactsField, PublishedSnippetField
from .blocks import OrganisationBodyBlock

# Apps above departments (the newsroom, say) add sections to department, unit and team
# pages through this Wagtail hook, so that departments never imports them. A hook is
# called as hook(page, request) and returns the section's HTML, or "" to add nothing.
ORGANISATION_PAGE_SECTIONS_HOOK = "organisation_page_sections"


class OrganisationPage(TranslatedPageMixin, Page):
    """What department, unit and team pages share: a lead, a body, a head and contacts.

    Not created directly; editors add a department, a unit or a team.
    """

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("The lead paragraph: one or two sentences on what this part does.")
    )
    body = StreamField(OrganisationBodyBlock(), blank=True, verbose_name=_("body"))
    head = models.ForeignKey(
        ContactPerson,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who leads it, shown as “… is led by <job title> <name>”."),
    )

    is_creatable = False

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("body")], heading=_("What it does")),
        MultiFieldPanel(
            [FieldPanel("head"), InlinePanel("page_contacts", label=_("Contact"))],
            heading=_("People"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("head", serializer=PublishedSnippetField()),
        APIField("page_contacts", serializer=PublishedContactsField(fields=["role"])),
    ]

    class Meta:
        verbose_name = _("organisation page")

    @classmethod
    def serving_queryset(cls):
        """Read with the page when it is served (citycomms.routing): its head and the head's photo."""
        return cls._base_manager.select_related("head__photo").prefetch_related("head__photo__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only if the page's kept parts ({% kept %}) have to be rendered afresh.
        context["contacts"] = SimpleLazyObject(self.contacts_with_people)
        context["head"] = published(self.head)
        context["subpages"] = SimpleLazyObject(self.public_subpages)
        context["extra_sections"] = SimpleLazyObject(partial(self.extra_sections, request))
        return context

    def public_subpages(self):
        """The live units or teams below, in one query: they are all organisation pages, which hold the title
        and intro the list shows. Their ancestors are this page's, which is being served, so their own
        restrictions are all that is left to check (Wagtail's public() would read every restriction again)."""
        return OrganisationPage.objects.child_of(self).live().filter(view_restrictions=None).only(*LIST_ITEM_FIELDS)

    def people(self, contacts=None):
        """The published head and listed contacts, each once, in the order the page shows them."""
        contacts = self.contacts_with_people() if contacts is None else contacts
        head = published(self.head)
        people = ([head] if head else []) + [item.contact for item in contacts]
        return list({person.pk: person for person in people}.values())

    def extra_sections(self, request):
        """The HTML of the sections other apps add to this page (ORGANISATION_PAGE_SECTIONS_HOOK), in hook order."""
        sections = (hook(self, request) for hook in hooks.get_hooks(ORGANISATION_PAGE_SECTIONS_HOOK))
        return [section for section in sections if section]

    def contacts_with_people(self):
        """The ordered contacts, with people and their photos' renditions in a fixed number of queries."""
        return with_contact_cards(self.page_contacts.all())


class PageContact(Orderable):
    """A person listed on a department, unit or team page, with their role there."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="page_contacts")
    contact = models.ForeignKey(
        ContactPerson, verbose_name=_("contact person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Media enquiries”; leave empty to show the job title."),
    )

    panels = [FieldPanel("contact"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class DepartmentPage(OrganisationPage):
    """A department of the city organisation, e.g. the Communications Department."""

    parent_page_types = ["citycomms.CityHomePage"]
    subpage_types = ["departments.UnitPage"]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")


class UnitPage(OrganisationPage):
    """A unit of a department, e.g. Communications or Participation and Advice."""

    parent_page_types = ["departments.DepartmentPage"]
    subpage_types = ["departments.TeamPage"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")


class TeamPage(OrganisationPage):
    """A team or function within a unit, e.g. the PR and Protocol team."""

    parent_page_types = ["departments.UnitPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
