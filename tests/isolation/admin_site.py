"""The admin walk: workflows, reports, the account, settings and redirects, sites, users and groups, bulk actions."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from contacts.usage import listings_of
from tests.conftest import edit_form_values
from tests.isolation.hits import G, P, T, ids, superuser_form, upload

# The bulk actions' objects, by model, and the form each action's POST needs.
BULK_MODELS = {
    ("wagtailcore", "page"): "pages",
    ("contacts", "contactperson"): "people",
    ("contacts", "servicepoint"): "service_points",
    ("announcements", "announcement"): "announcements",
    ("wagtaildocs", "document"): "documents",
    ("wagtailimages", "image"): "images",
    ("auth", "user"): "users",
}


def bulk_form(action, me):
    return {
        "move": {"chooser": me.home.pk},  # given information pages only: a move needs a parent type all can have
        "add_tags": {"tags": "intruder"},
        "add_to_collection": {"collection": me.collection.pk},
        "assign_role": {"role": me.roles.editors.pk},
        "set_active_state": {"mark_as_active": "False"},
        "request-changes": {"comment": "Intruder"},
    }.get(action, {})


# Moderation bulk actions (editorial.bulk) that find nothing to do among the walk's objects, for anyone.
BULK_INERT = {
    ("contactperson", "submit"): "each person is published, locked by the moderator or in moderation already",
    ("servicepoint", "submit"): "one service point is published unchanged, the other in moderation already",
    ("servicepoint", "publish"): "one service point is published unchanged, the other locked by the moderator",
}


def objects_of(city, name):
    if name == "pages":  # not the release too: deleting its newsroom deletes it
        return [page for kind, page in city.pages.items() if kind != "release"]
    if name == "users":
        return list(city.users.values())
    if name == "information_pages":
        return [city.pages["livepage"]]
    if name == "unlisted_people":  # deleting a person some page lists is refused to everyone (contacts.usage)
        listed = listings_of(city.people)
        return [person for person in city.people if person.pk not in listed]
    return getattr(city, name)


def walk_workflows(o, me, add):
    """Workflows and tasks."""
    page = {kind: item.pk for kind, item in o.pages.items()}
    home = o.home.pk
    task_state = o.page_workflow_state.current_task_state
    group = o.roles.editors.pk
    workflow, task = o.roles.workflow.pk, task_state.task_id
    # Workflows and tasks.
    workflows = "/admin/workflows"
    add("admin/workflows/list/", G(f"{workflows}/list/"))
    add("admin/workflows/list/results/", G(f"{workflows}/list/results/"))
    add(
        "admin/workflows/add/",
        G(f"{workflows}/add/"),
        P(
            f"{workflows}/add/",
            superuser_form(
                f"{workflows}/add/",
                name="Intruder",
                **{"pages-TOTAL_FORMS": "1", "pages-0-page": page["livepage"], "workflow_tasks-TOTAL_FORMS": "1"},
                **{"workflow_tasks-0-task": task, "workflow_tasks-0-ORDER": "1", "workflow_tasks-0-id": ""},
            ),
        ),
    )
    add("admin/workflows/enable/<int:pk>/", P(f"{workflows}/enable/{o.old_workflow.pk}/"))
    add(
        "admin/workflows/disable/<int:pk>/",
        G(f"{workflows}/disable/{workflow}/"),
        P(f"{workflows}/disable/{workflow}/"),
    )
    add(
        "admin/workflows/edit/<int:pk>/",
        G(f"{workflows}/edit/{workflow}/"),
        P(f"{workflows}/edit/{workflow}/", superuser_form(f"{workflows}/edit/{workflow}/", name="Intruder")),
    )
    add("admin/workflows/usage/<int:pk>/", G(f"{workflows}/usage/{workflow}/"))
    add("admin/workflows/usage/<int:pk>/results/", G(f"{workflows}/usage/{workflow}/results/"))
    add("admin/workflows/remove/<int:page_pk>/", P(f"{workflows}/remove/{home}/"))
    add("admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/", P(f"{workflows}/remove/{home}/{workflow}/"))
    add(
        "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/",
        G(f"{workflows}/tasks/add/wagtailcore/groupapprovaltask/"),
        P(f"{workflows}/tasks/add/wagtailcore/groupapprovaltask/", {"name": "Intruder", "groups": [group]}),
    )
    add("admin/workflows/tasks/select_type/", G(f"{workflows}/tasks/select_type/"))
    add("admin/workflows/tasks/index/", G(f"{workflows}/tasks/index/"))
    add("admin/workflows/tasks/index/results/", G(f"{workflows}/tasks/index/results/"))
    add(
        "admin/workflows/tasks/edit/<int:pk>/",
        G(f"{workflows}/tasks/edit/{task}/"),
        P(f"{workflows}/tasks/edit/{task}/", {"name": "Intruder", "groups": [me.roles.moderators.pk]}),
    )
    add(
        "admin/workflows/tasks/disable/<int:pk>/",
        G(f"{workflows}/tasks/disable/{task}/"),
        P(f"{workflows}/tasks/disable/{task}/"),
    )
    add("admin/workflows/tasks/enable/<int:pk>/", P(f"{workflows}/tasks/enable/{o.old_task.pk}/"))
    add("admin/workflows/task_chooser/", G(f"{workflows}/task_chooser/"))
    add("admin/workflows/task_chooser/results/", G(f"{workflows}/task_chooser/results/?q=approval"))
    add(
        "admin/workflows/task_chooser/create/",
        G(f"{workflows}/task_chooser/create/"),
        P(
            f"{workflows}/task_chooser/create/?create_model=wagtailcore.groupapprovaltask",
            superuser_form(
                f"{workflows}/task_chooser/create/?create_model=wagtailcore.groupapprovaltask",
                **{"create-task-name": "Intruder", "create-task-groups": [group]},
            ),
        ),
    )
    add("admin/workflows/task_chooser/<int:task_id>/", G(f"{workflows}/task_chooser/{task}/"))


def walk_reports(o, me, add):
    """Reports with their exports, unpublish requests and import reviews."""
    page = {kind: item.pk for kind, item in o.pages.items()}
    # Reports, with their exports.
    for report in ("locked", "workflow", "workflow_tasks", "site-history", "aging-pages", "page-types-usage"):
        add(
            f"admin/reports/{report}/",
            G(f"/admin/reports/{report}/"),
            G(f"/admin/reports/{report}/?export=csv"),
            G(f"/admin/reports/{report}/?export=xlsx"),
        )
        add(f"admin/reports/{report}/results/", G(f"/admin/reports/{report}/results/"))
    for report in ("translations", "freshness", "contact-checks"):
        add(
            f"admin/editorial/{report}/",
            G(f"/admin/editorial/{report}/"),
            G(f"/admin/editorial/{report}/?export=csv"),
            G(f"/admin/editorial/{report}/?export=xlsx"),
        )
        add(f"admin/editorial/{report}/results/", G(f"/admin/editorial/{report}/results/"))
    # An editor's request to unpublish a page, and a moderator's decision (editorial.unpublishing).
    ask = f"/admin/editorial/unpublish/{page['livepage']}/"
    add(
        "admin/editorial/unpublish/<int:page_id>/",
        G(ask),
        P(ask, {"reason": "Intruder"}, inert="one who may unpublish is sent to Wagtail's unpublish instead"),
    )
    decide = f"/admin/editorial/unpublish-requests/{o.unpublish_request.pk}/"
    add(
        "admin/editorial/unpublish-requests/<int:pk>/",
        G(decide),
        P(decide, {"approve": "1", "include_subpages": "on"}),
        P(decide, {"reject": "1", "comment": "Intruder"}),
    )

    # An import reviewed as one: its screen, approving it all and requesting changes (editorial.imports).
    review = f"/admin/editorial/imports/{o.import_batch.pk}/"
    add(
        "admin/editorial/imports/<int:pk>/",
        G(review),
        P(review, {"approve": "1"}),
        P(review, {"request-changes": "1", "comment": "Intruder"}),
    )


def walk_account(o, me, add):
    """The user's own account and session; the editor's helpers."""
    page = {kind: item.pk for kind, item in o.pages.items()}
    user = o.users["editor"].pk
    # The user's own account and session; the editor's helpers.
    add("admin/account/", G("/admin/account/"))
    add("admin/dismissibles/", G("/admin/dismissibles/"))
    session = o.editing_session.pk
    add(
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
        P(f"/admin/editing-sessions/ping/wagtailcore/page/{page['draftpage']}/{session}/"),
        P(f"/admin/editing-sessions/ping/contacts/contactperson/{o.person_draft.pk}/{session}/"),
    )
    add(
        "admin/editing-sessions/release/<int:session_id>/",
        P(f"/admin/editing-sessions/release/{session}/", inert="it releases only the user's own sessions"),
    )
    add("admin/block-preview/", G("/admin/block-preview/?id=contacts.blocks.ContactCardBlock"))
    add("admin/sprite/", G("/admin/sprite/"))
    add("admin/login/", G("/admin/login/"))
    add("admin/jsi18n/", G("/admin/jsi18n/"))
    add("admin/password_reset/", G("/admin/password_reset/"))
    add("admin/password_reset/done/", G("/admin/password_reset/done/"))
    add(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        G(f"/admin/password_reset/confirm/{urlsafe_base64_encode(str(user).encode())}/set-password/"),
    )
    add("admin/password_reset/complete/", G("/admin/password_reset/complete/"))
    add(r"admin/.*/$", G("/admin/no-such-screen/"))


def walk_settings(o, me, add):
    """City settings, redirects, embeds and the snippets index."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    # Settings, redirects, embeds.
    settings_url = f"/admin/settings/citycomms/citysettings/{o.site.pk}/"
    add("admin/settings/<slug:app_name>/<slug:model_name>/", G("/admin/settings/citycomms/citysettings/"))
    add(
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
        G(settings_url),
        P(settings_url, superuser_form(settings_url, brand_colour="#000000")),
    )
    add("admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/", G(f"{settings_url}preview/"))
    redirect = o.redirect.pk
    add("admin/redirects/", G(f"/admin/redirects/?q={word}"))
    add("admin/redirects/results/", G(f"/admin/redirects/results/?q={word}"))
    add(
        "admin/redirects/add/",
        G("/admin/redirects/add/"),
        P(
            "/admin/redirects/add/",
            {
                "old_path": "/intruder",
                "site": o.site.pk,
                "redirect_link": "https://example.org/",
                "is_permanent": "on",
            },
        ),
    )
    add(
        "admin/redirects/<int:redirect_id>/",
        G(f"/admin/redirects/{redirect}/"),
        P(f"/admin/redirects/{redirect}/", superuser_form(f"/admin/redirects/{redirect}/", old_path="/intruder")),
    )
    add(
        "admin/redirects/<int:redirect_id>/delete/",
        G(f"/admin/redirects/{redirect}/delete/"),
        P(f"/admin/redirects/{redirect}/delete/"),
    )
    add("admin/redirects/import/", G("/admin/redirects/import/"))

    def uploaded_redirects(walker):
        """The redirect import's second step: the file the first step (the superuser's) took, for the other site."""
        client = Client(HTTP_HOST=walker.client.defaults["HTTP_HOST"])
        client.force_login(get_user_model().objects.get(username="walk-superuser"))
        csv = upload("r.csv", b"from,to\n/intruder,https://example.org/\n")
        response = client.post("/admin/redirects/import/", {"import_file": csv, "input_format": "csv"})
        return {**edit_form_values(response.content.decode()), "from_index": "0", "to_index": "1", "site": o.site.pk}

    add("admin/redirects/import/process/", P("/admin/redirects/import/process/", uploaded_redirects))
    add("admin/embeds/chooser/", G("/admin/embeds/chooser/"))
    add("admin/embeds/chooser/upload/", G("/admin/embeds/chooser/upload/"))
    add("admin/snippets/", G("/admin/snippets/"))


