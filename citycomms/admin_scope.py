"""Each city's staff see only their own city in the admin, whatever URL they type.

Wagtail's admin was made for one organisation: its permission checks decide what a user may change, but
many of its screens show the titles, names and tags of anything they are asked about, and some of its
reports span the whole installation. Every admin view is wrapped in `city_gate` (website/urls.py), which,
for anyone but a superuser:

- answers 404 when a URL names a page, document, image or collection of a city the user does not work for,
  or lists such ids in `?id=` (bulk actions, choosers' "chosen" steps);
- keeps the reports and screens that span every city (SUPERUSER_ONLY) to superusers; the editorial reports
  (editorial) cover the user's own cities instead;
- answers tag suggestions from the tags of the user's own documents and images only.

Contact people and service points are kept to their city by contacts.scoping; the page chooser's listing by
the `construct_page_chooser_queryset` hook (citycomms.wagtail_hooks) with `in_user_cities`.
"""

from functools import wraps

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, TaskState, WorkflowState
from wagtail.permissions import policy_registry

from .cities import user_cities, within
from .params import parse_id

WHOLE_INSTALLATION_REPORTS = [
    "page_types_usage",
    "site_history",
    "workflow",
    "workflow_tasks",
    "locked_pages",
    "aging_pages",
]
# Screens that list every city's pages, people or tasks: a city's staff have their own city's in the
# editorial reports, the dashboard and each page's history.
SUPERUSER_ONLY_NAMESPACES = {"wagtailadmin_workflows", "wagtailadmin_api:documents", "wagtailadmin_api:images"}
SUPERUSER_ONLY = {
    f"{view}{suffix}"
    for view in [
        *(f"wagtailadmin_reports:{name}" for name in WHOLE_INSTALLATION_REPORTS),
        "wagtailadmin_pages:type_use",  # reached from the page types usage report; its filter names every site
    ]
    for suffix in ["", "_results"]
} | {
    # A file of redirects chooses one site for every row, among every city's (citycomms.admin_redirects).
    "wagtailredirects:start_import",
    "wagtailredirects:process_import",
}

# URL arguments that name a page, by argument; `pk` names one in these namespaces' views.
PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
PK_OF = {
    "wagtailadmin_pages": "page",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_collections": "collection",
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
}
OBJECT_ARGUMENTS = {
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "collection_id": "collection",
}
# Forms that post a page's id in a field: a copy's and a bulk move's destination.
POSTED_PAGES = {"wagtailadmin_pages:copy": "new_parent_page", "wagtail_bulk_action": "chooser"}
# Views that take the ids of what they show in `?id=`, and what the ids are.
IDS_OF = {
    "wagtailadmin_choose_page_chosen_multiple": "page",
    "wagtaildocs_chooser:chosen_multiple": "document",
    "wagtailimages_chooser:chosen_multiple": "image",
}
TAG_SUGGESTIONS = {"wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"}
TAG_SUGGESTIONS_LIMIT = 10
# wagtail-modeltranslation's StreamField copy, an unnamed view that only answers the editor's script.
COPY_TRANSLATION = "copy_translation_content"
COPY_TRANSLATION_FIELDS = ["origin_field_name", "target_field_name", "serializedOriginField"]


