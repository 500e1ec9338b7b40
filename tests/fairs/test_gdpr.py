"""A visitor's traces at fairs in the GDPR export, and what erasure leaves."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kaimolink.fairs import gdpr, services
from kaimolink.fairs.models import BoothQuestion, Favourite, MeetingBooking
from tests.fairs.factories import make_world

pytestmark = pytest.mark.django_db


def test_export_lists_questions_favourites_and_meetings_and_erasure_removes_the_person():
    world = make_world()
    services.question_ask(booth=world.booth, by=world.visitor, text="Ar siunčiate paštu?")
    services.favourite_toggle(booth=world.booth, person=world.visitor)
    start = timezone.now() + timedelta(days=1)
    slot = services.slot_add(booth=world.booth, starts_at=start, ends_at=start + timedelta(hours=1))
    services.slot_book(slot=slot, person=world.visitor, topic="Dovanos")
    data = gdpr.personal_data(world.visitor)
    assert [q["question"] for q in data["fair_questions"]] == ["Ar siunčiate paštu?"]
    assert data["fair_favourites"] == [{"fair": world.fair.title, "booth": world.actor.name}]
    assert data["fair_meetings"][0]["topic"] == "Dovanos"
    gdpr.erase(world.visitor)
    assert gdpr.personal_data(world.visitor) == {
        "fair_questions": [], "fair_favourites": [], "fair_meetings": []
    }  # fmt: skip
    assert BoothQuestion.objects.get().asked_by is None  # the exhibitor's answer stays
    assert not Favourite.objects.exists() and not MeetingBooking.objects.exists()
