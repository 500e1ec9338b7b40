from django.core.management.base import BaseCommand

from kaimolink.notifications.services import digest_send


class Command(BaseCommand):
    help = "E-mail the daily digest of notifications (run once a day from cron or a timer)."

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write(f"{sent} digest e-mails sent.")
