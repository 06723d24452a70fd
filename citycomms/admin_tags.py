"""The tags the admin's document and image screens suggest, from the files the user may see.

Wagtail offers the ten most used tags of all documents (or images) as a filter on their listings and in the
image chooser: on an installation shared by cities, other cities' tags, a staff-only document's among them.
These views are Wagtail's with the tags of the user's own files (website/urls.py puts them at Wagtail's URLs);
superusers keep Wagtail's.
"""

from django.db.models import Count
from taggit.models import Tag
from wagtail.admin.models import popular_tags_for_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images.views.chooser import ImageChooseResultsView, ImageChooseView
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView

from .admin_scope import tagged_for

POPULAR_TAGS = 10  # as many as Wagtail offers


def popular_tags_for_user(user, model):
    """The most used tags on the objects of `model` (documents or images) that `user` may see."""
    if user.is_superuser:
        return popular_tags_for_model(model)
    return (
        Tag.objects.filter(tagged_for(user, model))
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:POPULAR_TAGS]
    )


class UserTagsMixin:
    """A media listing's filters, the tag filter offering the user's own tags."""

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if "tag" in self.filters and request is not None:
            tags = popular_tags_for_user(request.user, self._meta.model)
            if tags:
                self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]
            else:
                del self.filters["tag"]  # as Wagtail does when there are no tags


class CityDocumentsFilterSet(UserTagsMixin, DocumentsFilterSet):
    pass


class CityImagesFilterSet(UserTagsMixin, ImagesFilterSet):
    pass


class CityDocumentIndexView(DocumentIndexView):
    filterset_class = CityDocumentsFilterSet


class CityImageIndexView(ImageIndexView):
    filterset_class = CityImagesFilterSet


class UserTagsChooseMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "popular_tags" in context:
            context["popular_tags"] = popular_tags_for_user(self.request.user, self.model)
        return context


class CityImageChooseView(UserTagsChooseMixin, ImageChooseView):
    pass


class CityImageChooseResultsView(UserTagsChooseMixin, ImageChooseResultsView):
    pass


def image_chooser_view(view_class):
    """`view_class` as Wagtail's image chooser builds its own (its model, permission policy, …)."""
    return image_chooser_viewset.construct_view(view_class)
