"""Finding pages, people and service points: full-text search on PostgreSQL, substrings elsewhere.

PostgreSQL stems the words with the reader's language's dictionary, so
"viestinnästä" finds "viestintä" and "kommunikationen" finds "kommunikation",
and ranks title matches above intro matches above body matches. SQLite (the
quickstart database) looks for each word as a case-insensitive substring and
ranks the same way by the best field that holds them all.

Names are matched without case or accents on both ("bokmark" finds
Bökmark): their texts are Folded, and each word is looked for as typed and
folded. A page is found by the names of the people it shows too, its head
and its listed contacts.

Pages are matched on PostgreSQL against their stored texts (search.indexing: a vector per page and language,
with a GIN index); people and service points, fewer and per city, against vectors made per query.
"""

import re
from dataclasses import dataclass
from functools import reduce
from html import unescape
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Prefetch, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.db.models.lookups import IContains
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images import get_image_model
from wagtail.models import Page

from contacts.models import ContactPerson, ServicePoint
from departments.models import OrganisationPage
from departments.people import public_people_ids
from departments.reorganisation import former_last

from .indexing import search_config
from .text import (
    SEARCHED_FIELDS,
    Folded,
    field_texts,
    fold,
    page_texts,
    shown_text,
    snippet_language,
    weighted_vector,
)

# Private-use characters mark the matches inside the database's text; no editor types them, and
# they are replaced only after the text has been escaped (see `highlight`).
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 35


@dataclass(frozen=True)
class SearchTerms:
    """What a reader searches for, in which languages: their own first, then the site's fallback order."""

    words: tuple[str, ...]
    languages: tuple[str, ...]

    @classmethod
    def parse(cls, text, language, fallback_order):
        words = tuple(re.findall(r"[^\W_]+", text))
        return cls(words, tuple(dict.fromkeys([language, *fallback_order])))

    @property
    def config(self):
        return search_config(self.languages[0])

    def query(self):
        # Each word also as a prefix: Finnish and Swedish build compounds ("viestintä" → "viestintäyksikkö"); and
        # as typed or folded, for the Folded names. The words are letters and digits only (their folded forms
        # kept only when they are too), so they cannot carry tsquery operators.
        words = [" | ".join(f"{variant}:*" for variant in variants(word)) for word in self.words]
        return SearchQuery(" & ".join(f"({word})" for word in words), search_type="raw", config=self.config)


def variants(word):
    """`word` as typed and folded (see search.text.fold), once each; a folded form that is not letters and
    digits only (some characters fold into brackets or spaces, such as "⑴" into "(1)") is left out, as tsquery
    would read it as syntax."""
    return [variant for variant in dict.fromkeys([word, fold(word)]) if re.fullmatch(r"[^\W_]+", variant)]


def contains(text, word):
    """Whether the text expression holds `word`: folded when the text is (a name), else as typed (ignoring case)."""
    return Q(IContains(text, fold(word))) if isinstance(text, Folded) else Q(IContains(text, word))


def uses_full_text_search():
    return connection.vendor == "postgresql"


def matching(queryset, weighted_texts, terms, also=None):
    """The rows of `queryset` whose texts hold every word, annotated with their `rank` (higher is better).

    `weighted_texts` lists text expressions from the most to the least important. Rows matching the condition
    `also` (a Q) are found too, ranked below every text match.
    """
    if uses_full_text_search():
        query = terms.query()
        vector = weighted_vector(weighted_texts, terms.config)
        found = Q(search=query) | also if also is not None else Q(search=query)
        return queryset.alias(search=vector).filter(found).annotate(rank=SearchRank(F("search"), query))
    every_word_somewhere = reduce(
        and_, (reduce(or_, (contains(text, word) for text in weighted_texts)) for word in terms.words)
    )
    rank = Case(
        *[
            When(reduce(and_, (contains(text, word) for word in terms.words)), then=Value(len(weighted_texts) - i))
            for i, text in enumerate(weighted_texts)
        ],
        default=Value(0),
    )
    found = every_word_somewhere | also if also is not None else every_word_somewhere
    return queryset.filter(found).annotate(rank=rank)


