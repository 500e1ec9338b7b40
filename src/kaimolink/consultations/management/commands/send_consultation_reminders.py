"""`kaimolink send_consultation_reminders`: remind both sides the day before a consultation.

`kaimolink worker` runs it once a day (settings.DAILY_JOBS, docs/deploy.md); by hand it
is safe to run more often or on two machines at once: each booking is
reminded once (see services.reminders_send and Booking.reminded_at).
"""

from django.core.management.base import BaseCommand

from kaimolink.consultations.services import reminders_send


class Command(BaseCommand):
    help = "Remind people and consultants of the consultations booked for tomorrow."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} booking(s) reminded.")
