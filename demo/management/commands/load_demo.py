"""`manage.py load_demo`: the three demo cities, their people, documents and logins.

Run it on a migrated database, as often as you like: a second run changes nothing.
The content itself is in demo/data/ (read by demo/content.py), the building in demo/loader.py.
"""

from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo, summary_lines
from demo.saving import DemoContentError


class Command(BaseCommand):
    help = "Create or update the demo content: Helsinki, Göteborg and Stockholm, with an admin and an editor login."

    def handle(self, *args, **options):
        try:
            load_demo(log=self.stdout.write)
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        for line in summary_lines():
            self.stdout.write(self.style.SUCCESS(line) if line.startswith("Demo") else line)
