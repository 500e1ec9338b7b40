"""Counters of recent actions in the shared cache (Redis in production: settings.CACHES).

A counter is created with `cache.add` (only one process succeeds) and counted up with
`cache.incr`, both atomic in Redis and in the local-memory cache, so parallel requests
cannot all read the same old count and pass. The window starts at the first action.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache


def hit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one action under `key`; True while at most `limit` actions fell in the window."""
    key = f"rl:{key}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: start a new one
        cache.add(key, 0, seconds)
        count = cache.incr(key)
    return count <= limit


def lock_person(person) -> None:
    """Serialise one person's rate-limited writes (call inside `transaction.atomic`).

    Limits counted in database rows ("30 messages an hour") are a count and an insert; two
    parallel requests could both count 29 and both insert. Locking the person's account row
    first makes the second request wait until the first has committed, so it counts the
    first one's row. (On SQLite writes are one at a time anyway.)

    FOR NO KEY UPDATE, not FOR UPDATE: rows that point at the person (another request's
    message, conversation, reply) take FOR KEY SHARE on this row while they are inserted,
    which FOR UPDATE would block, and two such requests would deadlock.
    """
    get_user_model().objects.select_for_update(no_key=True).filter(pk=person.pk).first()
