import os

import pytest

# Shared fixtures of the page cache tests: page_cache_on, capture_on_commit.
pytest_plugins = ["tests.helpers.pagecache"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Argon2 is slow on purpose; tests hash with MD5 (servers they start get the same list).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    # locmem, but refusing a line break in a header as SMTP does (tests/mail_backend.py)
    settings.EMAIL_BACKEND = "tests.mail_backend.SmtpLikeBackend"
    settings.ACCOUNT_RATE_LIMITS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.LANGUAGE_CODE = "lt"
    # Tests count queries of real rendering; tests of the page cache switch it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    # Background tasks run at once, in the test's own thread (one test runs the real worker).
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }
    # Private uploads (documents, homework) go to a temporary folder too.
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english():
    """Messages are matched in English whatever language an earlier test left active.

    A module asks for it with `pytestmark = [..., pytest.mark.usefixtures("english")]`.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


def races_in_threads(item) -> bool:
    """Whether the test runs work in threads against the database: a transactional test
    (the threads' connections must see its rows) of a module that starts threads."""
    names = vars(getattr(item, "module", None) or object())
    threads = any(name in names for name in ("threading", "run_at_once", "at_once"))
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return threads and (transactional or "transactional_db" in item.fixturenames)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres_only` tests run when DATABASE_URL points at PostgreSQL.

    CI runs the whole suite twice, on PostgreSQL and on SQLite, so they always run there.
    """
    # The demo is seeded once for the whole package (tests/demo/conftest.py). The tests
    # that read it run on one xdist worker, one after another (the `demo-seeded` group).
    # The mark is added before the other plugins' hooks run (this is a wrapper): xdist
    # reads the group marks in its own hook, and a mark added after it is ignored.
    seeded = [
        i
        for i in items
        if i.nodeid.startswith("tests/demo/") and "demo_seeded_once" in i.fixturenames
    ]
    for item in seeded:
        item.add_marker(pytest.mark.xdist_group("demo-seeded"))
    # The race tests open one connection per thread (up to 80 at once): run side by side
    # on the two workers they could pass PostgreSQL's 100 connections, so they share one.
    # Only transactional tests are in the group: pytest-django runs those last, so the
    # group is handed out last too. (A group that began with an ordinary test would be
    # handed out early, and its flushes would empty the migrated themes under the
    # ordinary tests that follow it on its worker.)
    for item in items:
        if races_in_threads(item):
            item.add_marker(pytest.mark.xdist_group("threads"))
    yield
    # They come right after the package's other tests: the seeded demo stays in the
    # database until the package ends, and units are handed out in this order, so no other
    # test of the package follows them on their worker. (pytest-django has put
    # transactional tests last by now: the seeded ones stay before those.)
    if seeded:
        rest = [item for item in items if item not in seeded]
        last_demo = max(
            (n for n, item in enumerate(rest) if item.nodeid.startswith("tests/demo/")), default=-1
        )
        items[:] = rest[: last_demo + 1] + seeded + rest[last_demo + 1 :]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="PostgreSQL only; CI runs the suite on PostgreSQL too")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
