"""Per-city editorial roles: each city's Editors and Moderators groups, its collection and its workflow.

`setup_city_roles()` creates (or completes) for every city home page:

- "<City> Staff": no admin; with the Editors and Moderators, the city's "signed-in staff", who alone may
  open the city's staff-only pages, documents and images;
- "<City> Editors": add and edit pages below the city's home, and submit them for approval;
- "<City> Moderators": the same, plus publish, lock and unlock, and delete contacts;
- both: the admin, the snippets apps above register with CITY_SNIPPETS_HOOK (contacts: its people and
  service points), and images and documents in the city's own collection;
- "<City> moderation": a workflow with one approval task for the Moderators, on the city's home;
- for each registered CitySnippets, one workflow for all cities (Wagtail allows a snippet model only
  one), whose task lets each city's Moderators approve only their own city's ("Contact moderation").

A page or collection of the city restricted to "any signed-in user" is narrowed to the city's staff groups:
on a site shared by cities, any signed-in user would be any city's staff.

It only adds what is missing, so it is safe to run again and again; permissions
an administrator added by hand stay. Which cities a user works for follows from these groups' page
permissions (citycomms.cities.user_cities).

This is the bottom floor: the snippets of the floors above come through CITY_SNIPPETS_HOOK.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from .cities import city_name, city_of_collection, city_of_page
from .models import CityHomePage, CitySettings

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
# Moderators reorganise their city: besides publishing and unpublishing, they move and delete whole branches
# (a department with its units), which Wagtail allows only with bulk_delete_page.
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]

SNIPPET_ACTIONS = ["add", "change", "view"]

# Wagtail hook: each function returns the CitySnippets of an app above (contacts: its people and service points).
CITY_SNIPPETS_HOOK = "citycomms_city_snippets"


@dataclass(frozen=True)
class CitySnippets:
    """Snippet models each city's staff keep up to date, with a `city`, and their one workflow.

    Both groups add, change and view them; Moderators also get `moderator_actions`. The workflow's one
    task, of `task_model`, has every city's Moderators in it: the task model must let each act only on their
    own city's snippets (Wagtail allows a snippet model only one workflow). The names are stored as they are
    given; the admin shows the workflow and the task as `workflow_shown` and `task_shown` say in its language
    (editorial.names).
    """

    models: tuple
    moderator_actions: tuple
    task_model: type
    workflow_name: str
    task_name: str
    workflow_shown: str
    task_shown: str


def city_snippets():
    return [snippets() for snippets in hooks.get_hooks(CITY_SNIPPETS_HOOK)]


# Images and documents: the permissions a group gets on its city's collection. Collection rights
# cover the collections inside it (Wagtail's rule): staff can make one, such as "Staff only", and set
# its privacy, but not rename or remove the city's own.
COLLECTION_PERMISSIONS = {
    "wagtailimages.Image": ["add", "change", "choose"],
    "wagtaildocs.Document": ["add", "change", "choose"],
    "wagtailcore.Collection": ["add", "change"],
}

# Group names are data, not interface text: they stay the same whatever language the admin speaks.
EDITORS = "Editors"
MODERATORS = "Moderators"
STAFF = "Staff"
# The city's workflow and its task are named "<City> moderation" and "<City> approval" (editorial.names shows them,
# and the groups', in the admin's language).
WORKFLOW = "moderation"
TASK = "approval"
LOGIN = BaseViewRestriction.LOGIN  # "any signed-in user"


@dataclass
class CityRoles:
    """What setup_city_roles() made (or found) for one city."""

    home: CityHomePage
    name: str
    staff: Group
    editors: Group
    moderators: Group
    collection: Collection
    workflow: Workflow


def setup_city_roles(log=print):
    """Create or complete every city's groups, permissions, collection and workflow; one log line per step."""
    with transaction.atomic():
        roles = [setup_roles_for_city(home, log) for home in CityHomePage.objects.order_by("path")]
        for snippets in city_snippets():
            ensure_snippet_workflow(snippets, [item.moderators for item in roles], log)
        return roles


