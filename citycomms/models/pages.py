"""City pages every app builds on: the city home page, information pages and what all city pages share."""

import hashlib
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index

from ..cache import kept_until_next_change
from ..chosen import CityPageForm
from ..columns import LINK_FIELDS
from ..panels import languages_of_city, page_tabs
from ..per_request import remembered
from ..routing import lineage, specific_for_serving, view_restrictions_known_free
from ..tree import CITY_HOME_DEPTH, home_path
from ..visibility import current, public

COUNTRY_CHOICES = [("FI", _("Finland")), ("SE", _("Sweden"))]

# Wagtail hook: each function returns a page type that a city home lists as its departments (departments
# registers DepartmentPage).
HOME_DEPARTMENTS_HOOK = "citycomms_home_departments"
# Wagtail hook: each function takes (city home, request) and returns HTML for a section of the city's front page
# (newsroom registers the latest press releases).
HOME_SECTIONS_HOOK = "citycomms_home_sections"
# Wagtail hook: each function takes (page or None, request) and returns HTML for the notices at the top of every
# public page (announcements registers its current announcements). Rendered for each request, outside any kept
# fragment: notices start and end with the clock.
PAGE_NOTICES_HOOK = "citycomms_page_notices"
# Wagtail hook: each function takes the request and returns (MIME type, URL, title) of feeds every page links
# with <link rel="alternate"> (announcements registers the city's announcements feed).
PAGE_FEEDS_HOOK = "citycomms_page_feeds"
# Wagtail hook: each function returns a page type of one per city (`max_count_per_parent = 1`) that the footer
# links and the main menu does not (opendata registers its open data page).
FOOTER_PAGES_HOOK = "citycomms_footer_pages"


