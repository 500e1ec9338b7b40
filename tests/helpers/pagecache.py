"""What tests of the visitors' page cache (core.pagecache) share: the cache switched on,
changes committed (so the invalidation runs), and a GET with its query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def capture_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the cache invalidation) as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def queries(client, url) -> tuple[int, str]:
    """(queries, text) of one GET of `url`, which must answer 200 (no cache emptied)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.text