def setup_roles_for_city(home, log=print):
    """The groups, collection and workflow of one city home page.

    They are found by what they belong to before their names, so when a city's home page is
    renamed they follow the new name, members, permissions and all.
    """
    name = city_name(home)
    follow_renamed_city(home, name, log)
    collection = ensure_collection(home, name, log)
    editors = ensure_group(f"{name} {EDITORS}", home, EDITOR_PAGE_PERMISSIONS, collection, log)
    moderators = ensure_group(
        f"{name} {MODERATORS}", home, MODERATOR_PAGE_PERMISSIONS, collection, log, moderator=True
    )
    workflow = ensure_workflow(name, home, moderators, log)
    staff = ensure_staff_group(home, name, log)
    restrict_to_city_staff(home, collection, log)
    return CityRoles(home, name, staff, editors, moderators, collection, workflow)


def follow_renamed_city(home, name, log):
    """Give the city's existing groups, collection, workflow and task the city's current name."""
    editors = _role_group(home, EDITORS)
    old_name = editors.name.removesuffix(f" {EDITORS}") if editors else None
    if old_name is None or old_name == name:
        return
    renames = [(editors, EDITORS), (_role_group(home, MODERATORS), MODERATORS), (_staff_group(home), STAFF)]
    renames.append((_linked(home, "collection") or Collection.objects.filter(name=old_name, depth=2).first(), ""))
    workflow = Workflow.objects.filter(workflow_pages__page=home, name=f"{old_name} {WORKFLOW}").first()
    renames.append((workflow, WORKFLOW))
    renames.append((GroupApprovalTask.objects.filter(name=f"{old_name} {TASK}").first(), TASK))
    for item, suffix in renames:
        if item is not None:
            item.name = f"{name} {suffix}".strip()
            item.save(update_fields=["name"])
    log(f"City {old_name} … renamed {name}")


def _role_group(home, role):
    """The group that holds `role` ("Editors" or "Moderators") on `home`, whatever the city was called."""
    return (
        Group.objects.filter(page_permissions__page=home, name__endswith=f" {role}").distinct().order_by("pk").first()
    )


# --- Groups and their permissions ------------------------------------------------------------------


def ensure_group(group_name, home, page_codenames, collection, log, moderator=False):
    """A group with the admin, page permissions on `home`, the snippets and the city's collection."""
    group, created = Group.objects.get_or_create(name=group_name)
    added = _add_model_permissions(group, moderator)
    added += _add_page_permissions(group, home, page_codenames)
    added += _add_collection_permissions(group, collection)
    status = "created" if created else (f"{added} permissions added" if added else "unchanged")
    log(f"Group {group_name} … {status}")
    return group


def _add_model_permissions(group, moderator):
    wanted = [_permission("wagtailadmin", "admin", "access_admin")]
    if moderator:  # their city's redirects (citycomms.admin_redirects), for reorganisations
        wanted += [_model_permission(Redirect, action) for action in ("add", "change", "delete")]
    for snippets in city_snippets():
        actions = SNIPPET_ACTIONS + list(snippets.moderator_actions if moderator else [])
        wanted += [_model_permission(model, action) for model in snippets.models for action in actions]
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


# --- The city's staff, and what only they may open -------------------------------------------------


def ensure_staff_group(home, name, log):
    """ "<City> Staff": readers of the city's staff-only content, linked from the city's settings."""
    group = _staff_group(home)
    status = "unchanged"
    if group is None:
        group, created = Group.objects.get_or_create(name=f"{name} {STAFF}")
        _link(home, "staff_group", group)
        status = "created" if created else "linked"
    log(f"Group {group.name} … {status}")
    return group


def _staff_group(home):
    return _linked(home, "staff_group")


def _linked(home, field_name):
    """What the city's settings link in `field_name` (its staff group, its collection); None without settings."""
    city_settings = CitySettings.for_home(home)
    return getattr(city_settings, field_name) if city_settings else None


def _link(home, field_name, value):
    """Link `value` from the city's settings in `field_name`, when the city has settings (a site)."""
    city_settings = CitySettings.for_home(home)
    if city_settings is not None:
        setattr(city_settings, field_name, value)
        city_settings.save(update_fields=[field_name])


def city_staff_groups(home):
    """The groups whose members are the city's staff: its Staff group and every group with permissions on
    its pages (its Editors and Moderators, and any an administrator made)."""
    staff = _staff_group(home)
    return Group.objects.filter(Q(page_permissions__page=home) | Q(pk=staff.pk if staff else None)).distinct()


