"""Registration, cancellation, waiting list and capacity through the services."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaimolink.events import services
from kaimolink.events.enums import EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import Registration, RegistrationLogEntry
from kaimolink.events.selectors import event_figures
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import ActorFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


CONFIRMED, WAITING, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
)


def test_registration_confirmed_while_places_are_free():
    event = EventFactory(capacity=2)
    registration = services.registration_create(event=event, person=UserFactory())
    assert registration.status == CONFIRMED
    assert registration.registered_by == registration.person
    log = RegistrationLogEntry.objects.get(registration=registration)
    assert log.kind == RegistrationLogEntry.Kind.CREATED


def test_registration_waits_when_full():
    event = EventFactory(capacity=1)
    first = services.registration_create(event=event, person=UserFactory())
    second = services.registration_create(event=event, person=UserFactory())
    assert (first.status, second.status) == (CONFIRMED, WAITING)
    figures = event_figures(event=event)
    assert (figures.registered, figures.confirmed, figures.waiting) == (2, 1, 1)


def test_registration_twice_refused_with_a_clear_message():
    event = EventFactory()
    person = UserFactory()
    services.registration_create(event=event, person=person)
    with pytest.raises(services.RegistrationError, match="already registered"):
        services.registration_create(event=event, person=person)
    assert Registration.objects.filter(event=event, person=person).count() == 1


def test_registration_again_after_cancelling_is_allowed():
    event = EventFactory()
    person = UserFactory()
    first = services.registration_create(event=event, person=person)
    services.registration_cancel(registration=first, by=person)
    again = services.registration_create(event=event, person=person)
    assert again.status == CONFIRMED
    assert Registration.objects.filter(event=event, person=person).count() == 2


def test_database_refuses_two_live_registrations_of_one_person():
    event = EventFactory()
    person = UserFactory()
    RegistrationFactory(event=event, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, person=person, status=WAITING)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"registration_opens": timezone.now() + datetime.timedelta(days=1)}, "not opened yet"),
        ({"registration_closes": timezone.now() - datetime.timedelta(minutes=1)}, "closed"),
        ({"status": EventStatus.DRAFT}, "not open"),
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"status": EventStatus.HELD}, "not open"),
        ({"visibility": Visibility.INVITED}, "by invitation"),
    ],
)
def test_registration_refused_outside_the_window(changes, message):
    event = EventFactory()
    for name, value in changes.items():
        setattr(event, name, value)
    event.save()
    with pytest.raises(services.RegistrationError, match=message):
        services.registration_create(event=event, person=UserFactory())
    assert not Registration.objects.exists()


def test_registration_refused_for_an_event_in_the_past():
    past = timezone.localdate() - datetime.timedelta(days=3)
    event = EventFactory(days=[(past, datetime.time(10), datetime.time(12))])
    with pytest.raises(services.RegistrationError, match="closed"):
        services.registration_create(event=event, person=UserFactory())


def test_registration_refused_for_an_event_without_days():
    event = EventFactory(days=[])
    with pytest.raises(services.RegistrationError, match="closed"):
        services.registration_create(event=event, person=UserFactory())


def test_registration_for_an_actor_needs_membership():
    event = EventFactory()
    person = UserFactory()
    mine, other = ActorFactory(owners=[person]), ActorFactory()
    with pytest.raises(services.RegistrationError, match="actor you belong to"):
        services.registration_create(event=event, person=person, actor=other)
    registration = services.registration_create(event=event, person=person, actor=mine)
    assert registration.actor == mine


def test_answers_kept_and_unknown_questions_refused():
    event = EventFactory(questions=["Mitybos poreikiai"])
    person = UserFactory()
    with pytest.raises(services.RegistrationError):
        services.registration_create(event=event, person=person, answers={"Kita": "x"})
    registration = services.registration_create(
        event=event, person=person, answers={"Mitybos poreikiai": " vegetariškas "}
    )
    assert registration.answers == {"Mitybos poreikiai": "vegetariškas"}


def test_assisted_registration_by_coordinator_records_consent():
    event = EventFactory()
    coordinator = make_coordinator(event.lags.get())
    person = UserFactory()
    with pytest.raises(services.RegistrationError, match="agreed"):
        services.registration_create(event=event, person=person, by=coordinator)
    registration = services.registration_create(
        event=event, person=person, by=coordinator, consent=True
    )
    assert registration.registered_by == coordinator
    assert registration.consent_recorded is True


def test_assisted_registration_refused_to_other_people():
    event = EventFactory()
    stranger, other_coordinator = UserFactory(), make_coordinator(EventFactory().lags.get())
    for by in (stranger, other_coordinator):
        with pytest.raises(services.RegistrationError, match="other people"):
            services.registration_create(event=event, person=UserFactory(), by=by, consent=True)
    assert not Registration.objects.filter(event=event).exists()


def test_coordinator_registers_people_for_an_invited_event():
    event = EventFactory(visibility=Visibility.INVITED)
    coordinator = make_coordinator(event.lags.get())
    registration = services.registration_create(
        event=event, person=UserFactory(), by=coordinator, consent=True
    )
    assert registration.status == CONFIRMED


def test_cancel_promotes_the_earliest_waiting_and_mails_after_commit(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    holder = services.registration_create(event=event, person=UserFactory())
    first_waiting = services.registration_create(event=event, person=UserFactory())
    second_waiting = services.registration_create(event=event, person=UserFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.registration_cancel(registration=holder, by=holder.person)
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == CONFIRMED and first_waiting.promoted_at is not None
    assert second_waiting.status == WAITING
    assert [m.to for m in mail.outbox] == [[first_waiting.person.email]]
    assert event.title in mail.outbox[0].subject
    assert RegistrationLogEntry.objects.filter(
        registration=first_waiting, kind=RegistrationLogEntry.Kind.PROMOTED
    ).exists()


def test_promotion_rolled_back_sends_nothing(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    holder = services.registration_create(event=event, person=UserFactory())
    waiting = services.registration_create(event=event, person=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.registration_cancel(registration=holder, by=holder.person)
            raise RuntimeError
    waiting.refresh_from_db()
    assert waiting.status == WAITING
    assert mail.outbox == []


def test_cancelling_a_waiting_place_promotes_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    services.registration_create(event=event, person=UserFactory())
    waiting = services.registration_create(event=event, person=UserFactory())
    later = services.registration_create(event=event, person=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=waiting, by=waiting.person)
    later.refresh_from_db()
    assert later.status == WAITING
    assert mail.outbox == []


def test_nobody_is_promoted_into_a_cancelled_event(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    holder = services.registration_create(event=event, person=UserFactory())
    waiting = services.registration_create(event=event, person=UserFactory())
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holder, by=holder.person)
    waiting.refresh_from_db()
    assert waiting.status == WAITING
    assert mail.outbox == []


def test_participant_cannot_cancel_after_the_start():
    today = timezone.localdate()
    event = EventFactory(days=[(today, datetime.time(0, 0), datetime.time(23, 59))])
    registration = RegistrationFactory(event=event)
    with pytest.raises(services.RegistrationError, match="started"):
        services.registration_cancel(registration=registration, by=registration.person)
    registration.refresh_from_db()
    assert registration.status == CONFIRMED


def test_coordinator_cancels_any_time_with_a_reason():
    today = timezone.localdate()
    event = EventFactory(days=[(today, datetime.time(0, 0), datetime.time(23, 59))])
    coordinator = make_coordinator(event.lags.get())
    registration = RegistrationFactory(event=event)
    with pytest.raises(services.RegistrationError, match="reason"):
        services.registration_cancel(registration=registration, by=coordinator)
    services.registration_cancel(registration=registration, by=coordinator, reason="Serga")
    registration.refresh_from_db()
    assert registration.status == CANCELLED
    assert (registration.cancelled_by, registration.cancel_reason) == (coordinator, "Serga")


def test_other_lags_coordinator_cannot_cancel():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    outsider = make_coordinator(EventFactory().lags.get())
    with pytest.raises(services.RegistrationError, match="may not"):
        services.registration_cancel(registration=registration, by=outsider, reason="x")
    registration.refresh_from_db()
    assert registration.status == CONFIRMED


def test_coordinator_of_one_of_the_joint_lags_may_cancel():
    first, second = EventFactory().lags.get(), EventFactory().lags.get()
    event = EventFactory(lags=[first, second])
    registration = RegistrationFactory(event=event)
    services.registration_cancel(
        registration=registration, by=make_coordinator(second), reason="Dublikatas"
    )
    registration.refresh_from_db()
    assert registration.status == CANCELLED


def test_cancelling_twice_refused():
    registration = RegistrationFactory()
    services.registration_cancel(registration=registration, by=registration.person)
    with pytest.raises(services.RegistrationError, match="already cancelled"):
        services.registration_cancel(registration=registration, by=registration.person)


def test_raising_capacity_promotes_in_order(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    coordinator = make_coordinator(event.lags.get())
    services.registration_create(event=event, person=UserFactory())
    waiting = [services.registration_create(event=event, person=UserFactory()) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.event_set_capacity(event=event, capacity=3, by=coordinator)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [CONFIRMED, CONFIRMED, WAITING]
    assert len(mail.outbox) == 2
    event.refresh_from_db()
    assert event.capacity == 3


def test_capacity_below_confirmed_refused_and_nothing_changes():
    event = EventFactory(capacity=5)
    coordinator = make_coordinator(event.lags.get())
    fill(event, 4)
    with pytest.raises(services.RegistrationError, match="already confirmed"):
        services.event_set_capacity(event=event, capacity=3, by=coordinator)
    event.refresh_from_db()
    assert event.capacity == 5
    services.event_set_capacity(event=event, capacity=4, by=coordinator)
    event.refresh_from_db()
    assert event.capacity == 4


def test_capacity_change_refused_to_outsiders():
    event = EventFactory(capacity=5)
    for by in (UserFactory(), make_coordinator(EventFactory().lags.get())):
        with pytest.raises(services.RegistrationError, match="may not"):
            services.event_set_capacity(event=event, capacity=9, by=by)
    event.refresh_from_db()
    assert event.capacity == 5


def test_negative_capacity_refused():
    event = EventFactory(capacity=5)
    with pytest.raises(services.RegistrationError):
        services.event_set_capacity(event=event, capacity=-1, by=make_coordinator(event.lags.get()))
