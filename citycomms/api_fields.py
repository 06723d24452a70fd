"""Serializer fields for the read API that model modules use in their `api_fields`."""

from rest_framework.relations import RelatedField

from .visibility import is_public_page


class PublicPageField(RelatedField):
    """A page another page points to, as Wagtail shows a page's parent (id, type, URLs and title),
    or null when it is not live and public: Wagtail's default names any page, staff-only ones too."""

    def get_attribute(self, instance):
        page = getattr(instance, self.source)
        return page if is_public_page(page) else None

    def to_representation(self, value):
        # Imported here: wagtail.api.v2.serializers needs the app registry, and models import this module.
        from wagtail.api.v2.serializers import PageParentField

        return PageParentField.to_representation(self, value)  # it only reads self.context
