"""Per-city editors and moderators: the command that sets up each city's roles, and pages kept to the city's staff."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage

from citycomms.cities import user_cities
from tests.conftest import GOTEBORG, HELSINKI, make_user


def role_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Group, GroupPagePermission, GroupCollectionPermission, Collection, Workflow, WorkflowPage)
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
