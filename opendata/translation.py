from modeltranslation.translator import TranslationOptions, register

from .models import OpenDataPage


@register(OpenDataPage)
class OpenDataPageTR(TranslationOptions):
    fields = ("intro",)
