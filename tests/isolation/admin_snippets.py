"""The admin walk: the contact import, contact people, service points and announcements."""

from announcements.models import Announcement
from contacts.models import ContactPerson, ServicePoint
from contacts.replace import REMOVE
from contacts.spreadsheet import COLUMNS as CONTACT_COLUMNS
from tests.isolation.hits import PUBLISH, G, P, T, intruder_name, superuser_form, upload, workflow_hits


def walk_contact_import(o, me, add):
    """The contact import's two steps."""
    home = o.home.pk
    # Contacts: the import.
    csv_file = (
        ",".join(CONTACT_COLUMNS) + "\n" + ",".join("Intruder" if c.endswith("name") else "" for c in CONTACT_COLUMNS)
    )

    def previewed(walker):
        """The import's second step: the file (for the other city) is read and shown first, then confirmed."""
        walker.client.post("/admin/contacts/import/", {"city": home, "file": upload("c.csv", csv_file.encode())})
        return {"confirm": "1"}

    add(
        "admin/contacts/import/",
        G("/admin/contacts/import/"),
        P(
            "/admin/contacts/import/",
            lambda walker: {"city": home, "file": upload("c.csv", csv_file.encode())},
            inert="the first step only reads the file and shows its rows",
        ),
        P("/admin/contacts/import/", previewed),
    )


def walk_snippets(o, me, add):
    """Contact people, service points and announcements."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    home = o.home.pk
    image = o.image.pk
    # Contact people, service points and announcements.
    for model, draft, live, submitted, state in (
        (ContactPerson, o.person_draft, o.person_live, o.person_submitted, o.contact_workflow_state),
        (ServicePoint, o.service_draft, o.service_point, o.service_draft, o.service_workflow_state),
        (
            Announcement,
            o.announcement_draft,
            o.announcement_live,
            o.announcement_submitted,
            o.announcement_workflow_state,
        ),
    ):
        app_label, model_name = model._meta.app_label, model._meta.model_name
        base = f"admin/snippets/{app_label}/{model_name}/"
        url = f"/{base}"
        task_state_id = state.current_task_state.pk
        add(
            base,
            G(f"{url}?q={word}"),
            G(f"{url}?city={home}"),
            G(f"{url}?export=csv"),
            G(f"{url}?export=xlsx"),
        )
        add(f"{base}results/", G(f"{url}results/?q={word}"))
        add(
            f"{base}add/",
            G(f"{url}add/"),
            P(f"{url}add/", superuser_form(f"{url}add/", model, city=home, **intruder_name(model_name))),
        )
        add(
            f"{base}edit/<int:pk>/",
            G(f"{url}edit/{draft.pk}/"),
            P(f"{url}edit/{draft.pk}/", superuser_form(f"{url}edit/{draft.pk}/", model, **intruder_name(model_name))),
        )
        if model_name == "contactperson":
            mine_url = f"{url}edit/{me.person_live.pk}/"
            add(
                f"{base}edit/<int:pk>/",
                # The user's own person with the other city's image as photo, or moved to that city.
                T(mine_url, superuser_form(mine_url, model, **PUBLISH, photo=image)),
                T(mine_url, superuser_form(mine_url, model, **PUBLISH, city=home)),
            )
        add(f"{base}delete/<int:pk>/", G(f"{url}delete/{draft.pk}/"), P(f"{url}delete/{draft.pk}/"))
        if model_name == "contactperson":
            replace = f"/admin/contacts/people/{live.pk}/replace/"
            add(
                "admin/contacts/people/<int:pk>/replace/",
                G(replace),
                P(replace, {"replacement": me.person_live.pk}, inert="a replacement of another city: refused to all"),
                P(replace, {"replacement": REMOVE}),  # take them off every page
            )
        if app_label == "contacts":
            kind = "people" if model_name == "contactperson" else "service-points"
            checked = f"/admin/contacts/{kind}/{live.pk}/checked/"
            add(f"admin/contacts/{kind}/<int:pk>/checked/", G(checked), P(checked))  # "Still correct"
        add(f"{base}usage/<int:pk>/", G(f"{url}usage/{live.pk}/"))
        add(f"{base}history/<int:pk>/", G(f"{url}history/{draft.pk}/"))
        add(f"{base}history-results/<int:pk>/", G(f"{url}history-results/{draft.pk}/"))
        add(f"{base}copy/<int:pk>/", G(f"{url}copy/{draft.pk}/"))
        draft_revision = draft.latest_revision.pk
        revert = f"{url}history/{draft.pk}/revisions/{draft_revision}/revert/"
        add(
            f"{base}history/<int:pk>/revisions/<int:revision_id>/revert/",
            G(revert),
            P(revert, superuser_form(revert, model, **intruder_name(model_name))),
        )
        add(
            f"{base}history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
            "(?P<revision_id_b>live|latest|\\d+)/$",
            G(f"{url}history/{live.pk}/revisions/compare/earliest...latest/"),
        )
        unschedule = f"{url}history/{draft.pk}/revisions/{draft_revision}/unschedule/"
        add(f"{base}history/<int:pk>/revisions/<int:revision_id>/unschedule/", G(unschedule), P(unschedule))
        add(f"{base}unpublish/<int:pk>/", G(f"{url}unpublish/{live.pk}/"), P(f"{url}unpublish/{live.pk}/"))
        add(f"{base}lock/<int:pk>/", P(f"{url}lock/{live.pk}/"))
        add(f"{base}unlock/<int:pk>/", P(f"{url}unlock/{draft.pk}/"))  # the draft is locked
        action_url = f"{url}workflow/action/{submitted.pk}/{{}}/{task_state_id}/"
        add(f"{base}workflow/action/<int:pk>/<slug:action_name>/<int:task_state_id>/", *workflow_hits(action_url))
        add(
            f"{base}workflow/collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/",
            G(action_url.replace("/action/", "/collect_action_data/").format("approve")),  # it only shows the form
        )
        add(
            f"{base}workflow/confirm_cancellation/<int:pk>/",
            G(f"{url}workflow/confirm_cancellation/{submitted.pk}/"),
        )
        add(f"{base}workflow_history/<int:pk>/", G(f"{url}workflow_history/{submitted.pk}/"))
        add(
            f"{base}workflow_history/<int:pk>/detail/<int:workflow_state_id>/",
            G(f"{url}workflow_history/{submitted.pk}/detail/{state.pk}/"),
        )
        chooser = f"/admin/snippets/choose/{app_label}/{model_name}"
        add(f"admin/snippets/choose/{app_label}/{model_name}/", G(f"{chooser}/?q={word}"))
        add(f"admin/snippets/choose/{app_label}/{model_name}/results/", G(f"{chooser}/results/?q={word}"))
        add(f"admin/snippets/choose/{app_label}/{model_name}/chosen/<str:pk>/", G(f"{chooser}/chosen/{draft.pk}/"))
        add(
            f"admin/snippets/choose/{app_label}/{model_name}/chosen-multiple/",
            G(f"{chooser}/chosen-multiple/?id={draft.pk}&id={live.pk}"),
        )
        add(
            f"admin/snippets/choose/{app_label}/{model_name}/create/",
            G(f"{chooser}/create/"),
            P(
                f"{chooser}/create/",
                superuser_form(f"{url}add/", model, city=home, **intruder_name(model_name)),
                inert="the snippet chooser has no creation form: Wagtail's view fails (500) for everyone",
            ),
        )
