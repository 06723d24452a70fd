"""A city's published organisation in Popolo (https://www.popoloproject.com/specs/): its organizations, posts,
persons and memberships, as opendata/schema/popolo-organisation.schema.json describes them.

- **organizations**: the city, and its live, public department, unit and team pages, former ones included with
  the date they ended (`dissolution_date`: the reorganisation's date, a page below a reorganised one taking the
  date of the one above), what happened to them (`reorganisation`) and the pages that took their place
  (`successor_ids`). Menus and lists leave former pages out; data over time needs them.
- **posts**: the posts of those pages, each with whether it is the page's head post (`is_head`).
- **persons**: the people the public site shows (departments.people, the one rule), with their job title and work
  phone and email only: nothing else is kept of them, and nothing is shown of people it does not show.
- **memberships**: each appointment to a post (`membership/<appointment id>`), past, present or future, with its
  dates and whether acting; and each person a page lists as a contact (`membership/contact/<id>`), with their
  role there.

Texts are in the active language, else in the first of the city's languages that has them, as on its pages.
Ids are stable: "organization/<page id>", "post/<post id>", "person/<contact person id>".

With `since`, only what changed from that moment on: an organization published since (or below a reorganised
page published since: its dissolution date came from there), the posts and memberships of those, and the people
saved since or named by those memberships. Posts and appointments are edited with their page and published
with it, so the page's publication dates them; a contact person's own `updated_at` dates them. Nothing says
what was deleted or unpublished: consumers compare with a whole download for that.
"""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType

from citycomms.columns import LIST_ITEM_FIELDS
from citycomms.i18n import translated_value
from citycomms.tree import ancestor_paths
from citycomms.visibility import public
from departments.models import DepartmentPage, OrganisationPage, PageContact, TeamPage, UnitPage
from departments.people import public_people
from departments.posts import Appointment, Post
from departments.reorganisation import Successor

CLASSIFICATIONS = {DepartmentPage: "department", UnitPage: "unit", TeamPage: "team"}
CITY = "city"
# What is read of each organisation page besides what a list shows (LIST_ITEM_FIELDS: title, address, intro).
PAGE_FIELDS = [*LIST_ITEM_FIELDS, "reorganisation", "reorganised_on", "last_published_at", "first_published_at"]


def organization_id(page_id):
    return f"organization/{page_id}"


def published_at(page):
    """When the page was last published (a page made live without publishing: when it first was), or None."""
    return page.last_published_at or page.first_published_at


