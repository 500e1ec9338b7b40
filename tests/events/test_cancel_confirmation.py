"""Cancelling a registration asks first: a confirmation page, and only its POST cancels."""

import pytest

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration, RegistrationLogEntry
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import LagFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def cancel_url(registration: Registration) -> str:
    return f"/en/events/{registration.event.slug}/registrations/{registration.pk}/cancel/"


def status_of(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_event_page_links_to_the_confirmation_with_a_warning_button(client):
    registration = RegistrationFactory()
    client.force_login(registration.person)
    page = client.get(registration.event.get_absolute_url()).text
    assert (
        f'<a class="button button--warning" href="{cancel_url(registration)}">'
        "Cancel my registration</a>" in page
    )
    assert f'action="{cancel_url(registration)}"' not in page  # no one-tap form any more


def test_get_shows_what_happens_and_changes_nothing(client):
    event = EventFactory(capacity=1, title="Rinkodaros mokymai")
    mine = RegistrationFactory(event=event)
    fill(event, 1, status=RegistrationStatus.WAITING)
    client.force_login(mine.person)
    response = client.get(cancel_url(mine))
    assert response.status_code == 200
    page = response.text
    assert "Cancel your registration for “Rinkodaros mokymai”?" in page
    assert "Your place goes to the first person on the waiting list" in page
    assert 'name="confirmed" value="1"' in page
    assert f'action="{cancel_url(mine)}"' in page
    assert f'href="{event.get_absolute_url()}"' in page  # the way back
    assert status_of(mine) == RegistrationStatus.CONFIRMED
    assert not RegistrationLogEntry.objects.filter(kind="cancelled").exists()


def test_waiting_person_is_told_they_leave_the_waiting_list(client):
    event = EventFactory(capacity=1)
    fill(event, 1)
    mine = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(mine.person)
    assert "You leave the waiting list (you are number 1)." in client.get(cancel_url(mine)).text


def test_post_without_confirmed_shows_the_confirmation_and_does_not_cancel(client):
    mine = RegistrationFactory()
    client.force_login(mine.person)
    for data in ({}, {"confirmed": ""}, {"confirmed": "yes"}):
        response = client.post(cancel_url(mine), data)
        assert response.status_code == 200
        assert 'name="confirmed" value="1"' in response.text
        assert status_of(mine) == RegistrationStatus.CONFIRMED


def test_post_with_confirmed_cancels_and_promotes_the_first_waiting(client):
    event = EventFactory(capacity=1)
    mine = RegistrationFactory(event=event)
    (waiting,) = fill(event, 1, status=RegistrationStatus.WAITING)
    client.force_login(mine.person)
    response = client.post(cancel_url(mine), {"confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert status_of(mine) == RegistrationStatus.CANCELLED
    assert status_of(waiting) == RegistrationStatus.CONFIRMED


def test_someone_elses_registration_is_404_and_unchanged(client):
    theirs = RegistrationFactory()
    client.force_login(UserFactory())
    assert client.get(cancel_url(theirs)).status_code == 404
    assert client.post(cancel_url(theirs), {"confirmed": "1"}).status_code == 404
    assert status_of(theirs) == RegistrationStatus.CONFIRMED


def test_other_lags_coordinator_gets_404(client):
    theirs = RegistrationFactory()
    client.force_login(make_coordinator(LagFactory()))
    response = client.post(cancel_url(theirs), {"confirmed": "1", "reason": "x"})
    assert response.status_code == 404
    assert status_of(theirs) == RegistrationStatus.CONFIRMED


def test_cancelled_registration_is_not_cancelled_twice(client):
    mine = RegistrationFactory(status=RegistrationStatus.CANCELLED)
    client.force_login(mine.person)
    response = client.post(cancel_url(mine), {"confirmed": "1"}, follow=True)
    assert "This registration is already cancelled." in response.text
    assert not RegistrationLogEntry.objects.exists()


def test_coordinator_writes_a_reason_then_confirms(client):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    client.force_login(make_coordinator(event.lags.get()))
    page = client.get(event.get_absolute_url()).text
    assert f'<form method="post" action="{cancel_url(holder)}">' in page  # in the table row
    asked = client.post(cancel_url(holder), {"reason": "Serga"})
    assert asked.status_code == 200
    assert f"Cancel the registration of {holder.person} for" in asked.text
    assert "Reason: Serga" in asked.text
    assert 'name="reason" value="Serga"' in asked.text
    assert status_of(holder) == RegistrationStatus.CONFIRMED
    done = client.post(cancel_url(holder), {"reason": "Serga", "confirmed": "1"})
    assert done.status_code == 302
    assert status_of(holder) == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=holder.pk).cancel_reason == "Serga"


def test_coordinator_without_a_reason_is_told_and_nothing_changes(client):
    event = EventFactory()
    holder = RegistrationFactory(event=event)
    client.force_login(make_coordinator(event.lags.get()))
    for data in ({"reason": "  "}, {"reason": "", "confirmed": "1"}):
        response = client.post(cancel_url(holder), data)
        assert response.status_code == 400
        assert "Write the reason for cancelling this registration." in response.text
        assert status_of(holder) == RegistrationStatus.CONFIRMED
    # Opening the address leads to the participants table, where the reason is written.
    response = client.get(cancel_url(holder))
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url() + "#participants"
    assert status_of(holder) == RegistrationStatus.CONFIRMED


def test_too_long_reason_is_refused_with_the_text_kept(client):
    event = EventFactory()
    holder = RegistrationFactory(event=event)
    client.force_login(make_coordinator(event.lags.get()))
    too_long = "x" * 2001
    response = client.post(cancel_url(holder), {"reason": too_long, "confirmed": "1"})
    assert response.status_code == 400
    assert f"{too_long}</textarea>" in response.text
    assert status_of(holder) == RegistrationStatus.CONFIRMED


def test_cancel_needs_login(client):
    registration = RegistrationFactory()
    response = client.post(cancel_url(registration), {"confirmed": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert status_of(registration) == RegistrationStatus.CONFIRMED
