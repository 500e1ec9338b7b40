"""Daily jobs: the worker queues each job of settings.DAILY_JOBS once a local day.

`kaimolink worker` looks at the clock every minute (and once when run with `--batch`) and
calls `daily_jobs_queue_due`. A job is due from its local time ("at", Europe/Vilnius) until
the end of the day; the row `DailyJobRun(job, day)` is written in the same transaction as
the task is queued, and its unique constraint lets only one of several workers queue it.
A day on which no worker ran is not made up for: the jobs themselves catch up (reminders
look at tomorrow, the digest takes everything not yet e-mailed).
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from kaimolink.core.models import DailyJobRun

logger = logging.getLogger(__name__)


def _due_time(job: dict) -> datetime.time:
    return datetime.time.fromisoformat(job.get("at", "00:00"))


def daily_jobs_queue_due(*, now: datetime.datetime | None = None) -> list[str]:
    """Queue each daily job that is due now and not yet queued today; return their names."""
    now = timezone.localtime(now)
    done = set(DailyJobRun.objects.filter(day=now.date()).values_list("job", flat=True))
    queued = []
    for name, job in settings.DAILY_JOBS.items():
        if name in done or now.time() < _due_time(job):
            continue
        try:
            with transaction.atomic():
                DailyJobRun.objects.create(job=name, day=now.date())
                run_daily_job.enqueue(job=name)
        except IntegrityError:  # another worker was first
            continue
        queued.append(name)
    return queued


@task(queue_name="default")
def run_daily_job(*, job: str):
    """Run one job of settings.DAILY_JOBS (its "call": a function without arguments)."""
    result = import_string(settings.DAILY_JOBS[job]["call"])()
    logger.info("Daily job %s done: %s", job, result)
    return result