class CityOrganisation:
    """The Popolo collections of the city whose home page is `home`, for one request (texts in its language,
    addresses on its host); `since`, an aware datetime or None. Each collection is worked out when asked for, so
    that one CSV file costs only the queries it needs."""

    def __init__(self, home, request, fallbacks, since=None):
        self.home = home
        self.request = request
        self.fallbacks = fallbacks
        self.since = since

    def text(self, obj, field_name):
        return str(translated_value(obj, field_name, self.fallbacks)) or None

    def collections(self):
        return {
            "organizations": self.organizations,
            "posts": self.posts,
            "persons": self.persons,
            "memberships": self.memberships,
        }

    def in_city(self, model, page="page"):
        """The rows of `model` that belong (through `page`) to a page of the city: one query, however many
        pages it has, and sorted out in Python against the pages shown (a list of ids could be thousands long)."""
        return model.objects.filter(**{f"{page}__path__startswith": self.home.path})

    # --- organizations ------------------------------------------------------------------------------------

    @cached_property
    def pages(self):
        """The city's live, public organisation pages, in tree order, by path."""
        pages = public(OrganisationPage.objects.live().descendant_of(self.home)).order_by("path").only(*PAGE_FIELDS)
        return {page.path: page for page in pages}

    @cached_property
    def successors(self):
        """{page id: [ids of the pages that took its place]}, of the pages shown only."""
        ids = {page.pk for page in self.pages.values()}
        links = self.in_city(Successor).order_by("sort_order", "pk").values_list("page", "successor")
        found = {}
        for page_id, successor_id in links:
            if page_id in ids and successor_id in ids:
                found.setdefault(page_id, []).append(successor_id)
        return found

    def nearest_above(self, page):
        """The organisation page shown nearest above `page`, or None (the city is above it)."""
        above = sorted(ancestor_paths([page.path]) - {page.path}, key=len, reverse=True)
        return next((self.pages[path] for path in above if path in self.pages), None)

    def ended_with(self, page):
        """The reorganised page whose reorganisation ended `page`: itself, or the nearest reorganised page shown
        above it; None for a current page."""
        while page is not None and not page.reorganisation:
            page = self.nearest_above(page)
        return page

    def changed(self, page):
        """Whether `page` counts as changed since `self.since`: published since, or ended by a page that was."""
        if self.since is None:
            return True
        dates = [published_at(page)]
        ended_by = self.ended_with(page)
        if ended_by is not None:
            dates.append(published_at(ended_by))
        return any(date is not None and date >= self.since for date in dates)

    @cached_property
    def shown_pages(self):
        """The organisation pages the collections cover: all of them, or those changed since `since`."""
        return [page for page in self.pages.values() if self.changed(page)]

    @cached_property
    def organizations(self):
        city = [self.city_organization()] if self.since is None or self.home_changed() else []
        return city + [self.organization(page) for page in self.shown_pages]

    def home_changed(self):
        home_published = published_at(self.home)
        return home_published is not None and home_published >= self.since

    def city_organization(self):
        return {
            "id": organization_id(self.home.pk),
            "name": self.text(self.home, "title"),
            "classification": CITY,
            "parent_id": None,
            "abstract": self.text(self.home, "intro"),
            "dissolution_date": None,
            "reorganisation": None,
            "successor_ids": [],
            "links": [{"url": self.home.get_full_url(self.request)}],
        }

    def organization(self, page):
        parent = self.nearest_above(page)
        ended_by = self.ended_with(page)
        ended_on = ended_by.reorganised_on if ended_by is not None else None
        return {
            "id": organization_id(page.pk),
            "name": self.text(page, "title"),
            "classification": CLASSIFICATIONS[ContentType.objects.get_for_id(page.content_type_id).model_class()],
            "parent_id": organization_id(parent.pk if parent is not None else self.home.pk),
            "abstract": self.text(page, "intro"),
            "dissolution_date": ended_on.isoformat() if ended_on else None,
            "reorganisation": page.reorganisation or None,
            "successor_ids": [organization_id(pk) for pk in self.successors.get(page.pk, [])],
            "links": [{"url": page.get_full_url(self.request)}],
        }

    # --- posts and memberships ----------------------------------------------------------------------------

    @cached_property
    def post_rows(self):
        """The posts of the pages covered, in page order, then their own."""
        order = {page.pk: index for index, page in enumerate(self.shown_pages)}
        posts = [post for post in self.in_city(Post).order_by("sort_order", "pk") if post.page_id in order]
        return sorted(posts, key=lambda post: order[post.page_id])

    @cached_property
    def posts(self):
        return [
            {
                "id": f"post/{post.pk}",
                "label": self.text(post, "title"),
                "organization_id": organization_id(post.page_id),
                "is_head": post.is_head,
            }
            for post in self.post_rows
        ]

    @cached_property
    def people(self):
        """{id: person} of the people the public site shows, by name."""
        people = public_people(self.home).order_by("last_name", "first_name", "pk")
        return {person.pk: person for person in people}

    @cached_property
    def memberships(self):
        return self.appointments() + self.listings()

    def appointments(self):
        """A membership per appointment of a person shown to a post of the pages covered."""
        posts = {post.pk: post for post in self.post_rows}
        by_post = {}
        for row in self.in_city(Appointment, "post__page").order_by("sort_order", "pk"):
            if row.post_id in posts and row.person_id in self.people:
                by_post.setdefault(row.post_id, []).append(row)
        return [
            {
                "id": f"membership/{row.pk}",
                "person_id": f"person/{row.person_id}",
                "organization_id": organization_id(post.page_id),
                "post_id": f"post/{post.pk}",
                "role": self.text(post, "title"),
                "start_date": row.starts_on.isoformat() if row.starts_on else None,
                "end_date": row.ends_on.isoformat() if row.ends_on else None,
                "acting": row.acting,
            }
            for post in posts.values()
            for row in by_post.get(post.pk, [])
        ]

    def listings(self):
        """A membership per person shown whom a page covered lists as a contact, with their role there (else
        their job title, as the page shows it)."""
        order = {page.pk: index for index, page in enumerate(self.shown_pages)}
        rows = self.in_city(PageContact).order_by("sort_order", "pk")
        rows = [row for row in rows if row.page_id in order and row.contact_id in self.people]
        rows.sort(key=lambda row: order[row.page_id])
        return [
            {
                "id": f"membership/contact/{row.pk}",
                "person_id": f"person/{row.contact_id}",
                "organization_id": organization_id(row.page_id),
                "post_id": None,
                "role": self.text(row, "role") or self.text(self.people[row.contact_id], "job_title"),
                "start_date": None,
                "end_date": None,
                "acting": False,
            }
            for row in rows
        ]

    # --- persons ------------------------------------------------------------------------------------------

    @cached_property
    def persons(self):
        people = self.people.values()
        if self.since is not None:
            named = {item["person_id"] for item in self.memberships}
            people = [item for item in people if item.updated_at >= self.since or f"person/{item.pk}" in named]
        return [self.person(item) for item in people]

    def person(self, person):
        details = [("email", person.email), ("voice", person.phone)]
        return {
            "id": f"person/{person.pk}",
            "name": person.full_name,
            "given_name": person.first_name,
            "family_name": person.last_name,
            "job_title": self.text(person, "job_title"),
            "contact_details": [{"type": kind, "value": value} for kind, value in details if value],
        }
