"""Run work in many threads at once, for the race tests on real PostgreSQL."""

import threading

from django.db import connection


def run_at_once(work, items, *, timeout: float = 120) -> list:
    """Run `work(item)` in one thread per item; each thread closes its own connection.

    Returns every outcome: the result, or the exception a thread raised (the tests count
    both, so an unexpected error cannot hide).
    """
    outcomes = []
    lock = threading.Lock()

    def target(item):
        try:
            result = work(item)
        except Exception as exc:  # noqa: BLE001  every outcome is counted by the test
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=target, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    return outcomes
