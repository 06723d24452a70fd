"""How the pages API shows the snippets a page names: as Wagtail links them, leaving out those not yet published."""

from rest_framework.fields import Field
from wagtail.api.utils import get_full_url

from contacts.models import published


def snippet_link(obj, context):
    """A snippet as Wagtail's API links a related object: id, type and (with an endpoint) detail URL."""
    meta = {"type": obj._meta.label}
    # Wagtail's get_object_detail_url, whose module cannot be imported before the models are loaded.
    path = context["router"].get_object_detail_urlpath(type(obj), obj.pk)
    if path:
        meta["detail_url"] = get_full_url(context["request"], path)
    return {"id": obj.pk, "meta": meta}


class PublishedSnippetField(Field):
    """A page's link to a contact person or service point (its head, its media desk), or null while that is a
    draft never published."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return published(getattr(instance, self.source))

    def to_representation(self, obj):
        return snippet_link(obj, self.context)


class PublishedContactsField(Field):
    """A page's ordered contacts (page contacts, a release's contacts) whose people are published, each with
    the `fields` it has of its own (a page contact's role)."""

    def __init__(self, fields=(), **kwargs):
        super().__init__(read_only=True, **kwargs)
        self.own_fields = fields

    def to_representation(self, listings):
        return [
            {
                "id": item.pk,
                "meta": {"type": item._meta.label},
                "contact": snippet_link(item.contact, self.context),
                **{name: getattr(item, name) for name in self.own_fields},
            }
            for item in listings.select_related("contact")
            if item.contact.live
        ]
