"""Each city's moderators keep their own city's redirects (citycomms.admin_redirects) and nobody else's."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from departments.factories import DepartmentPageFactory

URL = "/admin/redirects/"


@pytest.fixture
def sites(helsinki, goteborg):
    return Site.objects.get(root_page=helsinki), Site.objects.get(root_page=goteborg)


@pytest.fixture
def redirects(sites):
    helsinki_site, goteborg_site = sites
    return (
        Redirect.objects.create(old_path="/fi/vanha-osasto", site=helsinki_site, redirect_link="https://example.fi/"),
        Redirect.objects.create(old_path="/sv/gammal", site=goteborg_site, redirect_link="https://example.se/"),
        Redirect.objects.create(old_path="/every-site", site=None, redirect_link="https://example.com/"),
    )


@pytest.mark.django_db
def test_a_moderator_lists_and_edits_only_their_citys_redirects(client, helsinki_moderator, redirects):
    mine, theirs, everywhere = redirects
    client.force_login(helsinki_moderator)

    listing = client.get(URL).content.decode()
    assert "/fi/vanha-osasto" in listing
    assert "/sv/gammal" not in listing and "/every-site" not in listing
    assert "/admin/redirects/import/" not in listing
    filters = BeautifulSoup(listing, "html.parser").select("select[name='site'] option")
    assert {option["value"] for option in filters} - {""} == {str(mine.site_id)}  # the site filter: theirs only
    assert client.get(f"{URL}{mine.pk}/").status_code == 200
    for other in (theirs, everywhere):
        assert client.get(f"{URL}{other.pk}/").status_code == 404
        assert client.post(f"{URL}{other.pk}/delete/").status_code == 404
    assert Redirect.objects.filter(pk__in=[theirs.pk, everywhere.pk]).count() == 2
    assert client.get(f"{URL}import/").status_code == 404


@pytest.mark.django_db
def test_a_moderator_adds_a_redirect_on_their_citys_site_to_their_citys_page(
    client, helsinki, goteborg, sites, helsinki_moderator
):
    helsinki_site, goteborg_site = sites
    department = DepartmentPageFactory(parent=helsinki, title_fi="Uusi osasto", slug_fi="uusi-osasto")
    elsewhere = DepartmentPageFactory(parent=goteborg, title_sv="Annan", slug_sv="annan")
    client.force_login(helsinki_moderator)

    form = BeautifulSoup(client.get(f"{URL}add/").content, "html.parser")
    offered = {option["value"] for option in form.select("select[name='site'] option")}
    assert offered == {str(helsinki_site.pk)}  # no "all sites", no other city

    def add(old_path, site, page):
        data = {"old_path": old_path, "site": site.pk if site else "", "is_permanent": "on", "redirect_page": page.pk}
        return client.post(f"{URL}add/", data)

    assert add("/fi/vanha", helsinki_site, department).status_code == 302
    assert Redirect.objects.get(old_path="/fi/vanha").redirect_page_id == department.pk
    for old_path, site, page in [("/a", goteborg_site, department), ("/b", None, department)]:
        assert add(old_path, site, page).status_code == 200  # the form again, with its error
    assert add("/c", helsinki_site, elsewhere).status_code == 200
    assert not Redirect.objects.filter(old_path__in=["/a", "/b", "/c"]).exists()


@pytest.mark.django_db
def test_an_editor_keeps_no_redirects(client, helsinki_editor, redirects):
    client.force_login(helsinki_editor)
    assert client.get(URL).status_code in (302, 403)
    assert client.post(f"{URL}{redirects[0].pk}/delete/").status_code in (302, 403)
    assert Redirect.objects.filter(pk=redirects[0].pk).exists()


@pytest.mark.django_db
def test_a_superuser_keeps_every_sites_redirects_and_imports(admin_client, redirects):
    listing = admin_client.get(URL).content.decode()
    assert all(redirect.old_path in listing for redirect in redirects)
    assert admin_client.get(f"{URL}import/").status_code == 200
