"""`kaimolink restore ARCHIVE`: put a `kaimolink backup` archive back.

Into an empty, migrated database (`kaimolink migrate` first); a database holding rows is
refused unless --force. The archive is checked whole before anything is changed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaimolink.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore the database rows and uploaded files from a `kaimolink backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the .tar.gz written by `kaimolink backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete every row the database holds before restoring",
        )

    def handle(self, *args, archive, force, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.")
        try:
            summary = restore_backup(archive, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {summary.rows} rows and {summary.files} files.")
