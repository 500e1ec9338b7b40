"""The organisers' writes of events and series (events/editing.py), the desk's one path."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from kaimolink.events import editing
from kaimolink.events.editing import DayPlan, EventEditError
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Event, EventSeries, RegistrationLogEntry
from kaimolink.events.services import attendance_mark
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, SettlementFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db

TEN, FOUR = datetime.time(10), datetime.time(16)


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def lag():
    return LagFactory()


@pytest.fixture
def coordinator(lag):
    return make_coordinator(lag)


def _create(by, lags, days=None, **values):
    values = {"title": "Mokymai", "kind": "training", **values}
    return editing.event_create(
        by=by,
        values=values,
        lags=lags,
        days=days if days is not None else [DayPlan(_in(5), TEN, FOUR)],
        capacity=10,
    )


def test_event_create_makes_the_slug_and_the_dates(coordinator, lag):
    event = _create(
        coordinator, [lag], days=[DayPlan(_in(6), TEN, FOUR), DayPlan(_in(5), TEN, FOUR)]
    )
    assert event.slug == "mokymai"
    assert event.status == EventStatus.DRAFT
    assert event.starts_at.date() == _in(5) and event.ends_at.date() == _in(6)
    assert _create(coordinator, [lag]).slug == "mokymai-2"


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([], "bent vieną dieną"),
        ([DayPlan(_in(5), FOUR, TEN)], "Dienos pabaiga"),
        ([DayPlan(_in(5), TEN, FOUR), DayPlan(_in(5), TEN, FOUR)], "savo datą"),
    ],
    ids=["no-day", "end-before-start", "same-date"],
)
def test_event_create_refuses_a_bad_programme(coordinator, lag, days, message):
    with pytest.raises(EventEditError, match=message) as caught:
        _create(coordinator, [lag], days=days)
    assert caught.value.field == "days"
    assert not Event.objects.exists()


def test_event_create_refuses_another_coordinators_lag(coordinator):
    with pytest.raises(EventEditError) as caught:
        _create(coordinator, [LagFactory()])
    assert caught.value.field == "lags"
    assert not Event.objects.exists()


def test_event_create_refuses_a_settlement_outside_the_lags(coordinator, lag):
    with pytest.raises(EventEditError) as caught:
        _create(coordinator, [lag], settlement=SettlementFactory())
    assert caught.value.field == "settlement"


def test_event_update_keeps_a_joint_events_partner_lag(coordinator, lag):
    partner = LagFactory()
    event = EventFactory(lags=[lag, partner])
    updated = editing.event_update(
        event=event,
        by=coordinator,
        values={"title": "Bendri mokymai"},
        lags=[lag, partner],
        days=[DayPlan(_in(9), TEN, FOUR)],
        capacity=15,
    )
    assert set(updated.lags.all()) == {lag, partner}
    assert updated.title == "Bendri mokymai"
    with pytest.raises(EventEditError, match="kurią koordinuojate"):
        editing.event_update(
            event=event, by=coordinator, values={}, lags=[partner],
            days=[DayPlan(_in(9), TEN, FOUR)], capacity=15,
        )  # fmt: skip


def test_event_update_refuses_to_remove_a_day_with_attendance(coordinator, lag):
    event = EventFactory(lags=[lag], days=[(_in(-1), TEN, FOUR), (_in(0), TEN, FOUR)])
    first = event.days.first()
    attendance_mark(
        registration=RegistrationFactory(event=event), day=first, present=True, by=coordinator
    )
    with pytest.raises(EventEditError, match="lankomumas") as caught:
        editing.event_update(
            event=event, by=coordinator, values={}, lags=[lag],
            days=[DayPlan(_in(0), TEN, FOUR)], capacity=15,
        )  # fmt: skip
    assert caught.value.field == "days"
    assert event.days.count() == 2


def test_event_update_more_places_confirms_the_waiting_list(
    coordinator, lag, django_capture_on_commit_callbacks
):
    event = EventFactory(lags=[lag], capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        editing.event_update(
            event=event, by=coordinator, values={}, lags=[lag],
            days=[DayPlan(d.date, d.start_time, d.end_time) for d in event.days.all()],
            capacity=2,
        )  # fmt: skip
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.person.email]]


def test_event_update_by_another_lags_coordinator_is_refused(lag):
    event = EventFactory(lags=[lag])
    stranger = make_coordinator(LagFactory())
    with pytest.raises(EventEditError):
        editing.event_update(
            event=event, by=stranger, values={"title": "Kita"}, lags=[lag],
            days=[DayPlan(_in(3), TEN, FOUR)], capacity=15,
        )  # fmt: skip
    event.refresh_from_db()
    assert event.title != "Kita"


def test_event_copy_moves_the_days_and_leaves_the_registrations(coordinator, lag):
    event = EventFactory(
        lags=[lag],
        days=[(_in(3), TEN, FOUR), (_in(5), datetime.time(9), datetime.time(12))],
        questions=["Mityba"],
        registration_closes=timezone.now() + datetime.timedelta(days=2),
    )
    RegistrationFactory(event=event)
    copy = editing.event_copy(source=event, by=coordinator, first_date=_in(30))
    assert copy.status == EventStatus.DRAFT and copy.slug != event.slug
    assert [(d.date, d.start_time) for d in copy.days.all()] == [
        (_in(30), TEN),
        (_in(32), datetime.time(9)),
    ]
    assert copy.questions == ["Mityba"]
    assert copy.registration_closes is None
    assert not copy.registrations.exists()


def test_event_cancel_tells_the_registered_and_names_those_without_an_address(
    coordinator, lag, django_capture_on_commit_callbacks
):
    event = EventFactory(lags=[lag])
    confirmed = RegistrationFactory(event=event)
    offline = RegistrationFactory(event=event, person=UserFactory(email=None))
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        done = editing.event_cancel(event=event, by=coordinator, reason="Lektorius suserga")
    assert done.event.status == EventStatus.CANCELLED
    assert [r.pk for r in done.told] == [confirmed.pk]
    assert [r.pk for r in done.without_email] == [offline.pk]
    assert [m.to for m in mail.outbox] == [[confirmed.person.email]]
    assert "Lektorius suserga" in mail.outbox[0].body
    assert RegistrationLogEntry.objects.filter(
        event=event, kind=RegistrationLogEntry.Kind.CANCELLED, note="Lektorius suserga"
    ).exists()
    with pytest.raises(EventEditError, match="jau atšauktas"):
        editing.event_cancel(event=event, by=coordinator, reason="Dar kartą")


def test_event_cancel_rolled_back_tells_nobody(
    coordinator, lag, django_capture_on_commit_callbacks
):
    event = EventFactory(lags=[lag])
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            editing.event_cancel(event=event, by=coordinator, reason="Liga")
            raise RuntimeError
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert mail.outbox == []


def test_event_cancel_needs_a_reason(coordinator, lag):
    event = EventFactory(lags=[lag])
    with pytest.raises(EventEditError) as caught:
        editing.event_cancel(event=event, by=coordinator, reason="  ")
    assert caught.value.field == "reason"
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_series_update_by_another_lags_coordinator_is_refused(coordinator, lag):
    series = EventSeries.objects.create(title="Ciklas")
    series.lags.set([LagFactory()])
    with pytest.raises(EventEditError):
        editing.series_update(series=series, by=coordinator, title="Mano", lags=[lag])
    series.refresh_from_db()
    assert series.title == "Ciklas"
