"""Organisers register people who are not online: by e-mail, or a new account; consent kept."""

import datetime
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kaimolink.accounts.models import User
from kaimolink.events import services
from kaimolink.events.enums import RegistrationStatus, Visibility
from kaimolink.events.models import Event, Registration, RegistrationLogEntry
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event():
    return EventFactory(capacity=2, questions=["Mitybos poreikiai"])


@pytest.fixture
def coordinator(event):
    return make_coordinator(event.lags.get())


def url(event) -> str:
    return f"/en/events/{event.slug}/register-someone/"


def post(client, event, **data):
    payload = {"consent": "on", **data}
    return client.post(url(event), {k: v for k, v in payload.items() if v is not None})


def test_existing_account_found_by_email_is_registered_with_consent(client, event, coordinator):
    person = UserFactory(email="ona@example.lt", full_name="Ona Onaitė")
    client.force_login(coordinator)
    page = client.get(url(event))
    assert page.status_code == 200 and "Mitybos poreikiai" in page.text
    response = post(client, event, email="ONA@Example.lt", full_name="", answer_0="vegetarė")
    assert response.status_code == 302 and response["Location"] == url(event)
    registration = Registration.objects.get(event=event)
    assert registration.person == person
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.registered_by == coordinator and registration.consent_recorded
    assert registration.answers == {"Mitybos poreikiai": "vegetarė"}
    entry = RegistrationLogEntry.objects.get(registration=registration)
    assert entry.by == coordinator and "consent recorded" in entry.note
    assert User.objects.count() == 2  # no new account
    shown = client.get(response["Location"]).text
    assert "Ona Onaitė is registered: the place is confirmed." in shown
    person.refresh_from_db()
    assert person.full_name == "Ona Onaitė" and person.has_usable_password()


def test_new_person_gets_an_account_that_cannot_log_in(client, event, coordinator):
    client.force_login(coordinator)
    response = post(client, event, email="Jonas@Kaimas.lt", full_name="  Jonas Jonaitis ")
    assert response.status_code == 302
    person = User.objects.get(email="jonas@kaimas.lt")
    assert person.full_name == "Jonas Jonaitis"
    assert not person.has_usable_password()
    assert not client.login(email="jonas@kaimas.lt", password="")
    registration = Registration.objects.get(event=event, person=person)
    assert registration.consent_recorded and registration.registered_by == coordinator
    shown = client.get(url(event)).text
    assert "Jonas Jonaitis is registered" in shown and "Forgot password" in shown


def test_full_event_puts_the_person_on_the_waiting_list_with_the_number(client, event, coordinator):
    fill(event, 2)
    fill(event, 1, RegistrationStatus.WAITING)
    client.force_login(coordinator)
    response = post(client, event, email="petras@example.lt", full_name="Petras Petraitis")
    assert response.status_code == 302
    registration = Registration.objects.get(person__email="petras@example.lt")
    assert registration.status == RegistrationStatus.WAITING
    shown = client.get(url(event)).text
    assert "The event is full: Petras Petraitis is on the waiting list (number 2)." in shown


def test_the_same_person_twice_gets_a_clear_message(client, event, coordinator):
    client.force_login(coordinator)
    assert post(client, event, email="ona@example.lt", full_name="Ona").status_code == 302
    again = post(client, event, email="ona@example.lt", full_name="Ona")
    assert again.status_code == 409
    assert "This person is already registered for this event." in again.text
    assert Registration.objects.filter(event=event).count() == 1
    assert User.objects.filter(email="ona@example.lt").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"consent": None, "email": "ona@example.lt", "full_name": "Ona Onaitė"},
         "registering someone needs their consent"),
        ({"email": "ona@example.lt", "full_name": ""}, "write the person&#x27;s name"),
        ({"email": "", "full_name": ""},
         "or, if they have none, their name"),
        ({"email": "not-an-address", "full_name": "Ona Onaitė"}, "e-mail address like"),
        ({"email": "ona@example.lt", "full_name": "Ona Onaitė", "answer_0": "x" * 1001},
         "at most 1000 characters"),
        ({"email": "ona@example.lt", "full_name": "O" * 151}, "at most 150 characters"),
    ],
)  # fmt: skip
def test_bad_input_answers_400_keeps_the_text_and_saves_nothing(
    client, event, coordinator, data, message
):
    client.force_login(coordinator)
    response = post(client, event, **data)
    assert response.status_code == 400
    assert message in response.text
    if data.get("email"):
        assert f'value="{data["email"]}"' in response.text
    if data.get("full_name") and len(data["full_name"]) < 100:
        assert f'value="{data["full_name"]}"' in response.text
    assert not Registration.objects.exists()
    assert not User.objects.filter(email="ona@example.lt").exists()


