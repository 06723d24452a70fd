import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citycomms.backup import restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`: replaces the database's content and the media files."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup folder")
        parser.add_argument("--yes", action="store_true", help="replace without asking (required without a terminal)")

    def handle(self, *args, source, yes, **options):
        if not yes:
            # Nobody to ask (cron, CI, a pipe): a restore that replaces everything must be asked for explicitly.
            if not sys.stdin.isatty():
                raise CommandError("Restoring replaces the database and the media files: confirm with --yes.")
            answer = input(f"Replace the database and the media files with the backup in {source}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        restore(source)
        self.stdout.write(f"Restored the database and the media files from {source}")
