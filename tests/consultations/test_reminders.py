"""`send_consultation_reminders`: both sides, the day before, never twice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kaimolink.consultations.models import Booking
from kaimolink.consultations.services import local_datetime, reminders_send
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.consultations.factories import BookingFactory, SlotFactory

pytestmark = pytest.mark.django_db


def at(days: int, hour: int, minute: int = 0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local_datetime(day, datetime.time(hour, minute))


def booked(starts_at, **kwargs):
    slot = SlotFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1))
    return BookingFactory(slot=slot, **kwargs)


def reminded() -> list[tuple[int, int]]:
    return sorted(
        Notification.objects.filter(kind=Kind.BOOKING_REMINDER).values_list("recipient", "pk")
    )


def test_reminds_both_sides_of_tomorrows_bookings_once(capsys):
    tomorrow_early = booked(at(1, 0, 30))
    tomorrow_late = booked(at(1, 23))
    booked(at(2, 0, 30))  # the day after tomorrow
    booked(at(0, 23))  # later today
    booked(at(1, 10), cancelled_at=timezone.now())  # cancelled
    withdrawn = booked(at(1, 12))
    withdrawn.slot.withdrawn_at = timezone.now()
    withdrawn.slot.save()
    now = local_datetime(timezone.localdate(), datetime.time(9, 15))

    assert reminders_send(now=now) == 2
    recipients = {r for r, _ in reminded()}
    assert recipients == {
        tomorrow_early.person_id,
        tomorrow_early.slot.consultant_id,
        tomorrow_late.person_id,
        tomorrow_late.slot.consultant_id,
    }
    assert set(Booking.objects.filter(reminded_at__isnull=False)) == {tomorrow_early, tomorrow_late}

    first = reminded()
    assert reminders_send(now=now) == 0  # a second run the same day
    assert reminders_send(now=now + datetime.timedelta(hours=3)) == 0
    assert reminded() == first  # nothing sent twice


def test_the_command_runs_daily(capsys):
    booking = booked(timezone.now() + datetime.timedelta(days=1))
    if timezone.localdate(booking.slot.starts_at) != timezone.localdate() + datetime.timedelta(1):
        pytest.skip("run too close to midnight")  # pragma: no cover
    call_command("send_consultation_reminders")
    assert "1 booking(s) reminded." in capsys.readouterr().out
    call_command("send_consultation_reminders")
    assert "0 booking(s) reminded." in capsys.readouterr().out
    assert Notification.objects.filter(kind=Kind.BOOKING_REMINDER).count() == 2