def test_empty_post_answers_400_with_messages(client, event, coordinator):
    client.force_login(coordinator)
    response = client.post(url(event))
    assert response.status_code == 400
    assert "registering someone needs their consent" in response.text
    assert not Registration.objects.exists()


def test_consent_is_required_by_the_service_too(event, coordinator):
    with pytest.raises(services.RegistrationError, match="agreed to be registered"):
        services.assisted_registration_create(
            event=event, by=coordinator, email="ona@example.lt", full_name="Ona", consent=False
        )
    assert not User.objects.filter(email="ona@example.lt").exists()
    assert not Registration.objects.exists()


def test_refused_registration_leaves_no_new_account(client, coordinator):
    event = EventFactory(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(make_coordinator(event.lags.get()))
    response = post(client, event, email="naujas@example.lt", full_name="Naujas Žmogus")
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.text
    assert 'value="Naujas Žmogus"' in response.text
    assert not User.objects.filter(email="naujas@example.lt").exists()
    assert not Registration.objects.exists()


def test_on_behalf_of_an_actor_the_person_belongs_to(client, event, coordinator):
    member = UserFactory(email="narys@example.lt")
    actor = ActorFactory(lag=event.lags.get(), owners=[member])
    client.force_login(coordinator)
    response = post(client, event, email="narys@example.lt", actor=str(actor.pk))
    assert response.status_code == 302
    assert Registration.objects.get(event=event).actor == actor


@pytest.mark.parametrize("email", ["svetimas@example.lt", "naujas@example.lt"])
def test_actor_the_person_does_not_belong_to_is_refused(client, event, coordinator, email):
    UserFactory(email="svetimas@example.lt")
    actor = ActorFactory(lag=event.lags.get())
    client.force_login(coordinator)
    response = post(client, event, email=email, full_name="Kažkas", actor=str(actor.pk))
    assert response.status_code == 400
    assert "not a member of that actor" in response.text
    assert not Registration.objects.exists()
    assert not User.objects.filter(email="naujas@example.lt").exists()


def test_actor_of_another_lag_is_not_a_choice(client, event, coordinator):
    member = UserFactory(email="narys@example.lt")
    actor = ActorFactory(owners=[member])  # another LAG's actor
    client.force_login(coordinator)
    response = post(client, event, email="narys@example.lt", actor=str(actor.pk))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_invited_only_event_takes_registrations_by_the_organisers(client):
    event = EventFactory(visibility=Visibility.INVITED)
    client.force_login(make_coordinator(event.lags.get()))
    assert post(client, event, email="kviestas@example.lt", full_name="Kviestas").status_code == 302
    assert Registration.objects.get(event=event).person.email == "kviestas@example.lt"


@pytest.mark.parametrize("who", ["participant", "other_coordinator", "trainer", "stranger"])
def test_others_get_404_and_nothing_is_saved(client, event, who):
    trainer = UserFactory()
    Event.objects.filter(pk=event.pk).update(trainer=trainer)
    people = {
        "participant": lambda: RegistrationFactory(event=event).person,
        "other_coordinator": lambda: make_coordinator(LagFactory()),
        "trainer": lambda: trainer,
        "stranger": UserFactory,
    }
    client.force_login(people[who]())
    assert client.get(url(event)).status_code == 404
    response = post(client, event, email="naujas@example.lt", full_name="Naujas")
    assert response.status_code == 404
    assert not User.objects.filter(email="naujas@example.lt").exists()
    assert Registration.objects.filter(event=event).count() == (1 if who == "participant" else 0)


def test_anonymous_is_sent_to_log_in(client, event):
    response = post(client, event, email="naujas@example.lt", full_name="Naujas")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not User.objects.filter(email="naujas@example.lt").exists()


def test_service_refuses_people_who_do_not_organise(event):
    with pytest.raises(services.RegistrationError, match="may not register other people"):
        services.assisted_registration_create(
            event=event, by=make_coordinator(LagFactory()), email="a@example.lt",
            full_name="A", consent=True,
        )  # fmt: skip
    assert not User.objects.filter(email="a@example.lt").exists()


def test_page_query_count_does_not_grow_with_registrations_or_actors(client, event, coordinator):
    client.force_login(coordinator)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(event)).status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    fill(event, 5)
    for _ in range(10):
        ActorFactory(lag=event.lags.get())
    assert queries() == one


