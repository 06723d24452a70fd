from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatementPage, CityHomePage, InformationPage


@register(CityHomePage)
class CityHomePageTR(TranslationOptions):
    fields = ("intro", "body", "announcement")


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTR(TranslationOptions):
    fields = (
        "intro",
        "non_compliance",
        "disproportionate_burden",
        "outside_scope",
        "feedback_text",
        "feedback_url",
        "enforcement_text",
    )


@register(InformationPage)
class InformationPageTR(TranslationOptions):
    fields = ("intro", "body")
