from modeltranslation.translator import TranslationOptions, register

from .models import PressContactsPage


@register(PressContactsPage)
class PressContactsPageTR(TranslationOptions):
    fields = ("intro",)