def test_organiser_links_on_the_event_page_only_for_organisers(client, event, coordinator):
    trainer = UserFactory()
    Event.objects.filter(pk=event.pk).update(trainer=trainer)
    links = (url(event), f"/en/events/{event.slug}/capacity/")
    page = event.get_absolute_url()
    assert not any(link in client.get(page).text for link in links)  # anonymous
    for person, expected in [
        (RegistrationFactory(event=event).person, False),
        (make_coordinator(LagFactory()), False),
        (trainer, False),
        (coordinator, True),
        (UserFactory(is_staff=True, is_superuser=True), True),
    ]:
        client.force_login(person)
        text = client.get(page).text
        assert all((link in text) is expected for link in links), person


def test_person_without_email_gets_an_account_without_one(client, event, coordinator):
    client.force_login(coordinator)
    response = post(client, event, email="", full_name="Marytė Be Pašto")
    assert response.status_code == 302
    person = Registration.objects.get(event=event).person
    assert person.email is None and person.full_name == "Marytė Be Pašto"
    assert not person.has_usable_password()
    assert "without an e-mail address" in client.get(url(event)).text
    other = EventFactory(lags=[event.lags.get()])
    assert post(client, other, email="", full_name="Kitas Be Pašto").status_code == 302
    assert User.objects.filter(email__isnull=True).count() == 2  # NULLs do not collide


def test_same_name_without_email_twice_for_one_event_is_refused(client, event, coordinator):
    client.force_login(coordinator)
    assert post(client, event, email="", full_name="Marytė Be Pašto").status_code == 302
    again = post(client, event, email="", full_name="marytė be pašto")
    assert again.status_code == 409
    assert "this name and no e-mail address is already registered" in again.text
    assert Registration.objects.filter(event=event).count() == 1
    assert User.objects.filter(email__isnull=True).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_organisers_registering_the_same_new_person_at_once():
    """One account and one registration, whichever way the two requests interleave."""
    event = EventFactory(capacity=5)
    lag = event.lags.get()
    organisers = [make_coordinator(lag), make_coordinator(lag)]
    barrier = threading.Barrier(2, timeout=10)
    outcomes = []

    def work(by):
        try:
            barrier.wait()
            translation.activate("en")  # each thread has its own active language
            outcomes.append(
                services.assisted_registration_create(
                    event=event,
                    by=by,
                    email="ta.pati@example.lt",
                    full_name="Ta Pati",
                    consent=True,
                )  # fmt: skip
            )
        except services.RegistrationError as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in organisers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert User.objects.filter(email="ta.pati@example.lt").count() == 1
    assert Registration.objects.filter(event=event).count() == 1
    errors = [o for o in outcomes if isinstance(o, services.RegistrationError)]
    assert len(outcomes) == 2 and len(errors) == 1
    assert "already registered" in str(errors[0])
