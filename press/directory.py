"""A city's media contacts, grouped by the department, unit and team pages that list them, and searched.

The directory is read in a fixed number of queries, only the pages that list
a media contact and the pages above them, and searched in Python: a city has
tens or hundreds of media contacts, and folding accents ("bokmark" finds
Bökmark, "kivela" finds Kivelä) then works the same on PostgreSQL and SQLite.
Searching in the database would need the same folding in SQL on both.
"""

import functools
import unicodedata
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from citycomms.cache import kept_until_next_change
from citycomms.columns import LINK_FIELDS
from citycomms.languages import LANGUAGE_CODES
from citycomms.params import parse_id, read_query
from citycomms.trails import trail_paths
from contacts.models import ContactPerson, published
from departments.models import OrganisationPage, PageContact
from departments.people import public_people
from departments.reorganisation import current

# A page of the directory: enough to scan by department, few enough to render fast (each card has a photo).
CONTACTS_PER_PAGE = 50


@functools.lru_cache(maxsize=4096)
def fold(text):
    """Lower-case text without accents, for matching what journalists type against names.

    Remembered: each search folds every entry's text again, and the texts change only when editors edit.
    """
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def all_translations(obj, field_name):
    return " ".join(str(getattr(obj, build_localized_fieldname(field_name, code)) or "") for code in LANGUAGE_CODES)


@dataclass(frozen=True)
class DirectoryQuery:
    """What a journalist asked for: words to find (accent-folded) and a department to narrow to."""

    text: str = ""
    department_id: int | None = None
    message: str = ""

    @classmethod
    def from_request(cls, request):
        text, message = read_query(request.GET.get("q", ""))
        return cls(text, parse_id(request.GET.get("department")), message)

    @property
    def words(self):
        return fold(self.text).split()


@dataclass
class Entry:
    """One media contact as a page lists them; `listing` holds their role there (None for the page's head).

    Shown, a person comes once, at the first page that lists them: `also` then holds the (group, entry) of
    every other page that does (see `once_each`).
    """

    person: ContactPerson
    listing: PageContact | None = None
    also: list = field(default_factory=list)

    @functools.cached_property
    def text(self):
        """The entry's words in every language, folded (see `fold`): what a search matches."""
        person = self.person
        parts = [person.full_name, all_translations(person, "job_title"), all_translations(person, "media_topics")]
        if self.listing:
            parts.append(all_translations(self.listing, "role"))
        return fold(" ".join(parts))

    def search_text(self, group):
        """What a search matches for this entry shown in `group`: its words, the group's titles, and the same for
        every other page that lists the person."""
        return " ".join([self.text, group.text, *(f"{entry.text} {other.text}" for other, entry in self.also)])


@dataclass
class Group:
    """The media contacts listed on one page, under its department; both None for contacts on no page."""

    department: Page | None
    page: Page | None
    trail: list = field(default_factory=list)  # the pages from below the department down to `page`
    entries: list = field(default_factory=list)

    @functools.cached_property
    def text(self):
        """The titles of the group's pages in every language, folded: a search matches them for each entry."""
        return fold(" ".join(all_translations(page, "title") for page in [self.department, *self.trail] if page))

    def matching(self, words):
        """This group with only the entries that hold every word (in the entry or the group's titles)."""
        entries = [entry for entry in self.entries if all(w in entry.search_text(self) for w in words)]
        return Group(self.department, self.page, self.trail, entries)


@dataclass
class Directory:
    departments: list
    groups: list

    def in_department(self, department_id):
        """The groups of the department whose id is `department_id`, without the contacts no page lists; the
        whole directory when no department of the city has that id."""
        if not any(department.pk == department_id for department in self.departments):
            return self
        groups = [group for group in self.groups if group.department and group.department.pk == department_id]
        return Directory(self.departments, groups)

    @functools.cached_property
    def shown_groups(self):
        """The groups with each person once (see `once_each`): worked out once for a kept directory, which
        serves every request of the city until the next change."""
        return once_each(self.groups)

    def matching(self, words):
        """The groups, each person once, with only the entries that hold every one of the (folded) `words`."""
        matched = [group.matching(words) for group in self.shown_groups]
        return [group for group in matched if group.entries]

    def people(self):
        """Each media contact once, with the first page that lists them (None if none does), ready for vCards:
        their photos' renditions and their cities (the card of someone no page lists names the city) read too."""
        people = people_in(self.groups)
        prefetch_related_objects([person for person, _page in people], "photo__renditions", "city")
        return people


def once_each(groups):
    """`groups` with each person at the first page that lists them only, that entry's `also` holding the others.

    A department's head often heads its communications unit too, or is its media contact: a journalist reads
    one card with both places rather than the same person twice. Groups left with nobody are left out. The
    groups and entries given are not changed (a kept directory serves every request).
    """
    places = {}
    for group in groups:
        for entry in group.entries:
            places.setdefault(entry.person.pk, []).append((group, entry))
    merged = []
    for group in groups:
        firsts = [entry for entry in group.entries if places[entry.person.pk][0][1] is entry]
        entries = [kept_text(entry, replace(entry, also=places[entry.person.pk][1:])) for entry in firsts]
        if entries:
            merged.append(kept_text(group, replace(group, entries=entries)))
    return merged


def kept_text(original, copy):
    """`copy` with the folded text `original` has worked out already (see kept_directory), not worked out again."""
    if "text" in original.__dict__:
        copy.text = original.text
    return copy


