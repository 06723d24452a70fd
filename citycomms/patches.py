"""Every change this project makes inside Wagtail and wagtail-modeltranslation, and nowhere else.

Each patch names the upstream code it replaces or relies on and why the
documented extension points do not reach it. tests/test_patches.py fails when
that upstream code changes (a new release), so whoever upgrades reads the
patch again instead of hunting for it. `apply()` runs once, from
CityCommsConfig.ready(), after wagtail-modeltranslation's own ready().
"""

import logging
from functools import partial

from django.conf import settings
from django.utils import translation
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page, Site, SiteRootPath, TaskState, get_page_models
from wagtail.signals import task_submitted

# Private, and only here: the cached, translated site root paths (see site_root_paths_by_language).
from wagtail_modeltranslation.patch_wagtailadmin import _localized_site_get_site_root_paths

from .cache import kept_until_next_change
from .models import CityHomePage
from .per_request import remembered

logger = logging.getLogger(__name__)

# The upstream functions each patch is written against; tests/test_patches.py checks their source is unchanged.
PATCHED_UPSTREAM = {
    # Sets `route` and `_get_site_root_paths` on every translated page model (TRANSLATE_SLUGS).
    "wagtail_modeltranslation.patch_wagtailadmin.WagtailTranslator._patch_page_models",
    # Reads the site root paths again whenever the active language differs from the last one read.
    "wagtail_modeltranslation.patch_wagtailadmin._new_get_site_root_paths",
    "wagtail_modeltranslation.patch_wagtailadmin._localized_site_get_site_root_paths",
    # Finds the request's Site with a query (and a costly one to build) on every request.
    "wagtail.models.sites.Site._find_for_request",
    # Emails every member of a group approval task's groups when something is submitted to it.
    "wagtail.admin.mail.BaseGroupApprovalTaskStateEmailNotifier.get_recipient_users",
    # Connects that notifier to task_submitted under the dispatch_uid replaced here.
    "wagtail.admin.signal_handlers.register_signal_handlers",
}


def apply():
    """Install the patches below; call once the apps are ready."""
    keep_city_home_route()
    Site._find_for_request = staticmethod(partial(find_site_kept, Site._find_for_request))
    for model in {Page, *get_page_models()}:
        model._get_site_root_paths = site_root_paths_by_language
    notify_only_those_who_may_act()


def keep_city_home_route():
    """Give the city home page its own `route` back.

    wagtail-modeltranslation assigns its `_new_route` (a walk one slug at a time) to every translated page
    model, over a model's own `route` (the same cause as infoportugal/wagtail-modeltranslation#286, where a
    RoutablePageMixin's routes were lost; no upstream option keeps a model's own `route`). The city home's
    route finds the page with all its ancestors in one query (citycomms.routing).
    """
    CityHomePage.route = CityHomePage.route_by_url_path


def find_site_kept(find_site, request):
    """The Site `find_site` (Wagtail's own lookup) finds for the request, kept until the next change with its
    home page as its own type, as routing starts there.

    Wagtail's `Site._find_for_request` queries on every request; building that query (its CASE expression)
    cost about 5 ms of a 16 ms department page in a profile. No setting or hook replaces the lookup, and
    `Site.find_for_request` keeps its answer on the request under a private name, so the lookup itself is
    wrapped. The key is the host as validated against ALLOWED_HOSTS (a host not allowed is refused here, as
    it would be later) and the port. A site change retires it with the page cache's generation (citycomms.cache).
    """
    key = f"citycomms:site:v1:{request.get_host().lower()}:{request.get_port()}"
    return kept_until_next_change(key, partial(_site_with_home, find_site, request))


def _site_with_home(find_site, request):
    site = find_site(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 - a cached property: read now, it is kept with the site
    return site


def site_root_paths_by_language(page, cache_object=None):
    """The site root paths in the active language, remembered for the request (or the page) in each language.

    Replaces wagtail-modeltranslation's `_get_site_root_paths`, which remembers one language and reads the
    cache again whenever the active language changes: the language switcher and the hreflang links of every
    page change it for each language, so each page read the cache (Redis, in production) several times.
    """
    if cache_object is not None:  # the request, when there is one
        holder, known = cache_object, remembered(cache_object, "site root paths")
    else:  # on the page itself: a page equals every other copy of it, so a WeakKeyDictionary would mix them
        holder, known = page, page.__dict__.setdefault("_citycomms_site_root_paths", {})
    language = translation.get_language()
    if language not in known:
        known[language] = read_site_root_paths()
    # Wagtail's own `_get_site_root_paths` leaves them here, and its redirects app (creating redirects when a
    # page moves) reads them from there: the one private name written, as the function replaced writes it.
    holder._wagtail_cached_site_root_paths = known[language]
    return known[language]


def read_site_root_paths():
    """The site root paths in the active language. Where every process shares the cache, kept until the next change
    like the rest of what pages are made of (citycomms.cache), and read from the database: wagtail-modeltranslation's
    own copy, cleared as a Site saves, can be filled again with the old rows before the change commits, and is kept
    an hour. Elsewhere as wagtail-modeltranslation keeps them, or from the database when the cache does not answer
    (every page's URLs need them)."""
    if settings.CITYCOMMS_CACHE_SHARED:
        key = f"citycomms:site-root-paths:{translation.get_language()}"
        return kept_until_next_change(key, site_root_paths_from_database)
    try:
        return _localized_site_get_site_root_paths()
    except Exception:
        logger.exception("The cache cannot be read; reading the site root paths from the database")
        return site_root_paths_from_database()


def site_root_paths_from_database():
    """What wagtail-modeltranslation's `_localized_site_get_site_root_paths` reads on a miss (active language)."""
    sites = Site.objects.select_related("root_page", "root_page__locale").order_by("-root_page__url_path")
    return [
        SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in sites
    ]


SUBMISSION_EMAIL_UID = "group_approval_task_submitted_email_notification"


class CityTaskSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for moderation" email, sent only to those the task lets open the object.

    A snippet model has one workflow, so the contacts' and the announcements' approval tasks hold every city's
    Moderators group (contacts.CityModerationTaskMixin lets each act on their own city's only). Wagtail emails
    every member of a task's groups: a Göteborg moderator was told of each Helsinki contact submitted. No setting
    or hook narrows the recipients, so the receiver Wagtail connects is replaced under its own dispatch_uid.
    """

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        item = task_state.workflow_state.content_object
        recipients = super().get_recipient_users(task_state, **kwargs)
        return [user for user in recipients if task.user_can_access_editor(item, user)]


def notify_only_those_who_may_act():
    """Replace Wagtail's task submission email receiver (whichever app's ready() runs first: connecting under the
    same dispatch_uid makes Wagtail's own connect a no-op)."""
    task_submitted.disconnect(sender=TaskState, dispatch_uid=SUBMISSION_EMAIL_UID)
    task_submitted.connect(
        CityTaskSubmissionEmailNotifier(), sender=TaskState, dispatch_uid=SUBMISSION_EMAIL_UID, weak=False
    )
