"""Phone numbers: read as an editor types them, stored as E.164, shown as the city writes them to its own
readers and with the country code to everyone else."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

# The languages of the countries whose numbers the cities list: a page in one of them is read by someone who
# dials the country's numbers as its people write them ("031-368 06 03"); a page in any other language (English
# for the international press) shows them with the country code ("+46 31 368 06 03").
NATIONAL_LANGUAGES = {"FI": {"fi", "sv"}, "SE": {"sv"}}


def normalise_phone(raw, region):
    """E.164 form of `raw`, read in `region` ("FI", "SE") unless it starts with +.

    Raises ValidationError with a message an editor can act on.
    """
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. Write it as in %(example)s or with a country code."),
            params={"value": raw, "example": _example(region)},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _example(region):
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
    return format_phone(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164), _language(region))


def _language(region):
    """A language of `region`'s own, for examples written as its people write them."""
    return min(NATIONAL_LANGUAGES.get(region, {""}))


def format_phone(e164, language=None):
    """The number as a reader of `language` (the active one if not given) dials it: in the national form readers
    in the number's own country know ("031-368 06 03") when `language` is one of that country's, else in the
    international form with the country code ("+46 31 368 06 03")."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164  # written around the validation (a script, an import): show it as stored
    region = phonenumbers.region_code_for_number(number)
    if (language or translation.get_language()) in NATIONAL_LANGUAGES.get(region, ()):
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return _group_finnish(national) if region == "FI" else national
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if region == "FI":
        country, _space, national = international.partition(" ")
        return f"{country} {_group_finnish(national)}"
    return international


def _group_finnish(national):
    # phonenumbers leaves Finnish subscriber numbers ungrouped ("09 31011111");
    # Finnish cities write them in groups: "09 310 11 111", "040 123 4567".
    area, _space, subscriber = national.partition(" ")
    if not subscriber.isdigit() or len(subscriber) < 7:
        return national
    head, rest = subscriber[:3], subscriber[3:]
    tail = f"{rest[:2]} {rest[2:]}" if len(rest) == 5 else rest
    return f"{area} {head} {tail}"
