from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from announcements.api import AnnouncementsAPIViewSet
from announcements.views import announcements_feed
from citycomms import health, media, seo
from citycomms.admin_redirects import (
    CityRedirectCreateView,
    CityRedirectDeleteView,
    CityRedirectEditView,
    CityRedirectIndexView,
)
from citycomms.admin_scope import city_gate
from citycomms.admin_tags import (
    CityDocumentIndexView,
    CityImageChooseResultsView,
    CityImageChooseView,
    CityImageIndexView,
    image_chooser_view,
)
from citycomms.api import CityPagesAPIViewSet
from citycomms.privacy import CityPagePrivacyView, collection_privacy
from citycomms.views import city_css, favicon
from departments import views as department_views
from departments.api import ContactsAPIViewSet
from opendata import views as open_data_views
from press import views as press_views
from search import views as search_views

# A lost database answers 503 with Retry-After instead of a 500 (citycomms.errors).
handler500 = "citycomms.errors.server_error"

# The read API: /api/v2/pages/, /api/v2/contacts/ and /api/v2/announcements/, with ?lang= for the language.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CityPagesAPIViewSet)
api_router.register_endpoint("contacts", ContactsAPIViewSet)
api_router.register_endpoint("announcements", AnnouncementsAPIViewSet)

# Wagtail's admin views whose own would show other cities' groups or tags, in their place at the same URLs
# (citycomms.privacy, citycomms.admin_tags, citycomms.admin_redirects); the admin's own patterns come after them.
admin_overrides = [
    path("pages/<int:page_id>/privacy/", CityPagePrivacyView.as_view(), name="city_page_privacy"),
    path("collections/<int:collection_id>/privacy/", collection_privacy, name="city_collection_privacy"),
    path("documents/", CityDocumentIndexView.as_view(), name="city_documents"),
    path("documents/results/", CityDocumentIndexView.as_view(results_only=True), name="city_documents_results"),
    path("images/", CityImageIndexView.as_view(), name="city_images"),
    path("images/results/", CityImageIndexView.as_view(results_only=True), name="city_images_results"),
    path("images/chooser/", image_chooser_view(CityImageChooseView), name="city_image_chooser"),
    path("images/chooser/results/", image_chooser_view(CityImageChooseResultsView), name="city_image_chooser_results"),
    path("redirects/", CityRedirectIndexView.as_view(), name="city_redirects"),
    path("redirects/results/", CityRedirectIndexView.as_view(results_only=True), name="city_redirects_results"),
    path("redirects/add/", CityRedirectCreateView.as_view(), name="city_redirect_add"),
    path("redirects/<int:redirect_id>/", CityRedirectEditView.as_view(), name="city_redirect_edit"),
    path("redirects/<int:redirect_id>/delete/", CityRedirectDeleteView.as_view(), name="city_redirect_delete"),
]
admin_overrides = decorate_urlpatterns(decorate_urlpatterns(admin_overrides, require_admin_access), city_gate)

urlpatterns = [
    # Load balancer probes, outside any language and city.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(admin_overrides)),
    # Every admin view keeps each city's staff to their own city (citycomms.admin_scope).
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, city_gate))),
    path("api/v2/", api_router.urls),
    # Documents through Wagtail's view only, with caching headers by their collection's privacy (citycomms.media).
    path("documents/", include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, media.with_document_caching))),
    # Each host's brand colour, for every page in every language.
    path("city.css", city_css, name="city_css"),
    path("favicon.ico", favicon, name="favicon"),
    # Crawlers look for these at the root of each host, outside any language.
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    # The JSON Schema of every city's open data JSON, the same in every language.
    path("open-data/popolo-organisation.schema.json", open_data_views.schema, name="open_data_schema"),
]

# Images and their renditions, checked against their collection's privacy, in every deployment (citycomms.media).
# Nothing serves MEDIA_ROOT by path: documents go out through /documents/ above only.
urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media.serve, name="media")]

# Every public page carries its language prefix: /fi/…, /sv/…, /en/….
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Address-book cards: one person, everyone on a page, or all the city's media contacts.
    path("vcard/<id:pk>.vcf", department_views.contact_vcard, name="contact_vcard"),
    path("vcard/page/<id:page_id>.vcf", department_views.page_vcards, name="page_vcards"),
    path("vcard/media.vcf", press_views.media_vcards, name="media_vcards"),
    path("media-contacts.csv", press_views.media_csv, name="media_csv"),
    # The city's organisation as open data (CC BY 4.0): Popolo JSON, and each of its collections as CSV.
    path("open-data/organisation.json", open_data_views.popolo_json, name="open_data_json"),
    path("open-data/<slug:name>.csv", open_data_views.collection_csv, name="open_data_csv"),
    # The city's announcements showing now, as Atom: every page links it.
    path("announcements/feed/atom/", announcements_feed, name="announcements_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
