from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """The number of queries of one GET of `url` by `client`, which must answer 200.

    The cache is emptied first, so every count is that of a first visit (the most a page
    costs): cached pieces such as the filters' choices (core.forms.FilterForm) would
    otherwise make the second of two counts smaller than the first. The content types'
    in-process cache is emptied for the same reason: whether an earlier test on this
    worker already filled it must not change the count.
    """
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
