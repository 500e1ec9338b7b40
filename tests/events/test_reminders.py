"""The reminder e-mail the day before: who gets it, nobody twice, the command."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Registration
from kaimolink.events.services import reminders_send
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")
# 23:30 in Vilnius on 14 May: "tomorrow" is 15 May there, though UTC says 14 May 20:30.
NOW = datetime.datetime(2026, 5, 14, 23, 30, tzinfo=VILNIUS)
TOMORROW = datetime.date(2026, 5, 15)


def event_on(date, **kwargs):
    return EventFactory(days=[(date, datetime.time(10), datetime.time(16))], **kwargs)


@pytest.fixture
def tomorrow_event():
    return event_on(TOMORROW, title="Rinkodaros mokymai Kėdainiuose")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://kaimolink.example.lt"


def send(now=NOW, **kwargs):
    return reminders_send(now=now, **kwargs)


def test_reminders_send_to_confirmed_participants_of_tomorrow(
    tomorrow_event, django_capture_on_commit_callbacks
):
    person = UserFactory(email="ona@example.lt")
    registration = RegistrationFactory(event=tomorrow_event, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        assert send() == 1
    assert [m.to for m in mail.outbox] == [["ona@example.lt"]]
    registration.refresh_from_db()
    assert registration.reminded_at == NOW


def test_reminders_send_in_lithuanian_with_absolute_event_url(
    tomorrow_event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=tomorrow_event)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    message = mail.outbox[0]
    assert "Priminimas" in message.subject and "Kėdainiuose" in message.subject
    assert "rytoj 10:00" in message.body
    assert f"https://kaimolink.example.lt/lt/events/{tomorrow_event.slug}/" in message.body


def test_reminders_send_twice_reminds_nobody_twice(
    tomorrow_event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=tomorrow_event)
    with django_capture_on_commit_callbacks(execute=True):
        assert send() == 1
        assert send() == 0
        assert send(now=NOW + datetime.timedelta(minutes=10)) == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
def test_reminders_send_skips_waiting_and_cancelled(tomorrow_event, status):
    RegistrationFactory(event=tomorrow_event, status=status)
    assert send() == 0
    assert not Registration.objects.filter(reminded_at__isnull=False).exists()


@pytest.mark.parametrize("days", [0, 2, -1])
def test_reminders_send_skips_events_of_other_days(days):
    RegistrationFactory(event=event_on(NOW.date() + datetime.timedelta(days=days)))
    assert send() == 0


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CANCELLED])
def test_reminders_send_skips_unpublished_events(status):
    RegistrationFactory(event=event_on(TOMORROW, status=status))
    assert send() == 0


def test_reminders_send_uses_vilnius_date_not_utc():
    # At 23:30 Vilnius (20:30 UTC, still 14 May) "tomorrow" is 15 May, not 16 May.
    RegistrationFactory(event=event_on(TOMORROW))
    RegistrationFactory(event=event_on(TOMORROW + datetime.timedelta(days=1)))
    assert send(now=NOW.astimezone(datetime.UTC)) == 1


def test_reminders_send_person_without_email_is_marked_not_mailed(tomorrow_event):
    registration = RegistrationFactory(event=tomorrow_event, person=UserFactory(email=""))
    send()
    registration.refresh_from_db()
    assert registration.reminded_at is not None
    assert mail.outbox == []


def test_send_event_reminders_command(capsys, db, django_capture_on_commit_callbacks):
    from django.utils import timezone

    event = event_on(timezone.localdate() + datetime.timedelta(days=1))
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
    assert "1 reminder" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_reminders_send_concurrently_reminds_each_person_once():
    from tests.events.test_concurrency import run_at_once

    event = event_on(TOMORROW)
    people = [RegistrationFactory(event=event).person for _ in range(20)]
    outcomes = run_at_once(lambda _i: send(), range(6))
    assert all(isinstance(n, int) for n in outcomes), outcomes
    assert sum(outcomes) == len(people)
    recipients = [address for message in mail.outbox for address in message.to]
    assert sorted(recipients) == sorted(p.email for p in people)
