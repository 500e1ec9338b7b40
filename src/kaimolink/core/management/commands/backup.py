"""`kaimolink backup`: write every table's rows and every uploaded file to one archive.

See core/backup.py for what the archive holds and docs/deploy.md ("Backups") for running it
from a timer.
"""

import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kaimolink.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="archive to write (default: DATA_DIR/backups/kaimolink-<time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"kaimolink-{stamp}.tar.gz"
        try:
            summary = create_backup(output)
        except (BackupError, OSError, tarfile.TarError) as error:
            # TarError: a file shrank while it was being archived; run it again.
            raise CommandError(str(error)) from error
        self.stdout.write(f"{summary.path}: {summary.rows} rows, {summary.files} files.")
