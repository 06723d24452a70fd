"""`manage.py load_demo`: the three demo cities, their people, documents and logins.

Run it on a migrated database, as often as you like: a second run changes nothing.
The content itself is in demo/data/ (read by demo/content.py), the building in demo/loader.py.
"""

import os

from django.core.management.base import BaseCommand, CommandError

from demo import content
from demo.loader import load_demo
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


def summary_lines(port=None):
    """Where to look once loaded: each city's address and the admin with its logins."""
    port = port or os.environ.get("PORT", "8000")
    cities = content.cities()
    lines = ["", "Demo content loaded. Open:"]
    for city in cities:
        hosts = [f"http://{site['hostname']}:{port}/" for site in city["sites"]]
        also = f" (also {', '.join(hosts[1:])})" if len(hosts) > 1 else ""
        lines.append(f"  {city['name']}: {hosts[0]}{also}")
    lines.append(f"  Admin: http://localhost:{port}/admin/")
    for user in content.users() + content.city_users(cities):
        lines.append(f"    {user['username']} / {user['password']}")
    return lines
