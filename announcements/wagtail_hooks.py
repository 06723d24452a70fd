"""Announcements in the admin (each city's staff see their own city's), on every page and in its head."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from citycomms.models.pages import PAGE_FEEDS_HOOK, PAGE_NOTICES_HOOK
from citycomms.panels import CityLanguageObjectList
from citycomms.roles import CITY_SNIPPETS_HOOK, CitySnippets
from contacts.filters import CityFilterSet
from contacts.scoping import CityPermissionPolicy, CityScopedChooserViewSet, CityScopedViewSetMixin

from .forms import AnnouncementForm
from .models import ANNOUNCEMENT_TASK, ANNOUNCEMENT_WORKFLOW, Announcement, AnnouncementApprovalTask
from .notices import feed_links, page_notices

# Before the viewset: Wagtail refuses a policy once it has made its fallback one for the model.
register_permission_policy(Announcement, CityPermissionPolicy(Announcement))


class AnnouncementFilterSet(CityFilterSet):
    """The listing's filters: the city (among the user's cities), the type, and published or not."""

    class Meta:
        model = Announcement
        fields = ["city", "kind", "live"]


class AnnouncementViewSet(CityScopedViewSetMixin, SnippetViewSet):
    """The city's announcements; an administrator's list also holds those to every city."""

    model = Announcement
    icon = "warning"
    menu_label = _("Announcements")
    menu_order = 250  # beside the snippets the editors keep, below the pages
    add_to_admin_menu = True
    list_display = [
        Column("summary", label=_("Text")),
        "kind",
        Column("city_name", label=_("City")),
        DateColumn("starts_at", label=_("Starts"), sort_key="starts_at"),
        DateColumn("ends_at", label=_("Ends"), sort_key="ends_at"),
        LiveStatusTagColumn(),
    ]
    filterset_class = AnnouncementFilterSet
    chooser_viewset_class = CityScopedChooserViewSet
    edit_handler = CityLanguageObjectList(Announcement.panels, base_form_class=AnnouncementForm)


register_snippet(AnnouncementViewSet)

# Every public page: the announcements showing on it now, and a link to the city's feed of them in its head.
hooks.register(PAGE_NOTICES_HOOK, page_notices)
hooks.register(PAGE_FEEDS_HOOK, feed_links)


@hooks.register(CITY_SNIPPETS_HOOK)
def announcement_snippets():
    """Each city's Editors draft announcements and submit them; its Moderators publish, unpublish, lock, unlock and
    delete them (deleting a published one takes it off the pages, as unpublishing does)."""
    return CitySnippets(
        models=(Announcement,),
        moderator_actions=("publish", "lock", "unlock", "delete"),
        task_model=AnnouncementApprovalTask,
        workflow_name=ANNOUNCEMENT_WORKFLOW,
        task_name=ANNOUNCEMENT_TASK,
        workflow_shown=_("Announcement moderation"),
        task_shown=_("Announcement approval"),
    )
