"""The media contacts as one vCard file, for a newsroom's address book."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from contacts.vcard import person_vcard, vcard_response
from departments.views import card_details, city_of

from .directory import media_directory


@require_safe
def media_vcards(request):
    """/<lang>/vcard/media.vcf: every media contact of the city serving the request, each placed at its page."""
    people = media_directory(city_of(request).root_page).people()
    if not people:
        raise Http404("This city lists no media contacts.")
    cards = [person_vcard(person, card_details(person, page, request)) for person, page in people]
    return vcard_response(cards, _("media contacts"))
