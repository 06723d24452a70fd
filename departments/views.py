"""vCard downloads: a person's card with their place in the organisation, and all cards of one page."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.models import Site

from citycomms.i18n import city_settings, translated_value
from contacts.models import ContactPerson
from contacts.vcard import CardDetails, person_vcard, vcard_response

from .models import OrganisationPage

PHOTO_RENDITION = "fill-240x240"


def city_of(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No city answers on this host.")
    return site


def public_pages(site):
    return OrganisationPage.objects.live().public().descendant_of(site.root_page)


def card_details(person, page, request):
    """The card of `person` as listed on `page` (or on no page): titles in the reader's language."""
    fallbacks = city_settings(request).fallback_order
    chain = page.get_ancestors(inclusive=True).filter(depth__gte=2) if page else [person.city]
    photo = person.photo.get_rendition(PHOTO_RENDITION).url if person.photo else ""
    return CardDetails(
        job_title=str(translated_value(person, "job_title", fallbacks)),
        organisation=tuple(str(translated_value(item, "title", fallbacks)) for item in chain),
        url=request.build_absolute_uri(page.get_url(request)) if page else "",
        photo_url=request.build_absolute_uri(photo) if photo else "",
    )


@require_safe
def contact_vcard(request, pk):
    """/<lang>/vcard/<id>.vcf: one person of this city, placed at the most specific public page listing them."""
    site = city_of(request)
    person = get_object_or_404(ContactPerson.objects.select_related("photo", "city"), pk=pk, city=site.root_page)
    page = (
        public_pages(site).filter(Q(head=person) | Q(page_contacts__contact=person)).order_by("-depth", "path").first()
    )
    return vcard_response([person_vcard(person, card_details(person, page, request))], person.full_name)


@require_safe
def page_vcards(request, page_id):
    """/<lang>/vcard/page/<id>.vcf: everyone a department, unit or team page lists, as one file."""
    page = get_object_or_404(public_pages(city_of(request)), pk=page_id).specific
    people = [page.head] if page.head_id else []
    people += [item.contact for item in page.contacts_with_people()]
    people = list({person.pk: person for person in people}.values())
    if not people:
        raise Http404("This page lists no contacts.")
    cards = [person_vcard(person, card_details(person, page, request)) for person in people]
    return vcard_response(cards, str(translated_value(page, "title", city_settings(request).fallback_order)))
