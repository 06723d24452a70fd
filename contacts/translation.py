from modeltranslation.translator import TranslationOptions, register

from .models import ContactPerson, ServicePoint


@register(ContactPerson)
class ContactPersonTR(TranslationOptions):
    fields = ("job_title", "media_topics")


@register(ServicePoint)
class ServicePointTR(TranslationOptions):
    fields = ("name", "description", "street_address", "locality", "opening_hours")
