"""A person and an actor with a history: full and partial attendance, attendance that does
not count, homework accepted and returned, a valid and a revoked certificate."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kaimolink.certificates.services import attendance_certificate_issue, certificate_revoke
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.services import attendance_mark
from kaimolink.homework.enums import SubmissionStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.homework.factories import AssignmentFactory, SubmissionFactory

FULL_TITLE = "Vietos tapatumo ir kaimo turizmo mokymai"
PARTIAL_TITLE = "Šeimos ūkių rinkodara: ąčęėįšųūž"


def days_ago(n, *spans):
    """Programme days starting `n` days ago, one per (start hour, end hour)."""
    first = timezone.localdate() - datetime.timedelta(days=n)
    return [
        (first + datetime.timedelta(days=i), datetime.time(start), datetime.time(end))
        for i, (start, end) in enumerate(spans)
    ]


def mark(registration, by, *indexes, present=True):
    days = list(registration.event.days.order_by("date"))
    for index in indexes:
        attendance_mark(registration=registration, day=days[index], present=present, by=by)


def held_event(lag, title, hours, spans, ago=20):
    return EventFactory(
        title=title, lags=[lag], hours=hours, status=EventStatus.HELD, days=days_ago(ago, *spans)
    )


@pytest.fixture
def world():
    return build_world()


def build_world() -> dict:
    lag = LagFactory(name="Nevėžio VVG")
    coordinator = make_coordinator(lag)
    person = UserFactory(full_name="Žydrūnė Šėtaitė", email="zydrune@example.lt")
    colleague = UserFactory(full_name="Jonas Ąžuolaitis")
    actor = ActorFactory(name="Šlapaberžės bendruomenė", lag=lag, owners=[person])
    # Two days of four clock hours, 8 official hours: present on both, 8.0 hours.
    full = held_event(lag, FULL_TITLE, 8, [(9, 13), (9, 13)], ago=30)
    # Days of 6, 2 and 6 clock hours, 10 official hours: present on the first only,
    # 10 · 6/14 = 4.2857… → 4.3 hours.
    partial = held_event(lag, PARTIAL_TITLE, 10, [(10, 16), (10, 12), (10, 16)], ago=20)
    absent = held_event(lag, "Renginys, kuriame nedalyvavo", 4, [(9, 13)], ago=15)
    dropped = held_event(lag, "Atšaukta registracija", 4, [(9, 13)], ago=12)

    full_reg = RegistrationFactory(event=full, person=person, actor=actor)
    mark(full_reg, coordinator, 0, 1)
    partial_reg = RegistrationFactory(event=partial, person=person, actor=actor)
    mark(partial_reg, coordinator, 0)
    mark(partial_reg, coordinator, 1, 2, present=False)
    absent_reg = RegistrationFactory(event=absent, person=person, actor=actor)
    mark(absent_reg, coordinator, 0, present=False)
    dropped_reg = RegistrationFactory(event=dropped, person=person, actor=actor)
    mark(dropped_reg, coordinator, 0)
    dropped_reg.status = RegistrationStatus.CANCELLED
    dropped_reg.save(update_fields=["status"])

    colleague_reg = RegistrationFactory(event=full, person=colleague, actor=actor)
    mark(colleague_reg, coordinator, 1)  # 4.0 hours
    # The colleague's attendance for another actor is not this actor's.
    other = held_event(lag, "Kito veikėjo mokymai", 6, [(9, 15)], ago=10)
    mark(RegistrationFactory(event=other, person=colleague, actor=ActorFactory()), coordinator, 0)

    accepted = AssignmentFactory(event=full, title="Verslo modelio aprašas")
    SubmissionFactory(
        assignment=accepted,
        person=person,
        registration=full_reg,
        status=SubmissionStatus.ACCEPTED,
        reviewed_at=timezone.now() - datetime.timedelta(days=2),
    )
    returned = AssignmentFactory(event=full, title="Grąžinta užduotis")
    SubmissionFactory(
        assignment=returned, person=person, registration=full_reg, status=SubmissionStatus.REDO
    )
    waiting = AssignmentFactory(event=partial, title="Laukia vertinimo")
    SubmissionFactory(assignment=waiting, person=person, registration=partial_reg)

    certificate = attendance_certificate_issue(registration=full_reg, by=coordinator)
    revoked = attendance_certificate_issue(registration=partial_reg, by=coordinator)
    certificate_revoke(certificate=revoked, reason="Klaida.", by=coordinator)
    return {
        "lag": lag,
        "coordinator": coordinator,
        "person": person,
        "colleague": colleague,
        "actor": actor,
        "full": full,
        "partial": partial,
        "certificate": certificate,
        "revoked": revoked,
    }


EXPECTED_HOURS = Decimal("12.3")  # 8.0 + 4.3
