"""/api/v2/contacts/: the contact people the city shows (departments.people), public fields only."""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

from citycomms.api import TranslatedAPIMixin
from contacts.models import ContactPerson

from .people import public_people


class ContactsAPIViewSet(TranslatedAPIMixin, BaseAPIViewSet):
    """The fields listed in ContactPerson.api_fields, nothing else; `?is_media_contact=true` for the press."""

    model = ContactPerson
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ContactPerson.api_fields

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return ContactPerson.objects.none()
        return public_people(site.root_page).order_by("last_name", "first_name", "pk")
