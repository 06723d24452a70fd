"""`manage.py refresh_appointments`: run it once a day, just after midnight in the site's time zone.

An appointment to a post starts or ends on a date, with nobody publishing anything: from that day the page shows
another holder (or the post vacant), and its head, which the media contacts, vCards and search read, changes.
Pages are kept until the next change (citycomms.cache), so each page whose posts change hands is saved again
(its live row only, no revision): the head is derived afresh and the page cache and the edge let go of it.
A second run on the same day saves the same pages again and changes nothing more.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from citycomms.cache import bump_generation
from departments.models import OrganisationPage
from departments.posts import changing_hands


class Command(BaseCommand):
    help = (
        "Save again the live department, unit and team pages whose posts change hands today (an appointment "
        "starts today or ended yesterday), so that they show today's holders. Run it daily after midnight."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=1,
            help="Also catch up the changes of this many days back (after runs were missed); default 1: today.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List the pages; save nothing.")

    def handle(self, *args, days=1, dry_run=False, **options):
        if days < 1:
            raise CommandError("--days must be a whole number of days, 1 or more.")
        today = timezone.localdate()
        first = today - datetime.timedelta(days=days - 1)
        pages = OrganisationPage.objects.live().filter(pk__in=changing_hands(first, today)).order_by("path")
        for page in pages.specific():
            self.stdout.write(
                f"{page.get_admin_display_title()} (page {page.pk}) … {'to save' if dry_run else 'saved'}"
            )
            if not dry_run:
                page.save(update_fields=["head"], clean=False)
                # A live page's row changes only when it is published, which retires the cache by itself.
                bump_generation(instance=page)
        self.stdout.write(f"{len(pages)} page(s) whose posts change hands from {first} to {today}.")
