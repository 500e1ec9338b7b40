"""The data migration: nothing is certified that did not go through the process."""

import importlib

import pytest
from django.apps import apps

from kaimolink.actors.enums import CertificationStatus
from kaimolink.actors.models import Actor
from kaimolink.certification.enums import ApplicationState
from kaimolink.certification.models import Licence
from tests.certification.factories import application_in, make_world
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module(
    "kaimolink.certification.migrations.0002_actor_status_from_licences"
)


def test_actors_certified_by_hand_become_not_certified_unless_they_hold_a_licence():
    world = make_world()
    holder = application_in(world, ApplicationState.APPROVED).actor
    by_hand = ActorFactory()
    suspended_by_hand = ActorFactory()
    Actor.objects.filter(pk=by_hand.pk).update(certification_status="certified")
    Actor.objects.filter(pk=suspended_by_hand.pk).update(certification_status="suspended")
    Actor.objects.filter(pk=holder.pk).update(certification_status="none")

    migration.derive_from_licences(apps, None)

    status = dict(Actor.objects.values_list("pk", "certification_status"))
    assert status[by_hand.pk] == CertificationStatus.NONE
    assert status[suspended_by_hand.pk] == CertificationStatus.NONE
    assert status[holder.pk] == CertificationStatus.CERTIFIED
    assert Licence.objects.filter(actor=holder).count() == 1


def test_a_suspended_licence_gives_suspended():
    world = make_world()
    licence = application_in(world, ApplicationState.APPROVED).licence
    Licence.objects.filter(pk=licence.pk).update(status="suspended")
    migration.derive_from_licences(apps, None)
    world.actor.refresh_from_db()
    assert world.actor.certification_status == CertificationStatus.SUSPENDED
