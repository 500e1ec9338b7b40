"""The demo consultations written after the actors demo."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.consultations.models import Answer, Booking, Question, Slot
from kaimolink.demo.consultations import seed_demo_consultations
from kaimolink.demo.seed_facts import seed_demo

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Question.objects.values_list("title", "is_public")),
        Answer.objects.count(),
        Answer.objects.filter(accepted=True).count(),
        sorted(Slot.objects.values_list("consultant", "starts_at")),
        Booking.objects.count(),
    )


def test_demo_is_real_and_idempotent():
    seed_demo()
    lines = []
    seed_demo_consultations(seed=2026, log=lines.append)
    assert lines and "Demo consultations" in lines[0]
    questions = Question.objects.all()
    assert questions.filter(is_public=True).count() >= 6
    assert questions.filter(is_public=False).count() == 1
    private = questions.get(is_public=False)
    assert private.actor is not None
    assert (
        "PVM" in questions.values_list("title", flat=True)[0]
        or questions.filter(title__contains="PVM").exists()
    )
    assert Answer.objects.filter(accepted=True).count() >= 1
    assert Slot.objects.filter(starts_at__gt=timezone.now()).count() >= 10
    assert Booking.objects.filter(cancelled_at__isnull=True).count() == 2
    # Consultant's times never overlap.
    for slot in Slot.objects.all():
        assert (
            not Slot.objects.filter(
                consultant=slot.consultant, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
            )
            .exclude(pk=slot.pk)
            .exists()
        )
    before = snapshot()
    seed_demo_consultations(seed=2026, log=lines.append)
    assert snapshot() == before
    assert "nothing new" in lines[-1]
    # A week later: new weeks' times are added beside the old ones, without overlap.
    seed_demo_consultations(
        seed=2026, log=lines.append, today=timezone.localdate() + datetime.timedelta(days=7)
    )
    assert len(snapshot()[3]) > len(before[3])
    assert Booking.objects.filter(cancelled_at__isnull=True).count() == 2
