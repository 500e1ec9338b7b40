#!/usr/bin/env python3
"""A small, bounded HTTP load generator for the kaimolink benchmark (bench/run.sh).

Loopback only. For each endpoint in turn: a short warm-up, then `--clients` threads, each
with its own keep-alive connection (http.client reconnects by itself when the server
closes it, as gunicorn's sync workers do after every response), send GET requests
back-to-back for `--duration` seconds. Prints requests/s, p50/p95/p99 latency and errors
per endpoint, checks the targets and writes a Markdown report.

Standard library only, so it runs with any Python 3.11.
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
from dataclasses import dataclass, field
from datetime import datetime, timezone

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SEARCH_P95_MS = 30.0
THROUGHPUT_RATIO = 1 / 3


@dataclass
class Endpoint:
    key: str
    label: str
    paths: list[str]
    tags: set[str] = field(default_factory=set)  # "search", "throughput", "baseline"


@dataclass
class Result:
    endpoint: Endpoint
    latencies: list[float]
    errors: int
    statuses: dict[int, int]
    elapsed: float
    bytes_median: int
    clients: int = 1
    solo: Result | None = None  # the same endpoint with one client: service time

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def pct(self, q: float) -> float:
        """Latency percentile in ms (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
        return ordered[rank] * 1000


def _worker(host, port, paths, offset, stride, start, deadline, out, sizes):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    latencies, errors, statuses = [], 0, {}
    i = offset
    while True:
        now = time.perf_counter()
        if now >= deadline:
            break
        path = paths[i % len(paths)]
        i += stride
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Language": "lt"})
            resp = conn.getresponse()
            body = resp.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        dt = time.perf_counter() - t0
        statuses[resp.status] = statuses.get(resp.status, 0) + 1
        if resp.status != 200:
            errors += 1
        if t0 >= start:  # requests begun during the warm-up are not counted
            latencies.append(dt)
            if len(sizes) < 200:
                sizes.append(len(body))
        if resp.will_close:
            conn.close()
    conn.close()
    out.append((latencies, errors, statuses))


def measure(host, port, endpoint: Endpoint, clients: int, duration: float, warmup: float):
    start = time.perf_counter() + warmup
    deadline = start + duration
    out, sizes, threads = [], [], []
    for n in range(clients):
        t = threading.Thread(
            target=_worker,
            args=(host, port, endpoint.paths, n, clients, start, deadline, out, sizes),
            daemon=True,
        )
        threads.append(t)
        t.start()
    for t in threads:
        t.join(duration + warmup + 60)
    elapsed = max(time.perf_counter(), deadline) - start
    latencies, errors, statuses = [], 0, {}
    for lat, err, st in out:
        latencies.extend(lat)
        errors += err
        for code, n in st.items():
            statuses[code] = statuses.get(code, 0) + n
    sizes.sort()
    return Result(endpoint, latencies, errors, statuses, elapsed,
                  sizes[len(sizes) // 2] if sizes else 0, clients)  # fmt: skip


def probe(host, port, path) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


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


def endpoints(args) -> list[Endpoint]:
    slugs = []
    if args.slugs:
        with open(args.slugs, encoding="utf-8") as fh:
            slugs = [line.strip() for line in fh if line.strip()]
    items = [
        Endpoint("healthz", "/healthz", ["/healthz"], {"baseline"}),
        Endpoint("directory", "/lt/actors/ (directory, page 1)", ["/lt/actors/"], {"throughput"}),
        Endpoint("search_broad", "/lt/actors/?q=kedainiai", ["/lt/actors/?q=kedainiai"],
                 {"search"}),
        Endpoint("search_selective", "/lt/actors/?q=medus", ["/lt/actors/?q=medus"], {"search"}),
        Endpoint("api_search", "/api/v1/actors?q=medus", ["/api/v1/actors?q=medus"], {"search"}),
    ]  # fmt: skip
    if args.lag:
        path = f"/lt/actors/?lag={urllib.parse.quote(args.lag)}&type=farmer"
        items.append(Endpoint("filtered", path, [path]))
    if slugs:
        items.append(
            Endpoint("profile", f"/lt/actors/<slug>/ ({len(slugs)} slugs in turn)",
                     [f"/lt/actors/{urllib.parse.quote(s)}/" for s in slugs], {"throughput"})
        )  # fmt: skip
    bbox = "/lt/actors/map/markers.geojson?bbox=23.5,55.2,24.0,55.5"
    items.append(Endpoint("map", bbox, [bbox]))
    return items


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds, not counted")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument(
        "--solo-duration", type=float, default=3.0,
        help="seconds per endpoint with a single client (latency without queueing); 0: skip",
    )  # fmt: skip
    parser.add_argument("--lag", help="LAG slug for the filtered directory page")
    parser.add_argument("--slugs", help="file with actor slugs for profile pages, one a line")
    parser.add_argument("--only", help="comma-separated endpoint keys to run")
    parser.add_argument("--note", action="append", default=[], help="line for the report")
    parser.add_argument("--out", default="bench/results/latest.md")
    args = parser.parse_args(argv)

    url = urllib.parse.urlsplit(args.base)
    if url.scheme != "http" or url.hostname not in LOOPBACK:
        parser.error("only http:// on the loopback interface is allowed")
    if not (1 <= args.clients <= 64 and 0 < args.duration <= 60):
        parser.error("keep it bounded: 1-64 clients, at most 60 s per endpoint")
    host, port = url.hostname, url.port or 80

    info = machine()
    results, skipped = [], []
    only = set(args.only.split(",")) if args.only else None
    for ep in endpoints(args):
        if only and ep.key not in only:
            continue
        status = probe(host, port, ep.paths[0])
        if status == 404 and ep.key == "api_search":
            skipped.append(f"{ep.label}: answered 404 (endpoint not there yet), skipped")
            print(f"skip  {ep.label}: 404", flush=True)
            continue
        if status != 200:
            print(f"warn  {ep.label}: first answer {status}", flush=True)
        r = measure(host, port, ep, args.clients, args.duration, args.warmup)
        if args.solo_duration > 0:
            r.solo = measure(host, port, ep, 1, args.solo_duration, 0.2)
        results.append(r)
        solo = (
            f"  | 1 client: p50 {r.solo.pct(50):6.1f} p95 {r.solo.pct(95):6.1f} ms"
            if r.solo
            else ""
        )
        print(f"{r.rps:8.1f} req/s  p50 {r.pct(50):7.1f} ms  p90 {r.pct(90):7.1f} ms  "
              f"p95 {r.pct(95):7.1f} ms  "
              f"p99 {r.pct(99):7.1f} ms  errors {r.errors + (r.solo.errors if r.solo else 0):4d}"
              f"{solo}  {ep.label}", flush=True)  # fmt: skip

    checks = evaluate(results)
    for ok, text in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    write_report(args, info, results, skipped, checks)
    print(f"report: {args.out}")
    if any(r.errors or (r.solo and r.solo.errors) for r in results):
        return 2
    return 0 if all(ok for ok, _ in checks) else 3


def evaluate(results: list[Result]) -> list[tuple[bool, str]]:
    checks = []
    by_key = {r.endpoint.key: r for r in results}
    for r in results:
        if "search" in r.endpoint.tags:
            p95 = r.pct(95)
            checks.append((p95 < SEARCH_P95_MS,
                           f"search p95 < {SEARCH_P95_MS:.0f} ms with {r.clients} clients: "
                           f"{r.endpoint.label} p95 = {p95:.1f} ms"))  # fmt: skip
            if r.solo:
                p95 = r.solo.pct(95)
                checks.append((p95 < SEARCH_P95_MS,
                               f"search p95 < {SEARCH_P95_MS:.0f} ms with 1 client: "
                               f"{r.endpoint.label} p95 = {p95:.1f} ms"))  # fmt: skip
    base = by_key.get("healthz")
    if base:
        floor = base.rps * THROUGHPUT_RATIO
        for r in results:
            if "throughput" in r.endpoint.tags:
                checks.append((r.rps >= floor,
                               f"throughput >= 1/3 of /healthz ({floor:.0f} req/s): "
                               f"{r.endpoint.label} = {r.rps:.0f} req/s"))  # fmt: skip
    return checks


def write_report(args, info, results, skipped, checks) -> None:
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")  # noqa: UP017
    lines = [
        f"# kaimolink benchmark, {now}",
        "",
        f"- machine: {info.get('nproc')} CPU ({info.get('cpu', '?')}), "
        f"{info.get('memory_gib', '?')} GiB RAM, load average before: "
        f"{' '.join(info.get('loadavg_before', []))}",
        f"- load: {args.clients} concurrent keep-alive clients (threads), {args.warmup:g} s "
        f"warm-up then {args.duration:g} s per endpoint; then {args.solo_duration:g} s with one "
        f"client (latency without queueing); loopback, Python {info['python']}",
        *[f"- {note}" for note in args.note],
        "",
        f"| endpoint | req/s ({args.clients} clients) | p50 ms | p95 ms | p99 ms | requests "
        "| errors | 1 client: p50 ms | 1 client: p95 ms | body bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        solo = f"{r.solo.pct(50):.1f} | {r.solo.pct(95):.1f}" if r.solo else "– | –"
        errors = r.errors + (r.solo.errors if r.solo else 0)
        lines.append(
            f"| `{r.endpoint.label}` | {r.rps:.1f} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.pct(99):.1f} | {r.count} | {errors} | {solo} | {r.bytes_median} |"
        )
    lines += ["", "Targets:", ""]
    lines += [f"- **{'PASS' if ok else 'FAIL'}** {text}" for ok, text in checks]
    if skipped:
        lines += ["", "Skipped:", ""] + [f"- {s}" for s in skipped]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    with open(os.path.splitext(args.out)[0] + ".json", "w", encoding="utf-8") as fh:
        json.dump(
            {
                "machine": info,
                "results": [
                    {
                        "endpoint": r.endpoint.label,
                        "rps": round(r.rps, 1),
                        "p50_ms": round(r.pct(50), 2),
                        "p90_ms": round(r.pct(90), 2),
                        "p95_ms": round(r.pct(95), 2),
                        "p99_ms": round(r.pct(99), 2),
                        "requests": r.count,
                        "errors": r.errors,
                        "statuses": r.statuses,
                    }
                    for r in results
                ],  # fmt: skip
                "checks": [{"pass": ok, "text": text} for ok, text in checks],
                "skipped": skipped,
            },
            fh,
            indent=2,
            ensure_ascii=False,
        )


if __name__ == "__main__":
    sys.exit(main())
