"""What many test modules share: the fixture cities and their roles, and helpers for the admin's forms.

Test modules never import one another; what two of them need lives here.
"""

import csv
import io
import shutil
import warnings
from pathlib import Path

import pytest
import vobject
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from citycomms.cache import bump_generation, clear_process_memory
from citycomms.factories import make_city
from citycomms.i18n import prepare_tree_root
from citycomms.roles import setup_city_roles
from contacts.spreadsheet import COLUMNS
from press.models import PressContactsPage

# The fixture cities' names, which their Editors and Moderators groups are named after.
HELSINKI = "Helsingin kaupunki"
GOTEBORG = "Göteborgs Stad"

# Helsinki's communications department and its unit, titled and slugged in fi, sv and en as the demo has them.
COMMUNICATIONS_DEPARTMENT = {
    "title_fi": "Viestintäosasto",
    "title_sv": "Kommunikationsavdelningen",
    "title_en": "Communications Department",
    "slug_fi": "viestintaosasto",
    "slug_sv": "kommunikationsavdelningen",
    "slug_en": "communications-department",
}
COMMUNICATIONS_UNIT = {
    "title_fi": "Viestintä",
    "title_sv": "Kommunikation",
    "title_en": "Communications",
    "slug_fi": "viestinta",
    "slug_sv": "kommunikation",
    "slug_en": "communications",
}

# Admin addresses several modules visit.
CONTACTS_URL = "/admin/snippets/contacts/contactperson/"
IMPORT_URL = "/admin/contacts/import/"
TRANSLATIONS_URL = "/admin/editorial/translations/"
FRESHNESS_URL = "/admin/editorial/freshness/"

# One good row of a contact import file (contacts.spreadsheet.COLUMNS).
GOOD = {
    "first_name": "Aino",
    "last_name": "Aalto",
    "job_title_fi": "viestintäpäällikkö",
    "job_title_sv": "kommunikationschef",
    "job_title_en": "Head of Communications",
    "email": "aino.aalto@example.fi",
    "phone": "09 310 11 111",
    "media_contact": "yes",
    "media_topics_fi": "viestintä",
    "media_topics_sv": "kommunikation",
    "media_topics_en": "communications",
    "unit": "",
}


def quiet(_line):
    pass


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(*groups)
    return user


def with_email(user, language=""):
    """`user` with an email address (for notifications) and `language` as their admin's ("": the city's)."""
    user.email = f"{user.username}@example.org"
    user.save()
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def in_english(user):
    """`user`, with the admin in English: field names and headings in English, whatever the request's language."""
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user


