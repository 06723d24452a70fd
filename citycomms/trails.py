"""A page's name with its trail, so that two pages of one name can be told apart.

For people: the titles of the pages from below the city home down to the page, "Viestintäosasto › Viestintä", each
in the admin's language where the page has it, else in the city's default language. For a spreadsheet: the page's
slugs from below the city home, "viestintaosasto/viestinta", in one language, which names one page of the city.

A city home's trail is the home itself. Two queries whatever the number of pages (more only past thousands of
pages, in batches): the pages on the trails, and their cities' default languages.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from .i18n import translated_value
from .languages import LANGUAGE_CODES
from .models import CitySettings
from .tree import CITY_HOME_DEPTH, home_path, path_at_depth

SEPARATOR = " › "
SLUG_SEPARATOR = "/"
# Paths asked for in one query: well below the number of parameters SQLite takes.
BATCH = 500
FIELDS = [build_localized_fieldname(name, code) for name in ("title", "slug") for code in LANGUAGE_CODES]


@dataclass
class Trail:
    """The pages from below a city home down to one page (each its path, titles and slugs), and its city's
    default language."""

    steps: list
    default_language: str

    def name(self, language=None):
        """The titles, in `language` (the active one if not given) where a page has it, else in the city's."""
        language = language or translation.get_language()
        return SEPARATOR.join(self._title(step, language) for step in self.steps)

    def _title(self, step, language):
        title = str(translated_value(step, "title", [self.default_language], language=language))
        return title or next((slug for slug in self.slugs(step) if slug), "")

    def slug_path(self, language):
        """The slugs in `language`, or "" if a page on the trail has none in it."""
        slugs = [getattr(step, build_localized_fieldname("slug", language)) for step in self.steps]
        return SLUG_SEPARATOR.join(slugs) if slugs and all(slugs) else ""

    def slug_paths(self):
        """{language: slug path} for each language every page on the trail has a slug in, the city's first."""
        paths = {code: self.slug_path(code) for code in dict.fromkeys([self.default_language, *LANGUAGE_CODES])}
        return {code: path for code, path in paths.items() if path}

    @property
    def path(self):
        """The slug path in the city's default language, else in the first language that has one."""
        return next(iter(self.slug_paths().values()), "")

    @staticmethod
    def slugs(step):
        return [getattr(step, build_localized_fieldname("slug", code)) for code in LANGUAGE_CODES]


def trails(paths):
    """{tree path: Trail} for the pages at `paths` (pages missing from the tree have a trail of what is left)."""
    on_trails = {path: trail_paths(path) for path in set(paths)}
    wanted = sorted({step for steps in on_trails.values() for step in steps})
    found = {}
    for first in range(0, len(wanted), BATCH):
        rows = Page.objects.filter(path__in=wanted[first : first + BATCH]).values("path", *FIELDS)
        found.update((row["path"], SimpleNamespace(**row)) for row in rows)
    defaults = default_languages({home_path(path) for path in on_trails})
    return {
        path: Trail(
            [found[step] for step in steps if step in found],
            defaults.get(home_path(path), settings.LANGUAGE_CODE),
        )
        for path, steps in on_trails.items()
    }


def trail_paths(path):
    """The tree paths of the pages from below the city home down to the page at `path` (a home: itself)."""
    start = min(len(path_at_depth(path, CITY_HOME_DEPTH + 1)), len(path))
    return [path[:end] for end in range(start, len(path) + 1, Page.steplen)]


def default_languages(home_paths):
    """{city home's tree path: the city's default language}, from the settings of the site the home is the root
    of (the default site's, else the first site's, as CitySettings.for_home)."""
    rows = (
        CitySettings.objects.filter(site__root_page__path__in=home_paths)
        .order_by("site__is_default_site", "-site__pk")
        .values_list("site__root_page__path", "default_language")
    )
    return dict(rows)  # later rows win: the default site, else the first


def trail_names(pages, language=None):
    """{page pk: its name with its trail} for `pages` (anything with a pk and a tree path)."""
    pages = list(pages)
    found = trails(page.path for page in pages)
    return {page.pk: found[page.path].name(language) for page in pages}


def trail_name(page, language=None):
    """`page`'s name with its trail: "Viestintäosasto › Viestintä"."""
    return trail_names([page], language)[page.pk]


class TrailLabels:
    """A choice field's label_from_instance for a queryset of pages: each its name with its trail, worked out for
    all the choices at once when the first is labelled (in the language active then)."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.names = None

    def __call__(self, page):
        if self.names is None:
            rows = self.queryset.values_list("pk", "path")
            self.names = trail_names(SimpleNamespace(pk=pk, path=path) for pk, path in rows)
        return self.names.get(page.pk) or str(page)
