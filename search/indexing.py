"""Keeping the site search's stored texts (search.models.PageText) current.

Each page has one PageText per language: its title, intro and body as a reader in that language sees them (their
language, else the city's fallback order), as a weighted search vector stemmed for that language, and the intro
and body its result snippet is cut from. They are written in the database from the pages' own columns (one
statement per language, whatever the number of pages) whenever a page is saved, when a page moves to another city,
and for a whole city when its site or settings change (the fallback order); pages a migration left without them
get them after `migrate`. PostgreSQL only: SQLite's search reads the pages' columns (search.queries).
"""

import functools

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CitySettings
from citycomms.tree import home_path

from .models import PageText
from .text import SEARCHED_FIELDS, page_texts, shown_text, snippet_language, weighted_vector

# Each language's PostgreSQL text search configuration (its stemmer); "simple" for any other.
SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}


def search_config(language):
    return SEARCH_CONFIGS.get(language, "simple")


# The columns of a PageText, as written; the first two identify it.
COLUMNS = ("page_id", "language", "vector", "snippet_text", "snippet_language")


def index_pages(pages):
    """Write the PageTexts of `pages` (a Page queryset) in every language: one statement per city."""
    if connection.vendor != "postgresql":
        return
    found = dict(pages.values_list("pk", "path"))
    homes = Page.objects.filter(path__in={home_path(path) for path in found.values()} - {""})
    for home_pk, home in homes.values_list("pk", "path"):
        page_ids = [pk for pk, path in found.items() if path.startswith(home)]
        write_texts(page_ids, city_fallback_order(home_pk))


def city_fallback_order(home_pk):
    settings = CitySettings.for_home(home_pk)
    return settings.fallback_order if settings else LANGUAGE_CODES


def write_texts(page_ids, fallback_order):
    """One INSERT … SELECT of the PageTexts of `page_ids` in every language, read in each language and then in
    `fallback_order`."""
    selects = [
        texts_select(language, tuple(dict.fromkeys([language, *fallback_order]))) for language in LANGUAGE_CODES
    ]
    sql = " UNION ALL ".join(select for select, _params in selects)
    params = [param for _select, select_params in selects for param in (*select_params, page_ids)]
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in COLUMNS[2:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PageText._meta.db_table} ({', '.join(COLUMNS)}) {sql} "
            f"ON CONFLICT (page_id, language) DO UPDATE SET {updates}",
            params,
        )


@functools.cache
def texts_select(language, languages):
    """(SQL, parameters) of every page's text in `language`, read in `languages` (the reader's first), for the pages
    whose ids are one more parameter. Made once per process: building and compiling the expression (a COALESCE
    over every page table per language) cost more than running it, and a page is written on every save."""
    titles, intros, bodies = (page_texts(name, languages) for name in SEARCHED_FIELDS)
    vector = weighted_vector([shown_text(titles), shown_text(intros), shown_text(bodies)], search_config(language))
    snippet = Concat(shown_text(intros), Value(" "), shown_text(bodies), output_field=TextField())
    language_of_snippet = snippet_language(intros, bodies, languages)
    expressions = (F("pk"), Value(language, output_field=TextField()), vector, snippet, language_of_snippet)
    select = Page.objects.annotate(**{f"text_{name}": value for name, value in zip(COLUMNS, expressions, strict=True)})
    sql, params = select.values_list(*(f"text_{name}" for name in COLUMNS)).query.sql_with_params()
    # By the columns' names (the order Django selects annotations in is its own); PostgreSQL applies the ids inside.
    names = ", ".join(f"text_{name}" for name in COLUMNS)
    return f"SELECT {names} FROM ({sql}) AS texts WHERE text_page_id = ANY(%s)", tuple(params)


# --- when -------------------------------------------------------------------------------------------------------


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """post_save of any model: a page saved with what the search reads (not a draft's bookkeeping) is written."""
    if raw or not isinstance(instance, Page):
        return
    # Page.save(update_fields=…) with none of the searched fields is a draft's bookkeeping: nothing the search reads.
    if update_fields is not None and not any(name.startswith(SEARCHED_FIELDS) for name in update_fields):
        return
    index_pages(Page.objects.filter(pk=instance.pk))


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """post_page_move: a page moved into another city is read in that city's languages, and so is all below it."""
    if home_path(parent_page_before.path) != home_path(parent_page_after.path):
        index_pages(Page.objects.descendant_of(instance, inclusive=True))


def city_changed(sender, instance, raw=False, **kwargs):
    """post_save of a Site or CitySettings: the city's fallback order may have changed, so all its pages are
    written again."""
    site = getattr(instance, "site", instance)
    if not raw and site.root_page_id:
        index_pages(Page.objects.descendant_of(site.root_page, inclusive=True))


def index_unwritten(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: pages without texts (the search's own migration, or pages a data migration made)."""
    with connections[using].cursor() as cursor:
        description = connections[using].introspection.get_table_description(cursor, Page._meta.db_table)
    columns = {column.name for column in description}
    # wagtail-modeltranslation's migrate adds the pages' translated columns after this signal: a new database has
    # none yet, nor a city's page to write.
    if build_localized_fieldname("title", LANGUAGE_CODES[0]) in columns:
        index_pages(Page.objects.filter(depth__gt=1, search_texts__isnull=True))
