"""Department, unit and team pages as the places contact people work (contacts.organisation)."""

from django.db.models import Q

from citycomms.cities import within
from contacts.organisation import Organisation

from .models import OrganisationPage, PageContact
from .posts import Appointment, running_today


class DepartmentOrganisation(Organisation):
    def pages(self, cities):
        return OrganisationPage.objects.filter(within(cities.values_list("path", flat=True))).order_by("path")

    def people_in(self, page):
        below = OrganisationPage.objects.filter(path__startswith=page.path)
        listings = PageContact.objects.filter(page__in=below)
        holders = Appointment.objects.filter(running_today(), post__page__in=below)
        return (
            Q(pk__in=below.filter(head__isnull=False).values("head"))
            | Q(pk__in=listings.values("contact"))
            | Q(pk__in=holders.values("person"))
        )

    def list_on_page(self, page, people, user):
        draft = page.specific.get_latest_revision_as_object()
        listed = {item.contact_id for item in draft.page_contacts.all()} | {draft.head_id}
        new = [PageContact(contact=person) for person in people if person.pk not in listed]
        if new:
            draft.page_contacts.add(*new)
            draft.save_revision(user=user, log_action=True)

    def pages_naming(self, people_ids, fields):
        heads = OrganisationPage.objects.filter(head__in=people_ids).order_by("-path")
        listings = PageContact.objects.filter(contact__in=people_ids).order_by("-page__path")
        holders = Appointment.objects.filter(running_today(), person__in=people_ids).order_by("-post__page__path")
        # Post holders first: a page that heads or lists someone goes on naming them as before.
        return [
            *holders.values_list("person", *[f"post__page__{field}" for field in fields]),
            *heads.values_list("head", *fields),
            *listings.values_list("contact", *[f"page__{field}" for field in fields]),
        ]
