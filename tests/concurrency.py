"""Run work in many threads at once, for the race tests on real PostgreSQL."""

import threading

from django.db import connection
from django.db.models import QuerySet


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


def at_once(monkeypatch, model, work, items, *, with_lock: bool) -> list:
    """Run `work(item)` in threads that all read their `model` row before any writes, unless
    the row lock makes the later ones wait (then the barrier times out and they go on)."""
    barrier = threading.Barrier(len(items), timeout=2)
    original_get = QuerySet.get

    def get_then_wait_for_the_others(self, *args, **kwargs):
        obj = original_get(self, *args, **kwargs)
        if self.model is model:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return obj

    monkeypatch.setattr(QuerySet, "get", get_then_wait_for_the_others)
    if not with_lock:
        monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)
    try:
        return run_at_once(work, items, timeout=30)
    finally:
        monkeypatch.undo()
