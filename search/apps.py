from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.models import Site
        from wagtail.signals import post_page_move

        from citycomms.models import CitySettings

        from . import indexing
        from .text import register_sqlite_fold

        # SQLite has no accent folding of its own: each connection gets ours (search.text.Folded).
        connection_created.connect(register_sqlite_fold, dispatch_uid="citycomms-sqlite-fold")
        # The stored texts follow every change of what they are read from (search.indexing).
        post_save.connect(indexing.page_saved, dispatch_uid="citycomms-search-page-saved")
        post_page_move.connect(indexing.page_moved, dispatch_uid="citycomms-search-page-moved")
        for model in (Site, CitySettings):
            post_save.connect(indexing.city_changed, sender=model, dispatch_uid=f"citycomms-search-{model.__name__}")
        post_migrate.connect(indexing.index_unwritten, sender=self, dispatch_uid="citycomms-search-unwritten")
