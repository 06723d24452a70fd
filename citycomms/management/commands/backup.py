from pathlib import Path

from django.core.management.base import BaseCommand

from citycomms.backup import backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database (pg_dump) and the media files into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True, help="the folder to write the backup into")

    def handle(self, *args, output, **options):
        backup(output)
        self.stdout.write(f"Backed up the database and the media files to {output}")
