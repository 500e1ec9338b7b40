"""`kaimolink send_event_reminders`: the e-mail the day before an event.

Run it once a day, e.g. from cron (`15 9 * * * kaimolink send_event_reminders`) or a
systemd timer (`OnCalendar=*-*-* 09:15 Europe/Vilnius`). It is safe to run more often or
on two machines at once: each participant is reminded once (see services.reminders_send).
"""

from django.core.management.base import BaseCommand

from kaimolink.events.services import reminders_send


class Command(BaseCommand):
    help = "E-mail a reminder to the confirmed participants of events starting tomorrow."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
