"""Events, days and registrations built through the models (see tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import Event, EventDay, Registration
from tests.factories import LagFactory, SettlementFactory, UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A published public training a week ahead, one day 10:00–16:00, 15 places.

    `lags=[...]` sets the organisers (one new LAG by default); `days=[(date, start, end)]`
    the programme (an empty list: no days).
    """

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mokymai nr. {n}")
    kind = EventKind.TRAINING
    description = "Rinkodara kaimo verslui."
    settlement = factory.SubFactory(SettlementFactory)
    address = "Kultūros namai, Mokyklos g. 1"
    hours = 8
    capacity = 15
    visibility = Visibility.PUBLIC
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def lags(obj, create, extracted, **kwargs):
        if create:
            obj.lags.set(extracted if extracted is not None else [LagFactory()])

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            date = timezone.localdate() + datetime.timedelta(days=7)
            extracted = [(date, datetime.time(10), datetime.time(16))]
        for date, start, end in extracted:
            EventDay.objects.create(event=obj, date=date, start_time=start, end_time=end)
        obj.refresh_dates()


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A row written directly (no capacity check): for arranging a state, not for testing it."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


def fill(event, n, status=RegistrationStatus.CONFIRMED):
    return [RegistrationFactory(event=event, status=status) for _ in range(n)]
