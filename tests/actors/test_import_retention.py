"""Old import reports (they quote rejected cells) are deleted; recent and running ones stay."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kaimolink.actors.importing import KEEP_IMPORTS_DAYS, imports_purge_old
from kaimolink.actors.models import ActorImport
from tests.factories import ActorFactory, LagFactory

pytestmark = pytest.mark.django_db

Status = ActorImport.Status


def an_import(lag, status, days_ago):
    row = ActorImport.objects.create(
        lag=lag, file_name=f"{status}-{days_ago}.xlsx", status=status,
        report={"rejected": [{"row": 2, "value": "jonas@example.lt"}]},
    )  # fmt: skip
    touched = timezone.now() - datetime.timedelta(days=days_ago)
    ActorImport.objects.filter(pk=row.pk).update(updated_at=touched)
    return row


def test_only_old_finished_imports_are_deleted():
    lag = LagFactory()
    old = [an_import(lag, s, KEEP_IMPORTS_DAYS + 1) for s in (Status.IMPORTED, Status.FAILED)]
    abandoned = an_import(lag, Status.VALIDATED, KEEP_IMPORTS_DAYS + 5)
    recent = an_import(lag, Status.IMPORTED, KEEP_IMPORTS_DAYS - 1)
    running = an_import(lag, Status.IMPORTING, KEEP_IMPORTS_DAYS + 1)  # left to expire first
    actor = ActorFactory(lag=lag)

    assert imports_purge_old() == 3

    left = set(ActorImport.objects.values_list("pk", flat=True))
    assert left == {recent.pk, running.pk}
    assert not {row.pk for row in [*old, abandoned]} & left
    assert actor.__class__.objects.filter(pk=actor.pk).exists()  # actors are never touched


def test_the_daily_command_reports_what_it_deleted(capsys):
    an_import(LagFactory(), Status.IMPORTED, KEEP_IMPORTS_DAYS + 1)
    call_command("purge_old_data")
    assert "1 old imports and 0 old invitations deleted." in capsys.readouterr().out
    assert not ActorImport.objects.exists()


def test_old_invitations_are_deleted_and_open_recent_ones_stay():
    from kaimolink.actors.invitations import (
        KEEP_INVITATIONS_DAYS,
        hash_token,
        invitations_purge_old,
    )
    from kaimolink.actors.models import ActorInvitation

    actor = ActorFactory()
    long_ago = timezone.now() - datetime.timedelta(days=KEEP_INVITATIONS_DAYS + 1)

    def invitation(email, **dates):
        row = ActorInvitation.objects.create(actor=actor, email=email, token_hash=hash_token(email))
        ActorInvitation.objects.filter(pk=row.pk).update(**dates)
        return row

    recent = invitation("nauja@example.lt")
    accepted_lately = invitation("priimta@example.lt", accepted_at=timezone.now())
    old = invitation("sena@example.lt", created_at=long_ago)

    assert invitations_purge_old() == 1

    left = set(ActorInvitation.objects.values_list("pk", flat=True))
    assert left == {recent.pk, accepted_lately.pk}
    assert old.pk not in left
