"""Posts and appointments: "viestintäjohtaja / kommunikationsdirektör / Director of Communications" on a page, and who
holds it from a date to a date, acting or not.

A post belongs to a department, unit or team page and is edited with it (so it goes through the page's
moderation); one post may be the page's head post, whose holder leads it. The page's `head` is derived from
that post whenever the page is saved (OrganisationPage.derive_head): everything that asks who heads a page
(the people the public may see, vCards, search, the media contacts, the API) reads the head as before.

An appointment is never overwritten when its holder leaves: it ends, and stays as the post's and the person's
history. contacts' "Replace on every page" asks the rows how to put someone in a person's place
(swap_person_in_rows) and which rows still name them (is_history), so it ends the leaver's appointment and
starts the replacement's instead of rewriting who held the post.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from contacts.models import ContactPerson, published

ENDS_BEFORE_IT_STARTS = _("“Until” is before “From”: the appointment would end before it starts.")
OVERLAPS = _(
    "These dates overlap the appointment of %(name)s to this post: only an acting appointment may overlap another."
)
SECOND_HEAD_POST = _("Only one post can be the head post: untick “Head post” here or on the other one.")


# Given to the post's InlinePanel as they are: a nested inline panel finds no model to read them from before it is
# bound, and citycomms.panels orders every panel's translated inputs before that.
APPOINTMENT_PANELS = [
    FieldPanel("person"),
    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    FieldPanel("acting"),
]


class Post(Orderable, ClusterableModel):
    """A post on a department, unit or team page, such as its Director of Communications: held by people in turn
    (see Appointment), or vacant. One post of a page may be its head post."""

    page = ParentalKey("departments.OrganisationPage", on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The post's name, e.g. “Director of Communications”.")
    )
    is_head = models.BooleanField(
        _("head post"), default=False, help_text=_("Whoever holds this post leads the department, unit or team.")
    )
    contact_when_vacant = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact while vacant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Whom readers should contact while nobody holds the post."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("is_head"),
        InlinePanel("appointments", label=_("Appointment"), panels=APPOINTMENT_PANELS),
        FieldPanel("contact_when_vacant"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return self.title

    @classmethod
    def swap_person_in_rows(cls, manager, old_pk, new_person):
        """For contacts.usage: put `new_person` (None: nobody) in the place of the person `old_pk` in these posts
        (a page's `posts`); whether anything changed. Posts stay, vacant if need be."""
        posts = list(manager.all())
        changed = False
        for post in posts:
            if post.contact_when_vacant_id == old_pk:
                post.contact_when_vacant = new_person
                changed = True
            changed |= Appointment.hand_over(post, old_pk, new_person)
        if changed:
            manager.set(posts)
        return changed


class Appointment(Orderable):
    """A person holding a post from a date until a date (either may be unknown), acting or not.

    An ended appointment is kept: it is the post's and the person's history, and says no more that the page lists
    them (is_history)."""

    post = ParentalKey(Post, on_delete=models.CASCADE, related_name="appointments")
    person = models.ForeignKey(
        ContactPerson, verbose_name=_("person"), on_delete=models.CASCADE, related_name="appointments"
    )
    starts_on = models.DateField(_("from"), null=True, blank=True, help_text=_("Leave empty if not known."))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while they hold it."))
    acting = models.BooleanField(
        _("acting"), default=False, help_text=_("Holds the post for the time being (“va.”, “t.f.”).")
    )

    panels = APPOINTMENT_PANELS

    class Meta(Orderable.Meta):
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self):
        return f"{self.post} – {self.person}"

    def runs_on(self, day):
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or self.ends_on >= day)

    @property
    def is_history(self):
        """Ended: the page no longer lists the person through it (contacts.usage)."""
        return self.ends_on is not None and self.ends_on < timezone.localdate()

    @classmethod
    def hand_over(cls, post, old_pk, new_person):
        """The person `old_pk` leaves `post` today and `new_person` (if any) takes it from today; whether it
        changed. An appointment not yet begun passes to the new person, or goes; one begun ends yesterday."""
        today = timezone.localdate()
        rows = list(post.appointments.all())
        kept, changed = [], False
        for row in rows:
            if row.person_id != old_pk or row.is_history:
                kept.append(row)
                continue
            changed = True
            if row.starts_on is not None and row.starts_on >= today:
                if new_person is not None:
                    row.person = new_person
                    kept.append(row)
                continue
            row.ends_on = today - datetime.timedelta(days=1)
            kept.append(row)
            if new_person is not None and not any(
                other.person_id == new_person.pk and other.runs_on(today) for other in kept
            ):
                kept.append(cls(person=new_person, starts_on=today, acting=row.acting))
        if changed:
            post.appointments.set(kept)
        return changed


