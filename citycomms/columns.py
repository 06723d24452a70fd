"""Which columns to read of a page that is only linked to or listed, not shown in full.

A page row carries every translated field once per language, and its body is
JSON in every language; a link needs only the title and the address. Reading
less makes lists of pages quicker to read and to build (see docs/performance.md).
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


def in_every_language(*field_names):
    """Each of the translated `field_names` with its column in every language, e.g. for a queryset's only()."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [build_localized_fieldname(name, code) for name in field_names for code in codes] + list(field_names)


# What a link to a page needs: its title and address in each language, where it sits in the tree, whether it
# is live, and its type (pages of one type per city are told apart by it).
LINK_FIELDS = [*in_every_language("title", "url_path"), "path", "depth", "live", "content_type"]

# What a list of pages shows of each item (units and teams, press releases): its link and its lead (intro).
LIST_ITEM_FIELDS = [*LINK_FIELDS, *in_every_language("intro")]
