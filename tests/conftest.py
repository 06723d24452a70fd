import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connections
from django.utils import translation
from wagtail.models import Page, Site

from citycomms.cache import local_pages
from citycomms.factories import make_city
from citycomms.i18n import prepare_tree_root
from citycomms.roles import setup_city_roles
from press.models import PressContactsPage

# The fixture cities' names, which their Editors and Moderators groups are named after.
HELSINKI = "Helsingin kaupunki"
GOTEBORG = "Göteborgs Stad"


def quiet(_line):
    pass


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(*groups)
    return user


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
    local_pages.clear()


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page and works out what it shows: for tests that count what rendering costs."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    settings.CITYCOMMS_CACHE_SHARED = False  # and nothing kept between requests (citycomms.cache)


@pytest.fixture
def roles(helsinki, goteborg):
    """Helsinki's and Göteborg's groups and workflows (setup_city_roles), by city name."""
    return {item.name: item for item in setup_city_roles(log=quiet)}


@pytest.fixture
def helsinki_editor(roles):
    return make_user("helsinki-editor", roles[HELSINKI].editors)


@pytest.fixture
def helsinki_moderator(roles):
    return make_user("helsinki-moderator", roles[HELSINKI].moderators)


@pytest.fixture
def goteborg_editor(roles):
    return make_user("goteborg-editor", roles[GOTEBORG].editors)


@pytest.fixture
def goteborg_moderator(roles):
    return make_user("goteborg-moderator", roles[GOTEBORG].moderators)


@pytest.fixture
def press_page(helsinki):
    """Helsinki's media contacts page, live."""
    page = PressContactsPage(title_fi="Medialle", slug_fi="medialle", slug_sv="medier", slug_en="media")
    helsinki.add_child(instance=page)
    return page


@pytest.fixture
def database_down(django_db_setup, django_db_blocker):
    """The default connection points at a port nothing listens on, outside any test transaction."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=9)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
