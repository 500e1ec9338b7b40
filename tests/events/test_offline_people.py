"""People without e-mail: registered again by name and phone they are found, not doubled;
two records of one person merge into one (events.services.offline_people_merge)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.accounts.services import PeopleMergeError
from kaimolink.certificates.models import Certificate
from kaimolink.certificates.services import attendance_certificate_issue
from kaimolink.events import services
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, Registration, RegistrationLogEntry
from kaimolink.events.services import attendance_mark, offline_people_merge
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Submission
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import LagFactory, UserFactory, make_coordinator, offline_person
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def lag():
    return LagFactory()


@pytest.fixture
def coordinator(lag):
    return make_coordinator(lag)


offline = offline_person


def register(event, by, **data):
    return services.assisted_registration_create(event=event, by=by, consent=True, **data)


def held_event(lag, days=1):
    start = timezone.localdate() - datetime.timedelta(days=10)
    return EventFactory(
        lags=[lag],
        status=EventStatus.HELD,
        days=[
            (start + datetime.timedelta(days=n), datetime.time(9), datetime.time(13))
            for n in range(days)
        ],
    )


# --- Found again by name and phone ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "phone"),
    [
        ("Onutė Petraitienė", "+370 612 34567"),
        ("ONUTE PETRAITIENE", "+37061234567"),
        ("onute  petraitiene", "+37061234567"),
        ("Onutė Petraitienė", "+37061234567"),
    ],
)
def test_registering_again_by_name_and_phone_finds_the_first_person(lag, coordinator, name, phone):
    first = register(EventFactory(lags=[lag]), coordinator, full_name="Onutė Petraitienė",
                     phone="+37061234567")  # fmt: skip
    assert first.person_created
    second = register(EventFactory(lags=[lag]), coordinator, full_name=name, phone=phone)

    assert not second.person_created and second.person_found
    assert second.registration.person == first.registration.person
    assert User.objects.filter(email__isnull=True).count() == 1


def test_the_phone_typed_with_8_finds_the_person_typed_with_370(client, lag, coordinator):
    one, two = EventFactory(lags=[lag]), EventFactory(lags=[lag])
    client.force_login(coordinator)
    for event, phone in ((one, "+370 612 34567"), (two, "8 612 34567")):
        response = client.post(
            f"/en/events/{event.slug}/register-someone/",
            {"full_name": "Jonas Jonaitis", "phone": phone, "consent": "on"},
        )
        assert response.status_code == 302
    person = User.objects.get(email__isnull=True)
    assert person.phone == "+37061234567"
    assert set(Registration.objects.values_list("person", flat=True)) == {person.pk}
    shown = client.get(f"/en/events/{two.slug}/register-someone/").text
    assert "the same name and phone found that record" in shown


@pytest.mark.parametrize(
    ("name", "phone"),
    [("Onutė Petraitytė", "+37061234567"), ("Onutė Petraitienė", "+37061234568"),
     ("Onutė Petraitienė", "")],
)  # fmt: skip
def test_another_name_or_phone_makes_another_person(lag, coordinator, name, phone):
    register(EventFactory(lags=[lag]), coordinator, full_name="Onutė Petraitienė",
             phone="+37061234567")  # fmt: skip
    second = register(EventFactory(lags=[lag]), coordinator, full_name=name, phone=phone)
    assert second.person_created
    assert User.objects.filter(email__isnull=True).count() == 2


def test_a_person_with_an_email_address_is_never_found_by_name_and_phone(lag, coordinator):
    UserFactory(email="ona@example.lt", full_name="Onutė Petraitienė", phone="+37061234567")
    result = register(EventFactory(lags=[lag]), coordinator, full_name="Onutė Petraitienė",
                      phone="+37061234567")  # fmt: skip
    assert result.person_created and result.registration.person.email is None


def test_a_phone_that_is_no_number_is_refused_and_nothing_typed_is_lost(client, lag, coordinator):
    event = EventFactory(lags=[lag])
    client.force_login(coordinator)
    response = client.post(
        f"/en/events/{event.slug}/register-someone/",
        {"full_name": "Jonas Jonaitis", "phone": "12345", "consent": "on"},
    )
    assert response.status_code == 400
    assert "Write the phone number like +370 612 34567" in response.text
    assert 'value="Jonas Jonaitis"' in response.text and 'value="12345"' in response.text
    assert not Registration.objects.exists() and not User.objects.filter(email=None).exists()


def test_the_found_person_already_registered_is_refused(lag, coordinator):
    event = EventFactory(lags=[lag])
    register(event, coordinator, full_name="Jonas Jonaitis", phone="861234567")
    with pytest.raises(services.RegistrationError):
        register(event, coordinator, full_name="jonas jonaitis", phone="+37061234567")
    assert Registration.objects.count() == 1


# --- Merge ----------------------------------------------------------------------------------


def test_merge_moves_registrations_attendance_homework_and_certificates(lag, coordinator):
    keep, drop = offline(), offline(name="ONUTE PETRAITIENE", phone="")
    event = held_event(lag)
    registration = RegistrationFactory(event=event, person=drop)
    attendance_mark(registration=registration, day=event.days.get(), present=True, by=coordinator)
    certificate = attendance_certificate_issue(registration=registration, by=coordinator)
    submission = SubmissionFactory(
        assignment=AssignmentFactory(event=event), registration=registration
    )
    other = RegistrationFactory(event=EventFactory(lags=[lag]), person=keep)

    result = offline_people_merge(keep=keep, drop=drop, by=coordinator)

    assert result.kept == keep and result.moved == 1 and result.doubled == []
    assert not User.objects.filter(pk=drop.pk).exists()
    assert set(Registration.objects.values_list("pk", "person")) == {
        (registration.pk, keep.pk),
        (other.pk, keep.pk),
    }
    assert Attendance.objects.get().registration_id == registration.pk
    submission.refresh_from_db()
    certificate.refresh_from_db()
    assert submission.person == keep and certificate.person == keep
    keep.refresh_from_db()
    assert keep.phone == "+37061234567"


def test_merge_of_two_registrations_for_one_event_keeps_one_and_says_so(lag, coordinator):
    keep, drop = offline(), offline()
    event = held_event(lag)
    kept_registration = RegistrationFactory(event=event, person=keep)
    attended = RegistrationFactory(event=event, person=drop)
    attendance_mark(registration=attended, day=event.days.get(), present=True, by=coordinator)

    result = offline_people_merge(keep=keep, drop=drop, by=coordinator)

    assert result.doubled == [event]
    # The registration with the person present stays; the other is cancelled, with a note.
    attended.refresh_from_db()
    kept_registration.refresh_from_db()
    assert attended.person == keep and attended.status == RegistrationStatus.CONFIRMED
    assert kept_registration.status == RegistrationStatus.CANCELLED
    assert kept_registration.cancelled_by == coordinator
    assert "were merged" in kept_registration.cancel_reason
    entry = RegistrationLogEntry.objects.get(registration=kept_registration)
    assert entry.kind == RegistrationLogEntry.Kind.CANCELLED and entry.by == coordinator
    live = Registration.objects.filter(event=event, person=keep).exclude(
        status=RegistrationStatus.CANCELLED
    )
    assert live.count() == 1


def test_merge_of_a_doubled_place_gives_it_to_the_next_person_waiting(lag, coordinator):
    event = EventFactory(lags=[lag], capacity=2)
    keep, drop = offline(), offline()
    RegistrationFactory(event=event, person=keep)
    RegistrationFactory(event=event, person=drop)
    (waiting,) = fill(event, 1, RegistrationStatus.WAITING)

    offline_people_merge(keep=keep, drop=drop, by=coordinator)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


@pytest.mark.parametrize("case", ["self", "email", "staff"])
def test_merge_refuses_what_is_not_two_people_without_email_and_changes_nothing(
    lag, coordinator, case
):
    keep = offline()
    drop = {
        "self": keep,
        "email": UserFactory(full_name="Onutė Petraitienė"),
        "staff": coordinator,
    }[case]
    RegistrationFactory(event=EventFactory(lags=[lag]), person=drop)
    before = sorted(Registration.objects.values_list("pk", "person", "status"))

    with pytest.raises(PeopleMergeError):
        offline_people_merge(keep=keep, drop=drop, by=coordinator)
    with pytest.raises(PeopleMergeError):
        offline_people_merge(keep=drop, drop=keep, by=coordinator)

    assert sorted(Registration.objects.values_list("pk", "person", "status")) == before
    assert User.objects.filter(pk=drop.pk).exists()


def test_merge_refuses_two_hand_ins_waiting_for_the_same_homework_and_changes_nothing(
    lag, coordinator
):
    keep, drop = offline(), offline()
    event = EventFactory(lags=[lag])
    assignment = AssignmentFactory(event=event)
    mine = RegistrationFactory(event=event, person=keep)
    SubmissionFactory(assignment=assignment, registration=mine)
    theirs = RegistrationFactory(event=EventFactory(lags=[lag]), person=drop)
    SubmissionFactory(assignment=assignment, registration=theirs)

    with pytest.raises(PeopleMergeError, match="cannot be merged"):
        offline_people_merge(keep=keep, drop=drop, by=coordinator)

    assert Submission.objects.filter(person=drop, status=SubmissionStatus.SUBMITTED).exists()
    assert Registration.objects.get(pk=theirs.pk).person == drop


def test_merge_keeps_the_one_live_registration_per_person_constraint(lag, coordinator):
    keep, drop = offline(), offline()
    event = EventFactory(lags=[lag])
    RegistrationFactory(event=event, person=keep)
    RegistrationFactory(event=event, person=drop, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, person=drop, status=RegistrationStatus.CANCELLED)

    offline_people_merge(keep=keep, drop=drop, by=coordinator)

    assert Registration.objects.filter(event=event, person=keep).count() == 3
    with pytest.raises(IntegrityError), transaction.atomic():  # the database still guards it
        RegistrationFactory(event=event, person=keep)
    assert not Certificate.objects.exists()
