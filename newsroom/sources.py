"""Which department or unit a press release may name in public."""

from departments.models import OrganisationPage


def with_public_sources(releases):
    """The `releases` as a list, each with `source`: its department or unit when that page is live and
    public, else None, so that a staff-only unit's name never shows on a public release."""
    releases = list(releases)
    ids = {release.organisation_id for release in releases if release.organisation_id}
    public = OrganisationPage.objects.live().public().filter(pk__in=ids) if ids else OrganisationPage.objects.none()
    public_ids = set(public.values_list("pk", flat=True))
    for release in releases:
        release.source = release.organisation if release.organisation_id in public_ids else None
    return releases
