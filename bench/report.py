"""The desk's reports at scale: a LAG's report for a year and a project's report page.

Usage (PostgreSQL; `--seed` first builds the data, once):

    createdb -h 127.0.0.1 -U postgres kl_report
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kl_report KAIMOLINK_DATA_DIR=/tmp/kl-rb
    .venv/bin/kaimolink migrate && .venv/bin/kaimolink collectstatic --noinput
    .venv/bin/kaimolink seed_scale --lags 49 --actors 100000
    .venv/bin/python bench/report.py --seed --events 20000 --registrations 300000
    .venv/bin/python bench/report.py --requests 30          # only measure

`--seed` adds, to the LAGs of `seed_scale` (slugs `scale-…`), `--events` events of every
kind spread over 2023–2026 (one to three days each, one in ten joint with a second LAG),
`--registrations` registrations of `--people` people (held events: the confirmed marked
present on every day, a certificate for one in three), partnership posts, questions and
consultations of the actors, and one project per LAG with ten indicators. Rows are
written with bulk_create (no notifications, no checks), tagged `scale-report-` so that
`--seed` refuses to add them twice (`--reset` deletes them first).

Then it times, through Django's test client as a coordinator of the busiest LAG: the LAG
report for a whole year (page, XLSX, PDF) and a project's report page, `--requests`
times each after a warm-up, and prints p50/p90/max in milliseconds and the number of
queries (which must not depend on the data). Figures go to docs/performance.md.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal

import django

TAG = "scale-report-"
COUNTED_MEASURES = [
    "trainings_held",
    "training_attendance",
    "participant_hours",
    "distinct_participants",
    "participants_min_hours",
    "certificates_issued",
    "conferences_held",
    "actors",
    "partnership_posts",
    "consultations_held",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _reset():
    from kaimolink.accounts.models import User
    from kaimolink.certificates.models import Certificate
    from kaimolink.consultations.models import Question, Slot
    from kaimolink.events.models import Event
    from kaimolink.partnerships.models import PartnershipPost
    from kaimolink.projects.models import Project

    Certificate.objects.filter(number__startswith=TAG).delete()
    Event.objects.filter(slug__startswith=TAG).delete()
    PartnershipPost.objects.filter(title__startswith=TAG).delete()
    Question.objects.filter(title__startswith=TAG).delete()
    Slot.objects.filter(note__startswith=TAG).delete()
    Project.objects.filter(slug__startswith=TAG).delete()
    User.objects.filter(email__startswith=TAG).delete()


def _seed(args, rng: random.Random):
    from django.db import transaction
    from django.utils import timezone

    from kaimolink.accounts.models import Coordination, User
    from kaimolink.actors.models import Actor
    from kaimolink.certificates.models import Certificate
    from kaimolink.consultations.enums import SlotMode
    from kaimolink.consultations.models import Answer, Booking, Question, Slot
    from kaimolink.core.models import Lag, Theme
    from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus
    from kaimolink.events.models import Attendance, Event, EventDay, Registration
    from kaimolink.indicators.models import IndicatorRule
    from kaimolink.partnerships.enums import PostKind
    from kaimolink.partnerships.models import PartnershipPost
    from kaimolink.projects.models import Indicator, Project, ProjectPartner

    if Event.objects.filter(slug__startswith=TAG).exists():
        sys.exit("Report data exists already: run with --reset to replace it.")
    lags = list(Lag.objects.filter(slug__startswith="scale-").order_by("pk"))
    if not lags:
        sys.exit("No scale LAGs: run `kaimolink seed_scale --lags 49 --actors 100000` first.")
    tz = timezone.get_default_timezone()
    now = timezone.now()
    batch = args.batch_size
    started = time.perf_counter()
    with transaction.atomic():
        people = User.objects.bulk_create(
            [
                User(email=f"{TAG}{n}@example.lt", full_name=f"Dalyvis {n}")
                for n in range(args.people)
            ],
            batch_size=batch,
        )
        Coordination.objects.bulk_create(
            [Coordination(user=people[n], lag=lag) for n, lag in enumerate(lags)]
        )
        kinds = [k for k in EventKind.values]
        first_day = datetime.date(2023, 1, 1)
        span = (datetime.date(2026, 12, 31) - first_day).days
        events, days_of, lag_links = [], [], []
        for n in range(args.events):
            start = first_day + datetime.timedelta(days=rng.randrange(span))
            length = rng.choice((1, 1, 1, 2, 3))
            starts = datetime.datetime.combine(start, datetime.time(9), tzinfo=tz)
            ends = datetime.datetime.combine(
                start + datetime.timedelta(days=length - 1), datetime.time(17), tzinfo=tz
            )
            events.append(
                Event(
                    slug=f"{TAG}{n}",
                    title=f"Renginys {n}",
                    kind=rng.choice(kinds),
                    hours=Decimal(8 * length),
                    capacity=30,
                    status=EventStatus.HELD if ends < now else EventStatus.PUBLISHED,
                    starts_at=starts,
                    ends_at=ends,
                )
            )
            days_of.append([start + datetime.timedelta(days=d) for d in range(length)])
        events = Event.objects.bulk_create(events, batch_size=batch)
        Through = Event.lags.through
        for event in events:
            organisers = {rng.choice(lags).pk}
            if rng.random() < 0.1:
                organisers.add(rng.choice(lags).pk)
            lag_links += [Through(event_id=event.pk, lag_id=pk) for pk in organisers]
        Through.objects.bulk_create(lag_links, batch_size=batch)
        nine, five = datetime.time(9), datetime.time(17)
        days = EventDay.objects.bulk_create(
            [
                EventDay(event=event, date=date, start_time=nine, end_time=five)
                for event, dates in zip(events, days_of, strict=True)
                for date in dates
            ],
            batch_size=batch,
        )
        days_by_event = {}
        for day in days:
            days_by_event.setdefault(day.event_id, []).append(day)
        per_event = max(1, args.registrations // len(events))
        registrations = []
        for event in events:
            for person in rng.sample(people, min(per_event, len(people))):
                status = (
                    RegistrationStatus.CONFIRMED
                    if rng.random() < 0.85
                    else rng.choice([RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
                )
                registrations.append(Registration(event=event, person=person, status=status))
        registrations = Registration.objects.bulk_create(registrations, batch_size=batch)
        held = {e.pk for e in events if e.status == EventStatus.HELD}
        by_event = {e.pk: e for e in events}
        attendance, certificates = [], []
        for registration in registrations:
            if registration.event_id not in held:
                continue
            if registration.status != RegistrationStatus.CONFIRMED:
                continue
            for day in days_by_event[registration.event_id]:
                attendance.append(
                    Attendance(registration=registration, day=day, present=rng.random() < 0.9)
                )
            if rng.random() < 0.33:
                event = by_event[registration.event_id]
                certificates.append(
                    Certificate(
                        number=f"{TAG}{registration.pk}",
                        kind=Certificate.Kind.ATTENDANCE,
                        person_id=registration.person_id,
                        event=event,
                        registration=registration,
                        holder_name=f"Dalyvis {registration.person_id}",
                        title=event.title,
                        hours=event.hours,
                    )
                )
        Attendance.objects.bulk_create(attendance, batch_size=batch)
        Certificate.objects.bulk_create(certificates, batch_size=batch)

        actor_ids = list(
            Actor.objects.filter(lag__in=lags).values_list("pk", flat=True).order_by("?")[:5000]
        )
        # Two fifths of them post, two fifths ask a question, one fifth books a consultation.
        fifth = len(actor_ids) // 5
        posts = PartnershipPost.objects.bulk_create(
            [
                PartnershipPost(
                    actor_id=actor_id,
                    kind=rng.choice(PostKind.values),
                    title=f"{TAG}{n}",
                    ends_on=datetime.date(2026, 12, 31),
                )
                for n, actor_id in enumerate(actor_ids[: 2 * fifth])
            ],
            batch_size=batch,
        )
        theme = Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE).first()
        questions = Question.objects.bulk_create(
            [
                Question(
                    actor_id=actor_id, author=rng.choice(people), theme=theme, title=f"{TAG}{n}"
                )
                for n, actor_id in enumerate(actor_ids[2 * fifth : 4 * fifth])
            ],
            batch_size=batch,
        )
        Answer.objects.bulk_create(
            [Answer(question=q, author=people[0], body="Atsakymas") for q in questions[::2]],
            batch_size=batch,
        )
        slots = Slot.objects.bulk_create(
            [
                Slot(
                    consultant=people[-1 - n % 20],
                    starts_at=now - datetime.timedelta(hours=3 * n + 1),
                    ends_at=now - datetime.timedelta(hours=3 * n),
                    mode=SlotMode.PHONE,
                    note=f"{TAG}{n}",
                )
                for n in range(1000)
            ],
            batch_size=batch,
        )
        Booking.objects.bulk_create(
            [
                Booking(slot=slot, person=rng.choice(people), actor_id=actor_id)
                for slot, actor_id in zip(slots, actor_ids[4 * fifth :], strict=False)
            ],
            batch_size=batch,
        )
        for n, lag in enumerate(lags):
            project = Project.objects.create(
                slug=f"{TAG}{n}", title=f"Projektas {lag.name}", start_year=2023, end_year=2026
            )
            ProjectPartner.objects.create(project=project, lag=lag, name=lag.name)
            Indicator.objects.bulk_create(
                [
                    Indicator(
                        project=project,
                        code=f"R{i}",
                        name=f"Rodiklis {i}",
                        unit="participant",
                        target=Decimal(10 * (i + 1)),
                        achieved=Decimal(rng.randrange(0, 12 * (i + 1))),
                        position=i,
                    )
                    for i in range(10)
                ]
            )
            # Every indicator counted by the platform, one measure each (the heavy ones
            # included): the project report and the project page compute all ten.
            for indicator, measure in zip(
                project.indicators.order_by("position"), COUNTED_MEASURES, strict=True
            ):
                IndicatorRule.objects.create(
                    indicator=indicator,
                    measure=measure,
                    period_start=datetime.date(2023, 1, 1),
                    min_hours=Decimal(8) if measure == "participants_min_hours" else None,
                )
    # Fresh statistics, as autovacuum would give a live database: without them the planner
    # guesses a few rows for 20 000 events and picks plans several times slower.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"seeded {len(events)} events, {len(registrations)} registrations, "
        f"{len(attendance)} attendance marks, {len(certificates)} certificates, "
        f"{len(posts)} posts, {len(questions)} questions, {len(slots)} consultations "
        f"in {time.perf_counter() - started:.0f} s"
    )


def _measure(args):
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kaimolink.accounts.models import Coordination
    from kaimolink.core.models import Lag
    from kaimolink.events.models import Event
    from kaimolink.projects.models import Project

    lag = (
        Lag.objects.filter(slug__startswith="scale-")
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )
    if lag is None:
        sys.exit("No scale data: see the usage at the top of this file.")
    coordinator = Coordination.objects.filter(lag=lag).select_related("user").first()
    if coordinator is None:
        sys.exit("No coordinator of the scale LAGs: run with --seed first.")
    project = Project.objects.filter(partners__lag=lag).first()
    year = args.year
    events = Event.objects.filter(lags=lag, starts_at__year=year).count()
    print(
        f"{connection.vendor}: {Event.objects.count()} events in all; {lag.slug}: "
        f"{events} events in {year}, {lag.actors.count()} actors"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator.user)
    period = f"?from={year}-01-01&to={year}-12-31"
    targets = [
        ("LAG report page", reverse("desk:lag_report", args=[lag.slug]) + period),
        ("LAG report XLSX", reverse("desk:lag_report_xlsx", args=[lag.slug]) + period),
        ("LAG report PDF", reverse("desk:lag_report_pdf", args=[lag.slug]) + period),
    ]
    if project:
        targets += [
            ("project report page", reverse("desk:project_report", args=[project.slug])),
            ("project indicators", reverse("desk:project_indicators", args=[project.slug])),
            ("project public page", project.get_absolute_url()),
        ]
    print(f"{'':24} {'p50 ms':>8} {'p90 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, url in targets:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        timings, queries = [], set()
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
                timings.append((time.perf_counter() - started) * 1000)
            queries.add(len(ctx.captured_queries))
        print(
            f"{label:24} {statistics.median(timings):8.1f} {percentile(timings, 0.9):8.1f} "
            f"{max(timings):8.1f} {','.join(map(str, sorted(queries))):>8}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", action="store_true", help="add the events and the rest")
    parser.add_argument("--reset", action="store_true", help="delete earlier report data first")
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--registrations", type=int, default=300000)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--random-seed", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaimolink.settings")
    django.setup()
    if args.reset:
        _reset()
    if args.seed:
        _seed(args, random.Random(args.random_seed))
    _measure(args)


if __name__ == "__main__":
    main()
