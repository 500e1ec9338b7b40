"""Credentials issued at the same moment get distinct status bits, one per source
(real PostgreSQL)."""

import random

import pytest

from kaimolink.credentials import services, statuslist
from kaimolink.credentials.models import Credential, SigningKey
from kaimolink.credentials.services import credential_jwt
from tests.concurrency import run_at_once
from tests.credentials.conftest import issue

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_issuing_at_once_gives_distinct_status_indexes_and_one_row_per_source(monkeypatch):
    # A small range of indexes, so rivals do draw taken ones and must draw again.
    monkeypatch.setattr(services, "_random_index", lambda: random.randrange(40))
    sources = [f"tests.race:{n}" for n in range(12)]
    outcomes = run_at_once(lambda source: issue(source=source), sources * 2)
    assert all(isinstance(o, Credential) for o in outcomes), outcomes
    assert Credential.objects.count() == len(sources)
    indexes = set(Credential.objects.values_list("status_index", flat=True))
    assert len(indexes) == len(sources)
    assert max(indexes) < statuslist.LIST_SIZE


def test_first_signatures_at_once_make_one_key():
    credentials = [issue(source=f"tests.key:{n}") for n in range(6)]
    outcomes = run_at_once(credential_jwt, credentials)
    assert all(isinstance(o, str) for o in outcomes), outcomes
    assert SigningKey.objects.count() == 1
