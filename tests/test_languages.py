"""Language prefixes, translated slugs, per-site languages, fallbacks and the switcher."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import DepartmentPage
from tests.conftest import COMMUNICATIONS_DEPARTMENT, COMMUNICATIONS_UNIT


@pytest.fixture
def communications(helsinki):
    department = DepartmentPageFactory(
        parent=helsinki,
        **COMMUNICATIONS_DEPARTMENT,
        intro_fi="Osasto huolehtii viestinnästä.",
        intro_sv="",
        intro_en="The department runs communications.",
    )
    UnitPageFactory(parent=department, **COMMUNICATIONS_UNIT)
    return department


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/fi/viestintaosasto/", "fi", "Viestintäosasto"),
        ("/sv/kommunikationsavdelningen/", "sv", "Kommunikationsavdelningen"),
        ("/en/communications-department/", "en", "Communications Department"),
        ("/fi/viestintaosasto/viestinta/", "fi", "Viestintä"),
        ("/sv/kommunikationsavdelningen/kommunikation/", "sv", "Kommunikation"),
        ("/en/communications-department/communications/", "en", "Communications"),
    ],
)
def test_each_language_has_its_own_url_with_translated_slugs(client, communications, url, lang, title):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text() == title


@pytest.mark.django_db
def test_missing_translation_falls_back_to_site_default_with_its_lang(client, communications):
    page = soup(client.get("/sv/kommunikationsavdelningen/"))
    intro = page.select_one("p.intro")
    assert intro.get_text() == "Osasto huolehtii viestinnästä."
    assert intro["lang"] == "fi"
    assert page.html["lang"] == "sv"
    # Text in the reader's own language carries no extra lang attribute.
    assert not page.h1.has_attr("lang")


@pytest.mark.django_db
def test_goteborg_falls_back_to_swedish_not_finnish(client, goteborg):
    DepartmentPageFactory(
        parent=goteborg,
        title_fi="",
        title_sv="Område kommunikation",
        title_en="",
        slug_fi="omrade-kommunikation",
        slug_sv="omrade-kommunikation",
        slug_en="communications-area",
        intro_fi="",
        intro_sv="Område kommunikation stödjer kommunstyrelsen.",
    )
    page = soup(client.get("/en/communications-area/", HTTP_HOST="goteborg.localhost"))
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == "Område kommunikation"
    assert page.h1["lang"] == "sv"
    assert page.select_one("p.intro")["lang"] == "sv"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "host", "expected"),
    [
        ("", "localhost", "/fi/"),
        ("sv-FI,sv;q=0.9,en;q=0.5", "localhost", "/sv/"),
        ("en-GB,en;q=0.8", "localhost", "/en/"),
        ("de-DE,de;q=0.9", "localhost", "/fi/"),
        ("fi-FI,fi;q=0.9", "goteborg.localhost", "/sv/"),
        ("fi-FI,en;q=0.5", "goteborg.localhost", "/en/"),
    ],
)
def test_root_redirects_to_an_accepted_language_the_site_offers(client, helsinki, goteborg, accept, host, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept, HTTP_HOST=host)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_language_the_site_does_not_offer_redirects_to_its_default(client, goteborg):
    response = client.get("/fi/omrade/?q=1", HTTP_HOST="goteborg.localhost")
    assert response.status_code == 302
    assert response["Location"] == "/sv/omrade/?q=1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/de/", "/xx/viestintaosasto/", "/fi/ei-ole/", "/fi/viestintaosasto/ei-ole/", "/nothing"]
)
def test_unknown_prefix_or_path_is_a_redirect_or_404_never_an_error(client, communications, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert soup(response).html["lang"] in {"fi", "sv", "en"}


@pytest.mark.django_db
def test_switcher_links_to_the_same_page_in_each_offered_language(client, communications):
    page = soup(client.get("/sv/kommunikationsavdelningen/kommunikation/"))
    links = page.select("nav.language-switcher a")
    assert [(a["hreflang"], a["lang"], a.get_text(), a["href"]) for a in links] == [
        ("fi", "fi", "Suomi", "/fi/viestintaosasto/viestinta/"),
        ("sv", "sv", "Svenska", "/sv/kommunikationsavdelningen/kommunikation/"),
        ("en", "en", "English", "/en/communications-department/communications/"),
    ]
    assert [a.get("aria-current") for a in links] == [None, "true", None]


@pytest.mark.django_db
def test_switcher_hides_languages_the_site_does_not_offer(client, goteborg):
    page = soup(client.get("/sv/", HTTP_HOST="goteborg.localhost"))
    assert [a["hreflang"] for a in page.select("nav.language-switcher a")] == ["sv", "en"]


@pytest.mark.django_db
def test_skip_link_is_translated_and_targets_main(client, communications):
    page = soup(client.get("/sv/kommunikationsavdelningen/"))
    skip = page.body.find("a")
    assert skip.get_text() == "Hoppa till innehållet"
    assert skip["href"] == "#main"
    assert page.find("main")["id"] == "main"


@pytest.mark.django_db
def test_a_new_site_gets_page_urls_at_once(client, helsinki, goteborg):
    from wagtail.models import Site

    department = DepartmentPageFactory(parent=goteborg, slug_sv="omrade", slug_en="area")
    with translation.override("sv"):
        assert department.get_url() == "http://goteborg.localhost/sv/omrade/"  # caches the root paths
    Site.objects.filter(hostname="goteborg.localhost").delete()
    Site.objects.create(hostname="gbg.localhost", port=80, root_page=goteborg)
    with translation.override("sv"):
        assert DepartmentPage.objects.get(pk=department.pk).get_url() == "http://gbg.localhost/sv/omrade/"
