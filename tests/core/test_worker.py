"""`kaimolink worker`: tasks waiting in the database are run, daily jobs are queued once a day.

The other tests run tasks at once (conftest's immediate backend); these use the database
backend of production and the real worker command.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kaimolink.core.daily import daily_jobs_queue_due
from kaimolink.core.mail import mail_to
from kaimolink.core.models import DailyJobRun
from kaimolink.notifications.kinds import Delivery, Kind
from kaimolink.notifications.models import DeliveryChoice
from kaimolink.notifications.services import notify
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.mail_backend import FailingSmtpBackend

VILNIUS = ZoneInfo("Europe/Vilnius")
CALLS = []


def record_call():
    """A daily job for the tests."""
    CALLS.append(1)
    return len(CALLS)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 5, day, hour, minute, tzinfo=VILNIUS)


@pytest.mark.django_db
def test_a_daily_job_is_queued_from_its_time_once_a_day(settings):
    settings.DAILY_JOBS = {"record": {"call": "tests.core.test_worker.record_call", "at": "09:00"}}
    CALLS.clear()
    assert daily_jobs_queue_due(now=at(4, 8, 59)) == []
    assert daily_jobs_queue_due(now=at(4, 9, 0)) == ["record"]
    assert daily_jobs_queue_due(now=at(4, 23, 59)) == []  # later the same day: done
    assert daily_jobs_queue_due(now=at(5, 9, 30)) == ["record"]
    assert len(CALLS) == 2
    assert sorted(DailyJobRun.objects.values_list("day", flat=True)) == [
        datetime.date(2026, 5, 4),
        datetime.date(2026, 5, 5),
    ]


@pytest.mark.django_db
def test_the_local_day_decides_not_utc(settings):
    settings.DAILY_JOBS = {"record": {"call": "tests.core.test_worker.record_call", "at": "01:00"}}
    # 23:30 UTC on 3 May is 02:30 on 4 May in Vilnius: the job of 4 May is due.
    late_utc = datetime.datetime(2026, 5, 3, 23, 30, tzinfo=datetime.UTC)
    assert daily_jobs_queue_due(now=late_utc) == ["record"]
    assert DailyJobRun.objects.get().day == datetime.date(2026, 5, 4)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_workers_looking_at_the_clock_at_once_queue_a_job_once(settings, database_queue):
    settings.DAILY_JOBS = {"record": {"call": "tests.core.test_worker.record_call", "at": "09:00"}}
    outcomes = run_at_once(lambda _: daily_jobs_queue_due(now=at(4, 10)), range(6))
    assert sorted(outcomes, key=len) == [[]] * 5 + [["record"]]
    assert DailyJobRun.objects.count() == 1 and DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_a_queued_mail_and_runs_the_daily_digest(settings, database_queue):
    settings.DAILY_JOBS = {
        "notification_digest": {
            "call": "kaimolink.notifications.services.digest_send",
            "at": "00:00",
        }
    }
    person, reader = UserFactory(), UserFactory()
    DeliveryChoice.objects.create(user=reader, kind=Kind.MESSAGE, delivery=Delivery.DAILY)
    notify(recipients=[reader], kind=Kind.MESSAGE, title="Naujiena")
    mail_to(person, lambda: ("Labas", "Tekstas"))
    assert mail.outbox == []  # waiting in the database
    assert DBTaskResult.objects.get().status == "READY"

    call_command("worker", batch=True, interval=0, verbosity=0)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([person.email, reader.email])
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # the digest job, then its e-mail, besides the first e-mail
    assert DBTaskResult.objects.count() == 3
    assert DailyJobRun.objects.get().job == "notification_digest"


@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_a_refused_mail_later(settings, database_queue):
    settings.DAILY_JOBS = {}
    settings.EMAIL_BACKEND = "tests.mail_backend.FailingSmtpBackend"
    FailingSmtpBackend.reset(failures=1)
    person = UserFactory()
    mail_to(person, lambda: ("Labas", "Tekstas"))

    call_command("worker", batch=True, interval=0, verbosity=0)

    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "FAILED" and "SMTPServerDisconnected" in first.exception_class_path
    assert retry.status == "READY" and retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = retry.run_after - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(seconds=60)
    assert mail.outbox == []

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # a minute later
    call_command("worker", batch=True, interval=0, verbosity=0)

    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [[person.email]]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_worker_process_runs_tasks_queued_by_the_web_process(settings, database_queue):
    """`kaimolink worker` as its own process, on the test database (as in production)."""
    person = UserFactory()
    mail_to(person, lambda: ("Labas is eiles", "Tekstas"))
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    kaimolink = Path(sys.executable).parent / "kaimolink"
    done = subprocess.run(
        [str(kaimolink), "worker", "--batch", "--interval", "0", "--no-daily-jobs"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Subject: Labas is eiles" in done.stdout  # the console backend's e-mail
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
