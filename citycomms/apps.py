from django.apps import AppConfig


class CityCommsConfig(AppConfig):
    name = "citycomms"
    verbose_name = "CityComms"

    def ready(self):
        from django.db.models.signals import post_save
        from django.urls import register_converter
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

        from . import cache_changes, patches, redirects, roles
        from .i18n import allow_blank_in_default_language
        from .models import CitySettings
        from .params import IdConverter

        allow_blank_in_default_language(Page, "title", "slug")
        # <id:…> in URLs: digits a database can hold (citycomms.params).
        register_converter(IdConverter, "id")
        # After wagtail-modeltranslation's ready(), which ran first and patched every page model.
        patches.apply()
        redirects.connect()
        for restriction_model in (PageViewRestriction, CollectionViewRestriction):
            post_save.connect(roles.narrow_new_restriction, sender=restriction_model)
        cache_changes.clear_on_page_changes()
        cache_changes.clear_on_change(
            CitySettings,
            Site,
            PageViewRestriction,
            # A collection moved under a private one makes its documents private (the admin saves it first).
            Collection,
            CollectionViewRestriction,
            get_document_model(),
            get_image_model(),
        )
