from django.core.management.base import BaseCommand

from kaimolink.notifications.services import digest_send


class Command(BaseCommand):
    help = "E-mail the daily digest of notifications (the worker runs it daily)."

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write(f"{sent} digest e-mails sent.")
