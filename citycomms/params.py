"""What a public request carries: the city it is for, and ids and search text in its query string.

Readers and crawlers type anything into these; every reader of them here
answers with a value, None, or a 404, never an error.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Site

MAX_QUERY_LENGTH = 200
# Page ids have far fewer digits; a longer string is no id (and int() refuses over 4,300 digits).
MAX_ID_DIGITS = 18


def site_or_404(request):
    """The Site (city) serving the request's host."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No city answers on this host.")
    return site


def parse_id(value):
    """`value` as a positive integer id, or None for anything else ("abc", "-1", "0", "²", "", None).

    isdigit() alone would pass "²", which int() refuses: only ASCII digits count.
    """
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
        return None
    number = int(value)
    return number if number > 0 else None


def read_query(raw):
    """The search text as searched (printable characters, single spaces, at most MAX_QUERY_LENGTH), and a
    message for the reader when it had to be shortened."""
    text = "".join(char for char in " ".join(raw.split()) if char.isprintable())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, ""
    message = _("Your search was shortened to its first %(limit)s characters.") % {"limit": MAX_QUERY_LENGTH}
    return text[:MAX_QUERY_LENGTH].strip(), message


class IdConverter:
    """A URL's id: at most MAX_ID_DIGITS digits, so that no database is asked for a number it cannot hold."""

    regex = rf"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class IdChoiceField(ModelChoiceField):
    """A choice of object by id that refuses what is no id as an invalid choice, a number too large for the
    database included (SQLite raises on one). `label_from_instance` names each choice, if given."""

    def __init__(self, *args, label_from_instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label_from_instance is not None:
            self.label_from_instance = label_from_instance

    def to_python(self, value):
        if value not in self.empty_values and parse_id(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField
