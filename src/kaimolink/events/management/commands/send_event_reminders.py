"""`kaimolink send_event_reminders`: the e-mail the day before an event.

`kaimolink worker` runs it once a day (settings.DAILY_JOBS, docs/deploy.md); by hand it
is safe to run more often or on two machines at once: each participant is reminded once
(see services.reminders_send).
"""

from django.core.management.base import BaseCommand

from kaimolink.events.services import reminders_send


class Command(BaseCommand):
    help = "E-mail a reminder to the confirmed participants of events starting tomorrow."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
