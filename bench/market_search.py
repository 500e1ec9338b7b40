"""Market catalogue search at scale: p50/p95 of the catalogue page on a cache miss.

Usage (a database of your own; it is re-created when --seed is given):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kl_marketbench
    export KAIMOLINK_DATA_DIR=/tmp/kl-marketbench
    .venv/bin/python bench/market_search.py --seed [--products 200000] [--requests 40]

With `--seed` it drops and creates the database, migrates, and writes
`seed_scale --lags 10 --actors 20000 --products N` (bulk, search fields as save() computes
them). Then, in this process (Django's test client, one client, no server in between),
with the page cache off (`PUBLIC_PAGE_CACHE_SECONDS=0`: every request is a cache miss), it
requests each case's catalogue page `--requests` times after 3 warm-ups and prints p50, p95
and max (ms), the SQL share and the queries per page. The same for `GET /api/v1/products`
with the same filters. Figures go to docs/performance.md ("Market catalogue").
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlparse

import django

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("kl_") or "bench" not in name:
        sys.exit(f"Refusing to re-create {name!r}: give a database named kl_…bench….")
    admin = parsed._replace(path="/postgres").geturl()
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-qc", sql], check=True)


def seed(products: int, actors: int, lags: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command("seed_scale", lags=lags, actors=actors, products=products, verbosity=1)
    print(f"seed_scale wall time: {time.perf_counter() - started:.1f} s")


def cases():
    """(label, query parameters): a broad and a narrow search, a category facet."""
    from kaimolink.core.text import fold
    from kaimolink.market.models import Product

    sample = Product.objects.filter(status="published").order_by("id").values("name")[1000]
    place = fold(sample["name"].split()[0])  # a settlement's genitive: a narrow search
    return [
        ("broad search q=medus", {"q": "medus"}),
        ("broad search q=rankų darbo", {"q": "rankų darbo"}),
        (f"narrow search q={place} suris", {"q": f"{place} suris"}),
        ("category facet category=crafts", {"category": "crafts"}),
        ("search + facet q=medus&category=food", {"q": "medus", "category": "food"}),
    ]


def measure(client, url, params, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url, params).status_code == 200
    totals, sql, counts = [], [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url, params)
            totals.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        counts.append(len(ctx.captured_queries))
    return totals, sql, counts, response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true", help="re-create and seed the database")
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--lags", type=int, default=10)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of your own (kl_…bench).")
    if args.seed:
        recreate_database(url)
    sys.path.insert(0, os.path.join(ROOT, "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaimolink.settings")
    os.environ["PUBLIC_PAGE_CACHE_SECONDS"] = "0"  # every request a cache miss
    django.setup()

    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    from kaimolink.market.models import Product

    setup_test_environment()  # the test client's host, mail kept in memory
    settings.DEBUG = False
    # Static files by name, without the manifest that only collectstatic writes (the
    # bench measures the catalogue, not the static files).
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    if args.seed:
        seed(args.products, args.actors, args.lags)
    assert settings.PUBLIC_PAGE_CACHE_SECONDS == 0
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        print(cursor.fetchone()[0].split(",")[0])
    published = Product.objects.published().count()
    print(f"products: {Product.objects.count()}, published of published actors: {published}")
    print(f"load average: {os.getloadavg()}, CPUs: {os.cpu_count()}")
    client = Client()
    print(f"\n{args.requests} requests per case, one client, cache miss; times in ms")
    print("| case | page | found | p50 | p95 | max | SQL p50 | queries | API p50 | API p95 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, params in cases():
        totals, sql, counts, response = measure(client, "/lt/market/", params, args.requests)
        found = response.context["page"].paginator.count if response.context else "?"
        api, _, _, _ = measure(client, "/api/v1/products", params, args.requests)
        print(
            f"| {label} | /lt/market/ | {found} | {statistics.median(totals):.1f} "
            f"| {percentile(totals, 0.95):.1f} | {max(totals):.1f} "
            f"| {statistics.median(sql):.1f} | {counts[-1]} "
            f"| {statistics.median(api):.1f} | {percentile(api, 0.95):.1f} |"
        )


if __name__ == "__main__":
    main()
