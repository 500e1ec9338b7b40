"""The hooks for credentials: sent after the commit when a licence is issued or changes."""

import pytest
from django.test import TestCase

from kaimolink.certification import services
from kaimolink.certification.enums import Action, ApplicationState
from kaimolink.certification.signals import licence_issued, licence_status_changed
from tests.certification.factories import application_in, make_world

pytestmark = pytest.mark.django_db


def test_issue_and_withdrawal_are_announced_after_the_commit():
    heard = []

    def issued(sender, licence, **kwargs):
        heard.append(("issued", licence.number))

    def changed(sender, licence, action, **kwargs):
        heard.append((action, licence.number))

    licence_issued.connect(issued)
    licence_status_changed.connect(changed)
    try:
        world = make_world()
        with TestCase.captureOnCommitCallbacks(execute=True):
            licence = application_in(world, ApplicationState.APPROVED).licence
        with TestCase.captureOnCommitCallbacks(execute=False) as pending:
            services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimas.")
        assert heard == [("issued", licence.number)]  # nothing before the commit
        for callback in pending:
            callback()
    finally:
        licence_issued.disconnect(issued)
        licence_status_changed.disconnect(changed)
    assert heard == [("issued", licence.number), (Action.WITHDRAW, licence.number)]
