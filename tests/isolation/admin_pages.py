"""The admin walk: the admin API and pages."""

from wagtail.models import Page

from citycomms.models import InformationPage
from departments.models import DepartmentPage
from newsroom.models import PressReleasePage
from press.models import PressContactsPage
from tests.isolation.city_content import marker
from tests.isolation.hits import PUBLISH, G, P, T, head_post, intruder_title, stream, superuser_form, workflow_hits


def walk_api(o, me, add):
    """The admin's start and 404 test pages, and the admin API."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    page = {kind: item.pk for kind, item in o.pages.items()}
    mine = {kind: item.pk for kind, item in me.pages.items()}
    home, my_home = o.home.pk, me.home.pk
    # Where the user's own information pages are moved or copied to: the other city's draft (a valid parent).
    hidden = page["draftpage"]
    revision = o.first_revision.pk
    document, staff_document = o.document.pk, o.staff_document.pk
    image, staff_image = o.image.pk, o.staff_image.pk
    add("admin/", G("/admin/"))
    add("admin/test404/", G("/admin/test404/"))

    # The admin API.
    api = "/admin/api/main"
    add(
        "admin/api/main/pages/",
        G(f"{api}/pages/?descendant_of={home}&fields=*"),
        G(f"{api}/pages/?search={word}&fields=*"),
        G(f"{api}/pages/?child_of=root&fields=*"),
    )
    add(
        "admin/api/main/pages/<int:pk>/",
        *[G(f"{api}/pages/{page[kind]}/?fields=*") for kind in ("draftpage", "staffpage")],
    )
    add(
        "admin/api/main/pages/find/",
        G(f"{api}/pages/find/?id={page['draftpage']}"),
        G(f"{api}/pages/find/?html_path=/{o.pages['staffpage'].slug}/"),
    )
    action = f"{api}/pages/{page['draftpage']}/action"
    add(
        "admin/api/main/pages/<int:pk>/action/<str:action_name>/",
        P(f"{action}/copy/", {"destination_page_id": my_home, "slug": "intruder"}, json=True),
        P(f"{action}/delete/", {}, json=True),
        P(f"{action}/publish/", {}, json=True),
        P(f"{api}/pages/{page['department']}/action/unpublish/", {}, json=True),
        P(f"{action}/move/", {"destination_page_id": my_home, "position": "last-child"}, json=True),
        P(f"{api}/pages/{o.alias_page.pk}/action/convert_alias/", {}, json=True),
        P(
            f"{action}/copy_for_translation/",
            {"locale": "sv"},
            json=True,
            inert="translation of pages is off (WAGTAIL_I18N_ENABLED): the action answers 404 to everyone",
        ),
        P(f"{action}/create_alias/", {"destination_page_id": my_home, "slug": "intruder"}, json=True),
        P(f"{api}/pages/{page['livepage']}/action/revert_to_page_revision/", {"revision_id": revision}, json=True),
        # The user's own page into the other city.
        T(f"{api}/pages/{mine['livepage']}/action/move/", {"destination_page_id": hidden}, json=True),
        T(f"{api}/pages/{mine['livepage']}/action/copy/", {"destination_page_id": hidden, "slug": "x"}, json=True),
    )
    for kind, first, second in (("documents", document, staff_document), ("images", image, staff_image)):
        add(
            f"admin/api/main/{kind}/",
            G(f"{api}/{kind}/?fields=*"),
            G(f"{api}/{kind}/?search={word}&fields=*"),
            G(f"{api}/{kind}/?tags={marker(o.code, 'tag' if kind == 'documents' else 'phototag')}"),
        )
        add(f"admin/api/main/{kind}/<int:pk>/", G(f"{api}/{kind}/{first}/"), G(f"{api}/{kind}/{second}/"))
        add(f"admin/api/main/{kind}/find/", G(f"{api}/{kind}/find/?id={second}"))


def walk_pages(o, me, add):
    """Exploring, adding, editing, moving, copying pages; their workflow, privacy, locks and revisions."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    page = {kind: item.pk for kind, item in o.pages.items()}
    mine = {kind: item.pk for kind, item in me.pages.items()}
    home, my_home = o.home.pk, me.home.pk
    # Where the user's own information pages are moved or copied to: the other city's draft (a valid parent).
    hidden = page["draftpage"]
    task_state = o.page_workflow_state.current_task_state
    revision, scheduled = o.first_revision.pk, o.scheduled_revision.pk
    document = o.document.pk
    image = o.image.pk
    group = o.roles.editors.pk
    task = task_state.task_id
    # Exploring, adding, editing pages.
    add("admin/pages/", G("/admin/pages/"), G(f"/admin/pages/?q={word}"))
    add(
        "admin/pages/<int:parent_page_id>/",
        G(f"/admin/pages/{home}/"),
        G(f"/admin/pages/{Page.get_first_root_node().pk}/?q={word}"),
    )
    add("admin/pages/<int:parent_page_id>/results/", G(f"/admin/pages/{page['newsroom']}/results/"))
    add_url = f"/admin/pages/add/citycomms/informationpage/{home}/"
    add(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        G(add_url),
        P(add_url, superuser_form(add_url, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",
        G(f"{add_url}preview/"),
        P(f"{add_url}preview/", superuser_form(add_url, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
        G("/admin/pages/usage/citycomms/cityhomepage/"),
        G("/admin/pages/usage/citycomms/informationpage/"),
    )
    add(
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
        G("/admin/pages/usage/departments/departmentpage/results/"),
    )
    add(
        "admin/pages/create/<slug:app_label>/<slug:model_name>",
        G("/admin/pages/create/citycomms/informationpage"),
        G("/admin/pages/create/newsroom/pressreleasepage"),
    )
    add("admin/pages/<int:page_id>/usage/", G(f"/admin/pages/{page['department']}/usage/"))
    edit = f"/admin/pages/{page['draftpage']}/edit/"
    my_department = f"/admin/pages/{mine['department']}/edit/"
    my_release = f"/admin/pages/{mine['release']}/edit/"
    my_press = f"/admin/pages/{mine['presspage']}/edit/"
    add(
        "admin/pages/<int:page_id>/edit/",
        *[G(f"/admin/pages/{page[kind]}/edit/") for kind in ("draftpage", "submittedpage")],
        P(edit, superuser_form(edit, InformationPage, **intruder_title())),
        # The user's own pages, naming the other city's people, service points, documents, images and pages: its
        # public ones, so that only their being another city's is why the writes must be refused.
        # The head: the holder of a head post (departments.posts).
        T(my_department, superuser_form(my_department, DepartmentPage, **PUBLISH, **head_post(o.person_live.pk))),
        T(
            my_department,
            superuser_form(my_department, DepartmentPage, **PUBLISH, **{"page_contacts-0-contact": o.person_live.pk}),
        ),
        T(
            my_department,
            superuser_form(my_department, DepartmentPage, **PUBLISH, **stream("body_fi", "contact", o.person_live.pk)),
        ),
        T(
            my_department,
            superuser_form(
                my_department, DepartmentPage, **PUBLISH, **stream("body_fi", "service_point", o.service_point.pk)
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream(
                    "body_fi",
                    "documents",
                    {
                        "heading": "",
                        "documents-count": "1",
                        "documents-0-value": document,
                        "documents-0-deleted": "",
                        "documents-0-order": "0",
                        "documents-0-id": "",
                    },
                ),
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream("body_fi", "image", {"image": image, "decorative": "", "alt_text": "Kuva"}),
            ),
        ),
        T(
            my_department,
            superuser_form(
                my_department,
                DepartmentPage,
                **stream(
                    "body_fi",
                    "links",
                    {
                        "heading": "",
                        "links-count": "1",
                        "links-0-value-text": "Linkki",
                        "links-0-value-page": page["livepage"],
                        "links-0-value-url": "",
                        "links-0-deleted": "",
                        "links-0-order": "0",
                        "links-0-id": "",
                    },
                ),
            ),
        ),
        T(my_release, superuser_form(my_release, PressReleasePage, **PUBLISH, organisation=page["department"])),
        T(
            my_release,
            superuser_form(
                my_release, PressReleasePage, **PUBLISH, **{"release_contacts-0-contact": o.person_live.pk}
            ),
        ),
        T(my_press, superuser_form(my_press, PressContactsPage, **PUBLISH, media_desk=o.service_point.pk)),
    )
    add(
        "admin/pages/<int:page_id>/edit/preview/",
        G(f"{edit}preview/"),
        P(f"{edit}preview/", superuser_form(edit, InformationPage, **intruder_title())),
    )
    add(
        "admin/pages/<int:page_id>/view_draft/",
        G(f"/admin/pages/{page['draftpage']}/view_draft/"),
        G(f"/admin/pages/{page['submittedpage']}/view_draft/"),
    )
    add("admin/pages/<int:parent_page_id>/add_subpage/", G(f"/admin/pages/{home}/add_subpage/"))
    add(
        "admin/pages/<int:page_id>/delete/",
        G(f"/admin/pages/{page['draftpage']}/delete/"),
        P(f"/admin/pages/{page['draftpage']}/delete/"),
    )
    add(
        "admin/pages/<int:page_id>/unpublish/",
        G(f"/admin/pages/{page['department']}/unpublish/"),
        P(f"/admin/pages/{page['department']}/unpublish/"),
    )
    add(
        "admin/pages/<int:page_id>/convert_alias/",
        G(f"/admin/pages/{o.alias_page.pk}/convert_alias/"),
        P(f"/admin/pages/{o.alias_page.pk}/convert_alias/"),
    )
    for suffix in ("", "results/"):
        add(f"admin/pages/search/{suffix}", G(f"/admin/pages/search/{suffix}?q={word}"))
    add("admin/pages/<int:page_to_move_id>/move/", G(f"/admin/pages/{page['draftpage']}/move/"))
    move_theirs = f"/admin/pages/{page['draftpage']}/move/{my_home}/confirm/"
    move_mine = f"/admin/pages/{mine['livepage']}/move/{hidden}/confirm/"
    add(
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        G(move_theirs),
        P(move_theirs),
        G(move_mine),
        T(move_mine),
    )
    add(
        "admin/pages/<int:page_to_move_id>/set_position/",
        P(f"/admin/pages/{page['draftpage']}/set_position/?position=0"),
    )
    copy = f"/admin/pages/{page['draftpage']}/copy/"
    copy_mine = f"/admin/pages/{mine['livepage']}/copy/"
    add(
        "admin/pages/<int:page_id>/copy/",
        G(copy),
        P(copy, superuser_form(copy, new_slug="intruder", new_parent_page=my_home)),
        T(copy_mine, superuser_form(copy_mine, new_slug="intruder", new_parent_page=hidden)),
    )
    url = f"/admin/pages/workflow/action/{page['submittedpage']}/{{}}/{task_state.pk}/"
    add("admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", *workflow_hits(url))
    add(
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        G(url.replace("/action/", "/collect_action_data/").format("approve")),  # it only shows the form
    )
    add(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        G(f"/admin/pages/workflow/confirm_cancellation/{page['submittedpage']}/"),
    )
    add(
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        G(f"/admin/pages/workflow/preview/{page['submittedpage']}/{task}/"),
    )
    add(
        "admin/pages/<int:page_id>/privacy/",
        G(f"/admin/pages/{page['staffpage']}/privacy/"),
        P(f"/admin/pages/{page['staffpage']}/privacy/", {"restriction_type": "none"}),
        # The user's own staff-only page, for the other city's staff.
        T(f"/admin/pages/{mine['staffpage']}/privacy/", {"restriction_type": "groups", "groups": [group]}),
    )
    add("admin/pages/<int:page_id>/lock/", P(f"/admin/pages/{page['draftpage']}/lock/"))
    add("admin/pages/<int:page_id>/unlock/", P(f"/admin/pages/{page['lockedpage']}/unlock/"))
    add("admin/pages/<int:page_id>/revisions/", G(f"/admin/pages/{page['livepage']}/revisions/"))
    revisions = f"/admin/pages/{page['livepage']}/revisions"
    scheduled_revisions = f"/admin/pages/{page['newsroom']}/revisions"
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
        G(f"{revisions}/{revision}/view/"),
        G(f"{scheduled_revisions}/{scheduled}/view/"),
    )
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        G(f"{revisions}/{revision}/revert/"),
        P(f"{revisions}/{revision}/revert/", superuser_form(f"{revisions}/{revision}/revert/", InformationPage)),
    )
    add(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
        G(f"{scheduled_revisions}/{scheduled}/unschedule/"),
        P(f"{scheduled_revisions}/{scheduled}/unschedule/"),
    )
    add(
        r"admin/pages/(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$",
        G(f"{revisions}/compare/earliest...latest/"),
    )
    add(
        "admin/pages/<int:page_id>/workflow_history/",
        G(f"/admin/pages/{page['submittedpage']}/workflow_history/"),
    )
    add(
        "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
        G(f"/admin/pages/{page['submittedpage']}/workflow_history/detail/{o.page_workflow_state.pk}/"),
    )
    for suffix in ("", "results/"):
        add(f"admin/pages/<int:page_id>/history/{suffix}", G(f"/admin/pages/{page['livepage']}/history/{suffix}"))
    add(
        r"admin/pages/(?P<page_id>\d+)/edit/copy_translation_content/$",
        G(f"/admin/pages/{page['draftpage']}/edit/copy_translation_content/"),
    )
