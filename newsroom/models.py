"""The newsroom: each city's press releases, listed, filtered by department and syndicated as feeds."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from citycomms.api_fields import PublicPageField
from citycomms.cache import kept_until_next_change
from citycomms.columns import LINK_FIELDS, LIST_ITEM_FIELDS
from citycomms.models import TranslatedPageMixin
from citycomms.params import parse_id
from citycomms.visibility import public
from contacts.models import ContactPerson, with_contact_cards
from departments.api_fields import PublishedContactsField
from departments.blocks import OrganisationBodyBlock
from departments.models import DepartmentPage, OrganisationPage, UnitPage
from departments.reorganisation import reorganised_at_or_above

from .feeds import NewsroomAtomFeed, NewsroomRssFeed
from .sources import with_public_sources

RELEASES_PER_PAGE = 10

# What lists and feeds of releases show of each: its title, lead, dates and link, and the name and link of its
# department or unit. The bodies (JSON in every language) and the rest stay unread.
RELEASE_LIST_FIELDS = [
    *LIST_ITEM_FIELDS,
    "publication_date",
    "last_published_at",
    "organisation",
    *(f"organisation__{name}" for name in LINK_FIELDS),
]


def from_organisation(releases, organisation):
    """The `releases` that come from `organisation` or from a page below it in the tree."""
    return releases.filter(organisation__path__startswith=organisation.path)


# TranslatedPageMixin first: its preview sets the language, then the routable mixin picks the route.
class NewsroomPage(TranslatedPageMixin, RoutablePageMixin, Page):
    """The city's newsroom: every press release, newest first, and the RSS and Atom feeds of them.

    One per city, directly below the city's home page; add press releases below it.
    """

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("A short lead paragraph: what journalists and residents find here.")
    )

    parent_page_types = ["citycomms.CityHomePage"]
    subpage_types = ["newsroom.PressReleasePage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro")], heading=_("Newsroom text")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("newsroom")
        verbose_name_plural = _("newsrooms")

    def releases(self):
        """The live, public press releases of this newsroom, newest first."""
        return PressReleasePage.published().child_of(self)

    def departments(self):
        """The city's live, public departments, the choices of the department filter: today's first, then the
        former ones (`former`), whose releases stay findable under the name they were published under. The same
        for every reader, so kept until the next change."""
        return kept_until_next_change(f"citycomms:newsroom-departments:{self.pk}", self.find_departments)

    def find_departments(self):
        pages = public(DepartmentPage.objects.child_of(self.get_parent()).live())
        return list(pages.annotate(former=reorganised_at_or_above()).order_by("former", "path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        departments = self.departments()
        department_id = parse_id(request.GET.get("department"))
        department = next((item for item in departments if item.pk == department_id), None)
        releases = self.releases()
        if department is not None:
            releases = from_organisation(releases, department)
        results = Paginator(releases, RELEASES_PER_PAGE).get_page(request.GET.get("page"))
        results.object_list = with_public_sources(results.object_list)
        context.update(
            {
                "releases": results,
                "departments": departments,
                "department": department,
                "feeds": self.feed_links(request),
            }
        )
        return context

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        """The newsroom's releases as RSS 2.0, in the language of the URL."""
        return NewsroomRssFeed()(request, newsroom=self)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        """The newsroom's releases as Atom 1.0, in the language of the URL."""
        return NewsroomAtomFeed()(request, newsroom=self)

    def feed_links(self, request):
        """(MIME type, URL) of the RSS and Atom feeds in the active language, for `<link rel="alternate">`."""
        url = self.get_url(request)
        if url is None:
            return []
        return [
            ("application/rss+xml", url + self.reverse_subpage("rss").lstrip("/")),
            ("application/atom+xml", url + self.reverse_subpage("atom").lstrip("/")),
        ]


class PressReleasePage(TranslatedPageMixin, Page):
    """A press release: what the city announces, when, from which department or unit, and whom to ask.

    Lives in the city's newsroom. Its publication date orders the newsroom and the feeds.
    """

    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("Shown on the release; the newsroom and the feeds list releases by it, newest first."),
    )
    intro = models.TextField(
        _("lead"), blank=True, help_text=_("The lead paragraph: the news in one or two sentences.")
    )
    body = StreamField(OrganisationBodyBlock(), blank=True, verbose_name=_("body"))
    organisation = models.ForeignKey(
        OrganisationPage,
        verbose_name=_("department or unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
        help_text=_(
            "The department or unit the release comes from; its page lists the release. "
            "Leave empty for the city as a whole."
        ),
    )

    parent_page_types = ["newsroom.NewsroomPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("intro"), FieldPanel("body")], heading=_("The release")
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("organisation", ["departments.DepartmentPage", "departments.UnitPage"]),
                InlinePanel("release_contacts", label=_("More information")),
            ],
            heading=_("Source and contacts"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]
    api_fields = [
        APIField("publication_date"),
        APIField("intro"),
        APIField("body"),
        APIField("organisation", serializer=PublicPageField(read_only=True)),
        APIField("release_contacts", serializer=PublishedContactsField()),
    ]

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    @classmethod
    def published(cls):
        """Every live, public press release, newest first, with its department or unit; for lists and feeds
        (RELEASE_LIST_FIELDS: what they show)."""
        releases = public(cls.objects.live()).select_related("organisation").only(*RELEASE_LIST_FIELDS)
        return releases.order_by("-publication_date", "-pk")

    @classmethod
    def latest_from(cls, organisation):
        """The live, public releases from `organisation` or any unit below it, newest first."""
        return from_organisation(cls.published(), organisation)

    def clean(self):
        super().clean()
        if self.organisation_id and self.organisation.specific_class not in (DepartmentPage, UnitPage):
            raise ValidationError({"organisation": _("Choose a department or a unit.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        newsroom = self.get_parent().specific
        with_public_sources([self])
        context.update(
            {
                "contacts": self.contacts_with_people(),
                "feeds": newsroom.feed_links(request),
            }
        )
        return context

    def contacts_with_people(self):
        """The "more information" people in order, with their photos' renditions in a fixed number of queries."""
        return with_contact_cards(self.release_contacts.all())


class ReleaseContact(Orderable):
    """A person journalists can ask for more information about a press release."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="release_contacts")
    contact = models.ForeignKey(
        ContactPerson, verbose_name=_("contact person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        verbose_name = _("more information contact")
        verbose_name_plural = _("more information contacts")
