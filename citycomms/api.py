"""The read API (Wagtail API v2) in the language a client asks for: `?lang=sv`."""

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from .i18n import city_settings
from .params import parse_id


class TranslatedAPIMixin:
    """Serve translated fields in `?lang=` when the site offers it, in the site's default language otherwise.

    modeltranslation reads a field such as `title` in the active language, so
    activating it for the request is all the serializers need.
    """

    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"lang"}

    def dispatch(self, request, *args, **kwargs):
        # The language initial() activates stays with this request and leaves with it.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        settings = city_settings(request)
        language = request.GET.get("lang", settings.default_language)
        if language not in settings.languages:
            raise BadRequestError(
                _("lang must be one of this site's languages: %(languages)s")
                % {"languages": ", ".join(settings.languages)}
            )
        translation.activate(language)

    def find_object(self, queryset, request):
        # Wagtail hands ?id= to the database as it came: "" or "abc" would be a 500, not this 404.
        if "id" in request.GET and parse_id(request.GET["id"]) is None:
            return None
        return super().find_object(queryset, request)


class CityPagesAPIViewSet(TranslatedAPIMixin, PagesAPIViewSet):
    """/api/v2/pages/: the live, public pages of the site serving the request (Wagtail's own rules)."""

    # Not Wagtail's ?site=, which lists another site's pages at this host's address: a city's pages are at its own
    # host, and a cache in front keys (and purges) the list by the host that served it (citycomms.edge.tag).
    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"site"}) | {"lang"}