def running_today():
    """A filter of the appointments running today, as Appointment.runs_on says in Python."""
    today = timezone.localdate()
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=today)) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def changing_hands(first, last):
    """The ids of the pages whose posts change hands on a day from `first` to `last`: an appointment starts on
    one of them, or ended the day before one (departments' refresh_appointments command)."""
    day_before = datetime.timedelta(days=1)
    starts = Q(starts_on__range=(first, last))
    ends = Q(ends_on__range=(first - day_before, last - day_before))
    return Appointment.objects.filter(starts | ends).values("post__page")


def holding(appointments, day):
    """The appointment that holds a post on `day`, or None: of those running then, the latest begun (an acting
    one stands in for the holder it overlaps)."""
    running = [appointment for appointment in appointments if appointment.runs_on(day)]
    if not running:
        return None
    return max(running, key=lambda item: (item.starts_on or datetime.date.min, item.acting))


@dataclass(frozen=True)
class Holding:
    """What a page shows of one post today: its holder (published) and whether acting, or, vacant, whom to
    contact instead. `post` is None for a page with a head but no head post (made by code, not by an editor)."""

    post: Post | None
    person: ContactPerson | None
    acting: bool = False
    contact_instead: ContactPerson | None = None

    @property
    def title_source(self):
        """(object, field) of the title shown: the post's, or the head's own job title without a post."""
        return (self.post, "title") if self.post is not None else (self.person, "job_title")


def holdings(posts, day=None):
    """A Holding per post of `posts`, in their order; only published people are shown."""
    day = day or timezone.localdate()
    found = []
    for post in posts:
        current = holding([item for item in post.appointments.all() if published(item.person)], day)
        if current is not None:
            found.append(Holding(post, current.person, current.acting))
        else:
            found.append(Holding(post, None, contact_instead=published(post.contact_when_vacant)))
    return found


def head_holder(posts, day=None):
    """The person holding the head post of `posts` on `day` (today), published or not; None if none or vacant."""
    head_post = next((post for post in posts if post.is_head), None)
    if head_post is None:
        return None
    current = holding(list(head_post.appointments.all()), day or timezone.localdate())
    return current.person if current is not None else None


def appointment_errors(appointments):
    """{index: (field name, message)} for one post's `appointments` (in form order): an end before the start,
    or dates that overlap an earlier one where neither is acting."""
    errors = {}
    for index, appointment in enumerate(appointments):
        if appointment.starts_on and appointment.ends_on and appointment.ends_on < appointment.starts_on:
            errors[index] = ("ends_on", ENDS_BEFORE_IT_STARTS)
            continue
        for other in appointments[:index]:
            if not (appointment.acting or other.acting) and overlap(appointment, other):
                errors[index] = ("starts_on", ValidationError(OVERLAPS, params={"name": other.person.full_name}))
                break
    return errors


def overlap(first, second):
    """Whether two appointments share a day; an unknown start is the beginning of time, no end the end of it."""
    low, high = datetime.date.min, datetime.date.max
    return (first.starts_on or low) <= (second.ends_on or high) and (second.starts_on or low) <= (
        first.ends_on or high
    )


def second_head_posts(posts):
    """The indexes of the posts ticked as head post after the first one."""
    heads = [index for index, post in enumerate(posts) if post.is_head]
    return heads[1:]
