"""vCard downloads: a person's card with their place in the organisation, and all cards of one page."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.images.models import SourceImageIOError

from citycomms.cache import cacheable
from citycomms.i18n import city_settings, translated_value
from citycomms.params import site_or_404
from contacts.models import ContactPerson
from contacts.vcard import CardDetails, person_vcard, vcard_response

from .models import OrganisationPage
from .people import public_people_ids

PHOTO_RENDITION = "fill-240x240"


def public_pages(site):
    return OrganisationPage.objects.live().public().descendant_of(site.root_page)


class Cards:
    """vCards for one request, in its language; each page's place in the organisation is read once."""

    def __init__(self, request):
        self.request = request
        self.fallbacks = city_settings(request).fallback_order
        self.organisations = {}

    def card(self, person, page):
        """The card of `person` as `page` lists them (None: as a media contact no page lists)."""
        return person_vcard(
            person,
            CardDetails(
                job_title=self.text(person, "job_title"),
                organisation=self.organisation(person, page),
                url=self.request.build_absolute_uri(page.get_url(self.request)) if page else "",
                photo_url=self.photo_url(person),
            ),
        )

    def place(self, page, pages):
        """Take `pages` (the city's home page, then the live pages from the department down to `page`) as the
        place of `page`, for callers that have read them already: organisation() would read them again."""
        self.organisations[page.pk] = tuple(self.text(item, "title") for item in pages)

    def text(self, obj, field_name):
        return str(translated_value(obj, field_name, self.fallbacks))

    def organisation(self, person, page):
        """(city, department, unit …) down to `page`, live pages only."""
        if page is None:
            return (self.text(person.city, "title"),)
        if page.pk not in self.organisations:
            chain = page.get_ancestors(inclusive=True).filter(depth__gte=2).live()
            self.organisations[page.pk] = tuple(self.text(item, "title") for item in chain)
        return self.organisations[page.pk]

    def photo_url(self, person):
        if not person.photo:
            return ""
        try:
            rendition = person.photo.get_rendition(PHOTO_RENDITION)
        except SourceImageIOError:  # the original file is gone: a card without a photo beats an error
            return ""
        return self.request.build_absolute_uri(rendition.url)


@require_safe
@cacheable
def contact_vcard(request, pk):
    """/<lang>/vcard/<id>.vcf: one person the city shows, placed at the most specific public page listing them."""
    site = site_or_404(request)
    if pk not in public_people_ids(site.root_page):
        raise Http404("No person the city shows has this id.")
    person = get_object_or_404(ContactPerson.objects.select_related("photo", "city"), pk=pk)
    page = (
        public_pages(site).filter(Q(head=person) | Q(page_contacts__contact=person)).order_by("-depth", "path").first()
    )
    return vcard_response([Cards(request).card(person, page)], person.full_name)


@require_safe
@cacheable
def page_vcards(request, page_id):
    """/<lang>/vcard/page/<id>.vcf: everyone a department, unit or team page lists, as one file."""
    page = get_object_or_404(public_pages(site_or_404(request)), pk=page_id).specific
    people = page.people()
    if not people:
        raise Http404("This page lists no contacts.")
    cards = Cards(request)
    return vcard_response([cards.card(person, page) for person in people], cards.text(page, "title"))
