"""A city's media contacts, grouped by the department, unit and team pages that list them, and searched.

The whole directory is read in a fixed number of queries and searched in
Python: a city has tens or hundreds of media contacts, and folding accents
("bokmark" finds Bökmark, "kivela" finds Kivelä) then works the same on
PostgreSQL and SQLite.
"""

import unicodedata
from dataclasses import dataclass, field

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from citycomms.i18n import LANGUAGE_CODES
from citycomms.params import parse_id, read_query
from contacts.models import ContactPerson, published, with_contact_cards
from departments.models import OrganisationPage, PageContact
from departments.people import public_people


def fold(text):
    """Lower-case text without accents, for matching what journalists type against names."""
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
    """One media contact as a page lists them; `listing` holds their role there (None for the page's head)."""

    person: ContactPerson
    listing: PageContact | None = None

    def text(self):
        person = self.person
        parts = [person.full_name, all_translations(person, "job_title"), all_translations(person, "media_topics")]
        if self.listing:
            parts.append(all_translations(self.listing, "role"))
        return fold(" ".join(parts))


@dataclass
class Group:
    """The media contacts listed on one page, under its department; both None for contacts on no page."""

    department: Page | None
    page: Page | None
    trail: list = field(default_factory=list)  # the pages from below the department down to `page`
    entries: list = field(default_factory=list)

    def text(self):
        return fold(" ".join(all_translations(page, "title") for page in [self.department, *self.trail] if page))

    def matching(self, words):
        """This group with only the entries that hold every word (in the entry or the group's titles)."""
        group_text = self.text()
        entries = [entry for entry in self.entries if all(w in f"{entry.text()} {group_text}" for w in words)]
        return Group(self.department, self.page, self.trail, entries)


@dataclass
class Directory:
    departments: list
    groups: list

    def matching(self, query):
        department_ids = {department.pk for department in self.departments}
        groups = self.groups
        if query.department_id in department_ids:
            groups = [group for group in groups if group.department and group.department.pk == query.department_id]
        matched = [group.matching(query.words) for group in groups]
        return [group for group in matched if group.entries]

    def people(self):
        """Each media contact once, with the first page that lists them (None if none does)."""
        return people_in(self.groups)


def people_in(groups):
    """Each person of `groups` once, in the order shown, with the first group's page that lists them."""
    seen = {}
    for group in groups:
        for entry in group.entries:
            seen.setdefault(entry.person.pk, (entry.person, group.page))
    return list(seen.values())


def media_directory(home):
    """The media contacts of the city whose home page is `home`, page by page in tree order."""
    pages = list(
        OrganisationPage.objects.live()
        .public()
        .descendant_of(home)
        .order_by("path")
        .select_related("head", "head__photo")
        .prefetch_related("head__photo__renditions")
    )
    listings = with_contact_cards(
        PageContact.objects.filter(page__in=pages, contact__is_media_contact=True).order_by("sort_order")
    )
    entries_by_page = {}
    for page in pages:
        head = published(page.head)
        if head and head.is_media_contact:
            entries_by_page.setdefault(page.pk, []).append(Entry(head))
    for listing in listings:
        entries_by_page.setdefault(listing.page_id, []).append(Entry(listing.contact, listing))
    departments = [page for page in pages if page.depth == home.depth + 1]
    by_path = {page.path: page for page in pages}
    groups = [group_for(page, by_path, home, entries_by_page[page.pk]) for page in pages if page.pk in entries_by_page]
    unlisted = unlisted_media_contacts(home, entries_by_page.values())
    if unlisted:
        groups.append(Group(None, None, [], [Entry(person) for person in unlisted]))
    return Directory(departments, groups)


def group_for(page, by_path, home, entries):
    """The group of `page`: its department and the live pages from there down to it."""
    paths = (page.path[: depth * Page.steplen] for depth in range(home.depth + 1, page.depth + 1))
    ancestors = [by_path[path] for path in paths if path in by_path]
    return Group(ancestors[0], page, ancestors[1:], entries)


def unlisted_media_contacts(home, listed_entries):
    """Public media contacts no department, unit or team page lists (say, only a press release names them)."""
    listed = {entry.person.pk for entries in listed_entries for entry in entries}
    return list(
        public_people(home)
        .filter(is_media_contact=True)
        .exclude(pk__in=listed)
        .select_related("photo", "city")
        .prefetch_related("photo__renditions")
    )