def edit_form_values(html, model=None):
    """What a browser submits from the page's edit form (its `data-edit-form`, else its largest POST form), with
    the StreamFields of `model` (which the editor's script fills in) left empty."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True})
    if form is None:
        forms = [form for form in soup.find_all("form") if (form.get("method") or "").lower() == "post"]
        form = max(forms, key=lambda form: len(form.find_all(["input", "textarea", "select"])))
    values = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            chosen = [field.text]
        elif field.name == "select":
            chosen = [option.get("value", "") for option in field.find_all("option", selected=True)]
            if not chosen and not field.has_attr("multiple") and field.find("option"):
                chosen = [field.find("option").get("value", "")]
        else:
            chosen = [field.get("value", "")]
        values.setdefault(name, []).extend(chosen)
    values = {name: chosen[0] if len(chosen) == 1 else chosen for name, chosen in values.items()}
    for field in model._meta.get_fields() if model is not None else []:
        if isinstance(field, StreamField):
            values[f"{field.name}-count"] = "0"
    return values


def row(**changes):
    """A good import row, with `changes`."""
    return {**GOOD, **changes}


def csv_file(rows, name="contacts.csv", encoding="utf-8-sig", columns=COLUMNS):
    """An uploaded contact import file holding `rows`."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before each test sets up its fixtures, the migrated database back if an earlier test emptied it.

    Django's transactional test flushes every table when it ends and reloads the migrated state
    (Wagtail's tree root, its groups) only when the next transactional test starts. In one process
    pytest-django runs transactional tests last; with `-n 2 --dist loadfile` a worker can run another
    module after one, which would meet an empty database. When it was not a transactional test that
    emptied it, a warning says so: find that test and make it clean up after itself.
    """
    migrated_state = serialized_migrated_state(item.config)
    if migrated_state is None:
        return  # no database test has run on this process yet: the database is as migrated
    with item.config.stash[blocking_manager_key].unblock():
        if Page.objects.filter(depth=1).exists():
            return
        if not EMPTIED_BY_TRANSACTIONAL_TEST.get(item.config, False):
            warnings.warn(f"the test database had lost Wagtail's tree root before {item.nodeid}", stacklevel=1)
        connection.creation.deserialize_db_from_string(migrated_state)
    cache.clear()  # Wagtail's site root paths, say, cached from the flushed rows


# The database's migrated state as Django serialised it when it created the test database.
MIGRATED_STATE = {}


def serialized_migrated_state(config):
    """The migrated state Django serialised onto the first connection, given to the current one too.

    Django keeps it on the connection object. Once Playwright's sync API runs its event loop in the test
    thread (the browser tests' session fixture), asgiref hands this thread another connection object for
    the same database, without it: a transactional test's serialized_rollback would then silently restore
    nothing, and this hook would not know what to restore.
    """
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        MIGRATED_STATE.setdefault(config, contents)
    elif config in MIGRATED_STATE:
        connection._test_serialized_contents = MIGRATED_STATE[config]
    return MIGRATED_STATE.get(config)


# Whether the last test to run on this process was transactional (so emptied the database when it ended).
EMPTIED_BY_TRANSACTIONAL_TEST = {}


def pytest_runtest_teardown(item):
    marker = item.get_closest_marker("django_db")
    EMPTIED_BY_TRANSACTIONAL_TEST[item.config] = bool(marker and marker.kwargs.get("transaction"))


def fresh_tree_root():
    """Wagtail's tree root, with the "Welcome" page and localhost site its initial migration leaves removed:
    cities replace them."""
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    prepare_tree_root(root)
    return root


@pytest.fixture
def root_page(db):
    return fresh_tree_root()


# The two cities most tests build on, as make_city's arguments (the isolation tests build the same two).
CITY_SITES = {
    "helsinki": dict(
        hostname="localhost",
        languages=["fi", "sv", "en"],
        default_language="fi",
        is_default_site=True,
        title_fi=HELSINKI,
        title_sv="Helsingfors stad",
        title_en="City of Helsinki",
        slug_fi="helsinki",
        slug_sv="helsingfors",
        slug_en="helsinki-en",
        country="FI",
    ),
    "goteborg": dict(
        hostname="goteborg.localhost",
        languages=["sv", "en"],
        default_language="sv",
        title_fi="",
        title_sv=GOTEBORG,
        title_en="City of Gothenburg",
        slug_fi="goteborg",
        slug_sv="goteborg",
        slug_en="gothenburg",
        country="SE",
    ),
}


@pytest.fixture
def helsinki(root_page):
    home, _site = make_city(**CITY_SITES["helsinki"])
    return home


@pytest.fixture
def goteborg(root_page):
    home, _site = make_city(**CITY_SITES["goteborg"])
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
    clear_process_memory()


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page and works out what it shows: for tests that count what rendering costs."""
    settings.CITYCOMMS_PAGE_CACHE_ENABLED = False
    settings.CITYCOMMS_CACHE_SHARED = False  # and nothing kept between requests (citycomms.cache)


@pytest.fixture
def count_render_queries():
    """count(client, url): the queries one real render of `url` costs, and the page it made.

    The first request warms what a process keeps for good (site root paths, translations); the page cache's
    generation is then retired (citycomms.cache), so the measured request is no cache hit, which costs nothing
    whatever the page lists: it renders the page and works out everything the cache kept until the next change.
    """

    def count(client, url):
        client.get(url)
        bump_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, f"{url} came from the page cache"
        assert len(queries) > 0, f"{url} was not rendered"  # every page reads its site and page at least
        return len(queries), response.content.decode()

    return count


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


# The repository's root: the production settings run from it, and the templates are read below it
# (tests/test_security_*.py).
REPO_ROOT = Path(__file__).resolve().parent.parent


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def cards_in(response):
    """The vCards of a response, parsed back with vobject."""
    return list(vobject.readComponents(response.content.decode()))


def search(client, query, language="fi", host="localhost", **params):
    """The public search's results page for `query`, parsed."""
    response = client.get(f"/{language}/search/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(html):
    """The titles of the pages a search results page lists, in order."""
    return [link.get_text(strip=True) for link in html.select(".search-result__link")]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page
