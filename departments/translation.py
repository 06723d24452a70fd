from modeltranslation.translator import TranslationOptions, register

from .models import DepartmentPage, OrganisationChartPage, OrganisationPage, PageContact, TeamPage, UnitPage
from .posts import Post


@register(OrganisationPage)
class OrganisationPageTR(TranslationOptions):
    fields = ("intro", "body")


# Subclasses are registered too so that wagtail-modeltranslation patches their admin panels.
@register(DepartmentPage)
class DepartmentPageTR(TranslationOptions):
    fields = ()


@register(UnitPage)
class UnitPageTR(TranslationOptions):
    fields = ()


@register(TeamPage)
class TeamPageTR(TranslationOptions):
    fields = ()


@register(OrganisationChartPage)
class OrganisationChartPageTR(TranslationOptions):
    fields = ("intro",)


@register(PageContact)
class PageContactTR(TranslationOptions):
    fields = ("role",)


@register(Post)
class PostTR(TranslationOptions):
    fields = ("title",)