def city_gate(view):
    """`view` (an admin view), refusing anyone but a superuser what lies outside their cities."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            refusal = _refusal(request, kwargs)
            if refusal is not None:
                return refusal
        return view(request, *args, **kwargs)

    return gated


def _refusal(request, kwargs):
    """A response refusing the request, or None to let the view answer."""
    match = request.resolver_match
    name = match.view_name if match else ""
    namespace = name.rpartition(":")[0]
    if name in SUPERUSER_ONLY or namespace in SUPERUSER_ONLY_NAMESPACES:
        raise Http404
    if name in TAG_SUGGESTIONS:
        return tag_suggestions(request)
    if match and COPY_TRANSLATION in match.route:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if any(not request.POST.get(field) for field in COPY_TRANSLATION_FIELDS):
            return HttpResponseBadRequest()
    for argument, value in kwargs.items():
        kind = "page" if argument in PAGE_ARGUMENTS else OBJECT_ARGUMENTS.get(argument)
        if argument == "pk":
            kind = PK_OF.get(namespace)
        if kind and not _in_user_cities(request, kind, [value]):
            raise Http404
    if not _workflow_arguments_match(namespace, kwargs):
        raise Http404
    kind = IDS_OF.get(name) or _bulk_kind(name, kwargs)
    ids = request.GET.getlist("id")
    # "all" is a whole listing, which Wagtail's bulk actions read unscoped (and name what the user may not
    # act on): for a city's staff, the ids they chose only.
    if kind and ("all" in ids or not _in_user_cities(request, kind, ids)):
        raise Http404
    posted = request.POST.getlist(POSTED_PAGES[name]) if request.method == "POST" and name in POSTED_PAGES else []
    if not _in_user_cities(request, "page", posted):
        raise Http404
    return None


def _bulk_kind(name, kwargs):
    """What the ids of a bulk action are: "page", "document", "image" or a model for its permission policy."""
    if name != "wagtail_bulk_action":
        return None
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (LookupError, KeyError):
        return None  # Wagtail's view answers 404 itself
    if issubclass(model, Page):
        return "page"
    return model


def _in_user_cities(request, kind, ids):
    """Whether every one of `ids` (as typed) of `kind` is an id that lies in the cities of the request's user;
    something that is no id (too large for the database, "²") is refused too."""
    ids = {parse_id(str(value)) for value in ids}
    if None in ids:
        return False
    if not ids:
        return True
    found = _objects(kind).filter(pk__in=ids)
    return not found.exclude(pk__in=visible_to(request.user, kind).filter(pk__in=ids)).exists()


def _workflow_arguments_match(namespace, kwargs):
    """Whether the task state, workflow state or task a workflow URL names belongs to the object it names.

    Wagtail's workflow views look a task state up by its id alone and check the user's rights on the URL's
    object: with another city's task state beside one's own page or contact, they would act on another city's.
    """
    object_id = kwargs.get("page_id", kwargs.get("pk"))
    if object_id is None:
        return True
    model = _workflow_model(namespace)
    if model is None:
        return True
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(model), object_id=str(unquote(str(object_id)))
    )
    if (
        "task_state_id" in kwargs
        and not TaskState.objects.filter(pk=kwargs["task_state_id"], workflow_state__in=states).exists()
    ):
        return False
    if "workflow_state_id" in kwargs and not states.filter(pk=kwargs["workflow_state_id"]).exists():
        return False
    if "task_id" in kwargs:
        obj = model._default_manager.filter(pk=unquote(str(object_id))).first()
        workflow = obj.get_workflow() if obj is not None else None
        return workflow is not None and workflow.workflow_tasks.filter(task_id=kwargs["task_id"]).exists()
    return True


def _workflow_model(namespace):
    """The model whose workflow URLs live in `namespace`: pages, or a snippet ("wagtailsnippets_app_model")."""
    if namespace == "wagtailadmin_pages":
        return Page
    if namespace.startswith("wagtailsnippets_"):
        app_label, _sep, model_name = namespace.removeprefix("wagtailsnippets_").partition("_")
        try:
            return apps.get_model(app_label, model_name)
        except LookupError:
            return None
    return None


def _objects(kind):
    return {"page": Page, "document": get_document_model(), "image": get_image_model(), "collection": Collection}.get(
        kind, kind
    )._default_manager.all()


def visible_to(user, kind):
    """The objects of `kind` a user who is not a superuser may see in the admin: pages of their cities (and
    the tree root above them), documents, images and collections they have any permission on."""
    if kind == "page":
        return Page.objects.filter(Q(depth=1) | in_user_cities(user))
    model = _objects(kind).model
    actions = ["add", "change", "choose", "delete", "publish", "view"]
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, actions)


def in_user_cities(user):
    """A filter for pages below (or at) the home pages of the cities `user` works for."""
    return within(user_cities(user).values_list("path", flat=True))


def tagged_for(user, kind):
    """A filter for the tags on the objects of `kind` ("document", "image" or their model) that `user` may see."""
    ids = visible_to(user, kind).values_list("pk", flat=True)
    content_type = ContentType.objects.get_for_model(_objects(kind).model)
    return Q(taggit_taggeditem_items__content_type=content_type, taggit_taggeditem_items__object_id__in=ids)


def tag_suggestions(request):
    """Wagtail's tag suggestions, from the tags on the documents and images the user may see."""
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tagged = tagged_for(request.user, "document") | tagged_for(request.user, "image")
    tags = Tag.objects.filter(tagged, name__istartswith=term).distinct().order_by("name")
    return JsonResponse(list(tags.values_list("name", flat=True)[:TAG_SUGGESTIONS_LIMIT]), safe=False)
