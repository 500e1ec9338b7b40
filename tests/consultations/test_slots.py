"""Consultation times and bookings: publishing, booking, cancelling, pages and bad input."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from kaimolink.consultations import services
from kaimolink.consultations.models import Booking, Slot
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.consultations.factories import BookingFactory, ConsultantFactory, SlotFactory, in_days
from tests.factories import ActorFactory, UserFactory
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CONFIRMED = {"confirmed": "1"}
BASE = "/en/consultations/"


def slot_form(days=7, start="10:00", end="11:00", **extra):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return {"date": day.isoformat(), "start": start, "end": end, "mode": "in_person",
            "place": "VVG biuras, Kėdainiai", "note": "Atsineškite sąskaitas"} | extra  # fmt: skip


# --- Publishing times -----------------------------------------------------------------------


def test_consultant_publishes_a_time(client):
    consultant = ConsultantFactory()
    client.force_login(consultant)
    assert client.get(BASE + "times/new/").status_code == 200
    response = client.post(BASE + "times/new/", slot_form())
    assert response.status_code == 302
    slot = Slot.objects.get()
    assert slot.consultant == consultant and slot.ends_at - slot.starts_at == datetime.timedelta(
        hours=1
    )
    assert timezone.localtime(slot.starts_at).hour == 10  # Lithuanian wall-clock time


@pytest.mark.parametrize(
    "data, message",
    [
        (slot_form(days=-1), "must be in the future"),
        (slot_form(start="11:00", end="10:00"), "must end after it starts"),
        (slot_form(start="10:00", end="10:00"), "must end after it starts"),
        (slot_form(start="08:00", end="13:00"), "at most 4 hours"),
        (slot_form(start="10:00", end="10:10"), "at least 15 minutes"),
        (slot_form(days=400), "at most a year ahead"),
        (slot_form(place=""), "Write where"),
        (slot_form(mode="online", place=""), "link of the online meeting"),
        (slot_form(mode="fax"), "Select a valid choice"),
        (slot_form(date="2026-13-45"), "Enter the date as 2026-05-14"),
        (slot_form(start="25:99"), "Enter the time as 14:30"),
        (slot_form(note="n" * 501), "at most 500 characters"),
    ],
)
def test_bad_time_is_refused_and_the_text_kept(client, data, message):
    client.force_login(ConsultantFactory())
    response = client.post(BASE + "times/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert data["note"][:20] in page
    assert not Slot.objects.exists()


def test_overlapping_times_of_one_consultant_are_refused(client):
    consultant = ConsultantFactory()
    SlotFactory(consultant=consultant, starts_at=in_days(7, 10))  # 10:00–11:00
    SlotFactory(starts_at=in_days(7, 10))  # another consultant's: no matter
    client.force_login(consultant)
    response = client.post(BASE + "times/new/", slot_form(start="10:30", end="11:30"))
    assert response.status_code == 400 and "overlaps" in response.content.decode()
    assert Slot.objects.filter(consultant=consultant).count() == 1
    # Touching is not overlapping; a withdrawn time does not block.
    assert (
        client.post(BASE + "times/new/", slot_form(start="11:00", end="12:00")).status_code == 302
    )
    Slot.objects.filter(consultant=consultant).update(withdrawn_at=timezone.now())
    assert (
        client.post(BASE + "times/new/", slot_form(start="10:15", end="10:45")).status_code == 302
    )


def test_only_consultants_publish(client):
    client.force_login(UserFactory())
    assert client.get(BASE + "times/new/").status_code == 403
    assert client.post(BASE + "times/new/", slot_form()).status_code == 403
    assert client.get(BASE + "schedule/").status_code == 403
    assert not Slot.objects.exists()


def test_database_refuses_a_time_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(ends_at=in_days(7, 9))


# --- Booking --------------------------------------------------------------------------------


def test_member_books_for_an_actor_and_both_are_told(client):
    slot = SlotFactory()
    person = UserFactory()
    actor = ActorFactory(owners=[person])
    client.force_login(person)
    page = client.get(BASE + f"times/{slot.pk}/book/").content.decode()
    assert "meet.example.lt" not in page  # the link is for the one who booked
    response = client.post(
        BASE + f"times/{slot.pk}/book/", {"actor": actor.pk, "topic": "PVM ūkininkui"}
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.person, booking.actor, booking.topic) == (person, actor, "PVM ūkininkui")
    told = set(Notification.objects.filter(kind=Kind.BOOKING).values_list("recipient", flat=True))
    assert told == {person.pk, slot.consultant.pk}
    page = client.get(BASE + "bookings/").content.decode()
    assert "meet.example.lt" in page
    # The booked time leaves the public list of free times.
    client.logout()
    assert f"times/{slot.pk}/book/" not in client.get(BASE + "times/").content.decode()


def test_a_booked_time_cannot_be_booked_again(client):
    slot = SlotFactory()
    BookingFactory(slot=slot)
    client.force_login(UserFactory())
    response = client.post(BASE + f"times/{slot.pk}/book/", {"topic": "Mano tema"})
    assert response.status_code == 409
    assert "already booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_database_allows_one_active_booking_per_time():
    slot = SlotFactory()
    BookingFactory(slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(slot=slot)
    BookingFactory(slot=slot, cancelled_at=timezone.now())  # cancelled ones do not count


@pytest.mark.parametrize(
    "case, message",
    [
        ("past", "already started or passed"),
        ("withdrawn", "withdrawn"),
        ("own", "your own"),
        ("overlap", "already have a consultation booked"),
        ("foreign_actor", "Select a valid choice"),
        ("long_topic", "at most 500 characters"),
    ],
)
def test_booking_refusals(client, case, message):
    person = UserFactory()
    slot = SlotFactory()
    data = {"topic": "Mano tema apie mugę"}
    if case == "past":
        Slot.objects.filter(pk=slot.pk).update(
            starts_at=in_days(-1), ends_at=in_days(-1) + datetime.timedelta(hours=1)
        )
    elif case == "withdrawn":
        Slot.objects.filter(pk=slot.pk).update(withdrawn_at=timezone.now())
    elif case == "own":
        person = slot.consultant
    elif case == "overlap":
        other = SlotFactory(starts_at=slot.starts_at + datetime.timedelta(minutes=30))
        BookingFactory(slot=other, person=person)
    elif case == "foreign_actor":
        data["actor"] = ActorFactory().pk
    elif case == "long_topic":
        data["topic"] = "t" * 501
    before = Booking.objects.count()
    client.force_login(person)
    response = client.post(BASE + f"times/{slot.pk}/book/", data)
    assert response.status_code in (400, 409)
    assert message in response.content.decode()
    assert Booking.objects.count() == before
    if case not in ("past", "withdrawn", "own"):  # no form is shown for those
        assert data["topic"][:20] in response.content.decode()


def test_booking_a_missing_time_is_404(client):
    client.force_login(UserFactory())
    assert client.post(BASE + "times/999999/book/", {}).status_code == 404
    assert client.get(BASE + "times/999999/book/").status_code == 404


def test_upcoming_bookings_are_limited():
    person = UserFactory()
    for n in range(services.UPCOMING_BOOKINGS_MAX):
        services.booking_create(slot=SlotFactory(starts_at=in_days(n + 1)), person=person)
    with pytest.raises(services.ConsultationError, match="at most"):
        services.booking_create(slot=SlotFactory(starts_at=in_days(20)), person=person)


# --- Cancelling -----------------------------------------------------------------------------


def test_booking_cancel_asks_to_confirm_before_acting(client):
    booking = BookingFactory()
    client.force_login(booking.person)
    for response in (
        client.get(BASE + f"bookings/{booking.pk}/cancel/"),
        client.post(BASE + f"bookings/{booking.pk}/cancel/"),  # not from the confirm page
    ):
        page = response.content.decode()
        assert response.status_code == 200
        assert 'name="confirmed" value="1"' in page and "button--warning" in page
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_slot_withdraw_asks_to_confirm_with_a_reason_field(client):
    slot = SlotFactory()
    client.force_login(slot.consultant)
    response = client.get(BASE + f"times/{slot.pk}/withdraw/")
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    slot.refresh_from_db()
    assert slot.withdrawn_at is None


def test_person_cancels_and_the_time_is_free_again(client):
    booking = BookingFactory()
    client.force_login(booking.person)
    response = client.post(BASE + f"bookings/{booking.pk}/cancel/", CONFIRMED)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.cancelled_at is not None and booking.cancelled_by == booking.person
    assert Notification.objects.get(kind=Kind.BOOKING).recipient == booking.slot.consultant
    other = UserFactory()
    services.booking_create(slot=booking.slot, person=other)  # free again
    assert Booking.objects.filter(cancelled_at__isnull=True).get().person == other


def test_person_cannot_cancel_once_it_started(client):
    booking = BookingFactory()
    Slot.objects.filter(pk=booking.slot_id).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        ends_at=timezone.now() + datetime.timedelta(minutes=55),
    )
    client.force_login(booking.person)
    response = client.post(BASE + f"bookings/{booking.pk}/cancel/", CONFIRMED)
    assert response.status_code == 409 and "has started" in response.content.decode()
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_consultant_cancels_with_a_reason_and_the_person_is_told(client):
    booking = BookingFactory()
    client.force_login(booking.slot.consultant)
    page = client.get(BASE + "schedule/").content.decode()
    assert booking.person.email in page and "PVM ūkininkui" in page
    response = client.post(BASE + f"bookings/{booking.pk}/cancel/", {**CONFIRMED, "reason": ""})
    assert response.status_code == 409 and "Write the reason" in response.content.decode()
    booking.refresh_from_db()
    assert booking.cancelled_at is None
    response = client.post(
        BASE + f"bookings/{booking.pk}/cancel/", {**CONFIRMED, "reason": "Susirgau"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    booking.slot.refresh_from_db()
    assert booking.cancelled_at is not None and booking.cancel_reason == "Susirgau"
    assert booking.slot.withdrawn_at is not None  # not offered again
    note = Notification.objects.get(kind=Kind.BOOKING)
    assert note.recipient == booking.person and "Susirgau" in note.title


def test_strangers_cannot_see_or_cancel_bookings(client):
    booking = BookingFactory()
    for intruder in (UserFactory(), ConsultantFactory()):
        client.force_login(intruder)
        assert client.post(BASE + f"bookings/{booking.pk}/cancel/", CONFIRMED).status_code == 404
        assert booking.person.email not in client.get(BASE + "bookings/").content.decode()
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_consultant_withdraws_a_free_time_but_not_anothers(client):
    mine = SlotFactory()
    other = SlotFactory()
    client.force_login(mine.consultant)
    assert client.post(BASE + f"times/{other.pk}/withdraw/", CONFIRMED).status_code == 404
    assert client.post(BASE + f"times/{mine.pk}/withdraw/", CONFIRMED).status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.withdrawn_at is not None and other.withdrawn_at is None
    response = client.post(BASE + f"times/{mine.pk}/withdraw/", CONFIRMED)
    assert response.status_code == 409 and "already withdrawn" in response.content.decode()


def test_too_long_reason_is_refused(client):
    booking = BookingFactory()
    client.force_login(booking.slot.consultant)
    response = client.post(
        BASE + f"bookings/{booking.pk}/cancel/", {**CONFIRMED, "reason": "r" * 2001}
    )
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.cancelled_at is None


# --- Pages ----------------------------------------------------------------------------------


def test_free_times_page_is_public_and_filters_by_consultant(client):
    a, b = SlotFactory(note="Pirmas konsultantas"), SlotFactory(note="Antras konsultantas")
    SlotFactory(note="Praėjęs", starts_at=in_days(-2))
    SlotFactory(note="Atšauktas", withdrawn_at=timezone.now())
    page = client.get(BASE + "times/").content.decode()
    assert "Pirmas" in page and "Antras" in page
    assert "Praėjęs" not in page and "Atšauktas" not in page
    assert "csrfmiddlewaretoken" not in page
    page = client.get(BASE + f"times/?consultant={a.consultant.pk}").content.decode()
    assert "Pirmas" in page and "Antras" not in page
    for bad in ("?consultant=x", f"?consultant={UserFactory().pk}", "?consultant=99999999"):
        assert client.get(BASE + "times/" + bad).status_code == 400
    assert b


def test_slot_list_queries_are_constant(client):
    SlotFactory()
    one = count_queries(client, BASE + "times/")
    for n in range(12):
        slot = SlotFactory(starts_at=in_days(n + 1, 14))
        if n % 3 == 0:
            BookingFactory(slot=slot)
    assert count_queries(client, BASE + "times/") == one


def test_schedule_and_my_bookings_queries_are_constant(client):
    consultant = ConsultantFactory()
    person = UserFactory()
    BookingFactory(slot=SlotFactory(consultant=consultant), person=person)
    client.force_login(consultant)
    schedule_one = count_queries(client, BASE + "schedule/")
    client.force_login(person)
    mine_one = count_queries(client, BASE + "bookings/")
    for n in range(8):
        BookingFactory(
            slot=SlotFactory(consultant=consultant, starts_at=in_days(n + 1, 15)),
            person=person,
            actor=ActorFactory(),
        )
    assert count_queries(client, BASE + "bookings/") == mine_one
    client.force_login(consultant)
    assert count_queries(client, BASE + "schedule/") == schedule_one


def test_slot_errors_in_lithuanian(client):
    client.force_login(ConsultantFactory())
    with translation.override("lt"):
        response = client.post("/lt/consultations/times/new/", slot_form(days=-2))
    assert response.status_code == 400
    assert "Konsultacijos laikas turi būti ateityje." in response.content.decode()
