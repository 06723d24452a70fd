"""Wagtail's privacy settings for pages and collections, with the groups of the object's own city only.

Wagtail's forms offer every group of the installation and "any signed-in user"; on a site shared by cities
that is every city's staff. Here a staff-only page or collection of a city can name only that city's staff
groups (citycomms.roles.city_staff_groups), which are ticked for a new restriction. Objects outside any
city (the tree root, the root collection) keep Wagtail's form, for superusers.

The two views replace Wagtail's at the same URLs (website/urls.py puts them first): the page one by
subclassing Wagtail's view with another form; the collection one, a function in Wagtail that names its
form, by repeating its few steps with the form here.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.models import BaseViewRestriction, Collection
from wagtail.permissions import policy_registry

from .cities import city_of_collection, city_of_page
from .roles import city_staff_groups


class CityGroupsMixin:
    """A privacy form whose groups are `city`'s staff groups, without "any signed-in user"."""

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        if city is None:
            return
        groups = city_staff_groups(city)
        self.fields["groups"].queryset = groups
        self.fields["restriction_type"].choices = [
            choice for choice in self.fields["restriction_type"].choices if choice[0] != BaseViewRestriction.LOGIN
        ]
        if self.instance.pk is None:
            self.initial.setdefault("groups", list(groups))


class CityPageViewRestrictionForm(CityGroupsMixin, PageViewRestrictionForm):
    pass


class CityCollectionViewRestrictionForm(CityGroupsMixin, CollectionViewRestrictionForm):
    pass


class CityPagePrivacyView(SetPrivacyView):
    form_class = CityPageViewRestrictionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "city": city_of_page(self.page)}


def collection_privacy(request, collection_id):
    """Wagtail's collection privacy modal, with the city's groups only."""
    collection = get_object_or_404(Collection, id=collection_id)
    policy = policy_registry.get_by_type(Collection)
    if not policy.user_has_permission_for_instance(request.user, "change", collection):
        raise PermissionDenied
    restriction = collection.get_view_restrictions().order_by("collection__depth").first()
    if restriction is not None and restriction.collection_id != collection.pk:
        context = {"collection_with_restriction": restriction.collection}
        return render_modal_workflow(request, "wagtailadmin/collection_privacy/ancestor_privacy.html", None, context)

    city = city_of_collection(collection)
    if request.method == "POST":
        form = CityCollectionViewRestrictionForm(request.POST, instance=restriction, city=city)
        if form.is_valid():
            public = form.cleaned_data["restriction_type"] == BaseViewRestriction.NONE
            if public and restriction:
                restriction.delete()
            elif not public:
                form.instance.collection = collection
                form.save()
            return render_modal_workflow(
                request, None, None, None, json_data={"step": "set_privacy_done", "is_public": public}
            )
    else:
        initial = None if restriction else {"restriction_type": BaseViewRestriction.NONE}
        form = CityCollectionViewRestrictionForm(instance=restriction, initial=initial, city=city)
    context = {
        "action_url": reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,)),
        "object": collection,
        "form": form,
    }
    return render_modal_workflow(
        request, "wagtailadmin/shared/set_privacy.html", None, context, json_data={"step": "set_privacy"}
    )
