from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .text import register_sqlite_fold

        # SQLite has no accent folding of its own: each connection gets ours (search.text.Folded).
        connection_created.connect(register_sqlite_fold, dispatch_uid="citycomms-sqlite-fold")
