"""The organisers' page for the number of places: who may open it, bad input, promotions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event, Registration, RegistrationLogEntry
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import LagFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    """Two places, both confirmed, three people waiting."""
    event = EventFactory(capacity=2)
    fill(event, 2)
    fill(event, 3, RegistrationStatus.WAITING)
    return event


def url(event) -> str:
    return f"/en/events/{event.slug}/capacity/"


def counts(event) -> tuple[int, int, int]:
    event.refresh_from_db()
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    return (
        event.capacity,
        statuses.count(RegistrationStatus.CONFIRMED),
        statuses.count(RegistrationStatus.WAITING),
    )


def test_coordinator_sees_the_counts(client, event):
    client.force_login(make_coordinator(event.lags.get()))
    response = client.get(url(event))
    assert response.status_code == 200
    page = response.text
    assert "<dt>Confirmed</dt><dd>2</dd>" in page
    assert "<dt>On the waiting list</dt><dd>3</dd>" in page
    assert 'name="capacity"' in page and 'value="2"' in page


def test_raising_promotes_from_the_waiting_list_and_says_how_many(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = make_coordinator(event.lags.get())
    client.force_login(coordinator)
    first_waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITING
    ).order_by("created_at", "id")[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), {"capacity": "4"}, follow=True)
    assert response.redirect_chain[-1] == (url(event), 302)
    assert counts(event) == (4, 4, 1)
    assert "2 people were moved from the waiting list to confirmed places." in response.text
    assert "The event now has 4 places." in response.text
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED and first_waiting.promoted_at
    log = RegistrationLogEntry.objects.filter(event=event, kind=RegistrationLogEntry.Kind.CAPACITY)
    assert [(e.by, e.note) for e in log] == [(coordinator, "2 → 4")]
    assert len(mailoutbox) == 2  # the promoted people are told
    one_more = client.post(url(event), {"capacity": "5"}, follow=True)
    assert "1 person was moved from the waiting list to a confirmed place." in one_more.text
    assert counts(event) == (5, 5, 0)


def test_lowering_to_the_confirmed_count_is_allowed_without_promotions(client):
    event = EventFactory(capacity=10)
    fill(event, 3)
    client.force_login(make_coordinator(event.lags.get()))
    response = client.post(url(event), {"capacity": "3"}, follow=True)
    assert "The event now has 3 places." in response.text
    assert "moved from the waiting list" not in response.text
    assert counts(event) == (3, 3, 0)


def test_below_the_confirmed_count_is_refused_and_nothing_changes(client, event):
    client.force_login(make_coordinator(event.lags.get()))
    response = client.post(url(event), {"capacity": "1"})
    assert response.status_code == 400
    assert "2 places are already confirmed: the capacity cannot be 1." in response.text
    assert 'value="1"' in response.text  # what was typed stays in the form
    assert counts(event) == (2, 2, 3)
    assert not RegistrationLogEntry.objects.filter(kind=RegistrationLogEntry.Kind.CAPACITY)


@pytest.mark.parametrize("value", [None, "", "abc", "-1", "2.5", "1000001", "9" * 30])
def test_bad_numbers_answer_400_and_change_nothing(client, event, value):
    client.force_login(make_coordinator(event.lags.get()))
    response = client.post(url(event), {} if value is None else {"capacity": value})
    assert response.status_code == 400
    assert "data-error-summary" in response.text
    assert counts(event) == (2, 2, 3)


@pytest.mark.parametrize("who", ["participant", "other_coordinator", "trainer", "stranger"])
def test_others_get_404_and_change_nothing(client, event, who):
    trainer = UserFactory()
    Event.objects.filter(pk=event.pk).update(trainer=trainer)
    people = {
        "participant": Registration.objects.filter(event=event).first().person,
        "other_coordinator": make_coordinator(LagFactory()),
        "trainer": trainer,
        "stranger": UserFactory(),
    }
    client.force_login(people[who])
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), {"capacity": "10"}).status_code == 404
    assert counts(event) == (2, 2, 3)


def test_anonymous_is_sent_to_log_in(client, event):
    response = client.post(url(event), {"capacity": "10"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(url(event)).status_code == 302
    assert counts(event) == (2, 2, 3)


def test_platform_admin_may_change_it(client, event):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.post(url(event), {"capacity": "3"}).status_code == 302
    assert counts(event) == (3, 3, 2)


def test_missing_event_is_404(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/en/events/no-such-event/capacity/").status_code == 404


def test_capacity_page_query_count_does_not_grow_with_registrations(client):
    event = EventFactory(capacity=100)
    RegistrationFactory(event=event)
    client.force_login(make_coordinator(event.lags.get()))

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(event)).status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    fill(event, 30)
    fill(event, 10, RegistrationStatus.WAITING)
    assert queries() == one
