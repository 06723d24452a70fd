from modeltranslation.translator import TranslationOptions, register

from .models import CityHomePage


@register(CityHomePage)
class CityHomePageTR(TranslationOptions):
    fields = ("intro", "body")
