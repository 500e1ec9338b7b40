"""Event list and page, registering and cancelling through the web: answers and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import Event, EventDay, Registration
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def two_day_event(**kwargs):
    start = timezone.localdate() + datetime.timedelta(days=10)
    days = [
        (start + datetime.timedelta(days=n), datetime.time(9), datetime.time(17)) for n in (0, 1)
    ]
    return EventFactory(days=days, **kwargs)


@pytest.mark.parametrize("url", ["/lt/events/", "/lt/events/?kind=training", "/en/events/?page=1"])
def test_list_runs_constant_queries(client, url):
    lag = LagFactory()
    fill(two_day_event(lags=[lag]), 2)
    one = count_queries(client, url)
    for _ in range(15):
        fill(two_day_event(lags=[lag, LagFactory()]), 3)
    many = count_queries(client, url)
    assert one == many


def test_list_shows_places_left_and_hides_drafts_and_invited(client):
    open_event = EventFactory(title="Rinkodaros mokymai", capacity=10)
    fill(open_event, 3)
    full = EventFactory(title="Pilni mokymai", capacity=1)
    fill(full, 1)
    EventFactory(title="Juodraštis", status=EventStatus.DRAFT)
    EventFactory(title="Uždaras susitikimas", visibility=Visibility.INVITED)
    page = client.get("/lt/events/").content.decode()
    assert "Rinkodaros mokymai" in page and "Pilni mokymai" in page
    assert "Juodraštis" not in page and "Uždaras susitikimas" not in page
    en = client.get("/en/events/").content.decode()
    assert "7 places left" in en
    assert "waiting list" in en


def test_list_filters_by_lag_kind_and_month(client):
    lag = LagFactory()
    mine = EventFactory(title="Mūsų konferencija", kind=EventKind.CONFERENCE, lags=[lag])
    EventFactory(title="Kitų mokymai")
    by_lag = client.get(f"/lt/events/?lag={lag.slug}").content.decode()
    assert "Mūsų konferencija" in by_lag and "Kitų mokymai" not in by_lag
    by_kind = client.get("/lt/events/?kind=conference").content.decode()
    assert "Mūsų konferencija" in by_kind and "Kitų mokymai" not in by_kind
    month = f"{mine.starts_at:%Y-%m}"
    assert "Mūsų konferencija" in client.get(f"/lt/events/?month={month}").content.decode()
    other = "2001-01"
    assert "Mūsų konferencija" not in client.get(f"/lt/events/?month={other}").content.decode()


@pytest.mark.parametrize(
    "query", ["kind=party", "lag=no-such-lag", "month=2026-13", "month=soon", "month=1999-01"]
)
def test_list_bad_filters_answer_400(client, query):
    response = client.get(f"/en/events/?{query}")
    assert response.status_code == 400
    assert "filters are not valid" in response.content.decode()


def test_month_filter_shows_held_events(client):
    past = timezone.localdate() - datetime.timedelta(days=40)
    EventFactory(
        title="Praėję mokymai",
        status=EventStatus.HELD,
        days=[(past, datetime.time(10), datetime.time(12))],
    )
    assert "Praėję mokymai" not in client.get("/lt/events/").content.decode()
    page = client.get(f"/lt/events/?month={past:%Y-%m}").content.decode()
    assert "Praėję mokymai" in page


def test_detail_for_anonymous_has_no_csrf_token_and_links_to_login(client):
    event = two_day_event(title="Socialinės inovacijos")
    response = client.get(event.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in page
    assert "/accounts/login/" in page
    assert page.count("09:00–17:00") == 3  # both programme days, and once at the top
    assert "2 days, 09:00–17:00 each day" in page
    assert not response.cookies


def test_cached_pages_follow_changes(client, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(title="Pirmas pavadinimas", capacity=15)
    assert "Pirmas pavadinimas" in client.get(event.get_absolute_url()).text
    assert "15 places left" in client.get("/en/events/").text
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Naujas pavadinimas"
        event.save()
        RegistrationFactory(event=event)
    assert "Naujas pavadinimas" in client.get(event.get_absolute_url()).text
    assert "14 places left" in client.get("/en/events/").text


def test_draft_is_404_for_visitors_but_seen_by_its_coordinator(client):
    event = EventFactory(status=EventStatus.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(make_coordinator(event.lags.get()))
    assert client.get(event.get_absolute_url()).status_code == 200


def test_missing_event_is_404(client):
    assert client.get("/lt/events/no-such-event/").status_code == 404
    assert client.get("/lt/events/no-such-event/event.ics").status_code == 404


def test_register_then_cancel_through_the_pages(client):
    event = EventFactory(capacity=1, questions=["Mitybos poreikiai"])
    person = UserFactory()
    client.force_login(person)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" in page and "Mitybos poreikiai" in page
    response = client.post(f"/lt/events/{event.slug}/register/", {"answer_0": "be glitimo"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=person)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == {"Mitybos poreikiai": "be glitimo"}
    again = client.post(f"/lt/events/{event.slug}/register/")
    assert again.status_code == 409
    assert Registration.objects.filter(event=event).count() == 1
    url = f"/lt/events/{event.slug}/registrations/{registration.pk}/cancel/"
    assert client.get(url).status_code == 200  # the confirmation page acts on nothing
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    cancel = client.post(url, {"confirmed": "1"})
    assert cancel.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_register_when_full_joins_the_waiting_list(client):
    event = EventFactory(capacity=1)
    fill(event, 1)
    person = UserFactory()
    client.force_login(person)
    response = client.post(f"/lt/events/{event.slug}/register/", follow=True)
    assert response.status_code == 200
    assert Registration.objects.get(person=person).status == RegistrationStatus.WAITING
    assert "(1)" in response.content.decode() or "1)" in response.content.decode()


def test_register_for_someone_elses_actor_is_refused(client):
    from tests.factories import ActorFactory

    event = EventFactory()
    person = UserFactory()
    other_actor = ActorFactory()
    client.force_login(person)
    response = client.post(f"/lt/events/{event.slug}/register/", {"actor": other_actor.pk})
    assert response.status_code == 400  # not among the choices
    assert not Registration.objects.exists()


def test_register_needs_login(client):
    event = EventFactory()
    response = client.post(f"/lt/events/{event.slug}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_get_on_the_register_endpoint_is_405(client):
    event = EventFactory()
    client.force_login(UserFactory())
    assert client.get(f"/lt/events/{event.slug}/register/").status_code == 405


def test_closed_registration_answers_409_and_changes_nothing(client):
    event = EventFactory(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(UserFactory())
    response = client.post(f"/en/events/{event.slug}/register/")
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.text
    assert not Registration.objects.exists()


def test_cancelling_other_peoples_registration_is_404(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    client.force_login(UserFactory())
    url = f"/lt/events/{event.slug}/registrations/{registration.pk}/cancel/"
    assert client.post(url, {"reason": "x"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_other_lags_coordinator_gets_404_and_no_participant_list(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    client.force_login(make_coordinator(LagFactory()))
    page = client.get(event.get_absolute_url()).content.decode()
    assert registration.person.email not in page and str(registration.person) not in page
    url = f"/lt/events/{event.slug}/registrations/{registration.pk}/cancel/"
    assert client.post(url, {"reason": "x"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registration_id_of_another_event_is_404(client):
    event, other = EventFactory(), EventFactory()
    registration = RegistrationFactory(event=other)
    client.force_login(registration.person)
    url = f"/lt/events/{event.slug}/registrations/{registration.pk}/cancel/"
    assert client.post(url).status_code == 404
    assert client.post(f"/lt/events/{event.slug}/registrations/999999/cancel/").status_code == 404


def test_coordinator_sees_participants_and_cancels_with_reason(client):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    coordinator = make_coordinator(event.lags.get())
    client.force_login(coordinator)
    page = client.get(event.get_absolute_url()).content.decode()
    assert str(holder.person) in page and str(waiting.person) in page
    url = f"/lt/events/{event.slug}/registrations/{holder.pk}/cancel/"
    assert client.post(url, {"reason": ""}).status_code == 400  # a reason is required
    asked = client.post(url, {"reason": "Neatvyks"})  # the participants table's form
    assert asked.status_code == 200 and 'name="confirmed"' in asked.text
    assert 'name="reason" value="Neatvyks"' in asked.text
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED
    assert client.post(url, {"reason": "Neatvyks", "confirmed": "1"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_a_refused_cancellation_keeps_the_reason_written(client):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    coordinator = make_coordinator(event.lags.get())
    client.force_login(coordinator)
    url = f"/lt/events/{event.slug}/registrations/{holder.pk}/cancel/"
    too_long = "Serga. " + "x" * 2000
    refused = client.post(url, {"reason": too_long})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f"{too_long}</textarea>" in page
    assert 'role="alert"' in page
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED


def test_trainer_sees_participants_but_cannot_cancel_them(client):
    trainer = UserFactory()
    event = EventFactory(trainer=trainer)
    registration = RegistrationFactory(event=event)
    client.force_login(trainer)
    assert str(registration.person) in client.get(event.get_absolute_url()).content.decode()
    url = f"/lt/events/{event.slug}/registrations/{registration.pk}/cancel/"
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_event_day_must_end_after_it_starts():
    event = EventFactory(days=[])
    day = EventDay(event=event, date=timezone.localdate(), start_time=datetime.time(12),
                   end_time=datetime.time(10))  # fmt: skip
    with pytest.raises(ValidationError, match="end after it starts"):
        day.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        day.save()


def test_one_programme_day_per_date():
    event = EventFactory()
    first = event.days.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        EventDay.objects.create(event=event, date=first.date, start_time=datetime.time(18),
                                end_time=datetime.time(19))  # fmt: skip


def test_negative_capacity_and_backwards_window_refused_by_the_database():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=-1)
    event.registration_opens = timezone.now()
    event.registration_closes = event.registration_opens - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="close after it opens"):
        event.full_clean()


def test_event_dates_follow_the_days():
    start = timezone.localdate() + datetime.timedelta(days=3)
    event = EventFactory(days=[(start, datetime.time(10), datetime.time(16))])
    EventDay.objects.create(event=event, date=start + datetime.timedelta(days=1),
                            start_time=datetime.time(9), end_time=datetime.time(13))  # fmt: skip
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).date() == start
    assert timezone.localtime(event.ends_at).hour == 13
    event.days.order_by("date").last().delete()
    event.refresh_from_db()
    assert timezone.localtime(event.ends_at).hour == 16


def test_slug_made_from_the_lithuanian_title():
    event = EventFactory(title="Šlapaberžės žemės ūkio mokymai")
    assert event.slug == "slapaberzes-zemes-ukio-mokymai"
    assert EventFactory(title="Šlapaberžės žemės ūkio mokymai").slug.endswith("-2")


def test_homework_link_for_confirmed_participants_and_organisers_only(client):
    event = EventFactory()
    participant = RegistrationFactory(event=event).person
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING).person
    coordinator = make_coordinator(event.lags.first())
    page, homework_url = f"/lt/events/{event.slug}/", f"/lt/homework/events/{event.slug}/"

    assert homework_url not in client.get(page).text
    for person, expected in [(participant, True), (waiting, False), (coordinator, True)]:
        client.force_login(person)
        assert (homework_url in client.get(page).text) is expected
