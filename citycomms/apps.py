from django.apps import AppConfig


class CityCommsConfig(AppConfig):
    name = "citycomms"
    verbose_name = "CityComms"

    def ready(self):
        from wagtail.models import Page

        from . import redirects
        from .i18n import allow_blank_in_default_language

        allow_blank_in_default_language(Page, "title", "slug")
        redirects.connect()
