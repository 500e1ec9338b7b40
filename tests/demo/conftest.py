"""The demo, seeded once for all of tests/demo/ instead of once per test.

`kaimolink seed_demo` takes 15–30 s; seeding it for each of the ~40 tests that read it
made the demo tests alone take 8 minutes, and once per module still 2–3 minutes per
database. Here it is seeded once, inside a transaction that stays open for the whole
package: every test runs in its own savepoint within it (pytest-django's `db`), so what a
test changes is undone after it, and the package's end rolls the demo itself back,
leaving the database as empty as it found it.

With several pytest-xdist workers the tests that read it must stay on one worker, in one
run: tests/conftest.py puts them in the `demo-seeded` xdist group, after the package's
other tests, and scripts/test distributes by group (`--dist loadgroup`).
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.helpers.themes import restore_themes


@pytest.fixture(scope="package", autouse=True)
def themes_restored(django_db_setup, django_db_blocker):
    """The themes of the data migration, which the demo reads: a transactional test run
    earlier on this worker (a browser test) flushed them. They are the migrated database's
    own rows, so they are left in place afterwards."""
    with django_db_blocker.unblock():
        restore_themes()


@pytest.fixture(scope="package")
def demo_seeded_once(themes_restored, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
