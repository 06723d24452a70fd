"""Each city's staff see only their own city in the admin (citycomms.admin_scope): the screens the first
security probe found showing another city's titles, files, tags and users, and the two that crashed."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Task, TaskState

from citycomms.factories import InformationPageFactory
from tests.conftest import GOTEBORG, HELSINKI

SECRET = "Hemlig sida om omorganisationen"


@pytest.fixture
def goteborg_draft(goteborg):
    page = InformationPageFactory(parent=goteborg, title_fi="", title_sv=SECRET, slug_sv="hemlig", live=False)
    page.save_revision()
    return page


@pytest.fixture
def goteborg_document(roles):
    document = get_document_model()(title="Göteborgs interna budget", collection=roles[GOTEBORG].collection)
    document.file.save("budget.txt", ContentFile(b"siffror"), save=True)
    document.tags.add("budgethemlighet")
    return document


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/page-types-usage/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/locked/",
        "/admin/api/main/documents/",
        "/admin/api/main/images/",
        "/admin/workflows/task_chooser/",
    ],
)
def test_screens_that_span_every_city_are_for_superusers(client, helsinki_moderator, goteborg_draft, url):
    client.force_login(helsinki_moderator)
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.django_db
def test_the_reports_menu_leaves_them_out(client, helsinki_moderator):
    client.force_login(helsinki_moderator)
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/site-history/" not in menu and "/admin/reports/page-types-usage/" not in menu
    assert "/admin/editorial/translations/" in menu  # the city's own reports stay


@pytest.mark.django_db
def test_the_page_chooser_browses_and_searches_only_the_users_city(client, helsinki, helsinki_editor, goteborg_draft):
    client.force_login(helsinki_editor)

    root = client.get("/admin/choose-page/")
    assert root.status_code == 200
    assert "Helsingin kaupunki" in root.json()["html"] and "Göteborgs Stad" not in root.json()["html"]
    assert client.get(f"/admin/choose-page/{goteborg_draft.get_parent().pk}/").status_code == 404
    found = client.get("/admin/choose-page/search/", {"q": "Hemlig"})
    assert found.status_code == 200 and SECRET not in found.content.decode()
    assert client.get(f"/admin/choose-page/{helsinki.pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{other}/move/{own}/confirm/",
        "/admin/pages/{own}/move/{other}/confirm/",
        "/admin/pages/workflow/preview/{other}/1/",
        "/admin/pages/workflow/confirm_cancellation/{other}/",
        "/admin/pages/workflow/action/{other}/approve/1/",
        "/admin/bulk/wagtailcore/page/delete/?id={other}",
        "/admin/bulk/wagtailcore/page/delete/?id={own}&id={other}",
        "/admin/choose-page/chosen-multiple/?id={other}",
    ],
)
def test_urls_naming_another_citys_page_are_not_found(client, helsinki, helsinki_moderator, goteborg_draft, url):
    client.force_login(helsinki_moderator)
    own = InformationPageFactory(parent=helsinki, title_fi="Oma sivu", slug_fi="oma")
    response = client.get(url.format(other=goteborg_draft.pk, own=own.pk))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.django_db
def test_a_bulk_action_on_another_citys_document_is_not_found(client, helsinki_moderator, goteborg_document):
    client.force_login(helsinki_moderator)
    for url in [
        f"/admin/bulk/wagtaildocs/document/delete/?id={goteborg_document.pk}",
        f"/admin/documents/chooser/chosen/{goteborg_document.pk}/",
        f"/admin/documents/chooser/chosen-multiple/?id={goteborg_document.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "interna budget" not in response.content.decode()
    assert client.post(f"/admin/bulk/wagtaildocs/document/delete/?id={goteborg_document.pk}").status_code == 404
    assert get_document_model().objects.filter(pk=goteborg_document.pk).exists()


@pytest.mark.django_db
def test_tag_suggestions_come_from_the_users_own_files(client, roles, helsinki_editor, goteborg_document):
    own = get_document_model()(title="Budjetti", collection=roles[HELSINKI].collection)
    own.file.save("budjetti.txt", ContentFile(b"luvut"), save=True)
    own.tags.add("budjettiluvut")
    client.force_login(helsinki_editor)

    assert client.get("/admin/tag-autocomplete/", {"term": "budget"}).json() == []
    assert client.get("/admin/tag-autocomplete/", {"term": "budje"}).json() == ["budjettiluvut"]
    model_tags = client.get("/admin/tag-autocomplete/taggit/tag/", {"term": "bud"}).json()
    assert model_tags == ["budjettiluvut"]


@pytest.mark.django_db
def test_a_workflow_action_naming_a_contact_task_for_a_page_is_refused_not_a_crash(
    client, helsinki, helsinki_moderator
):
    """The contact approval task asked about a page (the probe's /workflow/action/57/approve/6/) was a 500."""
    page = InformationPageFactory(parent=helsinki, title_fi="Sivu", slug_fi="sivu")
    page.save_revision()
    contact_task = Task.objects.get(name="Contact approval")
    page_task = Task.objects.get(name="Helsingin kaupunki approval")
    workflow_state = page.get_workflow().start(page, helsinki_moderator)
    task_state = TaskState.objects.get(workflow_state=workflow_state, task=page_task)
    # The same task state, but said to be of the contacts' task: Wagtail asks that task about the page.
    TaskState.objects.filter(pk=task_state.pk).update(task=contact_task)
    client.force_login(helsinki_moderator)

    response = client.get(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    assert response.status_code in (302, 403, 404)
    assert Page.objects.get(pk=page.pk).live  # unchanged: the factory's page was live


@pytest.mark.django_db
def test_copying_a_translation_answers_only_the_editors_script(client, helsinki, helsinki_editor):
    page = InformationPageFactory(parent=helsinki, title_fi="Sivu", slug_fi="sivu")
    client.force_login(helsinki_editor)
    url = f"/admin/pages/{page.pk}/edit/copy_translation_content/"
    assert client.get(url).status_code == 405
    assert client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 400


@pytest.mark.django_db
def test_superusers_keep_every_screen(client, django_user_model, goteborg_draft):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    assert client.get("/admin/reports/page-types-usage/").status_code == 200
    assert client.get(f"/admin/choose-page/{goteborg_draft.get_parent().pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/bulk/wagtailcore/page/delete/?id=all",
        "/admin/bulk/wagtailcore/page/move/?id=all&childOf={other_home}",
        "/admin/bulk/contacts/contactperson/delete/?id=all",
        "/admin/pages/99999999999999999999999/edit/",
        "/admin/choose-page/99999999999999999999999/",
        "/admin/bulk/wagtailcore/page/delete/?id=99999999999999999999999",
        "/admin/bulk/wagtailcore/page/delete/?id=%C2%B2",
        "/admin/pages/workflow/preview/{own}/{other_task}/",
    ],
)
def test_whole_listings_odd_ids_and_other_cities_tasks_are_not_found(
    client, roles, helsinki, helsinki_moderator, goteborg_draft, url
):
    own = InformationPageFactory(parent=helsinki, title_fi="Oma", slug_fi="oma")
    other_task = roles[GOTEBORG].workflow.workflow_tasks.get().task_id
    client.force_login(helsinki_moderator)
    response = client.get(url.format(other_home=goteborg_draft.get_parent().pk, own=own.pk, other_task=other_task))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
