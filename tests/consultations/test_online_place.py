"""An online consultation's place is an http(s) link, on input and output (issue 8, finding 1)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kaimolink.consultations.models import Slot
from tests.consultations.factories import BookingFactory, ConsultantFactory, SlotFactory

pytestmark = pytest.mark.django_db


def test_stored_javascript_place_renders_no_javascript_link(client):
    # Saved past the form and the service, as a row from before the check would be.
    booking = BookingFactory(slot=SlotFactory(place="javascript:alert(1)"))
    client.force_login(booking.person)
    page = client.get("/en/consultations/bookings/").content.decode()
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="javascript:' not in page.replace(" ", "").lower()


def test_stored_web_place_is_a_link(client):
    booking = BookingFactory(slot=SlotFactory(place="https://meet.example.lt/k"))
    client.force_login(booking.person)
    page = client.get("/en/consultations/bookings/").content.decode()
    assert '<a href="https://meet.example.lt/k" rel="nofollow noopener">' in page


@pytest.mark.parametrize("place", ["javascript:alert(1)", "data:text/html,x", "meet.example.lt"])
def test_form_refuses_a_non_web_online_place(client, place):
    client.force_login(ConsultantFactory())
    day = timezone.localdate() + datetime.timedelta(days=7)
    data = {"date": day.isoformat(), "start": "10:00", "end": "11:00", "mode": "online",
            "place": place, "note": ""}  # fmt: skip
    with translation.override("lt"):
        response = client.post("/lt/consultations/times/new/", data)
    assert response.status_code == 400
    assert "https://" in response.content.decode()  # the message tells what to write
    assert not Slot.objects.exists()


def test_model_validation_refuses_a_non_web_online_place():
    slot = SlotFactory.build(consultant=ConsultantFactory(), place="javascript:alert(1)")
    with pytest.raises(ValidationError) as info:
        slot.full_clean()
    assert "place" in info.value.message_dict
    in_person = SlotFactory.build(
        consultant=ConsultantFactory(), mode="in_person", place="Kaimo g. 1"
    )
    in_person.full_clean()
