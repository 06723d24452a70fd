"""Finding the page a public URL names in one query, with what serving it needs to know of its ancestors.

Wagtail (as patched by wagtail-modeltranslation) walks a path one slug at a
time, reading every child of each page on the way and then checking view
restrictions and reading the ancestors again for the breadcrumbs. Each page
already stores its URL path in every language (`url_path_fi`, `url_path_sv`,
...), so a single query can read the page and all its ancestors, each marked
with whether it carries a view restriction.
"""

import logging

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, PageViewRestriction, Site, SiteRootPath, get_page_models

# The translated site root paths, read from Django's cache (and cleared there when a city's home moves) by
# wagtail-modeltranslation; private, so its use is kept to site_root_paths_by_language below.
from wagtail_modeltranslation.patch_wagtailadmin import _localized_site_get_site_root_paths

logger = logging.getLogger(__name__)


def lineage(home, components):
    """The pages from the tree root down to the one at `components` below `home` (`home` itself for none), or None.

    Each page has `is_restricted`. None when the URL paths cannot tell, say for a
    path a routable page answers (a newsroom's feed) or a character the database
    refuses: the caller then walks the tree as Wagtail does.
    """
    if any("\x00" in component for component in components):
        return None
    field = build_localized_fieldname("url_path", translation.get_language())
    home_url_path = getattr(home, field, None) or home.url_path
    prefixes = [home_url_path + "".join(f"{c}/" for c in components[:n]) for n in range(1, len(components) + 1)]
    above_home = [home.path[:end] for end in range(Page.steplen, len(home.path) + 1, Page.steplen)]
    rows = (
        Page.objects.filter(Q(path__in=above_home) | Q(path__startswith=home.path, **{f"{field}__in": prefixes}))
        .annotate(is_restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .order_by("path")
    )
    return _one_line(list(rows), len(above_home) + len(components))


def _one_line(rows, depth):
    """The rows as a line from the root down to `depth`, each the first (in tree order) child of the one before.

    Two siblings can share a URL path when one lacks the language's slug and
    falls back to another language's; Wagtail's walk takes the first, as here.
    """
    line = []
    for row in rows:
        parent = line[-1] if line else None
        if row.depth == len(line) + 1 and (parent is None or row.path.startswith(parent.path)):
            line.append(row)
    return line if len(line) == depth else None


def view_restrictions_known_free(page):
    """Whether routing already saw that neither `page` nor an ancestor is restricted (or an alias)."""
    line = getattr(page, "routed_lineage", None)
    return line is not None and not any(row.is_restricted or row.alias_of_id for row in line)


def specific_for_serving(row):
    """The specific page of `row`, read with what its model's `serving_queryset()` says serving it needs."""
    model = row.specific_class
    if model is None or not hasattr(model, "serving_queryset"):
        return row.specific
    return model.serving_queryset().get(pk=row.pk)


SITE_ROOT_PATHS_ATTRIBUTE = "_citycomms_site_root_paths"


def site_root_paths_by_language(page, cache_object=None):
    """The site root paths in the active language, remembered on the request for each language.

    wagtail-modeltranslation's own `_get_site_root_paths` remembers one language and reads the cache again
    whenever the active language changes. The language switcher and the hreflang links of every page change
    it for each language, so each page read the cache (Redis, in production) several times.
    """
    holder = cache_object if cache_object is not None else page  # the request, when there is one
    remembered = holder.__dict__.setdefault(SITE_ROOT_PATHS_ATTRIBUTE, {})
    language = translation.get_language()
    if language not in remembered:
        remembered[language] = read_site_root_paths()
    # Where Wagtail keeps them: its redirects app (on a move) copies them from there to the next request.
    holder._wagtail_cached_site_root_paths = remembered[language]
    return remembered[language]


def site_root_paths_in_every_language():
    """{language: the site root paths in it}: what citycomms.sites keeps with the city a request is for."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = read_site_root_paths()
    return paths


def read_site_root_paths():
    """The site root paths in the active language: from Django's cache as wagtail-modeltranslation keeps them
    there, or from the database when the cache does not answer (every page's URLs need them)."""
    try:
        return _localized_site_get_site_root_paths()
    except Exception:
        logger.exception("The cache cannot be read; reading the site root paths from the database")
        sites = Site.objects.select_related("root_page", "root_page__locale").order_by("-root_page__url_path")
        return [
            SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
            for site in sites
        ]


def remember_site_root_paths(request, paths):
    """Let site_root_paths_by_language find `paths` (as site_root_paths_in_every_language gives them) on the
    request instead of reading the cache."""
    request.__dict__.setdefault(SITE_ROOT_PATHS_ATTRIBUTE, {}).update(paths)


def install_site_root_paths():
    """Make every page model use site_root_paths_by_language; call after wagtail-modeltranslation's ready(),
    which sets its own on every page model."""
    for model in {Page, *get_page_models()}:
        model._get_site_root_paths = site_root_paths_by_language