class TranslatedPageMixin:
    """What every page of a city shares: a title in some language, the trail of pages above it, and an
    editor that puts the city's own language first and previews the page in each of its languages."""

    # The editor's form: what the page chooses must be its own city's, and public on a public page.
    base_form_class = CityPageForm

    # No "any signed-in user": on a site shared by several cities that would let every city's staff in.
    # A staff-only page names the groups of its own city (citycomms.privacy offers only those).
    private_page_options = ["password", "groups"]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Set before wagtail-modeltranslation patches panels (when the apps are ready): it patches these tabs.
        # Migrations' historical models have no panels and need no editor.
        if "edit_handler" not in cls.__dict__ and hasattr(cls, "content_panels"):
            cls.edit_handler = page_tabs(cls)

    @property
    def preview_modes(self):
        """One preview per language the page's city offers, its default language first."""
        names = dict(settings.LANGUAGES)
        return [(code, names[code]) for code in self.city_languages()]

    def city_languages(self):
        """The languages of this page's city, default first; every language while the page has no city."""
        return languages_of_city(self)

    def serve_password_required_response(self, request, form, action_url):
        """The password prompt, told nothing of the page: its title, intro and slugs stay behind the password."""
        context = {"request": request, "form": form, "action_url": action_url}
        return TemplateResponse(request, "wagtailcore/password_required.html", context)

    def serve_preview(self, request, mode_name):
        """The page as a reader of the preview's language sees it, whatever language the admin speaks."""
        language = mode_name if mode_name in dict(settings.LANGUAGES) else self.default_preview_mode
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Render while the language is active: a TemplateResponse would render after it is restored.
            if hasattr(response, "render"):
                response.render()
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.breadcrumbs()
        return context

    def breadcrumbs(self):
        """The city home and the pages between it and this one (below the tree root)."""
        line = getattr(self, "routed_lineage", None)
        if line is None:
            return self.get_ancestors().filter(depth__gt=1)
        return [page for page in line[:-1] if page.depth > 1]

    def get_url_parts(self, request=None):
        """Wagtail's, remembered for the request: a page links some pages more than once (the city home in the
        header and the footer, each unit in the list and in the JSON-LD), and each time Wagtail compares the
        page's translated url_path with the root of every site."""
        if not isinstance(request, HttpRequest):
            return super().get_url_parts(request)
        known = remembered(request, "url parts")
        key = (translation.get_language(), self.url_path)
        if key not in known:
            known[key] = super().get_url_parts(request)
        return known[key]

    def get_view_restrictions(self):
        """Wagtail's, except when routing read this page's lineage and saw no restriction: then none, free."""
        if view_restrictions_known_free(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def clean(self):
        super().clean()
        if not any(getattr(self, f"title_{code}", None) for code, _name in settings.LANGUAGES):
            raise ValidationError(
                {f"title_{settings.LANGUAGE_CODE}": _("Give the page a title in the site's default language.")}
            )


class CityHomePage(TranslatedPageMixin, Page):
    """The front page of one city's site: its name, a lead paragraph and its departments.

    Each city is a Wagtail Site rooted at one of these; everything the city
    publishes lives below it.
    """

    intro = models.TextField(_("intro"), blank=True, help_text=_("A short lead paragraph shown under the title."))
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    announcement = models.TextField(
        _("announcement"),
        blank=True,
        help_text=_("A notice shown at the top of the front page, such as a disruption or an event. Empty: none."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        default="FI",
        help_text=_("Phone numbers of this city's contacts are read and shown in this country's format."),
    )

    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("body")], heading=_("Front page text")),
        FieldPanel("announcement"),
        FieldPanel("country"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = ["intro", "body", "country"]

    class Meta:
        verbose_name = _("city home page")
        verbose_name_plural = _("city home pages")

    def route_by_url_path(self, request, path_components):
        """The page at the path, found with its ancestors in one query (citycomms.routing) and kept until the
        next change; Wagtail's walk for what that cannot find, such as a routable page's own URLs.

        Installed as `route` by citycomms.patches: wagtail-modeltranslation replaces `route` on every
        translated page model when it starts.
        """
        found = kept_until_next_change(route_key(self, path_components), partial(self.find_page, path_components))
        if found is None:
            return super().route(request, path_components)
        line, page = found
        if page is None:
            self.routed_lineage = line
            return super().route(request, [])
        return page.route(request, [])

    def find_page(self, path_components):
        """(the lineage, the page to serve with its `routed_lineage`), the page None for the home itself; None
        when the URL paths cannot tell (citycomms.routing.lineage)."""
        line = lineage(self, path_components)
        if line is None:
            return None
        if line[-1].pk == self.pk:
            return line, None
        page = specific_for_serving(line[-1])
        page.routed_lineage = line
        return line, page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = SimpleLazyObject(self.departments)  # read only if {% kept %} renders afresh
        return context

    def departments(self):
        """The live, public, current (citycomms.visibility.current) department pages below the home, in tree order.

        The home also has a newsroom, an accessibility statement and the like. The department page types
        come from the app that has them (HOME_DEPARTMENTS_HOOK): departments sit on a higher floor.
        """
        models = [department_model() for department_model in hooks.get_hooks(HOME_DEPARTMENTS_HOOK)]
        children = self.get_children().exact_type(*models) if models else Page.objects.none()
        return public(current(children.live())).specific()


def route_key(home, path_components):
    """Where the page at `path_components` below `home` is kept, in the active language (slugs are per
    language); hashed, as the path is the reader's."""
    path = "/".join(path_components)
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
    return f"citycomms:route:{home.pk}:{translation.get_language()}:{digest}"


def city_child_page(model, page, request=None):
    """The live, public page of type `model` directly below the city home `page` belongs to, or None.

    As a plain Page: its title and URL are what the links to it need.

    For page types one per city (`max_count_per_parent = 1`: the newsroom, the media
    contacts page, the accessibility statement). Every page links some of them, so all
    of the city's are read in one query and kept until the next change
    (citycomms.cache.kept_until_next_change), and for the request. The tree path gives
    the city home without querying `page`'s ancestors; whether they are public is
    tested in the same query (citycomms.visibility.public).
    """
    home = home_path(page.path)
    found = remembered(request, "one-per-city pages")
    if home not in found:
        key = f"citycomms:one-per-city-pages:{home}"
        found[home] = kept_until_next_change(key, partial(one_per_city_pages, home))
    return found[home].get(ContentType.objects.get_for_model(model).pk)


def one_per_city_pages(home_path):
    """The live, public pages of every one-per-city type below the home at `home_path`, by content type id."""
    children = Page.objects.live().filter(
        path__startswith=home_path, depth=CITY_HOME_DEPTH + 1, content_type__in=one_per_city_types()
    )
    # In reverse tree order, so that the first of a type (in tree order) is the one kept.
    pages = public(children).order_by("-path").only(*LINK_FIELDS)
    return {page.content_type_id: page for page in pages}


def one_per_city_types():
    page_models = [model for model in get_page_models() if model.max_count_per_parent == 1]
    return list(ContentType.objects.get_for_models(*page_models).values())


class InformationPage(TranslatedPageMixin, Page):
    """A page of text for what has no page type of its own: about the site, or staff guidelines.

    Make it staff-only with the Privacy setting when only the city's staff may read it;
    the public then gets a sign-in prompt and never sees it in lists, search or the sitemap.
    """

    intro = models.TextField(_("intro"), blank=True, help_text=_("A short lead paragraph shown under the title."))
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]
    )

    parent_page_types = ["citycomms.CityHomePage", "citycomms.InformationPage"]
    subpage_types = ["citycomms.InformationPage"]

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("body")], heading=_("Text")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = ["intro", "body"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class CitySectionPage(TranslatedPageMixin, Page):
    """What a page of one per city shares (media contacts, the organisation chart, open data): it stands directly
    below the city's home page, once, and an editor writes only its lead paragraph.

    Not the newsroom: a routable page must have TranslatedPageMixin before RoutablePageMixin (whose serve_preview
    does not call super, so a preview would lose its language), which a subclass of this one cannot."""

    intro = models.TextField(_("intro"), blank=True, help_text=_("A short lead paragraph shown under the title."))

    parent_page_types = ["citycomms.CityHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]

    class Meta:
        abstract = True
