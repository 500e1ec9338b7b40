#!/usr/bin/env python3
"""Registration burst: 500 people register at once for 15 places, through the web stack.

Run by bench/registration_burst.sh (which creates the database, starts gunicorn and cleans
up). Two steps, each a separate process:

- `setup`  (Django ORM, DATABASE_URL set): one LAG and settlement, one published public event
  with 15 places and an open registration window, N people with a verified e-mail address
  (allauth `EmailAddress`, verified=True) and a known password (one precomputed hash,
  `bulk_create`), and for each person a logged-in session written straight into the
  database (`django.contrib.sessions`: `_auth_user_id`, `_auth_user_backend`,
  `_auth_user_hash`) plus a CSRF secret used as both the `csrftoken` cookie and the
  `csrfmiddlewaretoken` form field. Writes a JSON plan for the burst.
- `burst`  (standard library HTTP on the loopback only, then Django for the counts): N
  registration POSTs to `/lt/events/<slug>/register/`, fired by `--threads` threads released
  together by a barrier, each sending its share over its own keep-alive connection, bounded
  by `--timeout` seconds; then reads the registrations back from the database and checks
  exactly `capacity` confirmed, N - capacity waiting, nobody twice. Prints PASS/FAIL and
  writes a Markdown report.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PASSWORD = "burst-Slaptazodis-2026"  # the known password of every burst person
EMAIL = "burst{:04d}@bench.kaimolink.lt"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaimolink.settings")
    import django

    django.setup()


# --- setup ---------------------------------------------------------------------------------


def setup(args) -> int:
    django_setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone as djtz
    from django.utils.crypto import get_random_string

    from kaimolink.accounts.models import User
    from kaimolink.core.models import District, Lag, Settlement
    from kaimolink.events.enums import EventKind, EventStatus, Visibility
    from kaimolink.events.models import Event, EventDay

    assert BACKEND in settings.AUTHENTICATION_BACKENDS
    t0 = time.perf_counter()
    with transaction.atomic():
        district = District.objects.create(name="Burst r. sav.", slug="burst-r-sav")
        settlement = Settlement.objects.create(
            name="Burstėnai", district=district, lat=55.28, lon=23.97
        )
        lag = Lag.objects.create(
            name="Burst kaimo plėtros VVG", short_name="Burst VVG", slug="burst-vvg"
        )
        lag.districts.add(district)
        now = djtz.now()
        event = Event.objects.create(
            title="Registracijos antplūdis: 15 vietų",
            description="Benchmark event (bench/registration_burst.py).",
            kind=EventKind.TRAINING,
            settlement=settlement,
            address="Kultūros centras, Liepų g. 1",
            hours=8,
            capacity=args.capacity,
            registration_opens=now - timedelta(hours=1),
            registration_closes=now + timedelta(days=7),
            visibility=Visibility.PUBLIC,
            status=EventStatus.PUBLISHED,
        )
        event.lags.add(lag)
        day = djtz.localdate() + timedelta(days=14)
        EventDay.objects.create(
            event=event, date=day, start_time=datetime.min.time().replace(hour=9),
            end_time=datetime.min.time().replace(hour=17),
        )  # fmt: skip
        event.refresh_from_db()
        assert event.registration_is_open(djtz.now()), "the registration window must be open"

        password = make_password(PASSWORD)  # one Argon2 hash, shared: setup stays fast
        users = User.objects.bulk_create(
            [
                User(
                    email=EMAIL.format(n),
                    full_name=f"Burst Dalyvis {n:04d}",
                    password=password,
                    is_active=True,
                )
                for n in range(1, args.people + 1)
            ],  # fmt: skip
            batch_size=1000,
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=1000,
        )
        # A logged-in session per person, as django.contrib.auth.login() would store it.
        store = SessionStore()
        expire = now + timedelta(days=1)
        people, sessions = [], []
        for u in users:
            key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
            data = {
                "_auth_user_id": str(u.pk),
                "_auth_user_backend": BACKEND,
                "_auth_user_hash": u.get_session_auth_hash(),
            }
            sessions.append(
                Session(session_key=key, session_data=store.encode(data), expire_date=expire)
            )
            csrf = get_random_string(32)  # a CSRF secret: cookie and form field alike
            people.append({"id": u.pk, "session": key, "csrf": csrf})
        Session.objects.bulk_create(sessions, batch_size=1000)

    plan = {
        "event_id": event.pk,
        "slug": event.slug,
        "capacity": event.capacity,
        "path": f"/lt/events/{event.slug}/register/",
        "detail_path": f"/lt/events/{event.slug}/",
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "people": people,
    }
    with open(args.plan, "w", encoding="utf-8") as fh:
        json.dump(plan, fh)
    print(f"setup: event {event.slug!r} ({event.capacity} places, registration open until "
          f"{event.registration_closes:%Y-%m-%d %H:%M}), {len(users)} people with verified "
          f"addresses and a session, {time.perf_counter() - t0:.1f} s")  # fmt: skip
    return 0


# --- burst ---------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank] * 1000


def _worker(host, port, plan, share, barrier, deadline_box, results, lock):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    out = []
    barrier.wait()
    deadline = deadline_box[0]
    for person in share:
        if time.perf_counter() >= deadline:
            out.append((person["id"], None, "not sent (time limit)", None, None))
            continue
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": person["csrf"], "actor": ""})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{plan['session_cookie']}={person['session']}; "
            f"{plan['csrf_cookie']}={person['csrf']}",
            "Origin": f"http://{host}:{port}",
            "Referer": f"http://{host}:{port}{plan['detail_path']}",
            "Accept-Language": "lt",
        }
        t0 = time.perf_counter()
        try:
            conn.request("POST", plan["path"], body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
        except (OSError, http.client.HTTPException) as exc:
            out.append((person["id"], None, f"{type(exc).__name__}: {exc}", None, t0))
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        t1 = time.perf_counter()
        out.append((person["id"], resp.status, resp.getheader("Location"), t1 - t0, t1))
        if resp.will_close:
            conn.close()  # gunicorn's sync workers close after every response; reconnect
    conn.close()
    with lock:
        results.extend(out)


def burst(args) -> int:
    url = urllib.parse.urlsplit(args.base)
    if url.scheme != "http" or url.hostname not in LOOPBACK:
        sys.exit("only http:// on the loopback interface is allowed")
    if not (1 <= args.threads <= 64 and 0 < args.timeout <= 120):
        sys.exit("keep it bounded: 1-64 threads, at most 120 s")
    host, port = url.hostname, url.port or 80
    with open(args.plan, encoding="utf-8") as fh:
        plan = json.load(fh)
    people = plan["people"]
    info = machine()

    shares = [people[i :: args.threads] for i in range(args.threads)]
    results, lock = [], threading.Lock()
    deadline_box = [0.0]
    start_box = [0.0]

    def release():  # runs once, in the last thread to reach the barrier
        start_box[0] = time.perf_counter()
        deadline_box[0] = start_box[0] + args.timeout

    barrier = threading.Barrier(args.threads, action=release)
    threads = [
        threading.Thread(
            target=_worker,
            args=(host, port, plan, share, barrier, deadline_box, results, lock),
            daemon=True,
        )
        for share in shares
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.timeout + 40)
    alive = sum(t.is_alive() for t in threads)
    ends = [r[4] for r in results if r[3] is not None]
    elapsed = (max(ends) - start_box[0]) if ends else float("nan")
    latencies = [r[3] for r in results if r[3] is not None]
    statuses: dict[str, int] = {}
    for _pid, status, _loc, _lat, _end in results:
        key = str(status) if status is not None else "no answer"
        statuses[key] = statuses.get(key, 0) + 1
    detail = plan["detail_path"]
    to_event = sum(
        1 for r in results
        if r[1] == 302 and r[2] and urllib.parse.urlsplit(r[2]).path == detail
    )  # fmt: skip
    problems = [r for r in results if not (r[1] == 302 and r[2]
                and urllib.parse.urlsplit(r[2]).path == detail)]  # fmt: skip
    rps = len(latencies) / elapsed if latencies and elapsed > 0 else 0.0
    print(f"burst: {len(results)} answers from {args.threads} threads in {elapsed:.2f} s: "
          f"{rps:.1f} req/s, p50 {pct(latencies, 50):.0f} ms, p95 {pct(latencies, 95):.0f} ms, "
          f"p99 {pct(latencies, 99):.0f} ms, max {pct(latencies, 100):.0f} ms")  # fmt: skip
    print(f"status codes: {json.dumps(statuses, sort_keys=True)}; "
          f"302 to the event page: {to_event}")  # fmt: skip
    for r in problems[:10]:
        print(f"  person {r[0]}: status {r[1]}, {r[2]}")

    counts = database_counts(plan["event_id"])
    n, cap = len(people), plan["capacity"]
    print(f"database: {json.dumps(counts)}")
    checks = [
        (counts["confirmed"] == cap, f"confirmed = {counts['confirmed']} (must be exactly {cap})"),
        (counts["waiting"] == n - cap, f"waiting = {counts['waiting']} (must be {n - cap})"),
        (counts["people_twice"] == 0,
         f"people with more than one registration = {counts['people_twice']} (must be 0)"),
        (counts["registrations"] == n and counts["people"] == n,
         f"registrations = {counts['registrations']} of {counts['people']} distinct people "
         f"(must be {n} of {n})"),
        (counts["log_created"] == n,
         f"'created' log entries = {counts['log_created']} (must be {n})"),
        (to_event == n, f"answers 302 to the event page = {to_event} (must be {n})"),
        (not any(k.startswith("5") or k == "no answer" for k in statuses),
         "no 5xx and no request without an answer"),
        (counts["confirmed_first"],
         f"the {cap} confirmed are the first {cap} registrations by time"),
        (alive == 0, "every client thread finished within the time limit"),
    ]  # fmt: skip
    for ok, text in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    passed = all(ok for ok, _ in checks)
    print("PASS" if passed else "FAIL")
    write_report(args, info, plan, elapsed, rps, latencies, statuses, to_event, counts, checks)
    print(f"report: {args.out}")
    return 0 if passed else 1


def database_counts(event_id: int) -> dict:
    django_setup()
    from django.db.models import Count

    from kaimolink.events.enums import RegistrationStatus
    from kaimolink.events.models import Registration, RegistrationLogEntry

    regs = Registration.objects.filter(event_id=event_id)
    by_status = dict(regs.values_list("status").annotate(n=Count("id")).order_by())
    twice = (
        regs.exclude(status=RegistrationStatus.CANCELLED)
        .values("person_id").annotate(n=Count("id")).filter(n__gt=1).count()
    )  # fmt: skip
    ordered = list(regs.order_by("created_at", "id").values_list("status", flat=True))
    confirmed = by_status.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "registrations": regs.count(),
        "people": regs.values("person_id").distinct().count(),
        "confirmed": confirmed,
        "waiting": by_status.get(RegistrationStatus.WAITING, 0),
        "cancelled": by_status.get(RegistrationStatus.CANCELLED, 0),
        "people_twice": twice,
        "log_created": RegistrationLogEntry.objects.filter(
            event_id=event_id, kind=RegistrationLogEntry.Kind.CREATED
        ).count(),
        "confirmed_first": all(s == RegistrationStatus.CONFIRMED for s in ordered[:confirmed])
        and all(s != RegistrationStatus.CONFIRMED for s in ordered[confirmed:]),
    }


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal"):
                    info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
        info["loadavg_before"] = open("/proc/loadavg").read().split()[:3]
    except OSError:
        pass
    return info


def write_report(args, info, plan, elapsed, rps, latencies, statuses, to_event, counts, checks):
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")  # noqa: UP017
    n = len(plan["people"])
    lines = [
        f"# kaimolink registration burst, {now}",
        "",
        f"- machine: {info.get('nproc')} CPU ({info.get('cpu', '?')}), "
        f"{info.get('memory_gib', '?')} GiB RAM, load average before: "
        f"{' '.join(info.get('loadavg_before', []))}; Python {info['python']}",
        f"- burst: {n} registration POSTs to `{plan['path']}` for {plan['capacity']} places, "
        f"{args.threads} threads released by a barrier, keep-alive connections, loopback; "
        f"time limit {args.timeout:g} s",
        "- login: sessions written straight into the database (django.contrib.sessions, "
        "the keys `login()` stores) and a CSRF secret as cookie and form field",
        *[f"- {note}" for note in args.note],
        "",
        "| requests | wall time s | req/s | p50 ms | p95 ms | p99 ms | max ms | status codes |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {len(latencies)} | {elapsed:.2f} | {rps:.1f} | {pct(latencies, 50):.0f} | "
        f"{pct(latencies, 95):.0f} | {pct(latencies, 99):.0f} | {pct(latencies, 100):.0f} | "
        + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
        + f" ({to_event} redirected to the event page) |",
        "",
        "Database after the burst:",
        "",
        f"- confirmed {counts['confirmed']}, waiting {counts['waiting']}, cancelled "
        f"{counts['cancelled']}; {counts['registrations']} registrations of "
        f"{counts['people']} distinct people; people registered twice: "
        f"{counts['people_twice']}; 'created' log entries: {counts['log_created']}",
        "",
        "Checks:",
        "",
        *[f"- **{'PASS' if ok else 'FAIL'}** {text}" for ok, text in checks],
        "",
        f"Result: **{'PASS' if all(ok for ok, _ in checks) else 'FAIL'}**",
    ]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("setup", help="seed the event, people and sessions (Django ORM)")
    p.add_argument("--people", type=int, default=500)
    p.add_argument("--capacity", type=int, default=15)
    p.add_argument("--plan", required=True, help="JSON file to write")
    p = sub.add_parser("burst", help="fire the registrations, then check the database")
    p.add_argument("--base", default="http://127.0.0.1:8766")
    p.add_argument("--plan", required=True)
    p.add_argument("--threads", type=int, default=50)
    p.add_argument("--timeout", type=float, default=60.0, help="seconds; stop sending after")
    p.add_argument("--note", action="append", default=[])
    p.add_argument("--out", default="bench/results/registration_burst.md")
    args = parser.parse_args(argv)
    return setup(args) if args.step == "setup" else burst(args)


if __name__ == "__main__":
    sys.exit(main())
