import pytest
from django.core import mail

from kaimolink.contactfair import services
from kaimolink.contactfair.models import FairParticipant, FairSettings, MeetingRequest
from kaimolink.events.enums import RegistrationStatus
from tests.contactfair.factories import fair_event, participant
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_fair_join_confirmed_registrant_for_own_actor_prefills_pitch():
    event = fair_event()
    registration = RegistrationFactory(event=event)
    actor = ActorFactory(owners=[registration.person], offers="Medus", seeks="Pirkėjai")

    joined = services.fair_join(event=event, person=registration.person, actor=actor)

    assert joined.actor == actor
    assert "Medus" in joined.pitch and "Pirkėjai" in joined.pitch
    assert joined.registration == registration


def test_fair_join_again_changes_and_keeps_one_row():
    event = fair_event()
    p = participant(event)
    services.fair_join(event=event, person=p.registration.person, actor=None, pitch="Kita")
    assert FairParticipant.objects.get().pitch == "Kita"
    assert FairParticipant.objects.get().actor is None


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED, None])
def test_fair_join_without_confirmed_place_refused(status):
    event = fair_event()
    person = (
        RegistrationFactory(event=event, status=status).person
        if status
        else RegistrationFactory().person  # confirmed, but at another event
    )
    with pytest.raises(services.ContactFairError):
        services.fair_join(event=event, person=person)
    assert not FairParticipant.objects.exists()


def test_fair_join_fair_not_enabled_refused():
    event = EventFactory()
    FairSettings.objects.create(event=event, enabled=False)
    person = RegistrationFactory(event=event).person
    with pytest.raises(services.ContactFairError):
        services.fair_join(event=event, person=person)
    assert not FairParticipant.objects.exists()


def test_fair_join_for_actor_not_belonged_to_refused():
    event = fair_event()
    person = RegistrationFactory(event=event).person
    with pytest.raises(services.ContactFairError):
        services.fair_join(event=event, person=person, actor=ActorFactory())
    assert not FairParticipant.objects.exists()


def test_fair_leave_deletes_participant_and_requests():
    event = fair_event()
    a, b = participant(event), participant(event)
    services.meeting_request_create(sender=a, receiver=b)
    services.fair_leave(event=event, person=a.registration.person)
    assert list(FairParticipant.objects.all()) == [b]
    assert not MeetingRequest.objects.exists()


def test_meeting_request_to_self_refused():
    p = participant(fair_event())
    with pytest.raises(services.ContactFairError):
        services.meeting_request_create(sender=p, receiver=p)
    assert not MeetingRequest.objects.exists()


def test_meeting_request_duplicate_refused():
    event = fair_event()
    a, b = participant(event), participant(event)
    services.meeting_request_create(sender=a, receiver=b, message="Labas")
    with pytest.raises(services.ContactFairError):
        services.meeting_request_create(sender=a, receiver=b)
    assert MeetingRequest.objects.count() == 1
    # The other direction is a request of its own.
    services.meeting_request_create(sender=b, receiver=a)
    assert MeetingRequest.objects.count() == 2


def test_meeting_request_other_event_refused():
    a, b = participant(fair_event()), participant(fair_event())
    with pytest.raises(services.ContactFairError):
        services.meeting_request_create(sender=a, receiver=b)


def test_meeting_request_message_too_long_refused():
    event = fair_event()
    a, b = participant(event), participant(event)
    with pytest.raises(services.ContactFairError):
        services.meeting_request_create(sender=a, receiver=b, message="x" * 501)
    assert not MeetingRequest.objects.exists()


def test_meeting_request_accept_mails_both_after_commit(django_capture_on_commit_callbacks):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.meeting_request_answer(request=request, receiver=b, accept=True)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    a_email, b_email = a.registration.person.email, b.registration.person.email
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_to) == {a_email, b_email}
    assert b_email in by_to[a_email] and b.registration.person.full_name in by_to[a_email]
    assert a_email in by_to[b_email] and a.registration.person.full_name in by_to[b_email]
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED and request.answered_at


def test_meeting_request_decline_sends_nothing(django_capture_on_commit_callbacks):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(request=request, receiver=b, accept=False)
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED


def test_meeting_request_answer_by_sender_or_twice_refused(django_capture_on_commit_callbacks):
    event = fair_event()
    a, b = participant(event), participant(event)
    request = services.meeting_request_create(sender=a, receiver=b)
    with pytest.raises(services.ContactFairError):
        services.meeting_request_answer(request=request, receiver=a, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_answer(request=request, receiver=b, accept=False)
    with pytest.raises(services.ContactFairError):
        services.meeting_request_answer(request=request, receiver=b, accept=True)
    assert mail.outbox == []
