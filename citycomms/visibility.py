"""What an anonymous reader may see of the pages and documents other content points to.

A link or a document list in a public page's body may point to a staff-only page or a
document in a restricted collection; the public site and the API leave those out, so
their titles, addresses and ids never reach a reader who could not open them.
Each check costs one or two queries however many pages or documents it is given.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail import hooks
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from .tree import ancestor_paths

# Wagtail hook: each function takes a page queryset and returns it without the pages that are no longer part of
# the organisation as it is now (departments: the reorganised departments, units and teams and what is below
# them). Such pages stay public and readable; what lists the city's organisation leaves them out.
CURRENT_PAGES_HOOK = "citycomms_current_pages"


def public(pages):
    """The page queryset `pages` without the pages under a view restriction (theirs or an ancestor's).

    Wagtail's public() reads every restriction of every site in a query of its
    own first; here the test is part of the pages' own query.
    """
    above = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(above))


def current(pages):
    """The page queryset `pages` without the pages that are no longer current (CURRENT_PAGES_HOOK)."""
    for leave_out_former in hooks.get_hooks(CURRENT_PAGES_HOOK):
        pages = leave_out_former(pages)
    return pages


def public_pages(pages):
    """Those of `pages` (None for a deleted one) that are live, without view restrictions on them or above."""
    pages = [page for page in pages if page is not None and page.live]
    restricted = _restricted_paths(PageViewRestriction.objects, "page__path", [page.path for page in pages])
    return [page for page in pages if not _under(page.path, restricted)]


def public_documents(documents):
    """Those of `documents` (None for a deleted one) whose collection and those above it are unrestricted."""
    documents = [document for document in documents if document is not None]
    ids = {document.collection_id for document in documents}
    paths = dict(Collection.objects.filter(pk__in=ids).values_list("pk", "path")) if ids else {}
    restricted = _restricted_paths(CollectionViewRestriction.objects, "collection__path", paths.values())
    return [document for document in documents if not _under(paths[document.collection_id], restricted)]


def is_public_page(page):
    return bool(public_pages([page]))


def _restricted_paths(restrictions, path_field, paths):
    """The tree paths, among the given ones and their ancestors', that carry a restriction."""
    ancestors = ancestor_paths(paths)
    if not ancestors:
        return set()
    return set(restrictions.filter(**{f"{path_field}__in": ancestors}).values_list(path_field, flat=True))


def _under(path, restricted):
    return any(path.startswith(prefix) for prefix in restricted)
