from django.apps import AppConfig
from django.conf import settings


class CityCommsConfig(AppConfig):
    name = "citycomms"
    verbose_name = "CityComms"

    def ready(self):
        from . import redirects

        allow_blank_default_language_title()
        redirects.connect()


def allow_blank_default_language_title():
    """Let pages be titled in their own city's language only.

    wagtail-modeltranslation makes the project default language (Finnish)
    required for title and slug; a Göteborg page has no Finnish title.
    `TranslatedPageMixin.clean` asks for a title in some language instead.
    Runs after wagtail_modeltranslation's ready(), which sets blank=False.
    """
    from wagtail.models import Page

    for field_name in ("title", "slug"):
        Page._meta.get_field(f"{field_name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}").blank = True
