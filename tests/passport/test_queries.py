"""The record pages cost the same number of queries for one entry as for many."""

import pytest

from kaimolink.certificates.services import attendance_certificate_issue
from kaimolink.homework.enums import SubmissionStatus
from tests.events.factories import RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.homework.factories import AssignmentFactory, SubmissionFactory
from tests.passport.conftest import held_event, mark

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def give(person, actor, n):
    """n trainings attended for the actor, each with accepted homework and a certificate."""
    lag = actor.lag
    coordinator = make_coordinator(lag)
    for i in range(n):
        event = held_event(lag, f"Mokymai {i}", 6, [(9, 12), (9, 12)], ago=10 + 3 * i)
        registration = RegistrationFactory(event=event, person=person, actor=actor)
        mark(registration, coordinator, 0, 1)
        SubmissionFactory(
            assignment=AssignmentFactory(event=event),
            person=person,
            registration=registration,
            status=SubmissionStatus.ACCEPTED,
        )
        attendance_certificate_issue(registration=registration, by=coordinator)


def counts(client, n_small, n_large, url_of):
    results = []
    for n in (n_small, n_large):
        person = UserFactory()
        actor = ActorFactory(lag=LagFactory(), owners=[person])
        give(person, actor, n)
        client.force_login(person)
        results.append(count_queries(client, url_of(actor)))
    return results


def test_my_record_costs_the_same_for_one_and_many(client):
    one, many = counts(client, 1, 5, lambda actor: "/en/passport/")
    assert one == many


def test_actor_record_costs_the_same_for_one_and_many(client):
    one, many = counts(client, 1, 5, lambda actor: f"/en/passport/actor/{actor.slug}/")
    assert one == many
