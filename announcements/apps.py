from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from citycomms.cache_changes import clear_on_change

        from .models import Announcement

        # Every page may show an announcement: publishing, unpublishing or changing one must show at once.
        clear_on_change(Announcement)
