"""/api/v2/announcements/: the announcements showing now on the site serving the request, in `?lang=`."""

from django.db.models import Case, When
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

from citycomms.api import TranslatedAPIMixin

from .models import Announcement
from .notices import public_now


class AnnouncementsAPIViewSet(TranslatedAPIMixin, BaseAPIViewSet):
    """The fields in Announcement.api_fields of the announcements the public reads now (announcements.notices):
    alerts first; `?kind=alert` for alerts only. An announcement shown only on staff-only pages is not here."""

    model = Announcement
    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [field.name for field in Announcement.api_fields]

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Announcement.objects.none()
        shown = [item.pk for item in public_now(site.root_page, self.request)]
        if not shown:
            return Announcement.objects.none()
        as_pages_show_them = Case(*(When(pk=pk, then=index) for index, pk in enumerate(shown)))
        return Announcement.objects.filter(pk__in=shown).order_by(as_pages_show_them)
