from django.core.management.base import BaseCommand

from kaimolink.actors.importing import KEEP_IMPORTS_DAYS, imports_purge_old


class Command(BaseCommand):
    help = (
        f"Delete spreadsheet imports finished more than {KEEP_IMPORTS_DAYS} days ago, with "
        "their reports of rejected rows (run daily from cron or a timer)."
    )

    def handle(self, *args, **options):
        deleted = imports_purge_old()
        self.stdout.write(f"{deleted} old imports deleted.")
