"""Which contact people the public may see: those the city's published, public pages show.

A contact person is a snippet, public or private only through the pages that
mention them. One rule serves every public route that lists people (search,
the media contacts page, vCards, the API), so none of them can reveal someone
who appears only on a staff-only or unpublished page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from citycomms.cache import kept_until_next_change
from contacts.models import ContactPerson

from .models import OrganisationPage, PageContact

STAFF_ONLY_PERSON = _(
    "This person is shown only on staff-only pages, and this page is public: choose someone the public may see."
)


def public_people(home):
    """The contact people of the city whose home page is `home` that the public site may show.

    Public: published people (a draft never published is not) whom a live,
    public page names as its head or a contact, or embeds or lists elsewhere
    (found through Wagtail's reference index: body contact cards, press
    releases' contacts). A media contact no page mentions at all is public too:
    marking someone a media contact is the editor's choice to show them to
    journalists. Someone mentioned only on staff-only or unpublished pages is not.
    """
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    organisation_pages = OrganisationPage.objects.filter(pk__in=pages.values("pk"))
    shown = (
        Q(pk__in=organisation_pages.filter(head__isnull=False).values("head"))
        | Q(pk__in=PageContact.objects.filter(page__in=organisation_pages).values("contact"))
        | Q(pk__in=references_from(pages))
    )
    unmentioned_media_contact = (
        Q(is_media_contact=True)
        & ~Q(pk__in=OrganisationPage.objects.filter(head__isnull=False).values("head"))
        & ~Q(pk__in=PageContact.objects.values("contact"))
        & ~Q(pk__in=references_from(Page.objects.all()))
    )
    return ContactPerson.objects.filter(city=home, live=True).filter(shown | unmentioned_media_contact)


def public_people_ids(home):
    """The ids of `public_people(home)`, kept until the next change (citycomms.cache): every search and vCard asks
    who is public, and building that query (six subqueries) cost more than running it."""
    key = f"citycomms:public-people:{home.pk}"
    return kept_until_next_change(key, lambda: frozenset(public_people(home).values_list("pk", flat=True)))


def references_from(pages):
    """The ids of the contact people that `pages` refer to, according to Wagtail's reference index."""
    page_ids = pages.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
            to_content_type=ContentType.objects.get_for_model(ContactPerson),
        )
        .annotate(person_id=Cast("to_object_id", BigIntegerField()))
        .values("person_id")
    )


def shown_only_to_staff(ids, home):
    """Those of the contact people `ids` whom live pages of the city `home` name, but only staff-only ones (or
    pages below one): public_people leaves them out though they are published and on a live page.

    Someone no live page names yet (a new person) is not among them: a public page may be the first to show
    them.
    """
    live = Page.objects.live().descendant_of(home, inclusive=True)
    organisation_pages = OrganisationPage.objects.filter(pk__in=live.values("pk"))
    named = (
        Q(pk__in=organisation_pages.filter(head__isnull=False).values("head"))
        | Q(pk__in=PageContact.objects.filter(page__in=organisation_pages).values("contact"))
        | Q(pk__in=references_from(live))
    )
    people = ContactPerson.objects.filter(pk__in=ids, city=home, live=True).filter(named)
    return set(people.exclude(pk__in=public_people(home).values("pk")).values_list("pk", flat=True))


def refuse_staff_only_people(model, ids, place):
    """For citycomms.chosen: on a public page, the people only staff-only pages show (shown_only_to_staff)."""
    if not issubclass(model, ContactPerson) or not place.public or place.city is None:
        return {}
    return dict.fromkeys(shown_only_to_staff(ids, place.city), STAFF_ONLY_PERSON)
