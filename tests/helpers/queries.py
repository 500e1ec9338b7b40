from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """The number of queries of one GET of `url` by `client`, which must answer 200."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
