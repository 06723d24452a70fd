from django.apps import AppConfig


class CityCommsConfig(AppConfig):
    name = "citycomms"
    verbose_name = "CityComms"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

        from . import cache, redirects, routing
        from .i18n import allow_blank_in_default_language
        from .models import CityHomePage, CitySettings

        allow_blank_in_default_language(Page, "title", "slug")
        # wagtail-modeltranslation (whose ready() ran first) set every page model's route to its walk.
        CityHomePage.route = CityHomePage.route_by_url_path
        routing.install_site_root_paths()
        redirects.connect()
        cache.clear_on_page_changes()
        cache.clear_on_change(
            CitySettings,
            Site,
            PageViewRestriction,
            # A collection moved under a private one makes its documents private (the admin saves it first).
            Collection,
            CollectionViewRestriction,
            get_document_model(),
            get_image_model(),
        )
