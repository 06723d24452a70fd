"""`manage.py send_contact_reminders`: email each city's editors the list of their city's contacts to check.

Run it on a schedule (once a month, say). It changes nothing in the database, so running it again sends the
same lists again and nothing else; a city with nothing to check gets no email. `--dry-run` says who would get
which list, in which language, and sends nothing. An email that cannot be sent is reported and the others are
still sent; the command then fails, naming them.
"""

import smtplib

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError

from contacts.checks import check_period
from contacts.reminders import cities_to_check, city_editors, reminder


class Command(BaseCommand):
    help = (
        "Email each city's editors the published contact people and service points of their city that nobody has "
        "checked within CONTACT_CHECK_PERIOD_DAYS days, in each editor's admin language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get which list; send nothing.")
        parser.add_argument("--days", type=int, help="Another period than the CONTACT_CHECK_PERIOD_DAYS setting.")

    def handle(self, *args, dry_run=False, days=None, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be a whole number of days, 1 or more.")
        period = check_period(days)
        cities = cities_to_check(period)
        if not cities:
            self.stdout.write(f"Every published contact was checked within the last {period.days} days: no emails.")
            return
        connection = None if dry_run else get_connection()
        sent, failed = [], []
        for city in cities:
            editors = city_editors(city.home)
            name = city.name(city.default_language)
            self.stdout.write(
                f"{name}: {counted(city.contacts, 'contact')} to check, {counted(editors, 'editor')} to email"
            )
            if not editors:
                self.stderr.write(f"  {name} has no editor with an email address: nobody to remind")
            for user in editors:
                message = reminder(city, user, period)
                recipient = f"{user.get_username()} <{user.email}> ({message.extra_headers['Content-Language']})"
                if dry_run:
                    self.stdout.write(f"  would email {recipient}")
                    continue
                try:
                    connection.send_messages([message])
                except (smtplib.SMTPException, OSError) as error:
                    failed.append(recipient)
                    self.stderr.write(f"  could not email {recipient}: {error}")
                else:
                    sent.append(recipient)
                    self.stdout.write(f"  emailed {recipient}")
        self.summarise(dry_run, sent, failed)

    def summarise(self, dry_run, sent, failed):
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: nothing sent."))
            return
        self.stdout.write(self.style.SUCCESS(f"Sent {counted(sent, 'email')}."))
        if failed:
            raise CommandError(f"{counted(failed, 'email')} could not be sent: {', '.join(failed)}")


def counted(items, noun):
    """ "1 email", "2 emails": the operator's output is English, like every management command's here."""
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