def walk_sites_and_users(o, me, add):
    """Sites, users, groups."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    user = o.users["editor"].pk
    group = o.roles.editors.pk
    # Sites, users, groups.
    for base, pk, form in (
        ("sites", o.site.pk, {"hostname": "intruder.localhost"}),
        ("users", user, {"username": "intruder"}),
        ("groups", group, {"name": "Intruder"}),
    ):
        url = f"/admin/{base}"
        add(f"admin/{base}/", G(f"{url}/?q={word}"))
        add(f"admin/{base}/results/", G(f"{url}/results/?q={word}"))
        add(f"admin/{base}/new/", G(f"{url}/new/"))
        add(
            f"admin/{base}/edit/<int:pk>/",
            G(f"{url}/edit/{pk}/"),
            P(f"{url}/edit/{pk}/", superuser_form(f"{url}/edit/{pk}/", **form)),
        )
        add(f"admin/{base}/delete/<int:pk>/", G(f"{url}/delete/{pk}/"), P(f"{url}/delete/{pk}/"))
        add(f"admin/{base}/history/<int:pk>/", G(f"{url}/history/{pk}/"))
        add(f"admin/{base}/history-results/<int:pk>/", G(f"{url}/history-results/{pk}/"))
        add(f"admin/{base}/usage/<int:pk>/", G(f"{url}/usage/{pk}/"))
        if base != "groups":
            add(f"admin/{base}/copy/<int:pk>/", G(f"{url}/copy/{pk}/"))


def walk_bulk(o, me, add):
    """Bulk actions, of the other city's objects and of the user's own towards the other city."""
    page = {kind: item.pk for kind, item in o.pages.items()}
    # Where the user's own information pages are moved or copied to: the other city's draft (a valid parent).
    hidden = page["draftpage"]
    collection = o.collection.pk
    # Bulk actions: every registered one, on the other city's objects, and on the user's own towards the other city.
    bulk_action_registry._scan_for_bulk_actions()
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action_name in actions:
                objects = BULK_MODELS[(app_label, model_name)]  # each action its own: a move's are not the next's
                if action_name == "move":
                    objects = "information_pages"
                elif (model_name, action_name) == ("contactperson", "delete"):
                    objects = "unlisted_people"
                chosen = objects_of(o, objects)
                url = f"/admin/bulk/{app_label}/{model_name}/{action_name}/?{ids(chosen)}"
                add(
                    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
                    G(url),
                    P(url, bulk_form(action_name, me), inert=BULK_INERT.get((model_name, action_name), "")),
                )
    towards = {
        "move": ("wagtailcore/page", "information_pages", {"chooser": hidden}),
        "add_to_collection": ("wagtaildocs/document", "documents", {"collection": collection}),
    }
    for action_name, (model_path, objects, form) in towards.items():
        url = f"/admin/bulk/{model_path}/{action_name}/?{ids(objects_of(me, objects))}"
        add("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", T(url, form))
    url = f"/admin/bulk/wagtailimages/image/add_to_collection/?{ids(me.images)}"
    add("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", T(url, {"collection": collection}))
