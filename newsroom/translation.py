from modeltranslation.translator import TranslationOptions, register

from .models import NewsroomPage, PressReleasePage


@register(NewsroomPage)
class NewsroomPageTR(TranslationOptions):
    fields = ("intro",)


@register(PressReleasePage)
class PressReleasePageTR(TranslationOptions):
    fields = ("intro", "body")
