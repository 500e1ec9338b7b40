"""Matchmaking at scale: how long suggestions take on 100 000 actors (PostgreSQL).

Usage (after `bash bench/run.sh` has built kl_bench, or with any database holding the
scale data):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kl_bench KAIMOLINK_DATA_DIR=/tmp/kl-bm \\
        .venv/bin/python bench/matchmaking.py [--requests 40]

It posts requests for realistic needs as random actors (inside a transaction that is
rolled back: the database is left as it was), then times, for each request, the
suggested partners of the request (`suggestions_for_post`, what the post page and
`/api/v1/partnerships/{id}/suggestions` run), and for the answering side an actor's
matches page (`requests_for_actor` + `complementary_actors`). Prints p50/p95/max and the
queries per call; figures go to docs/performance.md.
"""

import argparse
import os
import random
import statistics
import sys
import time

import django

NEEDS = [
    ("Ieškome medaus gamintojo kalėdinei dovanų dėžutei", "200 stiklainių medaus"),
    ("Reikia siuvėjos lininiams maišeliams", "500 lininių maišelių per mėnesį"),
    ("Ieškome ūkininko, tiekiančio daržoves mokyklai", "šviežios daržovės kas savaitę"),
    ("Reikia salės amatų mugei", "erdvi salė su stalais"),
    ("Ieškome partnerio kaimo turizmo maršrutui", "nakvynė, pirtis, ekskursijos"),
    ("Reikia virėjos bendruomenės virtuvei", "maitinimas renginiams"),
    ("Ieškome saulės elektrinės įrengėjo", "saulės moduliai ant stogo"),
    ("Reikia transporto į turgų", "pervežimas šeštadieniais"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaimolink.settings")
    django.setup()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kaimolink.actors.models import Actor
    from kaimolink.core.models import Theme
    from kaimolink.partnerships import matching
    from kaimolink.partnerships.enums import Area, PostKind
    from kaimolink.partnerships.models import PartnershipPost

    rng = random.Random(args.seed)
    actors = Actor.objects.published().count()
    print(f"{actors} published actors on {connection.vendor}")
    ids = list(Actor.objects.published().values_list("pk", flat=True))
    themes = list(Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE))
    timings = {"suggestions_for_post": [], "actor matches page": []}
    queries = {}
    with transaction.atomic():
        for n in range(args.requests):
            title, description = NEEDS[n % len(NEEDS)]
            asker = Actor.objects.get(pk=rng.choice(ids))
            post = PartnershipPost.objects.create(
                actor=asker, kind=PostKind.REQUEST, title=title, description=description,
                area=rng.choice([Area.OWN_LAG, Area.PLATFORM, Area.ANYWHERE]),
                ends_on=timezone.localdate() + timezone.timedelta(days=30),
            )  # fmt: skip
            post.themes.set(rng.sample(themes, 2))
            post.refresh_search_text()
            post.save(update_fields=["search_text"])
            post = PartnershipPost.objects.select_related("actor__settlement").get(pk=post.pk)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                found = matching.suggestions_for_post(post)
                timings["suggestions_for_post"].append(time.perf_counter() - started)
            queries["suggestions_for_post"] = len(ctx.captured_queries)
            answering = found[0].actor if found else asker
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                matching.requests_for_actor(answering)
                matching.complementary_actors(answering)
                timings["actor matches page"].append(time.perf_counter() - started)
            queries["actor matches page"] = len(ctx.captured_queries)
        transaction.set_rollback(True)
    for name, values in timings.items():
        ms = [v * 1000 for v in values]
        print(
            f"{name}: n={len(ms)} p50 {statistics.median(ms):.1f} ms, "
            f"p95 {percentile(ms, 0.95):.1f} ms, max {max(ms):.1f} ms, "
            f"{queries[name]} queries"
        )


if __name__ == "__main__":
    main()
