"""Phone numbers: read as an editor types them, stored as E.164, shown as the city writes them to its own
readers and with the country code to everyone else."""

import functools

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


def format_phone(number, language=None, country=None):
    """The number as a reader of `language` (the active one if not given) of a city in `country` ("FI", "SE")
    dials it: in the national form its people know ("031-368 06 03") when the number is of the city's country and
    `language` is one of that country's, else in the international form with the country code
    ("+46 31 368 06 03"), as an international reader, or anyone dialling abroad, needs it. Without `country`,
    the number's own country counts as the city's.

    `number` is E.164, as contacts store it, or as an editor wrote it with the country code (or in `country`'s
    own form): a city's switchboard in its settings."""
    return _formatted(number, language or translation.get_language(), country)


# Parsing and formatting a number costs about 0.2 ms, and the media contacts page shows a hundred of them on
# each request: the answers (a few per person and language) are remembered.
@functools.lru_cache(maxsize=8192)
def _formatted(number, language, country):
    parsed = _parsed(number, country)
    if parsed is None:
        return number or ""  # written around the validation (a script, an import): show it as stored
    region = phonenumbers.region_code_for_number(parsed)
    home = country or region
    if region == home and language in NATIONAL_LANGUAGES.get(region, ()):
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return _group_finnish(national) if region == "FI" else national
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if region == "FI":
        country_code, _space, national = international.partition(" ")
        return f"{country_code} {_group_finnish(national)}"
    return international


@functools.lru_cache(maxsize=8192)  # as _formatted: every number on a page is linked too
def phone_uri(number, country=None):
    """A tel: URI for the number: E.164 wherever it is dialled from ("tel:+358931036211"), or, for a number
    that cannot be read, what was written without its spaces."""
    parsed = _parsed(number, country)
    if parsed is None:
        return f"tel:{''.join((number or '').split())}"
    return f"tel:{phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)}"


def _parsed(number, country):
    # A number with a country code is read as such; without one, only as `country`'s (None: not at all).
    if not number:
        return None
    try:
        return phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return None


def _group_finnish(national):
    # phonenumbers leaves Finnish subscriber numbers ungrouped ("09 31011111");
    # Finnish cities write them in groups: "09 310 11 111", "040 123 4567".
    area, _space, subscriber = national.partition(" ")
    if not subscriber.isdigit() or len(subscriber) < 7:
        return national
    head, rest = subscriber[:3], subscriber[3:]
    tail = f"{rest[:2]} {rest[2:]}" if len(rest) == 5 else rest
    return f"{area} {head} {tail}"
