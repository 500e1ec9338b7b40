import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.actors.enums import ActorType
from kaimolink.contactfair import services
from kaimolink.contactfair.models import FairParticipant, MeetingRequest
from kaimolink.events.enums import RegistrationStatus
from tests.contactfair.factories import fair_event, participant
from tests.events.factories import RegistrationFactory
from tests.factories import ActorFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db


def fair_url(event, rest=""):
    return f"/lt/contact-fair/{event.slug}/{rest}"


def test_fair_page_participant_sees_others_without_contacts(client):
    event = fair_event()
    me = participant(event)
    other = participant(
        event, offers="Sūris ir pienas", email="actor@example.lt", phone="+37060000000"
    )
    client.force_login(me.registration.person)

    page = client.get(fair_url(event)).content.decode()

    assert other.actor.name in page and "Sūris ir pienas" in page
    assert other.actor.get_actor_type_display() in page
    for secret in (
        other.registration.person.email,
        "actor@example.lt",
        "+37060000000",
        me.registration.person.email,
    ):
        assert secret not in page


@pytest.mark.parametrize("who", ["anonymous", "stranger", "registrant_not_joined", "other_fair"])
def test_fair_page_others_get_404(client, who):
    event = fair_event()
    participant(event)
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "registrant_not_joined":
        client.force_login(RegistrationFactory(event=event).person)
    elif who == "other_fair":
        client.force_login(participant(fair_event()).registration.person)
    response = client.get(fair_url(event))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_fair_page_participant_whose_registration_was_cancelled_gets_404(client):
    event = fair_event()
    me = participant(event)
    me.registration.status = RegistrationStatus.CANCELLED
    me.registration.save(update_fields=["status"])
    client.force_login(me.registration.person)
    assert client.get(fair_url(event)).status_code == 404


def test_fair_page_coordinator_and_trainer_see_it(client):
    trainer = UserFactory()
    event = fair_event(trainer=trainer)
    p = participant(event)
    for user in (make_coordinator(event.lags.first()), trainer):
        client.force_login(user)
        response = client.get(fair_url(event))
        assert response.status_code == 200
        assert p.actor.name in response.content.decode()


def test_fair_page_coordinator_of_other_lag_gets_404(client):
    event = fair_event()
    other = fair_event()
    client.force_login(make_coordinator(other.lags.first()))
    assert client.get(fair_url(event)).status_code == 404


def test_fair_page_filters_by_type_and_folded_text(client):
    event = fair_event()
    me = participant(event, actor=False, pitch="Ieškau partnerių")
    farmer = participant(event, actor_type=ActorType.FARMER, offers="Šviežios žuvys")
    sme = participant(event, actor_type=ActorType.SME, offers="Kompiuteriai")
    client.force_login(me.registration.person)

    by_type = client.get(fair_url(event), {"actor_type": ActorType.FARMER}).content.decode()
    assert farmer.actor.name in by_type and sme.actor.name not in by_type
    by_text = client.get(fair_url(event), {"q": "SVIEZIOS zuvys"}).content.decode()
    assert farmer.actor.name in by_text and sme.actor.name not in by_text
    assert client.get(fair_url(event), {"actor_type": "nonsense"}).status_code == 400


def test_fair_page_paginated(client):
    event = fair_event()
    me = participant(event, actor=False)
    for _ in range(21):
        participant(event, actor=False)
    client.force_login(me.registration.person)
    assert client.get(fair_url(event)).context["page"].paginator.num_pages == 2
    assert client.get(fair_url(event), {"page": "999"}).status_code == 200


def _fair_queries(client, event, n) -> int:
    me = participant(event)
    for _ in range(n):
        other = participant(event)
        services.meeting_request_create(sender=me, receiver=other)
        services.meeting_request_create(sender=other, receiver=me)
    client.force_login(me.registration.person)
    client.get(fair_url(event))  # warm caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(fair_url(event)).status_code == 200
    return len(ctx.captured_queries)


def test_fair_page_query_count_constant(client):
    one = _fair_queries(client, fair_event(), 1)
    many = _fair_queries(client, fair_event(), 15)
    assert one == many
    assert one <= 15


