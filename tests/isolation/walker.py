"""The walk's browser (Walker), what a response carries, what a POST changed, and what is wrong with it."""

import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from wagtail.models import Page
from wagtail.users.models import UserProfile

from citycomms.cache import clear_process_memory
from contacts.models import ContactPerson, ServicePoint


@dataclass
class Seen:
    status: int
    text: str  # lower case: headers, body, unpacked downloads, and the messages the response left
    changes: list  # the tables a POST changed
    error: str
    content_type: str


class Walker:
    """A browser signed in as `user` (None: anonymous) at `host`; every request it makes is rolled back.

    `own` is the user's city: what a refused POST may leave of the user's own (own_state()) is no change.
    """

    def __init__(self, user, host, own=None):
        self.client = Client(raise_request_exception=False, HTTP_HOST=host)
        self.ignored = {}
        if user is not None:
            self.client.force_login(user)
            UserProfile.get_for_user(user)  # the admin makes it on the first visit
            if own is not None:
                self.ignored = own_state(user, own)

    def request(self, hit):
        with transaction.atomic():
            data = hit.data(self) if callable(hit.data) else hit.data
            before = database_state(self.ignored) if hit.method == "POST" else None
            if hit.method == "GET":
                response = self.client.get(hit.path)
            elif hit.json:
                response = self.client.post(hit.path, json.dumps(data), content_type="application/json")
            else:
                response = self.client.post(hit.path, data)
            text = response_text(response)
            changes = changed_tables(before, database_state(self.ignored)) if before is not None else []
            transaction.set_rollback(True)
        if hit.method == "POST":
            forget_caches()  # what a POST did is undone; so must be what it left in the caches
        error = ""
        if getattr(response, "exc_info", None):
            error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"
        text += "\n" + self.take_messages()
        return Seen(response.status_code, text, changes, error, response.get("Content-Type", ""))

    def take_messages(self):
        """The text of the messages the last response left in the cookie for the next page, which is spared them."""
        cookie = self.client.cookies.get("messages")
        if cookie is None or not cookie.value:
            return ""
        messages = CookieStorage(HttpRequest())._decode(cookie.value) or []
        del self.client.cookies["messages"]
        return " ".join(str(message.message) for message in messages).lower()


def response_text(response):
    """Everything a response carries, in lower case: headers, body, the files inside an XLSX, JSON unescaped."""
    # Read, not closed: the test client closes a response itself, with Django's close_old_connections held
    # off; a close here would send request_finished, which closes PostgreSQL's connection mid-transaction.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [content]
    if content.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts += [archive.read(name) for name in archive.namelist()]
        except zipfile.BadZipFile:
            pass
    text = b"\n".join(parts).decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        try:
            text += "\n" + json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            pass
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return f"{headers}\n{text}".lower()


# What a refused POST may change: nothing, in any table but the sessions (where the messages may go) ...
UNWATCHED_TABLES = {"django_session"}


def own_state(user, own):
    """... and but the rows that are the user's own business, by table (an SQL condition): a form shown again
    marks the user as editing their own page or person and subscribes them to its comments; a file the
    multiple uploader could not make a document of waits as the user's upload."""
    pages = ",".join(
        str(pk) for pk in Page.objects.descendant_of(own.home, inclusive=True).values_list("pk", flat=True)
    )
    objects = [(Page, pages)] + [
        (model, ",".join(str(pk) for pk in model.objects.filter(city=own.home).values_list("pk", flat=True)))
        for model in (ContactPerson, ServicePoint)
    ]
    editing = " OR ".join(
        f"(content_type_id = {ContentType.objects.get_for_model(model).pk} AND object_id IN ({quoted(pks)}))"
        for model, pks in objects
    )
    return {
        "wagtailadmin_editingsession": f"user_id = {user.pk} AND ({editing})",
        "wagtailcore_pagesubscription": f"user_id = {user.pk} AND page_id IN ({pages})",
        "wagtailcore_uploadedfile": f"uploaded_by_user_id = {user.pk}",
    }


def quoted(pks):
    return ",".join(f"'{pk}'" for pk in pks.split(","))


def database_state(ignored):
    """Every row of every table of the project's models (but UNWATCHED_TABLES and the `ignored` rows), by table."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            if table not in UNWATCHED_TABLES:
                where = f" WHERE NOT ({ignored[table]})" if table in ignored else ""
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}{where}")
                state[table] = Counter(cursor.fetchall())
    return state


def changed_tables(before, after):
    changes = []
    for table in sorted(set(before) | set(after)):
        added = after.get(table, Counter()) - before.get(table, Counter())
        removed = before.get(table, Counter()) - after.get(table, Counter())
        if added or removed:
            changes.append(f"{table} +{sum(added.values())} -{sum(removed.values())}")
    return changes


def found(text, strings):
    return [string for string in strings if string in text]


def forget_caches():
    caches["default"].clear()
    clear_process_memory()


# --- checking what came back -------------------------------------------------------------------------------


def without_echo(text, path):
    """`text` without the request's own address and query values: a page may repeat what it was asked. Only
    whole words are taken out: the query "gotsecret" leaves "gotsecret-draftpage" found in the results."""
    echoes = {path, quote(path), quote(path, safe=""), urlsplit(path).path}
    values = [value for _name, value in parse_qsl(urlsplit(path).query)]
    # As asked, and as links that keep the query string carry it (the language switcher's).
    echoes |= {*values, *(quote(value, safe="") for value in values), urlsplit(path).query}
    for echo in sorted(echoes, key=len, reverse=True):
        if echo:
            before = r"(?<![\w-])" if re.match(r"[\w-]", echo) else ""
            after = r"(?![\w-])" if re.search(r"[\w-]$", echo) else ""
            text = re.sub(before + re.escape(echo.lower()) + after, "", text)
    return text


def context(text, string, width=60):
    """Where `string` first occurs in `text`, with some text around it, on one line."""
    at = text.index(string)
    around = " ".join(text[max(0, at - width) : at + len(string) + width].split())
    return f"  «…{around}…»"


def is_file(seen):
    """A 200 that answers a file's bytes rather than a page about it."""
    content_type = seen.content_type.split(";")[0].strip()
    return seen.status == 200 and content_type not in {"text/html", "application/json", ""}


def walk_one(walker, hit, forbidden, names=()):
    """The problems of one request; one the walk could not even make (its form unreadable …) is one too."""
    try:
        seen = walker.request(hit)
    except Exception as error:  # reported with the others: the walk goes on
        return [f"{hit.method} {hit.path} → the walk could not make the request: {error!r}"]
    return problems_of(hit, seen, forbidden, names)


def problems_of(hit, seen, forbidden, names=()):
    """What is wrong with one response: a server error, a forbidden marker, a file served, a database change."""
    where = f"{hit.method} {hit.path}"
    problems = []
    if seen.status >= 500:
        problems.append(f"{where} → {seen.status} {seen.error}")
    text = without_echo(seen.text, hit.path)
    leaked = found(text, forbidden)
    if leaked:
        problems.append(f"{where} → {seen.status} shows {', '.join(leaked)}{context(text, leaked[0])}")
    leaked_names = found(text, names)
    if leaked_names:
        problems.append(
            f"{where} → {seen.status} names the other city: {', '.join(leaked_names)}{context(text, leaked_names[0])}"
        )
    if hit.serves_file and is_file(seen):
        problems.append(f"{where} → {seen.status} serves the file ({seen.content_type})")
    if seen.changes:
        problems.append(f"{where} → {seen.status} changed the database: {'; '.join(seen.changes)}")
    return problems
