"""`kaimolink worker`: run the background tasks waiting in the database, and the daily jobs.

django-tasks-db's worker loop with the defaults this project wants (every queue, no
autoreload), plus a clock: every minute a thread queues the daily jobs that are due
(core.daily; with `--batch`, once before the queue is emptied). Run it beside the web
processes (docs/deploy.md has a systemd unit); with it stopped, tasks wait in the database
and run when it starts again. Several workers may run at once: each task and each day's
job is taken by one of them.
"""

import logging
import threading

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from kaimolink.core.daily import daily_jobs_queue_due

logger = logging.getLogger(__name__)

CLOCK_SECONDS = 60


def queue_daily_jobs() -> None:
    try:
        queued = daily_jobs_queue_due()
        if queued:
            logger.info("Daily jobs queued: %s", ", ".join(queued))
    except Exception:  # a database hiccup must not stop the clock; the next minute retries
        logger.exception("Could not queue the daily jobs")


def run_clock(stop: threading.Event) -> None:
    """Queue the due daily jobs every CLOCK_SECONDS until `stop` is set (in a thread)."""
    while not stop.is_set():
        queue_daily_jobs()
        connection.close()  # this thread's own connection; not kept open between looks
        stop.wait(CLOCK_SECONDS)


class Command(BaseCommand):
    help = "Run kaimolink's background tasks (e-mail, imports, daily jobs) until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default="*",
            help="queues to take, separated by commas (default: all)",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="queue the due daily jobs, run what is waiting, then exit",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument(
            "--no-daily-jobs",
            action="store_true",
            help="do not queue the daily jobs (when another worker does)",
        )

    def handle(self, *args, queue_name, batch, interval, no_daily_jobs, **options):
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if batch:
            if not no_daily_jobs:
                queue_daily_jobs()
            worker.run()
            return
        stop = threading.Event()
        if not no_daily_jobs:
            threading.Thread(target=run_clock, args=(stop,), daemon=True, name="daily").start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
