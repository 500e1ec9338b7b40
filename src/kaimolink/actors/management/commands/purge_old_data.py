from django.core.management.base import BaseCommand

from kaimolink.actors.importing import KEEP_IMPORTS_DAYS, imports_purge_old
from kaimolink.actors.invitations import KEEP_INVITATIONS_DAYS, invitations_purge_old


class Command(BaseCommand):
    help = (
        f"Delete what is kept only for a while (the worker runs it daily): spreadsheet "
        f"imports finished more than {KEEP_IMPORTS_DAYS} days ago, with their reports of "
        f"rejected rows, and co-editor invitations older than {KEEP_INVITATIONS_DAYS} days."
    )

    def handle(self, *args, **options):
        imports = imports_purge_old()
        invitations = invitations_purge_old()
        self.stdout.write(f"{imports} old imports and {invitations} old invitations deleted.")