def search_pages(site, terms):
    """The site's live, public pages showing every word, best first, with a `snippet` and its `snippet_language`.

    Reorganised departments, units and teams (and the pages below them) are still found, after all current ones:
    readers look for what the city has now (departments.reorganisation)."""
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    by_people = Q(pk__in=pages_of_people(site.root_page, terms))
    found = (
        stored_text_matches(pages, terms, by_people) if uses_full_text_search() else matches(pages, terms, by_people)
    )
    return former_last(found).order_by("former", "-rank", "path")


def stored_text_matches(pages, terms, also):
    """PostgreSQL: `pages` whose stored text in the reader's language (search.indexing) matches, and those matching
    `also`, ranked, with their snippets cut from the stored text."""
    query = terms.query()
    in_language = Q(search_texts__language=terms.languages[0])
    return pages.filter(in_language & (Q(search_texts__vector=query) | also)).annotate(
        rank=SearchRank(F("search_texts__vector"), query),
        snippet=SearchHeadline(
            F("search_texts__snippet_text"),
            query,
            config=terms.config,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=SNIPPET_WORDS,
            min_words=15,
        ),
        snippet_language=F("search_texts__snippet_language"),
    )


def matches(pages, terms, also):
    """Elsewhere (SQLite): `pages` whose texts in the reader's language, else the fallbacks, hold every word, and
    those matching `also`, ranked, with the intro as the snippet."""
    titles, intros, bodies = (page_texts(name, terms.languages) for name in SEARCHED_FIELDS)
    texts = [shown_text(titles), shown_text(intros), shown_text(bodies)]
    return matching(pages, texts, terms, also=also).annotate(
        snippet=texts[1], snippet_language=snippet_language(intros, bodies, terms.languages)
    )


def pages_of_people(home, terms):
    """The ids of the organisation pages headed by, or listing, a person of the city whose name holds every word."""
    people = matching(shown_people(home), [person_name()], terms).values("pk")
    return OrganisationPage.objects.filter(Q(head__in=people) | Q(page_contacts__contact__in=people)).values("pk")


def shown_people(home):
    """The contact people the city shows (departments.people)."""
    return ContactPerson.objects.filter(pk__in=public_people_ids(home))


def person_name():
    """A contact person's full name, folded: matched however a reader types it."""
    return Folded(Concat(F("first_name"), Value(" "), F("last_name"), output_field=TextField()))


def page_snippet(page, terms):
    """The page's snippet as safe HTML, the matched words in <mark>."""
    if uses_full_text_search():
        return highlight(page.snippet)
    text = Truncator(page.snippet).words(SNIPPET_WORDS)
    pattern = "|".join(re.escape(word) for word in terms.words)
    return highlight(re.sub(f"({pattern})", f"{MARK_START}\\1{MARK_STOP}", text, flags=re.IGNORECASE))


def highlight(marked_text):
    """Escape the text, then turn each marked match into <mark>.

    Rich text reaches here with its character entities (&amp;), which are
    decoded first so they are not escaped twice.
    """
    text = escape(unescape(marked_text))
    text = re.sub(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}", r"<mark>\1</mark>", text)
    # Unpaired marks (a fragment cut between them) are dropped rather than left open.
    return mark_safe(text.replace(MARK_START, "").replace(MARK_STOP, ""))


def search_people(home, terms):
    """The contact people the city shows (departments.people) matching by name, job title or topics, best first."""
    texts = [
        person_name(),
        shown_text(field_texts("job_title", terms.languages)),
        shown_text(field_texts("media_topics", terms.languages)),
    ]
    renditions = get_image_model().get_rendition_model().objects.all()
    return (
        matching(shown_people(home), texts, terms)
        .select_related("photo")
        .prefetch_related(Prefetch("photo__renditions", queryset=renditions))
        .order_by("-rank", "last_name", "first_name")
    )


def search_service_points(home, terms):
    """The city's published service points matching by name or description, best first."""
    texts = [shown_text(field_texts(name, terms.languages)) for name in ("name", "description")]
    return matching(ServicePoint.objects.filter(city=home, live=True), texts, terms).order_by("-rank", "name")
