"""Races on real PostgreSQL: two panel decisions on one application at once give one
decision and one licence; licences decided at once take consecutive numbers. Each is
shown to fail without the row lock (`with_lock=False` turns select_for_update off), the
way tests/actors/test_invitations.py shows its races."""

import pytest
from django.db import IntegrityError

from kaimolink.certification import services
from kaimolink.certification.enums import ApplicationState, Outcome
from kaimolink.certification.models import Application, Decision, Licence, LicenceCounter
from kaimolink.certification.workflow import CertificationError
from tests.certification.factories import application_in, licensed, make_world
from tests.concurrency import at_once
from tests.factories import ActorFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def outcome(result) -> str:
    if isinstance(result, CertificationError):
        return "refused"
    if isinstance(result, IntegrityError):
        return "IntegrityError"
    return "ok" if not isinstance(result, Exception) else type(result).__name__


@pytest.mark.parametrize("with_lock", [True, False])
def test_two_decisions_at_once_give_one_decision_and_one_licence(monkeypatch, with_lock):
    world = make_world()
    application = application_in(world, ApplicationState.ASSESSED)

    def decide(person):
        return services.decision_take(
            application=application, by=person, outcome=Outcome.APPROVED, reasons="Atitinka."
        )

    results = at_once(
        monkeypatch,
        Application,
        decide,
        [world.coordinator, world.second_coordinator],
        with_lock=with_lock,
    )
    assert Decision.objects.filter(application=application).count() == 1
    assert Licence.objects.filter(application=application).count() == 1
    if with_lock:  # the second one waits, then sees the decision and is told so
        assert sorted(outcome(r) for r in results) == ["ok", "refused"]
    else:  # the race is real: both pass the state check; only the database stops one
        assert sorted(outcome(r) for r in results) == ["IntegrityError", "ok"]


@pytest.mark.parametrize("with_lock", [True, False])
def test_licences_decided_at_once_take_consecutive_numbers(monkeypatch, with_lock):
    world = make_world()
    first = licensed(world)  # the year's counter row exists: BV-YYYY-0001
    prefix = first.number.rsplit("-", 1)[0]
    applications = [
        application_in(
            world,
            ApplicationState.ASSESSED,
            actor=ActorFactory(lag=world.lag, owners=[world.applicant]),
        )
        for _ in range(3)
    ]

    def decide(application):
        return services.decision_take(
            application=application, by=world.coordinator, outcome=Outcome.APPROVED, reasons="Ok."
        )

    results = at_once(monkeypatch, LicenceCounter, decide, applications, with_lock=with_lock)
    numbers = sorted(Licence.objects.values_list("number", flat=True))
    if with_lock:
        assert [outcome(r) for r in results] == ["ok"] * 3
        assert numbers == [f"{prefix}-{n:04d}" for n in range(1, 5)]
        assert LicenceCounter.objects.get().last == 4
    else:  # without the lock all read the same last number: twins, stopped by the database
        assert "IntegrityError" in [outcome(r) for r in results]
        assert len(numbers) < 4
