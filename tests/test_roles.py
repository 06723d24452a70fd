"""Per-city editors and moderators: what each city's staff may see and do in the admin."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from citycomms.cities import user_cities
from contacts.factories import ContactPersonFactory, ServicePointFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage, UnitPage
from press.models import PressContactsPage
from tests.conftest import CONTACTS_URL, GOTEBORG, HELSINKI, edit_form_values, make_user


def role_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Group, GroupPagePermission, GroupCollectionPermission, Collection, Workflow, WorkflowPage)
    }


def press_page(home, title, slug):
    page = PressContactsPage(title=title, slug=slug, **{f"title_{code}": title for code in ("fi", "sv", "en")})
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(helsinki, goteborg):
    return {
        "helsinki": press_page(helsinki, "Helsingin medialle", "helsingin-medialle"),
        "goteborg": press_page(goteborg, "Göteborgs medier", "goteborgs-medier"),
    }


# --- the command --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_is_idempotent_and_reports_progress(helsinki, goteborg):
    first = StringIO()
    call_command("setup_city_roles", stdout=first)
    after_first = role_counts()
    second = StringIO()
    call_command("setup_city_roles", stdout=second)

    assert role_counts() == after_first
    assert f"Group {GOTEBORG} Editors … created" in first.getvalue()
    assert f"Group {GOTEBORG} Editors … unchanged" in second.getvalue()
    assert f"Workflow {HELSINKI} moderation … unchanged" in second.getvalue()
    assert "Roles ready for 2 cities." in second.getvalue()


@pytest.mark.django_db
def test_renaming_a_city_renames_its_roles_and_keeps_their_members(roles, goteborg, goteborg_editor):
    before = role_counts()
    goteborg.title_sv = "Göteborgs kommun"
    goteborg.save_revision().publish()
    out = StringIO()

    call_command("setup_city_roles", stdout=out)

    assert role_counts() == before
    assert f"City {GOTEBORG} … renamed Göteborgs kommun" in out.getvalue()
    assert list(goteborg_editor.groups.values_list("name", flat=True)) == ["Göteborgs kommun Editors"]
    assert Group.objects.filter(name="Göteborgs kommun Moderators").exists()
    assert Collection.objects.filter(name="Göteborgs kommun", depth=2).exists()
    workflow = Workflow.objects.get(workflow_pages__page=goteborg)
    assert workflow.name == "Göteborgs kommun moderation"
    assert [task.name for task in workflow.tasks] == ["Göteborgs kommun approval"]
    assert not Group.objects.filter(name__startswith=GOTEBORG).exists()


@pytest.mark.django_db
def test_the_command_completes_a_group_whose_permissions_were_removed(roles):
    editors = roles[GOTEBORG].editors
    GroupPagePermission.objects.filter(group=editors).delete()
    out = StringIO()
    call_command("setup_city_roles", stdout=out)
    assert f"Group {GOTEBORG} Editors … 3 permissions added" in out.getvalue()
    assert GroupPagePermission.objects.filter(group=editors).count() == 3


@pytest.mark.django_db
def test_each_city_has_editors_and_moderators_rooted_at_its_home(roles, helsinki, goteborg):
    for name, home in ((HELSINKI, helsinki), (GOTEBORG, goteborg)):
        city = roles[name]
        assert city.editors.name == f"{name} Editors"
        assert city.moderators.name == f"{name} Moderators"
        editor_codenames = set(
            GroupPagePermission.objects.filter(group=city.editors).values_list("permission__codename", flat=True)
        )
        assert editor_codenames == {"add_page", "change_page", "lock_page"}
        moderator_codenames = set(
            GroupPagePermission.objects.filter(group=city.moderators).values_list("permission__codename", flat=True)
        )
        assert moderator_codenames == {
            "add_page",
            "change_page",
            "publish_page",
            "bulk_delete_page",
            "lock_page",
            "unlock_page",
        }
        assert set(
            GroupPagePermission.objects.filter(group__in=[city.editors, city.moderators]).values_list(
                "page_id", flat=True
            )
        ) == {home.pk}
        for group in (city.editors, city.moderators):
            codenames = set(group.permissions.values_list("codename", flat=True))
            assert {"access_admin", "add_contactperson", "change_contactperson"} <= codenames
            assert {"add_servicepoint", "change_servicepoint", "view_servicepoint"} <= codenames
            # Deleting a published contact takes it off the site: only those who publish may.
            can_delete = {"delete_contactperson", "delete_servicepoint"} <= codenames
            assert can_delete == (group == city.moderators)
            collection_codenames = set(
                GroupCollectionPermission.objects.filter(group=group, collection=city.collection).values_list(
                    "permission__codename", flat=True
                )
            )
            assert collection_codenames == {
                "add_collection",
                "change_collection",
                "add_image",
                "change_image",
                "choose_image",
                "add_document",
                "change_document",
                "choose_document",
            }
        assert city.collection.name == name
        assert WorkflowPage.objects.get(page=home).workflow == city.workflow
        assert city.workflow.name == f"{name} moderation"
        task = city.workflow.tasks.get().specific
        assert list(task.groups.all()) == [city.moderators]


@pytest.mark.django_db
def test_user_cities_come_from_the_groups_page_permissions(roles, helsinki, goteborg, goteborg_editor):
    assert list(user_cities(goteborg_editor)) == [goteborg]
    both = make_user("both", roles[GOTEBORG].editors, roles[HELSINKI].moderators)
    assert set(user_cities(both)) == {helsinki, goteborg}
    assert not user_cities(make_user("nobody")).exists()
    superuser = get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    assert set(user_cities(superuser)) == {helsinki, goteborg}


# --- pages: isolation ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_edits_their_own_citys_pages_only(client, goteborg_editor, pages):
    client.force_login(goteborg_editor)

    assert client.get(f"/admin/pages/{pages['goteborg'].pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{pages['helsinki'].pk}/edit/")
    assert response.status_code == 404  # another city's page is not found (citycomms.admin_scope)
    assert "data-edit-form" not in response.content.decode()  # no editor of it (the site's menu may link it)


@pytest.mark.django_db
def test_an_editor_does_not_see_another_citys_pages_in_the_explorer(client, root_page, goteborg_editor, pages):
    client.force_login(goteborg_editor)

    response = client.get(f"/admin/pages/{root_page.pk}/", follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Göteborgs medier" in html
    assert "Helsingin medialle" not in html


@pytest.mark.django_db
def test_an_editor_does_not_find_another_citys_pages_in_admin_search(client, goteborg_editor, pages):
    client.force_login(goteborg_editor)

    html = client.get("/admin/pages/search/", {"q": "medi"}).content.decode()

    assert "Göteborgs medier" in html
    assert "Helsingin medialle" not in html


# --- contacts: isolation ------------------------------------------------------------------------

SERVICE_POINTS_URL = "/admin/snippets/contacts/servicepoint/"


@pytest.fixture
def people(helsinki, goteborg):
    return {
        "helsinki": ContactPersonFactory(city=helsinki, first_name="Hanna", last_name="Helsinkiläinen"),
        "goteborg": ContactPersonFactory(city=goteborg, first_name="Greta", last_name="Göteborgare", phone=""),
    }


@pytest.mark.django_db
def test_an_editor_lists_only_their_own_citys_contacts(client, goteborg_editor, people):
    client.force_login(goteborg_editor)

    html = client.get(CONTACTS_URL).content.decode()

    assert "Göteborgare" in html
    assert "Helsinkiläinen" not in html


@pytest.mark.django_db
def test_another_citys_contact_is_not_found_by_url(client, goteborg_editor, people):
    client.force_login(goteborg_editor)
    helsinki_person, own = people["helsinki"], people["goteborg"]

    assert client.get(f"{CONTACTS_URL}edit/{own.pk}/").status_code == 200
    for view in ("edit", "delete", "copy", "history", "usage"):
        assert client.get(f"{CONTACTS_URL}{view}/{helsinki_person.pk}/").status_code == 404, view
    response = client.post(f"{CONTACTS_URL}delete/{helsinki_person.pk}/")
    assert response.status_code == 404
    assert type(helsinki_person).objects.filter(pk=helsinki_person.pk).exists()


@pytest.mark.django_db
def test_an_editor_cannot_delete_a_contact(client, goteborg_editor, people):
    client.force_login(goteborg_editor)
    ours = people["goteborg"]

    client.post(f"{CONTACTS_URL}delete/{ours.pk}/")
    client.post(f"/admin/bulk/contacts/contactperson/delete/?id={ours.pk}&next={CONTACTS_URL}")

    assert type(ours).objects.filter(pk=ours.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_leaves_another_citys_contacts_alone(client, goteborg_moderator, people):
    client.force_login(goteborg_moderator)
    theirs, ours = people["helsinki"], people["goteborg"]

    # A request naming another city's contact is refused whole (citycomms.admin_scope), as if it did not exist.
    mixed = client.post(f"/admin/bulk/contacts/contactperson/delete/?id={theirs.pk}&id={ours.pk}&next={CONTACTS_URL}")
    assert mixed.status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists() and type(ours).objects.filter(pk=ours.pk).exists()

    client.post(f"/admin/bulk/contacts/contactperson/delete/?id={ours.pk}&next={CONTACTS_URL}")
    assert type(theirs).objects.filter(pk=theirs.pk).exists()
    assert not type(ours).objects.filter(pk=ours.pk).exists()


@pytest.mark.django_db
def test_the_contact_chooser_offers_only_own_city(client, goteborg_editor, people):
    client.force_login(goteborg_editor)

    chooser = "/admin/snippets/choose/contacts/contactperson/"
    html = client.get(chooser).json()["html"]
    theirs, ours = people["helsinki"], people["goteborg"]

    assert "Göteborgare" in html
    assert "Helsinkiläinen" not in html
    assert client.get(f"{chooser}chosen/{ours.pk}/").status_code == 200
    assert client.get(f"{chooser}chosen/{theirs.pk}/").status_code == 404
    chosen = client.get(f"{chooser}chosen-multiple/", {"id": [ours.pk, theirs.pk]}).json()["result"]
    assert [item["id"] for item in chosen] == [str(ours.pk)]


@pytest.mark.django_db
def test_an_editor_adds_contacts_only_to_their_own_city(client, goteborg_editor, helsinki, goteborg):
    client.force_login(goteborg_editor)
    form = {"first_name": "Gustav", "last_name": "Smygare", "phone": "", "email": ""}

    refused = client.post(f"{CONTACTS_URL}add/", {**form, "city": helsinki.pk})
    accepted = client.post(f"{CONTACTS_URL}add/", {**form, "city": goteborg.pk})

    assert refused.status_code == 200  # the form again, with an error on the city
    assert accepted.status_code == 302
    assert list(goteborg.contact_people.values_list("last_name", flat=True)) == ["Smygare"]
    assert not helsinki.contact_people.exists()


@pytest.mark.django_db
def test_service_points_stay_in_their_city_too(client, goteborg_editor, helsinki, goteborg):
    client.force_login(goteborg_editor)
    theirs = ServicePointFactory(city=helsinki, name_fi="Virka Info", name_sv="Virka Info")
    ours = ServicePointFactory(city=goteborg, name_sv="Kontaktcenter", name_fi="", phone="")

    html = client.get(SERVICE_POINTS_URL).content.decode()

    assert "Kontaktcenter" in html and "Virka Info" not in html
    assert client.get(f"{SERVICE_POINTS_URL}edit/{ours.pk}/").status_code == 200
    assert client.get(f"{SERVICE_POINTS_URL}edit/{theirs.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_superuser_sees_every_citys_contacts(admin_client, people):
    html = admin_client.get(CONTACTS_URL).content.decode()
    assert "Göteborgare" in html and "Helsinkiläinen" in html
    assert admin_client.get(f"{CONTACTS_URL}edit/{people['helsinki'].pk}/").status_code == 200


# --- moderation ---------------------------------------------------------------------------------


def draft_page(home, title, slug):
    """A page that was never published, with one draft revision."""
    page = PressContactsPage(
        live=False, title=title, slug=slug, **{f"title_{code}": title for code in ("fi", "sv", "en")}
    )
    home.add_child(instance=page)
    page.save_revision()
    return page


def submit_from_editor(client, page, action, **changes):
    """Post the page editor's form as the browser would, with `changes` and the button `action` pressed."""
    form = edit_form_values(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), PressContactsPage)
    form.update(changes)
    form[f"action-{action}"] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", form)


