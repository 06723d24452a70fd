"""A page whose slug another page below the same parent already has: the editor is told which page, where, and
what to do, at the top of the form.

wagtail-modeltranslation refuses such a slug with a bare "This slug is already in use" at the slug's input, on
the Promote tab, while the editor works on Content. The usual cause is the editor's own earlier try: Wagtail 8's
autosave saves a new page as a draft as soon as it can, so a try given up (its tab closed) stays in the tree
as a draft with the slug its title gave it. The form names that page and says what to do: carry on with it or
delete it from the page explorer, or give this page another slug.

The check follows modeltranslation's (a sibling's slug in each language, its fallbacks included); a slug refused
here is taken out of the cleaned data, so modeltranslation does not refuse it a second time.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .languages import LANGUAGE_CODES

TAKEN = _("Another page here has this slug: “%(title)s”.")
TAKEN_BY_DRAFT = _(
    "The slug “%(slug)s” is taken: “%(title)s”, below “%(parent)s”, has it, a draft never published (an earlier "
    "try, perhaps, that was saved automatically). Open that page in the page explorer to carry on with it or to "
    "delete it, or give this page another slug on the Promote tab."
)
TAKEN_BY_PAGE = _(
    "The slug “%(slug)s” is taken: “%(title)s”, below “%(parent)s”, has it. Give this page another slug on the "
    "Promote tab."
)


def explain_slug_clashes(form):
    """Refuse each slug of `form` (a page form with `parent_page`) that a sibling has, naming the sibling."""
    parent = getattr(form, "parent_page", None)
    wanted = {code: form.cleaned_data.get(f"slug_{code}") for code in LANGUAGE_CODES}
    if parent is None or not any(wanted.values()):
        return
    siblings = parent.get_children()
    if form.instance.pk:
        siblings = siblings.exclude(pk=form.instance.pk)
    siblings = list(siblings.specific(defer=True))
    explained = False
    for code, slug in wanted.items():
        clash = _sibling_with_slug(siblings, code, slug) if slug else None
        if clash is None:
            continue
        form.add_error(f"slug_{code}", ValidationError(TAKEN % {"title": clash.get_admin_display_title()}))
        if not explained:
            form.add_error(None, ValidationError(_explanation(clash, parent, slug)))
            explained = True


def _sibling_with_slug(siblings, code, slug):
    """The first of `siblings` whose slug in the language `code` (or its fallback) is `slug`."""
    with translation.override(code):
        return next((sibling for sibling in siblings if sibling.slug == slug), None)


def _explanation(clash, parent, slug):
    context = {"slug": slug, "title": clash.get_admin_display_title(), "parent": parent.get_admin_display_title()}
    never_published = not clash.live and clash.first_published_at is None
    return (TAKEN_BY_DRAFT if never_published else TAKEN_BY_PAGE) % context
