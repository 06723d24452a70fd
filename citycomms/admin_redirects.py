"""Each city's redirects, kept by its own moderators.

Reorganising a city (a department renamed, merged or moved) leaves old addresses
behind, and its moderators mend them with Wagtail's redirects. Wagtail's screens
list and choose every site's: these, at the same URLs (website.urls), list only
the redirects of the user's cities' sites, offer only those sites (never "all
sites", which would reach into every city) and only pages of those cities as
targets. Another city's redirect is not found. Superusers keep Wagtail's screens
as they are. Importing a file of redirects stays with superusers
(citycomms.admin_scope), as its site choice spans every city.
"""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects import views
from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from .cities import city_name, user_cities, within


def city_sites(user):
    """The sites of the cities `user` works for."""
    return Site.objects.filter(root_page__in=user_cities(user)).select_related("root_page")


def city_redirects(user):
    """The redirects `user` may see and change: every one for a superuser, else those of their cities' sites."""
    if user.is_superuser:
        return Redirect.objects.all()
    return Redirect.objects.filter(site__in=city_sites(user))


def limit_form_to_cities(form, user):
    """From one of the user's cities' sites, to a page of those cities (or an address of the editor's choice)."""
    if user.is_superuser:
        return
    sites = city_sites(user)
    site = form.fields["site"]
    site.queryset = sites
    site.required = True
    site.empty_label = None
    site.label_from_instance = lambda choice: city_name(choice.root_page)
    site.help_text = _("The city site whose old address this is.")
    home_paths = [choice.root_page.path for choice in sites]
    form.fields["redirect_page"].queryset = Page.objects.filter(within(home_paths))


def filter_sites(request):
    """The sites the redirects listing's site filter offers: the user's cities' (every one to a superuser)."""
    if request is None or request.user.is_superuser:
        return Site.objects.all()
    return city_sites(request.user)


class CityRedirectsFilterSet(RedirectsReportFilterSet):
    """Wagtail's filters of the redirects listing, the site filter offering only the user's cities' sites."""

    site = django_filters.ModelChoiceFilter(field_name="site", queryset=filter_sites, label=_("Site"))


class CityRedirectIndexView(views.IndexView):
    filterset_class = CityRedirectsFilterSet

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=city_redirects(self.request.user).values("pk"))

    @property
    def header_more_buttons(self):
        """Wagtail's, without the import (superusers only) for everyone else."""
        buttons = super().header_more_buttons
        if self.request.user.is_superuser:
            return buttons
        return [button for button in buttons if button.url != reverse("wagtailredirects:start_import")]


class CityRedirectFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        limit_form_to_cities(form, self.request.user)
        return form


class CityRedirectCreateView(CityRedirectFormMixin, views.CreateView):
    pass


class CityRedirectEditView(CityRedirectFormMixin, views.EditView):
    def get_queryset(self):
        return city_redirects(self.request.user)


class CityRedirectDeleteView(views.DeleteView):
    def get_queryset(self):
        return city_redirects(self.request.user)
