import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Page, Site

from citycomms.factories import make_city
from citycomms.i18n import prepare_tree_root
from press.models import PressContactsPage


@pytest.fixture
def root_page(db):
    # Wagtail's initial migration leaves a "Welcome" page and a localhost site; cities replace them.
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    prepare_tree_root(root)
    return root


@pytest.fixture
def helsinki(root_page):
    home, _site = make_city(
        "localhost",
        ["fi", "sv", "en"],
        "fi",
        is_default_site=True,
        title_fi="Helsingin kaupunki",
        title_sv="Helsingfors stad",
        title_en="City of Helsinki",
        slug_fi="helsinki",
        slug_sv="helsingfors",
        slug_en="helsinki-en",
        country="FI",
    )
    return home


@pytest.fixture
def goteborg(root_page):
    home, _site = make_city(
        "goteborg.localhost",
        ["sv", "en"],
        "sv",
        title_fi="",
        title_sv="Göteborgs Stad",
        title_en="City of Gothenburg",
        slug_fi="goteborg",
        slug_sv="goteborg",
        slug_en="gothenburg",
        country="SE",
    )
    return home


@pytest.fixture(autouse=True)
def default_language():
    # The test client leaves the last request's language active in this thread.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def remove_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_page_cache():
    # Local-memory caches outlive a test; a page cached by one test must not answer in the next.
    caches["default"].clear()


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page: for tests that count what rendering costs."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False


@pytest.fixture
def press_page(helsinki):
    """Helsinki's media contacts page, live."""
    page = PressContactsPage(title_fi="Medialle", slug_fi="medialle", slug_sv="medier", slug_en="media")
    helsinki.add_child(instance=page)
    return page
