"""The open data files: their names, types and addresses, and their licence.

The files live at fixed addresses below the language prefix (website/urls.py: /fi/open-data/organisation.json,
/fi/open-data/organizations.csv …), the same in every city and whatever the open data page's slug: an address
a harvester keeps goes on working when an editor renames the page. Wagtail serves no page path with a dot in it,
so they could not be the page's own sub-addresses with their file names anyway.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"
SCHEMA_TYPE = "application/schema+json"
# The JSON Schema of the Popolo JSON, as opendata/schema/ holds it and the site serves it.
SCHEMA_NAME = "popolo-organisation.schema.json"

# The CSV files, one per Popolo collection (opendata.tables), in the order the open data page lists them.
TABLES = {
    "organizations": _("The city, its departments, units and teams, current and former"),
    "posts": _("Posts, such as a department's director"),
    "persons": _("People the site shows, with their work phone and email"),
    "memberships": _("Who holds which post, from when to when, and who is a contact where"),
}


@dataclass(frozen=True)
class Licence:
    name: str
    url: str

    def deed_url(self, language):
        """The licence's summary for readers, in their language."""
        return f"{self.url}deed.{language}"


LICENCE = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class Download:
    """One file of the open data: its name, media type, what it holds and its address in the active language."""

    filename: str
    media_type: str
    description: str
    url: str


def downloads():
    """The files, the Popolo JSON first, at their addresses in the active language."""
    whole = Download(
        "organisation.json", JSON_TYPE, _("The whole organisation in Popolo JSON"), reverse("open_data_json")
    )
    tables = [
        Download(f"{name}.csv", CSV_TYPE, description, reverse("open_data_csv", args=[name]))
        for name, description in TABLES.items()
    ]
    return [whole, *tables]


def download_paths(language):
    """The files' paths in `language`."""
    with translation.override(language):
        return [item.url for item in downloads()]


def schema_url(request):
    return request.build_absolute_uri(reverse("open_data_schema"))
