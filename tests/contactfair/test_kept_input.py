"""Refused fair requests come back with what the person wrote; an empty join form is read."""

import pytest

from kaimolink.contactfair.models import FairParticipant, MeetingRequest
from tests.contactfair.factories import fair_event, participant
from tests.events.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def fair_url(event, rest=""):
    return f"/en/contact-fair/{event.slug}/{rest}"


def test_refused_meeting_request_keeps_the_message_in_its_form(client):
    event = fair_event()
    me, other, third = participant(event), participant(event), participant(event)
    client.force_login(me.registration.person)
    message = "Norėčiau aptarti sūrių tiekimą " + "ą" * 500  # too long
    response = client.post(fair_url(event, f"meet/{other.pk}/"), {"message": message})
    assert response.status_code == 400
    page = response.text
    asked = page.split(f'id="id_message_{other.pk}"', 1)[1].split("</textarea>", 1)[0]
    untouched = page.split(f'id="id_message_{third.pk}"', 1)[1].split("</textarea>", 1)[0]
    assert message in asked and message not in untouched
    assert not MeetingRequest.objects.exists()


def test_join_with_both_fields_empty_joins_as_oneself(client):
    event = fair_event()
    registration = RegistrationFactory(event=event)
    client.force_login(registration.person)
    response = client.post(fair_url(event, "join/"), {})
    assert response.status_code == 302
    joined = FairParticipant.objects.get(registration=registration)
    assert joined.actor is None and joined.pitch == ""