def test_join_page_and_post(client):
    event = fair_event()
    registration = RegistrationFactory(event=event)
    actor = ActorFactory(owners=[registration.person], offers="Medus")
    client.force_login(registration.person)
    page = client.get(fair_url(event, "join/"))
    assert page.status_code == 200 and actor.name in page.content.decode()

    response = client.post(fair_url(event, "join/"), {"actor": actor.pk, "pitch": ""})

    assert response.status_code == 302
    joined = FairParticipant.objects.get()
    assert joined.actor == actor and "Medus" in joined.pitch


def test_join_for_actor_of_someone_else_is_400(client):
    event = fair_event()
    person = RegistrationFactory(event=event).person
    client.force_login(person)
    response = client.post(fair_url(event, "join/"), {"actor": ActorFactory().pk})
    assert response.status_code == 400
    assert not FairParticipant.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, None])
def test_join_without_confirmed_place_is_404(client, status):
    event = fair_event()
    person = RegistrationFactory(event=event, status=status).person if status else UserFactory()
    client.force_login(person)
    assert client.get(fair_url(event, "join/")).status_code == 404
    assert client.post(fair_url(event, "join/"), {}).status_code == 404
    assert not FairParticipant.objects.exists()


def test_leave_deletes_participant(client):
    event = fair_event()
    me = participant(event)
    client.force_login(me.registration.person)
    page = client.get(fair_url(event, "leave/"))
    assert page.status_code == 200 and 'name="confirmed"' in page.content.decode()
    assert client.post(fair_url(event, "leave/")).status_code == 200  # asks again
    assert FairParticipant.objects.exists()
    assert client.post(fair_url(event, "leave/"), {"confirmed": "1"}).status_code == 302
    assert not FairParticipant.objects.exists()


@pytest.mark.parametrize("rest", ["meet/1/", "requests/1/answer/"])
def test_post_endpoints_refuse_get(client, rest):
    event = fair_event()
    client.force_login(participant(event).registration.person)
    assert client.get(fair_url(event, rest)).status_code == 405


def test_meet_and_both_sides_see_request(client):
    event = fair_event()
    a, b = participant(event), participant(event)
    client.force_login(a.registration.person)
    response = client.post(fair_url(event, f"meet/{b.pk}/"), {"message": "Susitinkam prie kavos"})
    assert response.status_code == 302
    assert MeetingRequest.objects.get().to_participant == b
    mine = client.get(fair_url(event))
    assert [r.to_participant for r in mine.context["sent"]] == [b]
    client.force_login(b.registration.person)
    theirs = client.get(fair_url(event))
    assert [r.from_participant for r in theirs.context["received"]] == [a]
    assert "Susitinkam prie kavos" in theirs.content.decode()


def test_meet_bad_input(client):
    event = fair_event()
    a, b = participant(event), participant(event)
    stranger = participant(fair_event())
    client.force_login(a.registration.person)
    assert client.post(fair_url(event, f"meet/{b.pk}/"), {"message": "x" * 501}).status_code == 400
    assert client.post(fair_url(event, f"meet/{a.pk}/")).status_code == 409
    assert client.post(fair_url(event, f"meet/{stranger.pk}/")).status_code == 404
    assert client.post(fair_url(event, "meet/999999/")).status_code == 404
    assert not MeetingRequest.objects.exists()
    assert client.post(fair_url(event, f"meet/{b.pk}/")).status_code == 302
    assert client.post(fair_url(event, f"meet/{b.pk}/")).status_code == 409
    assert MeetingRequest.objects.count() == 1


def test_answer_accept_mails_addresses_to_both(client, django_capture_on_commit_callbacks):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    client.force_login(b.registration.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            fair_url(event, f"requests/{request.pk}/answer/"), {"decision": "accept"}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [a.registration.person.email, b.registration.person.email]
    )
    assert all("@" in m.body for m in mail.outbox)


def test_answer_decline_reveals_no_address(client, django_capture_on_commit_callbacks):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    client.force_login(b.registration.person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(fair_url(event, f"requests/{request.pk}/answer/"), {"decision": "decline"})
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED
    for viewer, other in ((a, b), (b, a)):
        client.force_login(viewer.registration.person)
        page = client.get(fair_url(event)).content.decode()
        assert other.registration.person.email not in page


def test_answer_bad_input(client):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    client.force_login(a.registration.person)  # the sender may not answer
    url = fair_url(event, f"requests/{request.pk}/answer/")
    assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(b.registration.person)
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    assert client.post(fair_url(event, "requests/999999/answer/")).status_code == 404
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
    assert mail.outbox == []