def workflow_action(client, page, action):
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": ""})


@pytest.mark.django_db
def test_an_editor_cannot_publish_only_submit(client, goteborg, goteborg_editor):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)

    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    submit_from_editor(client, page, "publish", title_sv="Publicerad av redaktören")

    page.refresh_from_db()
    assert 'name="action-publish"' not in editor_html
    assert 'name="action-submit"' in editor_html
    assert not page.live and page.live_revision is None
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_submitted_page_goes_live_when_a_moderator_approves(client, goteborg, goteborg_editor, goteborg_moderator):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)

    response = submit_from_editor(client, page, "submit", title_sv="Mediekontakter")

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state.workflow.name == f"{GOTEBORG} moderation" and state.status == "in_progress"
    assert state.requested_by == goteborg_editor

    client.force_login(goteborg_moderator)
    response = workflow_action(client, page, "approve")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.live_revision.as_object().title_sv == "Mediekontakter"
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_a_rejection_keeps_the_editors_draft(client, goteborg, goteborg_editor, goteborg_moderator):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)
    submit_from_editor(client, page, "submit", title_sv="Redaktörens text")

    client.force_login(goteborg_moderator)
    workflow_action(client, page, "reject")

    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().title_sv == "Redaktörens text"
    client.force_login(goteborg_editor)
    assert "Redaktörens text" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


