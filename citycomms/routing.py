"""Finding the page a public URL names in one query, with what serving it needs to know of its ancestors.

Wagtail (as patched by wagtail-modeltranslation) walks a path one slug at a
time, reading every child of each page on the way and then checking view
restrictions and reading the ancestors again for the breadcrumbs. Each page
already stores its URL path in every language (`url_path_fi`, `url_path_sv`,
...), so a single query can read the page and all its ancestors, each marked
with whether it carries a view restriction.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, PageViewRestriction

from .tree import ancestor_paths


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
    above_home = sorted(ancestor_paths([home.path]))
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
