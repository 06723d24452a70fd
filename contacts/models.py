"""Contact people and service points: the snippets pages show as contact cards."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)
from wagtail.search import index

from citycomms.cities import moderated_cities
from citycomms.languages import LANGUAGE_CODES
from citycomms.models import CityHomePage

from .batches import ImportBatch  # noqa: F401  (a model of this app: Django looks for it in this module)
from .phone import format_phone, normalise_phone


class PhoneFieldsMixin(models.Model):
    """A phone number stored as E.164, read in the owning city's country format."""

    phone = models.CharField(
        _("phone"),
        max_length=40,  # what an editor types, spaces and all, before it is normalised
        blank=True,
        help_text=_("As the city writes it, e.g. 09 310 11 111 or 031-368 06 03; stored in international form."),
    )
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.phone:
            region = self.city.country if self.city_id else "FI"
            try:
                self.phone = normalise_phone(self.phone, region)
            except ValidationError as error:
                raise ValidationError({"phone": error}) from error

    @property
    def phone_display(self):
        return format_phone(self.phone)


class ModeratedMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """Drafts, revisions, locking and the moderators' workflow, as pages have them (Wagtail's snippet mixins)."""

    # Wagtail's documented relations: deleting a snippet deletes its revisions and workflow states.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class CheckedMixin(models.Model):
    """When someone last confirmed the contact's details: a fact about the contact, not part of its content.

    Set by a save in the admin and by the "Still correct" action (contacts.checks), which writes this column only:
    no revision, nothing for the moderators. A new contact was checked the day it was entered.
    """

    checked_on = models.DateField(_("checked on"), null=True, blank=True, editable=False, default=timezone.localdate)

    class Meta:
        abstract = True

    def with_content_json(self, content):
        # As Wagtail keeps `locked`: publishing or reverting to a revision must not take the date back to the
        # revision's copy of it.
        obj = super().with_content_json(content)
        obj.checked_on = self.checked_on
        return obj