@pytest.mark.django_db
def test_another_citys_moderator_cannot_approve(client, roles, goteborg, goteborg_editor):
    page = draft_page(goteborg, "Utkast", "utkast")
    client.force_login(goteborg_editor)
    submit_from_editor(client, page, "submit", title_sv="Mediekontakter")
    client.force_login(make_user("helsinki-moderator", roles[HELSINKI].moderators))

    response = workflow_action(client, page, "approve")

    page.refresh_from_db()
    assert response.status_code == 404
    assert not page.live and page.current_workflow_state.status == "in_progress"


# --- scheduling and revisions -------------------------------------------------------------------


def an_hour_later(revision):
    """Move the revision's go-live time an hour back, as if an hour had passed (freezegun is not installed)."""
    revision.refresh_from_db()
    revision.approved_go_live_at -= timedelta(hours=1, minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


@pytest.mark.django_db
def test_publish_scheduled_publishes_a_page_whose_go_live_time_passed(goteborg):
    page = draft_page(goteborg, "Planerad", "planerad")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision == revision

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live  # not yet

    an_hour_later(revision)
    call_command("publish_scheduled", stdout=StringIO())

    page.refresh_from_db()
    assert page.live and page.live_revision == revision


@pytest.mark.django_db
def test_publish_scheduled_unpublishes_a_page_whose_expiry_passed(goteborg):
    page = press_page(goteborg, "Utgående", "utgaende")
    PressContactsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    call_command("publish_scheduled", stdout=StringIO())

    page.refresh_from_db()
    assert not page.live and page.expired


@pytest.mark.django_db
def test_a_moderator_reorganises_their_city_and_only_theirs(client, helsinki, goteborg, helsinki_moderator):
    """Moves, unpublishes and deletes a department with its units in their city; another city's stay out of
    reach (404), and an editor may not delete a live branch."""
    department = DepartmentPageFactory(parent=helsinki, title_fi="Vanha osasto", slug_fi="vanha-osasto")
    unit = UnitPageFactory(parent=department, title_fi="Yksikkö", slug_fi="yksikko")
    target = DepartmentPageFactory(parent=helsinki, title_fi="Uusi osasto", slug_fi="uusi-osasto")
    elsewhere = DepartmentPageFactory(parent=goteborg, title_sv="Annan", slug_sv="annan")
    client.force_login(helsinki_moderator)

    assert client.post(f"/admin/pages/{unit.pk}/move/{target.pk}/confirm/").status_code == 302
    assert UnitPage.objects.get(pk=unit.pk).get_parent().pk == target.pk
    assert client.post(f"/admin/pages/{target.pk}/unpublish/", {"include_descendants": "on"}).status_code == 302
    assert not UnitPage.objects.get(pk=unit.pk).live
    assert client.post(f"/admin/pages/{target.pk}/delete/").status_code == 302
    assert (
        not UnitPage.objects.filter(pk=unit.pk).exists() and not DepartmentPage.objects.filter(pk=target.pk).exists()
    )

    assert client.post(f"/admin/pages/{elsewhere.pk}/delete/").status_code == 404
    assert client.post(f"/admin/pages/{department.pk}/move/{goteborg.pk}/confirm/").status_code == 404
    assert DepartmentPage.objects.filter(pk=elsewhere.pk).exists()
    assert DepartmentPage.objects.get(pk=department.pk).get_parent().pk == helsinki.pk


@pytest.mark.django_db
def test_an_editor_may_not_delete_a_live_branch(client, helsinki, helsinki_editor):
    department = DepartmentPageFactory(parent=helsinki, title_fi="Osasto", slug_fi="osasto")
    UnitPageFactory(parent=department, title_fi="Yksikkö", slug_fi="yksikko")
    client.force_login(helsinki_editor)

    response = client.post(f"/admin/pages/{department.pk}/delete/")

    assert response.status_code in (302, 403) and DepartmentPage.objects.filter(pk=department.pk).exists()


@pytest.mark.django_db
def test_an_editor_compares_and_reverts_revisions_of_their_own_citys_pages(client, goteborg_editor, pages):
    own, theirs = pages["goteborg"], pages["helsinki"]
    for page in (own, theirs):
        page.title_sv = "Ny rubrik"
        page.save_revision()
    first, latest = own.revisions.order_by("pk")
    client.force_login(goteborg_editor)

    compare = client.get(f"/admin/pages/{own.pk}/revisions/compare/{first.pk}...{latest.pk}/")
    revert = client.get(f"/admin/pages/{own.pk}/revisions/{first.pk}/revert/")
    first_theirs, latest_theirs = theirs.revisions.order_by("pk")
    other = client.get(f"/admin/pages/{theirs.pk}/revisions/compare/{first_theirs.pk}...{latest_theirs.pk}/")

    assert compare.status_code == 200
    assert "Ny rubrik" in compare.content.decode()
    assert revert.status_code == 200
    assert "Göteborgs medier" in revert.content.decode()  # the editor opens with the old revision's title
    assert other.status_code == 404
