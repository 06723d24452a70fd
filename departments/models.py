"""The organisation tree: departments, their units and the units' teams."""

from functools import partial

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from citycomms.columns import LINK_FIELDS, LIST_ITEM_FIELDS
from citycomms.models import CitySectionPage, TranslatedPageMixin
from citycomms.tree import home_path
from citycomms.visibility import current, public
from contacts.models import ContactPerson, published, with_contact_cards

from .api_fields import PublishedContactsField, PublishedSnippetField
from .blocks import OrganisationBodyBlock
from .chart import organisation_tree
from .forms import OrganisationPageForm

# Importing posts and reorganisation registers their models (Post, Appointment, Successor) with the app.
from .posts import Holding, head_holder, holdings
from .reorganisation import OrganisationPageQuerySet, Reorganisation, reorganisation_of

# What is read with a served page of its posts: holders, stand-ins and their photos.
POST_PEOPLE = ["posts__appointments__person__photo__renditions", "posts__contact_when_vacant__photo__renditions"]
# What the organisation chart reads with each page to name who heads it: the posts' holders and stand-ins.
HEAD_PEOPLE = ["posts__appointments__person", "posts__contact_when_vacant"]

# Apps above departments (the newsroom, say) add sections to department, unit and team
# pages through this Wagtail hook, so that departments never imports them. A hook is
# called as hook(page, request) and returns the section's HTML, or "" to add nothing.
ORGANISATION_PAGE_SECTIONS_HOOK = "organisation_page_sections"


class OrganisationPage(TranslatedPageMixin, Page):
    """What department, unit and team pages share: a lead, a body, posts (one of them its head's) and contacts,
    and, once reorganised, what happened to it and which pages took its place.

    Not created directly; editors add a department, a unit or a team.
    """

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("The lead paragraph: one or two sentences on what this part does.")
    )
    body = StreamField(OrganisationBodyBlock(), blank=True, verbose_name=_("body"))
    # Derived from the head post on every save (derive_head), never edited: what reads "who heads this page" in a
    # query (the people the public may see, vCards, search, the media contacts, the API) reads this column.
    head = models.ForeignKey(
        ContactPerson,
        verbose_name=_("head"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who holds the head post, as of the page's last save."),
    )
    reorganisation = models.CharField(
        _("what happened"),
        max_length=20,
        blank=True,
        choices=Reorganisation.choices,
        help_text=_("Leave empty while it exists as it is. Once published, the page says what happened at the top."),
    )
    reorganised_on = models.DateField(_("date"), null=True, blank=True, help_text=_("Leave empty if not known."))

    is_creatable = False

    objects = PageManager.from_queryset(OrganisationPageQuerySet)()
    base_form_class = OrganisationPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("body")], heading=_("What it does")),
        MultiFieldPanel(
            [InlinePanel("posts", label=_("Post")), InlinePanel("page_contacts", label=_("Contact"))],
            heading=_("People"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reorganisation"),
                FieldPanel("reorganised_on"),
                InlinePanel("successors", label=_("Successor page")),
            ],
            heading=_("Reorganisation"),
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
        """Read with the page when it is served (citycomms.routing): its head, its posts with their holders and
        stand-ins, and their photos."""
        return cls._base_manager.select_related("head__photo").prefetch_related(
            "head__photo__renditions", *POST_PEOPLE
        )

    def save(self, *args, **kwargs):
        self.derive_head()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.derive_head()
        return super().save_revision(*args, **kwargs)

    def derive_head(self, strictly=False):
        """Set `head` to whoever holds the head post today. A page without posts keeps the head it was given
        unless `strictly` (the editor's form, which has no head field): code and tests build such pages."""
        posts = list(self.posts.all())
        if posts or strictly:
            self.head = head_holder(posts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only if the page's kept parts ({% kept %}) have to be rendered afresh.
        context["contacts"] = SimpleLazyObject(self.contacts_with_people)
        context["holdings"] = post_holdings = SimpleLazyObject(self.post_holdings)
        context["leader"] = SimpleLazyObject(partial(self.leader, post_holdings))
        context["subpages"] = SimpleLazyObject(self.public_subpages)
        context["extra_sections"] = SimpleLazyObject(partial(self.extra_sections, request))
        return context

    def post_holdings(self):
        """A Holding per post, the head post's first, with the people's photos (read with the page when it is
        served: serving_queryset)."""
        posts = self.posts.all()
        if "posts" not in getattr(self, "_prefetched_objects_cache", {}):
            posts = posts.prefetch_related(*[path.removeprefix("posts__") for path in POST_PEOPLE])
        found = holdings(posts, timezone.localdate())
        return sorted(found, key=lambda item: not item.post.is_head)

    def leader(self, post_holdings=None):
        """The Holding of the head post; for a page without one, its head (if published) without a post; or None."""
        post_holdings = self.post_holdings() if post_holdings is None else post_holdings
        found = next((item for item in post_holdings if item.post.is_head), None)
        if found is None and not post_holdings and published(self.head):
            return Holding(None, self.head)
        return found

    def public_subpages(self):
        """The live units or teams below, in one query: they are all organisation pages, which hold the title
        and intro the list shows. Their ancestors are this page's, which is being served, so their own
        restrictions are all that is left to check (Wagtail's public() would read every restriction again).

        Below a current page, only current ones; a former one still lists what it was made of."""
        pages = OrganisationPage.objects.child_of(self).live().filter(view_restrictions=None)
        if self.former_line() == []:
            pages = pages.current()
        return pages.only(*LIST_ITEM_FIELDS)

    def former_line(self):
        """This page and the organisation pages above it that are reorganised, top down: empty for a current page
        (departments.reorganisation.current)."""
        return reorganisation_of(self).line

    def people(self, contacts=None, post_holdings=None):
        """The published people the page shows, each once, in its order: post holders (the head's first) and
        whom to contact for a vacant post, then the listed contacts."""
        contacts = self.contacts_with_people() if contacts is None else contacts
        post_holdings = self.post_holdings() if post_holdings is None else post_holdings
        leader = self.leader(post_holdings)
        shown = ([leader] if leader is not None and leader.post is None else []) + list(post_holdings)
        people = [item.person or item.contact_instead for item in shown]
        people += [item.contact for item in contacts]
        return list({person.pk: person for person in people if person is not None}.values())

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


class OrganisationChartPage(CitySectionPage):
    """The city's organisation on one page: its departments, their units and the units' teams as nested lists,
    each linked to its page with its head post and who holds it (acting, or the post vacant).

    One per city, directly below the city's home page. It fills itself from the published department, unit and
    team pages: reorganised and staff-only ones are left out. Write only its intro.
    """

    class Meta:
        verbose_name = _("organisation chart")
        verbose_name_plural = _("organisation charts")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["branches"] = SimpleLazyObject(self.branches)  # worked out only if {% kept %} renders afresh
        return context

    def branches(self):
        """The departments of the chart's city (departments.chart.Branch), each with its units and their teams."""
        home = home_path(self.path)
        return organisation_tree(self.organisation_pages(home), home)

    @staticmethod
    def organisation_pages(home):
        """The live, public, current department, unit and team pages below the city home at the tree path `home`,
        in tree order, with what a link and their head posts' holders need: five queries however many there are."""
        pages = OrganisationPage.objects.live().filter(path__startswith=home)
        return (
            public(current(pages))
            .order_by("path")
            .only(*LINK_FIELDS, "head")
            .select_related("head")
            .prefetch_related(*HEAD_PEOPLE)
        )
