from modeltranslation.translator import TranslationOptions, register

from .models import Announcement


@register(Announcement)
class AnnouncementTR(TranslationOptions):
    fields = ("text", "link")
