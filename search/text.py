"""The text readers see, as database expressions the search can match.

Every translated field has a column per language. A reader sees a field in
their own language, else in the first language of the site's fallback order
that has it (citycomms.i18n.translated_value); `shown_text` picks the same
column in SQL, so a page is found by the words it shows.
"""

import functools
import unicodedata
from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchVector
from django.db.models import Case, F, Func, TextField, Value, When
from django.db.models.functions import Coalesce, Length, NullIf
from django.db.models.lookups import GreaterThan
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


# The page fields the search finds a page by, from the most to the least important.
SEARCHED_FIELDS = ("title", "intro", "body")
# A search vector's weights, from the most to the least important text.
WEIGHTS = ("A", "B", "C")


def weighted_vector(texts, config):
    """One search vector of `texts` (from the most to the least important), each with its weight, stemmed by the
    text search configuration `config`."""
    return reduce(
        add, (SearchVector(text, weight=weight, config=config) for weight, text in zip(WEIGHTS, texts, strict=False))
    )


def snippet_language(intros, bodies, languages):
    """The language a snippet cut from the intro, else the body, is in (see shown_language); the reader's (the
    first of `languages`) when both are empty."""
    return Coalesce(
        shown_language(intros, languages),
        shown_language(bodies, languages),
        Value(languages[0]),
        output_field=TextField(),
    )


def shown_text(texts):
    """The first of `texts` (one per language, the reader's first) that is not empty."""
    return Coalesce(*[NullIf(text, Value("")) for text in texts], Value(""), output_field=TextField())


def shown_language(texts, languages):
    """The language of `shown_text(texts)`; None when every text is empty."""
    return Coalesce(
        *[
            Case(When(GreaterThan(Length(text), 0), then=Value(code)))
            for text, code in zip(texts, languages, strict=True)
        ],
        Value(None),
        output_field=TextField(),
    )


def field_texts(name, languages):
    """A model's own translated field `name`, one column per language."""
    return [F(build_localized_fieldname(name, code)) for code in languages]


def page_texts(name, languages):
    """A page field ("title", "intro", "body") per language, from whichever page model's table holds it."""
    return [page_text(name, code) for code in languages]


def page_text(name, language):
    texts = [readable_text(lookup, field) for lookup, field in page_columns(name, language)]
    return texts[0] if len(texts) == 1 else Coalesce(*texts, output_field=TextField())


def page_columns(name, language):
    """(lookup from Page, field) of the column of `name` in `language` on each page model declaring it.

    Finds new page types by themselves: a model with its own translated
    intro or body is searched without changes here.
    """
    column = build_localized_fieldname(name, language)
    for model in get_page_models():
        for field in model._meta.local_fields:
            if field.name == column:
                yield "__".join([*path_from_page(model), column]), field


def path_from_page(model):
    """The reverse one-to-one names leading from Page down to `model`'s own table."""
    names = []
    while model is not Page:
        names.insert(0, model._meta.model_name)
        model = next(iter(model._meta.parents))
    return names


def readable_text(lookup, field):
    if isinstance(field, StreamField):
        return StripTags(StreamText(F(lookup), tuple(text_paths(field.stream_block, "$"))))
    if isinstance(field, RichTextField):
        return StripTags(F(lookup))
    return F(lookup)


class StreamText(Func):
    """The values at `paths` (see `text_paths`) in a StreamField, joined by spaces; rich text keeps its tags."""

    output_field = TextField()

    def __init__(self, expression, paths):
        super().__init__(expression)
        self.paths = paths

    def as_postgresql(self, compiler, connection):
        column, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"array_to_string(ARRAY(SELECT jsonb_path_query({column}, path) #>> '{{}}' "
            "FROM unnest(%s::jsonpath[]) AS path), ' ')"
        )
        return sql, (*params, list(self.paths))

    def as_sqlite(self, compiler, connection):
        # SQLite's JSON has no filtered paths: take every string but the StreamField's own bookkeeping.
        column, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"(SELECT group_concat(value, ' ') FROM json_tree({column}) "
            "WHERE type = 'text' AND key NOT IN ('type', 'id'))"
        )
        return sql, params


def text_paths(block, path):
    """JSON paths to the values of the text blocks Wagtail's own search indexes, in a value of `block`.

    Choices, links, addresses and chosen objects are left out: they are not
    text the reader sees on the page as written.
    """
    if isinstance(block, TEXT_BLOCKS):
        return [path] if block.search_index else []
    if isinstance(block, blocks.StreamBlock):
        children = [(child, f'{path}[*] ? (@.type == "{name}").value') for name, child in block.child_blocks.items()]
    elif isinstance(block, blocks.StructBlock):
        children = [(child, f'{path}."{name}"') for name, child in block.child_blocks.items()]
    elif isinstance(block, blocks.ListBlock):
        children = [(block.child_block, f"{path}[*].value")]
    else:
        children = []
    return [text_path for child, child_path in children for text_path in text_paths(child, child_path)]


class StripTags(Func):
    """Rich text without its HTML tags, so tag and attribute names are neither matched nor shown."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection):
        return super().as_sql(compiler, connection, template="regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g')")

    def as_sqlite(self, compiler, connection):
        # SQLite has no regexp_replace; its plain substring search lives with the tags.
        return compiler.compile(self.source_expressions[0])


@functools.lru_cache(maxsize=4096)
def fold(text):
    """Lower-case text without accents: "Bökmark" → "bokmark", "KIVELÄ" → "kivela"; None stays None.

    What the database's Folded gives, for the words a reader types.
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def folding_table():
    """(from, to) for PostgreSQL's translate(): each accented Latin letter (upper and lower case) as the ASCII
    letter it folds to. Letters folding to more than one (ß → ss) are left as they are."""
    pairs = [(char, fold(char)) for char in map(chr, range(0xC0, 0x250))]
    kept = [(char, plain) for char, plain in pairs if len(plain) == 1 and plain.isascii() and plain != char.lower()]
    return "".join(char for char, _plain in kept), "".join(plain for _char, plain in kept)


FOLD_FROM, FOLD_TO = folding_table()
SQLITE_FOLD = "citycomms_fold"


def register_sqlite_fold(sender, connection, **kwargs):
    """Give each new SQLite connection the `fold` function Folded calls (connected to connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD, 1, fold, deterministic=True)


class Folded(Func):
    """A text lower-cased and without accents, as `fold` writes the words typed: names match however they are
    typed ("bokmark" finds Bökmark, "KIVELA" finds Kivelä) on PostgreSQL and SQLite alike."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        # Other databases: case only.
        return super().as_sql(compiler, connection, function="LOWER", **extra_context)

    def as_postgresql(self, compiler, connection):
        # lower() first: under the C collation it folds ASCII only, and the table holds both cases.
        column, params = compiler.compile(self.source_expressions[0])
        return f"translate(lower({column}), %s, %s)", (*params, FOLD_FROM, FOLD_TO)

    def as_sqlite(self, compiler, connection):
        return super().as_sql(compiler, connection, function=SQLITE_FOLD)
