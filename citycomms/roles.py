"""Per-city editorial roles: each city's Editors and Moderators groups, its collection and its workflow.

`setup_city_roles()` creates (or completes) for every city home page:

- "<City> Editors": add and edit pages below the city's home, and submit them for approval;
- "<City> Moderators": the same, plus publish, lock and unlock;
- both: the admin, the city's contact people and service points, and images and
  documents in the city's own collection;
- "<City> moderation": a workflow with one approval task for the Moderators, on the city's home.

It only adds what is missing, so it is safe to run again and again; permissions
an administrator added by hand stay. `user_cities()` tells which cities a user
works for: the cities the page permissions of their groups lie in.

This is the bottom floor: contacts' models are named by app label, never imported.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .i18n import translated_value
from .models import CityHomePage, CitySettings

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# The snippets a city's staff keep up to date; named by label, contacts is a floor above.
SNIPPET_MODELS = ["contacts.ContactPerson", "contacts.ServicePoint"]
SNIPPET_ACTIONS = ["add", "change", "delete", "view"]

# Images and documents: the permissions a group gets on its city's collection.
COLLECTION_PERMISSIONS = {
    "wagtailimages.Image": ["add", "change", "choose"],
    "wagtaildocs.Document": ["add", "change", "choose"],
}

# Group names are data, not interface text: they stay the same whatever language the admin speaks.
EDITORS = "Editors"
MODERATORS = "Moderators"


@dataclass
class CityRoles:
    """What setup_city_roles() made (or found) for one city."""

    home: CityHomePage
    name: str
    editors: Group
    moderators: Group
    collection: Collection
    workflow: Workflow


def setup_city_roles(log=print):
    """Create or complete every city's groups, permissions, collection and workflow; one log line per step."""
    with transaction.atomic():
        return [setup_roles_for_city(home, log) for home in CityHomePage.objects.order_by("path")]


def setup_roles_for_city(home, log=print):
    """The groups, collection and workflow of one city home page."""
    name = city_name(home)
    collection = ensure_collection(name, log)
    editors = ensure_group(f"{name} {EDITORS}", home, EDITOR_PAGE_PERMISSIONS, collection, log)
    moderators = ensure_group(f"{name} {MODERATORS}", home, MODERATOR_PAGE_PERMISSIONS, collection, log)
    workflow = ensure_workflow(name, home, moderators, log)
    return CityRoles(home, name, editors, moderators, collection, workflow)


def city_name(home):
    """The city's name: its home page's title in the city's default language."""
    site = Site.objects.filter(root_page=home).order_by("-is_default_site", "pk").first()
    default_language = CitySettings.for_site(site).default_language if site else settings.LANGUAGE_CODE
    return str(translated_value(home, "title", [default_language], language=default_language)) or home.slug


# --- Groups and their permissions ------------------------------------------------------------------


def ensure_group(group_name, home, page_codenames, collection, log):
    """A group with the admin, page permissions on `home`, the snippets and the city's collection."""
    group, created = Group.objects.get_or_create(name=group_name)
    added = _add_model_permissions(group)
    added += _add_page_permissions(group, home, page_codenames)
    added += _add_collection_permissions(group, collection)
    status = "created" if created else (f"{added} permissions added" if added else "unchanged")
    log(f"Group {group_name} … {status}")
    return group


def _add_model_permissions(group):
    wanted = [_permission("wagtailadmin", "admin", "access_admin")]
    for label in SNIPPET_MODELS:
        model = apps.get_model(label)
        wanted += [_model_permission(model, action) for action in SNIPPET_ACTIONS]
    missing = [permission for permission in wanted if not group.permissions.filter(pk=permission.pk).exists()]
    group.permissions.add(*missing)
    return len(missing)


def _add_page_permissions(group, home, codenames):
    added = 0
    for codename in codenames:
        permission = _permission("wagtailcore", "page", codename)
        _obj, created = GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        added += created
    return added


def _add_collection_permissions(group, collection):
    added = 0
    for label, actions in COLLECTION_PERMISSIONS.items():
        model = apps.get_model(label)
        for action in actions:
            _obj, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_model_permission(model, action)
            )
            added += created
    return added


def _model_permission(model, action):
    opts = model._meta
    return _permission(opts.app_label, opts.model_name, f"{action}_{opts.model_name}")


def _permission(app_label, model_name, codename):
    # get_for_model would need the class; the admin's access permission has no model of its own.
    content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    return Permission.objects.get(content_type=content_type, codename=codename)


# --- The city's collection and workflow ------------------------------------------------------------


def ensure_collection(name, log):
    """The city's own collection of images and documents, directly below the root collection."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    status = "unchanged"
    if collection is None:
        collection, status = root.add_child(name=name), "created"
    log(f"Collection {name} … {status}")
    return collection


def ensure_workflow(name, home, moderators, log):
    """ "<City> moderation": one approval task for the city's Moderators, assigned to the city's home page.

    A home page that already has another workflow keeps it: an administrator chose it.
    """
    workflow, created = Workflow.objects.get_or_create(name=f"{name} moderation", defaults={"active": True})
    task = _approval_task(name, moderators)
    changed = False
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
        changed = True
    assignment = WorkflowPage.objects.filter(page=home).first()
    if assignment is None:
        WorkflowPage.objects.create(page=home, workflow=workflow)
        changed = True
    elif assignment.workflow_id != workflow.pk:
        log(f"Workflow {workflow.name}: {name} keeps its workflow {assignment.workflow.name}")
    status = "created" if created else ("updated" if changed else "unchanged")
    log(f"Workflow {workflow.name} … {status}")
    return workflow


def _approval_task(name, moderators):
    task = GroupApprovalTask.objects.filter(name=f"{name} approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{name} approval")
    if not task.groups.filter(pk=moderators.pk).exists():
        task.groups.add(moderators)
    return task


# --- Whose city is it ------------------------------------------------------------------------------


def user_cities(user):
    """The city home pages `user` works for: every city for a superuser, else those their groups'
    page permissions lie in (a permission on the tree root covers every city)."""
    if not user.is_active or not user.is_authenticated:
        return CityHomePage.objects.none()
    if user.is_superuser:
        return CityHomePage.objects.all()
    paths = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    home_paths = set()
    for path in paths:
        if len(path) <= Page.steplen:  # the tree root: the whole tree
            return CityHomePage.objects.all()
        home_paths.add(path[: 2 * Page.steplen])
    return CityHomePage.objects.filter(path__in=home_paths)
