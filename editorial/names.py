"""Workflow, task and group names in the admin's language.

citycomms.roles names each city's roles after the city ("Helsingin kaupunki Editors", "Helsingin kaupunki
moderation", "Helsingin kaupunki approval"); the apps whose snippets every city keeps name their one workflow
and task ("Contact moderation", "Announcement approval": citycomms.roles.CitySnippets). Those stored names are
data: they stay the same whatever language the admin speaks, and setup_city_roles finds them by name. Wagtail
shows them in some thirty places: the dashboard's panels, the editor's status panel and lock notice, the action
menu ("Submit to …"), the workflow history and every notification email, most of them in templates and Python
strings no hook reaches; overriding them would mean copying each.

So each Workflow, Task and Group loaded gets its name as an `AdminName` instead (Django's post_init signal): a str
that holds, equals, saves, filters and serialises as the stored name, and shows itself (str(), "%s", templates,
format_html) in the active language: the city's name as its home page has it in that language, and the role
translated ("Helsingfors stad: granskning" in the Swedish admin). A name that is not the project's (a workflow an
administrator made) shows as stored; one saved back as an administrator's form shows it is stored as it was.
The history's workflow entries keep the names they were logged with; their messages show them the same way.
"""

import copy

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import DatabaseError
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import Task, Workflow

from citycomms.cache import kept_until_next_change
from citycomms.cities import city_name
from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CityHomePage
from citycomms.roles import EDITORS, MODERATORS, STAFF, TASK, WORKFLOW, city_snippets

# "<City> <role>", as citycomms.roles names them, and how each is shown.
ROLE_NAMES = {
    WORKFLOW: _("%(city)s moderation"),
    TASK: _("%(city)s approval"),
    EDITORS: _("%(city)s Editors"),
    MODERATORS: _("%(city)s Moderators"),
    STAFF: _("%(city)s Staff"),
}
CITY_NAMES_KEY = "citycomms:admin-names:cities:v1"
NAMED_MODELS = (Workflow, Task, Group)
# Wagtail's log actions whose messages name a workflow and its tasks (wagtail.wagtail_hooks).
WORKFLOW_LOG_ACTIONS = [f"wagtail.workflow.{action}" for action in ("start", "approve", "reject", "resume", "cancel")]


class AdminName(str):
    """A stored name, equal to it everywhere, that shows itself in the active language (see the module)."""

    __slots__ = ()

    def __str__(self):
        return shown_name(str.__str__(self))

    def __format__(self, spec):
        # f-strings and str.format keep the stored name: log lines (citycomms.roles, load_demo) say what is stored.
        return format(str.__str__(self), spec)


def snippet_workflow_names():
    """{stored name: how the admin shows it} of the one workflow and task of each kind of city snippets."""
    names = {}
    for snippets in city_snippets():
        names[snippets.workflow_name] = snippets.workflow_shown
        names[snippets.task_name] = snippets.task_shown
    return names


def shown_name(stored):
    """The stored name `stored` as the active language shows it; unchanged when it is not the project's."""
    fixed = snippet_workflow_names()
    if stored in fixed:
        return str(fixed[stored])
    city, _space, role = stored.rpartition(" ")
    if role not in ROLE_NAMES or not city:
        return stored
    try:
        titles = city_titles().get(city)
    except DatabaseError:  # a name shown while the database is away (an error page) is shown as stored
        return stored
    if titles is None:
        return stored
    return str(ROLE_NAMES[role]) % {"city": titles.get(translation.get_language()) or city}


def city_titles():
    """{a city's name as its roles are named: {language: its home page's title in that language}}."""
    return kept_until_next_change(CITY_NAMES_KEY, _city_titles, shared=True)


def _city_titles():
    return {
        city_name(home): {code: getattr(home, f"title_{code}", "") or "" for code in LANGUAGE_CODES}
        for home in CityHomePage.objects.all()
    }


def every_shown_name(stored):
    """`stored` as each language shows it."""
    shown = set()
    for code in LANGUAGE_CODES:
        with translation.override(code):
            shown.add(shown_name(stored))
    return shown


# --- Every Workflow, Task and Group loaded -------------------------------------------------------------------


def name_in_admin_language(sender, instance, **kwargs):
    """post_init: the instance's name as an AdminName (a deferred name is left alone)."""
    name = instance.__dict__.get("name")
    if isinstance(name, str) and not isinstance(name, AdminName):
        instance.name = AdminName(name)


def keep_stored_name(sender, instance, **kwargs):
    """pre_save: a name saved back as the admin showed it (an administrator's form) is stored as it was."""
    if instance.pk is None or isinstance(instance.name, AdminName):
        return
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("name", flat=True).first()
    if stored and instance.name != stored and instance.name in every_shown_name(stored):
        instance.name = stored


def connect():
    """Show the names of every Workflow, Task (of any type) and Group in the admin's language; from ready()."""
    for model in apps.get_models():
        if issubclass(model, NAMED_MODELS):
            post_init.connect(name_in_admin_language, sender=model, dispatch_uid=f"editorial_names_{model.__name__}")
            pre_save.connect(keep_stored_name, sender=model, dispatch_uid=f"editorial_stored_{model.__name__}")


# --- The workflow entries of a page's or contact's history --------------------------------------------------


class NamesShown(LogFormatter):
    """Wagtail's own formatter of a workflow log entry, with the workflow and task names it logged shown in the
    admin's language."""

    def __init__(self, formatter):
        self.formatter = formatter
        self.label = formatter.label

    def format_message(self, log_entry):
        shown = copy.copy(log_entry)
        shown.data = {**log_entry.data, "workflow": titles_shown(log_entry.data.get("workflow"))}
        return self.formatter.format_message(shown)

    def format_comment(self, log_entry):
        return self.formatter.format_comment(log_entry)


def titles_shown(value):
    """`value` (a log entry's workflow data) with each "title" in it an AdminName."""
    if not isinstance(value, dict):
        return value
    return {
        key: AdminName(item) if key == "title" and isinstance(item, str) else titles_shown(item)
        for key, item in value.items()
    }


def show_names_in_workflow_history(actions):
    """register_log_actions, after Wagtail's own: wrap its workflow formatters in NamesShown."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is not None and not isinstance(formatter, NamesShown):
            actions.formatters[action] = NamesShown(formatter)
