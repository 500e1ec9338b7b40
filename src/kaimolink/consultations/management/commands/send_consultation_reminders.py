"""`kaimolink send_consultation_reminders`: remind both sides the day before a consultation.

Run it once a day, e.g. from cron (`20 9 * * * kaimolink send_consultation_reminders`) or a
systemd timer. It is safe to run more often or on two machines at once: each booking is
reminded once (see services.reminders_send and Booking.reminded_at).
"""

from django.core.management.base import BaseCommand

from kaimolink.consultations.services import reminders_send


class Command(BaseCommand):
    help = "Remind people and consultants of the consultations booked for tomorrow."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} booking(s) reminded.")
