"""Who sees and changes events and registrations: rules, pages and the admin."""

import pytest

from kaimolink.accounts.models import Coordination
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event, Registration
from kaimolink.events.selectors import event_figures, registration_for_user
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import LagFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lag_a, lag_b, lag_c = LagFactory(), LagFactory(), LagFactory()
    trainer = UserFactory()
    return {
        "lag_a": lag_a,
        "ours": EventFactory(title="A mokymai", lags=[lag_a], trainer=trainer),
        "joint": EventFactory(title="Bendra konferencija", lags=[lag_a, lag_b]),
        "theirs": EventFactory(title="C mokymai", lags=[lag_c]),
        "coordinator_a": make_coordinator(lag_a),
        "coordinator_b": make_coordinator(lag_b),
        "trainer": trainer,
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }


def test_rules_for_events(world):
    ours, joint, theirs = world["ours"], world["joint"], world["theirs"]
    a, b, trainer = world["coordinator_a"], world["coordinator_b"], world["trainer"]
    assert a.has_perm("events.change_event", ours) and a.has_perm("events.change_event", joint)
    assert b.has_perm("events.change_event", joint)
    assert not b.has_perm("events.change_event", ours)
    assert not a.has_perm("events.change_event", theirs)
    assert world["admin"].has_perm("events.change_event", theirs)
    assert trainer.has_perm("events.view_participants", ours)
    assert not trainer.has_perm("events.change_event", ours)
    assert not trainer.has_perm("events.view_participants", joint)
    assert not UserFactory().has_perm("events.view_participants", ours)


def test_participant_sees_only_own_registration(world):
    mine = RegistrationFactory(event=world["ours"])
    other = RegistrationFactory(event=world["ours"])
    person = mine.person
    assert registration_for_user(user=person, event=world["ours"], pk=mine.pk) == mine
    assert registration_for_user(user=person, event=world["ours"], pk=other.pk) is None
    coordinator = world["coordinator_a"]
    assert registration_for_user(user=coordinator, event=world["ours"], pk=other.pk) == other
    assert (
        registration_for_user(user=world["coordinator_b"], event=world["ours"], pk=other.pk) is None
    )


def test_participant_page_shows_only_own_registration(client, world):
    mine = RegistrationFactory(event=world["ours"])
    other = RegistrationFactory(event=world["ours"])
    client.force_login(mine.person)
    page = client.get(world["ours"].get_absolute_url()).text
    assert f"/registrations/{mine.pk}/cancel/" in page
    assert f"/registrations/{other.pk}/cancel/" not in page
    assert str(other.person) not in page


def test_figures_count_every_state():
    event = EventFactory(capacity=2)
    fill(event, 2)
    fill(event, 3, RegistrationStatus.WAITING)
    fill(event, 1, RegistrationStatus.CANCELLED)
    figures = event_figures(event=event)
    assert (figures.registered, figures.confirmed, figures.waiting, figures.cancelled) == (
        6,
        2,
        3,
        1,
    )
    assert figures.live == 5


# --- Django admin -------------------------------------------------------------------------


def test_coordinator_admin_lists_own_and_joint_events_once(client, world):
    # Coordinating both organisers of the joint event must not list it twice.
    Coordination.objects.create(
        user=world["coordinator_a"], lag=world["coordinator_b"].coordinations.get().lag
    )
    client.force_login(world["coordinator_a"])
    response = client.get("/lt/admin/events/event/")
    assert response.status_code == 200
    assert "A mokymai" in response.text
    listed = [event.title for event in response.context["cl"].result_list]
    assert sorted(listed) == ["A mokymai", "Bendra konferencija"]  # once, despite two LAGs
    assert "C mokymai" not in response.text
    theirs = world["theirs"]
    assert client.get(f"/lt/admin/events/event/{theirs.pk}/change/").status_code == 302
    client.post(f"/lt/admin/events/event/{theirs.pk}/delete/", {"post": "yes"})
    assert Event.objects.filter(pk=theirs.pk).exists()
    assert client.get(f"/lt/admin/events/event/{world['joint'].pk}/change/").status_code == 200


def test_second_lags_coordinator_sees_the_joint_event(client, world):
    client.force_login(world["coordinator_b"])
    response = client.get("/lt/admin/events/event/")
    assert "Bendra konferencija" in response.text and "A mokymai" not in response.text


def test_coordinator_admin_lists_only_own_registrations(client, world):
    ours = RegistrationFactory(event=world["ours"])
    theirs = RegistrationFactory(event=world["theirs"])
    client.force_login(world["coordinator_a"])
    response = client.get("/lt/admin/events/registration/")
    assert response.status_code == 200
    assert str(ours.person) in response.text
    assert str(theirs.person) not in response.text
    assert client.get(f"/lt/admin/events/registration/{theirs.pk}/change/").status_code == 302


def test_non_staff_cannot_open_event_admin(client, world):
    client.force_login(world["trainer"])
    response = client.get("/lt/admin/events/event/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Registration.objects.count() == 0


def admin_change_data(event, **changes) -> dict:
    """The change form of an event as the admin would post it back (days left as they are)."""
    day = event.days.get()
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "visibility": event.visibility,
        "description": event.description,
        "lags": [lag.pk for lag in event.lags.all()],
        "settlement": event.settlement_id or "",
        "address": event.address,
        "hours": str(event.hours),
        "capacity": event.capacity,
        "questions": "[]",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "1",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-id": day.pk,
        "days-0-event": event.pk,
        "days-0-date": f"{day.date:%Y-%m-%d}",
        "days-0-start_time": f"{day.start_time:%H:%M}",
        "days-0-end_time": f"{day.end_time:%H:%M}",
        "days-0-programme": "",
    }
    data.update(changes)
    return data


def test_admin_capacity_raise_goes_through_the_service(client, world):
    event = world["ours"]
    event.capacity = 1
    event.save()
    fill(event, 1)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(world["coordinator_a"])
    url = f"/lt/admin/events/event/{event.pk}/change/"
    response = client.post(url, admin_change_data(event, capacity=2))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert event.capacity == 2
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_admin_capacity_below_confirmed_refused(client, world):
    event = world["ours"]
    fill(event, 3)
    client.force_login(world["coordinator_a"])
    url = f"/lt/admin/events/event/{event.pk}/change/"
    response = client.post(url, admin_change_data(event, capacity=2))
    assert response.status_code == 200  # the form again, with the error
    assert "capacity" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.capacity == 15


def test_admin_joint_event_keeps_the_partner_lag_and_one_own(client, world):
    event = world["joint"]
    client.force_login(world["coordinator_a"])
    url = f"/lt/admin/events/event/{event.pk}/change/"
    response = client.post(url, admin_change_data(event, title="Nauja bendra konferencija"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Nauja bendra konferencija"
    assert event.lag_ids == {world["lag_a"].pk, world["coordinator_b"].coordinations.get().lag_id}
    only_partner = [world["coordinator_b"].coordinations.get().lag_id]
    response = client.post(url, admin_change_data(event, lags=only_partner))
    assert response.status_code == 200
    assert "lags" in response.context["adminform"].form.errors
    theirs_lag = world["theirs"].lags.get().pk
    response = client.post(url, admin_change_data(event, lags=[world["lag_a"].pk, theirs_lag]))
    assert response.status_code == 200  # a LAG they neither coordinate nor had is refused
    assert event.lag_ids == {world["lag_a"].pk, world["coordinator_b"].coordinations.get().lag_id}
