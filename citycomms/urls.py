from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from citycomms import health, seo
from citycomms.api import CityPagesAPIViewSet
from citycomms.views import city_css
from departments import views as department_views
from departments.api import ContactsAPIViewSet
from press import views as press_views
from search import views as search_views

# A lost database answers 503 with Retry-After instead of a 500 (citycomms.errors).
handler500 = "citycomms.errors.server_error"

# The read API: /api/v2/pages/ and /api/v2/contacts/, with ?lang= for the language.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CityPagesAPIViewSet)
api_router.register_endpoint("contacts", ContactsAPIViewSet)

urlpatterns = [
    # Load balancer probes, outside any language and city.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("documents/", include(wagtaildocs_urls)),
    # Each host's brand colour, for every page in every language.
    path("city.css", city_css, name="city_css"),
    # Crawlers look for these at the root of each host, outside any language.
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language prefix: /fi/…, /sv/…, /en/….
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Address-book cards: one person, everyone on a page, or all the city's media contacts.
    path("vcard/<int:pk>.vcf", department_views.contact_vcard, name="contact_vcard"),
    path("vcard/page/<int:page_id>.vcf", department_views.page_vcards, name="page_vcards"),
    path("vcard/media.vcf", press_views.media_vcards, name="media_vcards"),
    path("media-contacts.csv", press_views.media_csv, name="media_csv"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
