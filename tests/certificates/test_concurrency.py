"""Certificates issued at the same moment get distinct numbers (real PostgreSQL)."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.certificates.models import Certificate
from kaimolink.certificates.services import attendance_certificate_issue
from kaimolink.events.enums import EventStatus
from kaimolink.events.models import Attendance
from tests.events.factories import EventFactory, RegistrationFactory
from tests.events.test_concurrency import run_at_once
from tests.factories import LagFactory, make_coordinator

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_certificate_issue_at_once_gives_unique_numbers_and_one_per_registration():
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    day = timezone.localdate() - datetime.timedelta(days=3)
    event = EventFactory(
        lags=[lag], status=EventStatus.HELD, days=[(day, datetime.time(9), datetime.time(17))]
    )
    registrations = [RegistrationFactory(event=event) for _ in range(12)]
    for registration in registrations:
        Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    # Every registration twice: distinct people race for numbers, pairs race for one row.
    outcomes = run_at_once(
        lambda r: attendance_certificate_issue(registration=r, by=coordinator),
        registrations * 2,
    )
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    assert Certificate.objects.count() == len(registrations)
    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == len(registrations)