def people_in(groups):
    """Each person of `groups` once, in the order shown, with the first group's page that lists them."""
    seen = {}
    for group in groups:
        for entry in group.entries:
            seen.setdefault(entry.person.pk, (entry.person, group.page))
    return list(seen.values())


def media_directory(home, department_id=None):
    """The media contacts of the city whose home page is `home`, page by page in tree order; only those of
    one department when `department_id` is the id of one of its departments (any other id is ignored).

    Working the directory out takes tens of milliseconds at a city's scale, and it changes only when editors
    publish. Where every process shares the cache, the whole city's is kept until the next change, and held in
    the process's memory meanwhile, one object for all requests (citycomms.cache.kept_until_next_change); every
    search, filter, page of results and export starts from it; elsewhere each request reads what it shows, one
    department's pages for a filter.
    The people's photos come without renditions: see with_photo_renditions.
    """
    if not settings.CITYCOMMS_CACHE_SHARED:
        return build_media_directory(home, department_id)
    key, make = f"citycomms:media-directory:{home.pk}", functools.partial(kept_directory, home)
    directory = kept_until_next_change(key, make, shared=True)
    return directory.in_department(department_id)


def kept_directory(home):
    """The whole city's directory, each group's and entry's folded text worked out now: kept with it, every
    search reuses them."""
    directory = build_media_directory(home)
    for group in directory.groups:
        group.text  # noqa: B018 - cached properties, read for their side effect
        for entry in group.entries:
            entry.text  # noqa: B018
    return directory


def build_media_directory(home, department_id=None):
    """The directory read from the database: the whole city's, or one department's (see media_directory).

    Only the pages that list a media contact (as head or as a contact) are read, with the pages between them
    and their department: a city has hundreds of organisation pages, and few of them list a media contact.
    Reorganised pages (and those below them) are not the organisation journalists can call now: left out.
    """
    pages = current(OrganisationPage.objects.live().public().descendant_of(home)).only(*LINK_FIELDS)
    departments = list(pages.filter(depth=home.depth + 1).order_by("path"))
    department = next((item for item in departments if item.pk == department_id), None)
    scope = pages.descendant_of(department, inclusive=True) if department else pages
    listing_pages = list(
        scope.filter(Q(head__is_media_contact=True, head__live=True) | Q(pk__in=media_listings().values("page")))
        .order_by("path")
        .only(*LINK_FIELDS, "head")
        .select_related("head", "head__photo")
    )
    entries = entries_by_page(listing_pages)
    between = {path for page in listing_pages for path in trail_paths(page.path)[1:-1]}
    by_path = {page.path: page for page in [*departments, *pages.filter(path__in=between), *listing_pages]}
    groups = [group_for(page, by_path, entries[page.pk]) for page in listing_pages if page.pk in entries]
    unlisted = [] if department else unlisted_media_contacts(home, entries.values())
    if unlisted:
        groups.append(Group(None, None, [], [Entry(person) for person in unlisted]))
    return Directory(departments, groups)


def entries_by_page(listing_pages):
    """The entries of each of `listing_pages` by page id: its head first, then its contacts in their order."""
    entries = {}
    for page in listing_pages:
        head = published(page.head)
        if head and head.is_media_contact:
            entries.setdefault(page.pk, []).append(Entry(head))
    listings = media_listings().filter(page__in=listing_pages).order_by("sort_order")
    for listing in listings.select_related("contact", "contact__photo"):
        entries.setdefault(listing.page_id, []).append(Entry(listing.contact, listing))
    return entries


def with_photo_renditions(groups):
    """`groups`, their people's photos' renditions read in one query: for the cards of the page shown only."""
    prefetch_related_objects([entry.person for group in groups for entry in group.entries], "photo__renditions")
    return groups


def paginate(groups, number):
    """The page `number` (as the reader typed it; anything else gives the first or last page) of the
    contacts of `groups`, CONTACTS_PER_PAGE at a time, grouped as before: a group that runs over the
    edge of a page is shown on both, with its heading."""
    rows = [(index, entry) for index, group in enumerate(groups) for entry in group.entries]
    shown = Paginator(rows, CONTACTS_PER_PAGE).get_page(number)
    regrouped = {}
    for index, entry in shown.object_list:
        regrouped.setdefault(index, replace(groups[index], entries=[])).entries.append(entry)
    shown.object_list = list(regrouped.values())
    return shown


def media_listings():
    """The rows that list a published media contact on a page."""
    return PageContact.objects.filter(contact__is_media_contact=True, contact__live=True)


def group_for(page, by_path, entries):
    """The group of `page`: its department and the live, public pages from there down to it."""
    ancestors = [by_path[path] for path in trail_paths(page.path) if path in by_path]
    return Group(ancestors[0], page, ancestors[1:], entries)


def unlisted_media_contacts(home, listed_entries):
    """Public media contacts no department, unit or team page lists (say, only a press release names them).

    Those a reorganised page lists are left out with it: they are not "unlisted"."""
    listed = {entry.person.pk for entries in listed_entries for entry in entries}
    pages = OrganisationPage.objects.descendant_of(home)
    former = pages.exclude(pk__in=current(pages).values("pk"))
    on_former = PageContact.objects.filter(page__in=former).values("contact")
    people = public_people(home).filter(is_media_contact=True).exclude(pk__in=listed)
    people = people.exclude(pk__in=on_former).exclude(pk__in=former.exclude(head=None).values("head"))
    return list(people.select_related("photo"))
