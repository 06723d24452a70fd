"""The open data's part of the lower floors: its page in every page's footer, its downloads told to the edge."""

from wagtail import hooks

from citycomms.edge import CITY_URLS_HOOK
from citycomms.languages import LANGUAGE_CODES
from citycomms.models.pages import FOOTER_PAGES_HOOK
from citycomms.visibility import public

from .downloads import download_paths
from .models import OpenDataPage


@hooks.register(FOOTER_PAGES_HOOK)
def open_data_in_footer():
    """Every page's footer links the city's open data page; the main menu does not."""
    return OpenDataPage


@hooks.register(CITY_URLS_HOOK)
def open_data_downloads(site):
    """The downloads of the city `site` serves, in every language, while it has a live, public open data page:
    they show the whole organisation, so any change in the city changes them."""
    if not public(OpenDataPage.objects.live().child_of(site.root_page)).exists():
        return []
    return [f"{site.root_url}{path}" for code in LANGUAGE_CODES for path in download_paths(code)]
