"""Which city something belongs to: a user (the cities they work for), a page, a collection; a city's name.

A user works for the cities the page permissions of their groups lie in (citycomms.roles gives each city's
groups theirs); a superuser, or a group with permissions on the tree root, for every city.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.models import GroupPagePermission

from .i18n import translated_value
from .models import CITY_HOME_DEPTH, CityHomePage, CitySettings
from .tree import home_path


def city_name(home):
    """The city's name: its home page's title in the city's default language."""
    city_settings = CitySettings.for_home(home)
    default_language = city_settings.default_language if city_settings else settings.LANGUAGE_CODE
    return str(translated_value(home, "title", [default_language], language=default_language)) or home.slug


def within(home_paths):
    """A filter for pages at or below the city home pages at `home_paths` (tree paths); none for no path."""
    return reduce(or_, [Q(path__startswith=path) for path in home_paths], Q(pk__in=[]))


def city_of_page(page):
    """The city home page `page` lies in (or is); None for the tree root."""
    if page.depth < CITY_HOME_DEPTH:
        return None
    return CityHomePage.objects.filter(path=home_path(page.path)).first()


def city_collections():
    """{city home pk: tree path of the city's own collection}, for every city that has one (its settings link it,
    citycomms.roles.ensure_collection): one query."""
    linked = CitySettings.objects.filter(collection__isnull=False, site__root_page__depth=CITY_HOME_DEPTH)
    return dict(linked.values_list("site__root_page_id", "collection__path"))


def city_of_collection(collection):
    """The city whose own collection `collection` is or lies in; None for the root collection and the
    collections of no city."""
    for pk, path in city_collections().items():
        if collection.path.startswith(path):
            return CityHomePage.objects.get(pk=pk)
    return None


def user_cities(user):
    """The city home pages `user` works for: every city for a superuser, else those their groups'
    page permissions lie in (a permission on the tree root covers every city)."""
    if not user.is_active or not user.is_authenticated:
        return CityHomePage.objects.none()
    if user.is_superuser:
        return CityHomePage.objects.all()
    return _cities_of(user.groups.all())


def moderated_cities(user, moderator_groups):
    """The cities whose pages `user` has permissions on through those of `moderator_groups` they are in.

    Someone who moderates one city and edits another moderates only the first.
    """
    if not user.is_active or not user.is_authenticated:
        return CityHomePage.objects.none()
    return _cities_of(moderator_groups.filter(user=user))


def _cities_of(groups):
    """The city home pages the page permissions of `groups` lie in (the tree root: every city)."""
    paths = GroupPagePermission.objects.filter(group__in=groups).values_list("page__path", flat=True)
    home_paths = set()
    for path in paths:
        if not home_path(path):  # the tree root: the whole tree
            return CityHomePage.objects.all()
        home_paths.add(home_path(path))
    return CityHomePage.objects.filter(path__in=home_paths)
