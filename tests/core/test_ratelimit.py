"""Rate-limit counters in the shared cache are atomic (issue 8, finding 4)."""

import socket
import uuid

import pytest
from django.core.cache import cache

from kaimolink.core import ratelimit
from tests.concurrency import run_at_once

REDIS = ("127.0.0.1", 6379)


def redis_is_running() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


def test_hit_counts_up_to_the_limit_per_key():
    key = f"t:{uuid.uuid4()}"
    assert [ratelimit.hit(key, limit=3, seconds=60) for _ in range(5)] == [True] * 3 + [False] * 2
    assert ratelimit.hit(f"{key}:other", limit=3, seconds=60)


def test_hit_starts_a_new_window_when_the_counter_expired():
    key = f"t:{uuid.uuid4()}"
    assert ratelimit.hit(key, limit=1, seconds=60)
    assert not ratelimit.hit(key, limit=1, seconds=60)
    cache.delete(f"rl:{key}")  # the window ends
    assert ratelimit.hit(key, limit=1, seconds=60)


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379 (.ci/run)")
def test_parallel_hits_on_redis_pass_exactly_the_limit(settings):
    """Several application processes share Redis: 40 hits at once, a limit of 10."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"kaimolink-test-{uuid.uuid4()}",
        }
    }
    key = "contact:203.0.113.10"
    outcomes = run_at_once(lambda _: ratelimit.hit(key, limit=10, seconds=60), range(40))
    assert sorted(outcomes, key=str) == [False] * 30 + [True] * 10
    cache.delete(f"rl:{key}")
