"""`manage.py setup_city_roles`: every city's Editors and Moderators groups, collection and workflow.

Safe to run again and again: it only adds what is missing. Run it after adding a city.
"""

from django.core.management.base import BaseCommand

from citycomms.roles import setup_city_roles


class Command(BaseCommand):
    help = (
        "Create or complete each city's Editors and Moderators groups, their page, contact, image and "
        "document permissions, the city's collection and its moderation workflow."
    )

    def handle(self, *args, **options):
        roles = setup_city_roles(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Roles ready for {len(roles)} cities."))
