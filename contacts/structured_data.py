"""schema.org descriptions of contact people and service points (see citycomms.structured_data)."""

from citycomms.i18n import translated_value
from citycomms.structured_data import present


def person(contact, fallbacks):
    """A Person with the job title the page shows and the ways to reach them."""
    job_title = str(translated_value(contact, "job_title", fallbacks))
    names = {"name": contact.full_name, "givenName": contact.first_name, "familyName": contact.last_name}
    return {"@type": "Person", **names, **present(jobTitle=job_title, telephone=contact.phone, email=contact.email)}


def contact_point(contact, fallbacks, contact_type, languages):
    """A ContactPoint for a person or a service point, e.g. contact_type "media relations"."""
    name = contact.full_name if hasattr(contact, "full_name") else str(translated_value(contact, "name", fallbacks))
    data = {"@type": "ContactPoint", "contactType": contact_type, "name": name, "availableLanguage": languages}
    return {**data, **present(telephone=contact.phone, email=contact.email)}


def postal_address(point, fallbacks):
    """The PostalAddress of a service point as the page shows it, or None when it has no street address."""
    street = str(translated_value(point, "street_address", fallbacks))
    locality = str(translated_value(point, "locality", fallbacks))
    if not street:
        return None
    return {
        "@type": "PostalAddress",
        **present(streetAddress=street, postalCode=point.postal_code, addressLocality=locality),
    }