class ContactPerson(CheckedMixin, ModeratedMixin, index.Indexed, PhoneFieldsMixin):
    """A person readers may call or email: a department head, a unit's contact, a press officer.

    Pages show a person as a contact card; the same person can appear on many pages.
    Like a page, a person is published through the city's moderators: editors save
    drafts and submit them; the public sees only published people, as last published.
    """

    city = models.ForeignKey(
        CityHomePage,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="contact_people",
        help_text=_("The city this person works for."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait. Give the image a description (alt text) in the image library."),
    )
    is_media_contact = models.BooleanField(
        _("media contact"), default=False, help_text=_("Journalists may contact this person.")
    )
    media_topics = models.CharField(
        _("media topics"),
        max_length=300,
        blank=True,
        help_text=_("What journalists can ask this person about, separated by commas."),
    )
    # The vCard's REV: address books use it to tell a newer card from an older one.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("city"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]), FieldPanel("job_title")],
            heading=_("Name and title"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact details")),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("is_media_contact"), FieldPanel("media_topics")], heading=_("Media")),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("job_title"),
        index.SearchField("media_topics"),
        index.SearchField("email"),
        index.FilterField("city"),
        index.FilterField("is_media_contact"),
    ]
    api_fields = ["first_name", "last_name", "job_title", "phone", "email", "is_media_contact", "media_topics"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        super().clean()
        if self.photo_id and not (self.photo.description or "").strip():
            raise ValidationError(
                {"photo": _("Add a description (alt text) to this image in the image library first.")}
            )


class ServicePoint(CheckedMixin, ModeratedMixin, index.Indexed, PhoneFieldsMixin):
    """A place or desk residents and journalists can reach, like Virka Info or a media desk.

    Published through the city's moderators like contact people: the public sees only published service points.
    """

    city = models.ForeignKey(
        CityHomePage, verbose_name=_("city"), on_delete=models.PROTECT, related_name="service_points"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("city or town"), max_length=100, blank=True)
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per day or period, e.g. “Mon–Fri 9–16”.")
    )

    panels = [
        FieldPanel("city"),
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact details")),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")])],
            heading=_("Address"),
        ),
        FieldPanel("opening_hours"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("city"),
    ]
    api_fields = [
        "name",
        "description",
        "phone",
        "email",
        "street_address",
        "postal_code",
        "locality",
        "opening_hours",
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service point")
        verbose_name_plural = _("service points")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not any(getattr(self, f"name_{code}", None) for code in LANGUAGE_CODES):
            raise ValidationError({f"name_{settings.LANGUAGE_CODE}": _("Give the service point a name.")})


def with_contact_cards(listings):
    """`listings` (rows with a `contact`, such as a page's ordered contacts) of published people only, with
    each person and their photo's renditions fetched in a fixed number of queries, however many rows there are."""
    return (
        listings.filter(contact__live=True)
        .select_related("contact", "contact__photo")
        .prefetch_related("contact__photo__renditions")
    )


def published(snippet):
    """`snippet` (a contact person or service point) if the public may see it at all (it has been published),
    else None: for a page's head, its media desk and the like."""
    return snippet if snippet is not None and snippet.live else None


# The one workflow of contact people and service points, and its task (citycomms.roles makes them): names
# are data, not interface text.
CONTACT_WORKFLOW = "Contact moderation"
CONTACT_TASK = "Contact approval"


class CityModerationTaskMixin:
    """A group approval task's rule for snippets that belong to a city (their `city_id`): a moderator approves,
    opens and locks only those of the city they moderate. The task's groups are every city's Moderators group
    (citycomms.roles keeps them in): Wagtail allows a snippet model one workflow, so one serves all cities.
    Subclasses name the snippet models they moderate (`moderated_models`)."""

    def moderated_models(self):
        raise NotImplementedError

    def _moderates(self, obj, user):
        if user.is_superuser:
            return True
        # A URL may name this task beside a page (/admin/pages/workflow/action/<page>/…/<task state>/): a page
        # is not one of these snippets, and nobody moderates it here.
        city_id = getattr(obj, "city_id", None)
        return city_id is not None and moderated_cities(user, self.groups.all()).filter(pk=city_id).exists()

    def user_can_access_editor(self, obj, user):
        return self._moderates(obj, user)

    def locked_for_user(self, obj, user):
        return not self._moderates(obj, user)

    def user_can_lock(self, obj, user):
        return self._moderates(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._moderates(obj, user) else []

    def on_action(self, task_state, user, action_name, **kwargs):
        """Act only for a moderator of the task state's own object: Wagtail checks the rights of the object its
        URL names, which need not be the one the task state is for (citycomms.admin_scope refuses that too)."""
        if not self._moderates(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return in_progress
        cities = moderated_cities(user, self.groups.all())
        theirs = Q(pk__in=[])
        for model in self.moderated_models():
            ids = model.objects.filter(city__in=cities).annotate(text_pk=Cast("pk", CharField())).values("text_pk")
            theirs |= Q(
                workflow_state__base_content_type=ContentType.objects.get_for_model(model),
                workflow_state__object_id__in=ids,
            )
        return in_progress.filter(theirs)


class ContactApprovalTask(CityModerationTaskMixin, AbstractGroupApprovalTask):
    """A workflow step for contact people and service points: a moderator approves only those of the city
    they moderate (CityModerationTaskMixin).

    Its groups are every city's Moderators group (citycomms.roles keeps them in);
    one workflow then serves all cities, which Wagtail requires of a snippet model.
    """

    def moderated_models(self):
        return (ContactPerson, ServicePoint)

    @classmethod
    def get_description(cls):
        return _("Moderators of the contact's own city can approve this task")

    class Meta:
        verbose_name = _("contact approval task")
        verbose_name_plural = _("contact approval tasks")