def restrict_to_city_staff(home, collection, log):
    """Turn restrictions to "any signed-in user" on the city's pages and collections into restrictions to the
    city's staff groups (those made before, or while the city had no groups); one log line with how many."""
    pages = PageViewRestriction.objects.filter(page__path__startswith=home.path)
    collections = CollectionViewRestriction.objects.filter(collection__path__startswith=collection.path)
    signed_in = [*pages.filter(restriction_type=LOGIN), *collections.filter(restriction_type=LOGIN)]
    groups = list(city_staff_groups(home))
    narrowed = sum(narrow_to_city_staff(restriction, groups) for restriction in signed_in)
    if narrowed:
        log(f"Staff-only pages and collections of {city_name(home)} … {narrowed} narrowed to the city's staff")


def narrow_to_city_staff(restriction, groups):
    """Make `restriction`, to "any signed-in user", one to `groups`, its city's staff groups; whether it did.

    A city without groups yet (setup_city_roles not run) keeps it: no group would let nobody in.
    """
    if restriction.restriction_type != LOGIN or not groups:
        return False
    type(restriction).objects.filter(pk=restriction.pk).update(restriction_type=BaseViewRestriction.GROUPS)
    restriction.restriction_type = BaseViewRestriction.GROUPS
    restriction.groups.set(groups)
    return True


def narrow_new_restriction(sender, instance, **kwargs):
    """post_save of page and collection view restrictions: one to "any signed-in user" made inside a city, by
    any path (the shell, an import, a copy), is narrowed to the city's staff at once."""
    if instance.restriction_type != LOGIN:
        return
    if isinstance(instance, PageViewRestriction):
        home = city_of_page(instance.page)
    else:
        home = city_of_collection(instance.collection)
    if home is not None:
        narrow_to_city_staff(instance, list(city_staff_groups(home)))


# --- The city's collection and workflow ------------------------------------------------------------


def ensure_collection(home, name, log):
    """The city's own collection of images and documents, directly below the root collection, linked from the
    city's settings: found by that link, whatever it or the city is called now (else by the city's name)."""
    collection = _linked(home, "collection")
    status = "unchanged"
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=name).first()
        status = "linked"
        if collection is None:
            collection, status = root.add_child(name=name), "created"
        _link(home, "collection", collection)
    log(f"Collection {collection.name} … {status}")
    return collection


def ensure_workflow(name, home, moderators, log):
    """ "<City> moderation": one approval task for the city's Moderators, assigned to the city's home page.

    A home page that already has another workflow keeps it: an administrator chose it.
    """
    task = _approval_task(GroupApprovalTask, f"{name} {TASK}", [moderators])
    return _ensure_workflow(f"{name} {WORKFLOW}", task, WorkflowPage, {"page": home}, name, log)


def ensure_snippet_workflow(snippets, moderator_groups, log):
    """The one workflow of the CitySnippets `snippets`, whose task every city's Moderators are in.

    A snippet model that already has another workflow keeps it: an administrator chose it.
    """
    task = _approval_task(snippets.task_model, snippets.task_name, moderator_groups)
    for model in snippets.models:
        assigned_to = {"content_type": ContentType.objects.get_for_model(model)}
        workflow = _ensure_workflow(
            snippets.workflow_name, task, WorkflowContentType, assigned_to, model._meta.verbose_name_plural, log
        )
    return workflow


def _ensure_workflow(workflow_name, task, assignment_model, assigned_to, what, log):
    """The workflow `workflow_name` with `task` in it, assigned (by an `assignment_model` row) to `assigned_to`
    unless that already has a workflow of its own."""
    workflow, created = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
    changed = _add_task(workflow, task)
    assignment = assignment_model.objects.filter(**assigned_to).first()
    if assignment is None:
        assignment_model.objects.create(workflow=workflow, **assigned_to)
        changed = True
    elif assignment.workflow_id != workflow.pk:
        log(f"Workflow {workflow.name}: {what} keeps its workflow {assignment.workflow.name}")
    status = "created" if created else ("updated" if changed else "unchanged")
    log(f"Workflow {workflow.name} … {status}")
    return workflow


def _add_task(workflow, task):
    """Put `task` at the end of `workflow` unless it is there; whether it was added."""
    if WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        return False
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
    return True


def _approval_task(task_model, name, groups):
    task = task_model.objects.filter(name=name).first() or task_model.objects.create(name=name)
    task.groups.add(*[group for group in groups if not task.groups.filter(pk=group.pk).exists()])
    return task
