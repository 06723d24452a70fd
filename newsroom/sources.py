"""Which department or unit a press release may name in public."""

from citycomms.visibility import public_pages


def with_public_sources(releases):
    """The `releases` as a list, each with `source`: its department or unit when that page is live and
    public, else None, so that a staff-only unit's name never shows on a public release.

    Read `organisation` with select_related: the check then costs one query, or none without sources.
    """
    releases = list(releases)
    public_ids = {page.pk for page in public_pages([release.organisation for release in releases])}
    for release in releases:
        release.source = release.organisation if release.organisation_id in public_ids else None
    return releases
