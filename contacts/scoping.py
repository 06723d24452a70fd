"""Each city's staff see and edit only their own city's contact people and service points in the admin.

Which cities a user works for comes from citycomms.roles.user_cities (their
groups' page permissions); superusers see every city. Three doors are kept:

- the listing and the chooser list only the user's cities' snippets;
- every view of one snippet (edit, delete, copy, history, usage, the chooser's
  "chosen" step …) answers 404 for another city's, as if it did not exist;
- the permission policy refuses another city's snippet to bulk actions, and the
  edit form offers only the user's cities.

And what a city's page or contact chooses stays in the city: a page's form refuses
another city's people and service points, and on a public page unpublished ones
(refuse_contacts, through citycomms.chosen); a contact's form refuses a photo from
another city's collection.
"""

from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetCreateView,
)

from citycomms.chosen import Place, refuse_chosen
from citycomms.cities import city_name, user_cities
from citycomms.panels import keep_city_languages

from .models import ContactPerson, ServicePoint

PERSON_OF_ANOTHER_CITY = _("Choose a person who works for this page's city.")
SERVICE_POINT_OF_ANOTHER_CITY = _("Choose a service point of this page's city.")
UNPUBLISHED_SERVICE_POINT = _(
    "This service point has not been published, and this page is public: publish it first or choose another."
)


def for_user_cities(queryset, user):
    """`queryset` (of snippets with a `city`) narrowed to the cities `user` works for."""
    if user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(city__in=user_cities(user))


class CityPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, and only on snippets of the user's own cities."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and self._in_user_cities(
            user, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and self._in_user_cities(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return for_user_cities(super().instances_user_has_any_permission_for(user, actions), user)

    def _in_user_cities(self, user, instance):
        if instance.pk is None:
            return True  # not saved yet: the form's city choices decide
        return for_user_cities(self.model._default_manager.filter(pk=instance.pk), user).exists()


class CityScopedForm(WagtailAdminModelForm):
    """The snippet's form, with the city to choose from only among the user's cities, and what else it chooses
    (a contact's photo) from that city's own collection (citycomms.chosen)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "city" in self.fields:
            choose_among_user_cities(self, user_cities(for_user).order_by("path"))
        keep_city_languages(self)

    def city_page(self):
        """The city whose languages the form shows: the contact's, or the one city a new contact's editor works
        for; none (every language) while the city is still to be chosen among several."""
        if self.instance.city_id is not None:
            return self.instance.city
        cities = self.fields["city"].queryset if "city" in self.fields else []
        return cities[0] if len(cities) == 1 else None

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("city") is not None:
            refuse_chosen(self, Place.of_city(cleaned_data["city"]))
        return cleaned_data


def choose_among_user_cities(form, cities):
    """The form's city as a list of `cities` by name (not a page chooser, which browses every city's tree), the
    one city preselected for someone who works for one."""
    field = form.fields["city"]
    field.queryset = cities
    field.label_from_instance = city_name
    field.widget = forms.Select(choices=field.choices)
    if form.instance.pk is None and len(cities) == 1:
        form.initial.setdefault("city", cities[0].pk)


def refuse_contacts(model, ids, place):
    """For citycomms.chosen: people and service points of another city than the page's, and on a public page
    service points not published (a draft never published, or unpublished since).

    The city's own people not yet published may be listed: whoever approves or publishes the page takes them live
    with it (editorial.moderation), so that an editor can add a team and its new people in one go."""
    if not issubclass(model, (ContactPerson, ServicePoint)):
        return {}
    person = issubclass(model, ContactPerson)
    elsewhere = PERSON_OF_ANOTHER_CITY if person else SERVICE_POINT_OF_ANOTHER_CITY
    city_id = place.city.pk if place.city is not None else None
    refused = {}
    for pk, item_city_id, live in model._default_manager.filter(pk__in=ids).values_list("pk", "city_id", "live"):
        if item_city_id != city_id:
            refused[pk] = elsewhere
        elif place.public and not live and not person:
            refused[pk] = UNPUBLISHED_SERVICE_POINT
    return refused


class CityScopedViewSetMixin:
    """For a SnippetViewSet of a model with a `city`: the listing and every object view stay in the user's cities."""

    def get_queryset(self, request):
        return for_user_cities(self.model._default_manager.all(), request.user)

    def construct_view(self, view_class, **kwargs):
        return only_own_cities(super().construct_view(view_class, **kwargs), self.model)


def only_own_cities(view, model):
    """Wrap `view` so that a URL naming another city's snippet (by `pk`) answers 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if "pk" in kwargs and _elsewhere(model, kwargs["pk"], request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _elsewhere(model, pk, user):
    """Whether the snippet `pk` exists but belongs to a city `user` does not work for."""
    try:
        found = model._default_manager.filter(pk=unquote(str(pk)))
        return found.exists() and not for_user_cities(found, user).exists()
    except (ValueError, ValidationError):
        return False  # not a pk at all: the view itself answers 404


class CityScopedChooseMixin:
    """The chooser lists only the snippets of the user's cities."""

    def get_object_list(self):
        return for_user_cities(super().get_object_list(), self.request.user)


class CityScopedChooseView(CityScopedChooseMixin, ChooseView):
    pass


class CityScopedChooseResultsView(CityScopedChooseMixin, ChooseResultsView):
    pass


class CityScopedChosenMultipleView(SnippetChosenMultipleView):
    """Several chosen snippets at once: another city's are left out."""

    def get_objects(self, pks):
        return for_user_cities(super().get_objects(pks), self.request.user)


class ChooserCreateView(SnippetCreateView):
    """The chooser's "Create" step, which these choosers do not offer (no creation form): not found, where
    Wagtail's view fails on a POST."""

    def dispatch(self, request, *args, **kwargs):
        if self.creation_form_class is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CityScopedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser: lists the user's cities' snippets, and a chosen one from elsewhere is not found."""

    choose_view_class = CityScopedChooseView
    create_view_class = ChooserCreateView
    choose_results_view_class = CityScopedChooseResultsView
    chosen_multiple_view_class = CityScopedChosenMultipleView

    def construct_view(self, view_class, **kwargs):
        return only_own_cities(super().construct_view(view_class, **kwargs), self.model)
