"""vCards (3.0) of contact people, written with vobject, for phones' and mail programs' address books."""

from dataclasses import dataclass

import vobject
from django.http import HttpResponse
from django.utils.text import slugify


@dataclass(frozen=True)
class CardDetails:
    """What a person's card says beyond the person itself, as the page the card comes from shows it.

    `organisation` runs from the city down: (city, department, unit).
    """

    job_title: str = ""
    organisation: tuple[str, ...] = ()
    url: str = ""
    photo_url: str = ""


def person_vcard(person, details):
    """A vCard 3.0 component for `person`."""
    card = vobject.vCard()
    card.add("fn").value = person.full_name
    card.add("n").value = vobject.vcard.Name(family=person.last_name, given=person.first_name)
    if details.job_title:
        card.add("title").value = details.job_title
    if details.organisation:
        card.add("org").value = list(details.organisation)
    if person.phone:
        tel = card.add("tel")
        tel.value = person.phone  # stored as E.164
        # Two TYPE values, written TYPE=WORK,VOICE as RFC 2426 does: one quoted string would read as one type.
        tel.params["TYPE"] = ["WORK", "VOICE"]
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if details.photo_url:
        photo = card.add("photo")
        photo.value = details.photo_url
        photo.value_param = "URI"
    if details.url:
        card.add("url").value = details.url
    card.add("rev").value = person.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return card


def vcard_response(cards, filename):
    """One or more vCards as a download named `filename`.vcf (slugified: no quotes or slashes reach the header)."""
    body = "".join(card.serialize() for card in cards)
    response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "contacts"}.vcf"'
    return response
