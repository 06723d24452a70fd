"""The organisation chart (models.OrganisationChartPage): a city's departments, units and teams as a tree, each
with the holder of its head post."""

from collections import defaultdict
from dataclasses import dataclass

from citycomms.tree import path_at_depth

from .posts import Holding

# The heading level of a department on the chart (the page's title is the h1); a unit's is one more, a team's two.
TOP_LEVEL = 2


@dataclass(frozen=True)
class Branch:
    """A department, unit or team on the chart: its page, the Holding of its head post (None: it has none), the
    level of its heading, and the branches below it, in tree order."""

    page: object
    leader: Holding | None
    level: int
    branches: list


def organisation_tree(pages, top_path):
    """The Branches below the page at the tree path `top_path`, made of the organisation pages `pages` (in tree
    order, with their posts read: OrganisationPage.leader). A page whose parent is not among them (a draft, say)
    is left out with what lies below it: the chart never shows a unit without its department."""
    children = defaultdict(list)
    for page in pages:
        children[path_at_depth(page.path, page.depth - 1)].append(page)

    def grow(path, level):
        return [Branch(page, page.leader(), level, grow(page.path, level + 1)) for page in children.get(path, [])]

    return grow(top_path, TOP_LEVEL)
