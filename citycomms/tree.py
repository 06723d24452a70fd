"""Wagtail's page tree read by its materialised paths: each page's `path` starts with its ancestors' paths,
one step (Page.steplen characters) a level, so a page's city home and ancestors need no query.
Collections are trees of the same kind and step."""

from wagtail.models import Page

# Every city's home page sits directly below Wagtail's tree root.
CITY_HOME_DEPTH = 2


def path_at_depth(path, depth):
    """The tree path of the ancestor at `depth` of the page at `path` (the page itself at its own depth)."""
    return path[: depth * Page.steplen]


def home_path(path):
    """The tree path of the city home the page at `path` is in (or is); "" for the tree root."""
    return path_at_depth(path, CITY_HOME_DEPTH) if len(path) >= CITY_HOME_DEPTH * Page.steplen else ""


def ancestor_paths(paths):
    """The given tree paths and the paths of all their ancestors."""
    steps = Page.steplen
    return {path[:end] for path in paths for end in range(steps, len(path) + 1, steps)}
