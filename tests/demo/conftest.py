"""The demo, seeded once per test module instead of once per test.

`kaimolink seed_demo` takes 12–16 s on PostgreSQL; seeding it for each of the ~30 tests
that read it made the demo tests alone take 8 minutes. Here it is seeded once, inside a
transaction that stays open for the whole module: every test runs in its own savepoint
within it (pytest-django's `db`), so what a test changes is undone after it, and the
module's end rolls the demo itself back, leaving the database as empty as it found it.
"""

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
