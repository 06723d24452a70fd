"""What retires the page cache and everything kept with it: the changes that pages show.

Each app registers its own models from its AppConfig.ready() (`clear_on_change`), so that this ground floor
never has to import them; page changes are registered here once (`clear_on_page_changes`).
"""

from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, unpublished

from .cache import bump_generation


def clear_on_change(*models):
    """Retire the cached pages whenever an object of one of `models` is saved or deleted.

    Apps register their own models from their AppConfig.ready(), so this
    module never has to import them.
    """
    for model in models:
        uid = f"citycomms_page_cache_{model._meta.label_lower}"
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"{uid}_delete", weak=False)
        # A snippet's unpublish saves it too; its own signal says what the save alone does not (citycomms.edge).
        unpublished.connect(bump_generation, sender=model, dispatch_uid=f"{uid}_unpublished", weak=False)


def clear_on_page_changes():
    """Retire the cached pages when any page is published, unpublished, moved, deleted or created live.

    A page created live (a copy, a script) skips page_published; so does a
    deletion, which Wagtail makes with post_delete on each page's own model.
    """
    page_published.connect(bump_generation, dispatch_uid="citycomms_page_cache_published", weak=False)
    page_unpublished.connect(bump_generation, dispatch_uid="citycomms_page_cache_unpublished", weak=False)
    post_page_move.connect(bump_generation, dispatch_uid="citycomms_page_cache_moved", weak=False)
    post_delete.connect(_bump_for_page, dispatch_uid="citycomms_page_cache_deleted", weak=False)
    post_save.connect(_bump_for_saved_page, dispatch_uid="citycomms_page_cache_saved", weak=False)
    # A deploy runs migrate: pages made and data kept by the code before it are retired with it.
    post_migrate.connect(bump_generation, dispatch_uid="citycomms_page_cache_migrated", weak=False)


def _bump_for_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation(instance=instance, **kwargs)


def _bump_for_saved_page(sender, instance, created, **kwargs):
    """A new page, or a page not yet published (whose row holds its draft: head, contacts, body).

    Either can change who the public may see (departments.people: someone named only on unpublished pages is
    not public). A live page's row changes only when it is published, which page_published covers.
    """
    if isinstance(instance, Page) and (created or not instance.live):
        bump_generation(instance=instance)
