"""Finding 2 of issue 8: how long the actor-import upload request takes on a crafted XLSX,
and how long and how much memory the background read step then needs.

Usage (from the project's root, after ./scripts/test has made .venv):

    .venv/bin/python bench/import_upload.py [--uploads 10] [--empty-rows 190000]

It migrates a throw-away SQLite database in a temporary data directory, makes one LAG and
its coordinator, and posts the file of the finding (a ~200 KB XLSX whose sheet unpacks to
~48 MB: one actor, then 190 000 empty rows) to the upload page with Django's test client,
tasks queued (not run) as with the worker. Then it runs the queued read step as the worker
would, once as the file is (the zip guard refuses it before openpyxl opens it) and once
with the guard loosened so the reader itself meets the empty rows (the run of empty rows
ends the data). Prints request p50/max and step time and peak Python memory
(tracemalloc); figures go to docs/performance.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.* (the file builder and factories)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=10)  # at least 2
    parser.add_argument("--empty-rows", type=int, default=190_000)
    options = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kl-bench-import-")
    os.environ["KAIMOLINK_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kaimolink.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    from kaimolink.actors import importing
    from kaimolink.actors.models import ActorImport
    from tests.actors.test_import_files import empty_rows_xlsx
    from tests.factories import LagFactory, make_coordinator

    content = empty_rows_xlsx(options.empty_rows)
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    client = Client()
    client.force_login(coordinator)
    queued = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }
    timings = []
    with override_settings(TASKS=queued, ALLOWED_HOSTS=["testserver"]):
        for _ in range(options.uploads):
            started = time.perf_counter()
            response = client.post(
                "/en/actors/import/", {"lag": lag.pk, "file": _file("registras.xlsx", content)}
            )
            timings.append(time.perf_counter() - started)
            assert response.status_code == 302, response.status_code
    print(
        f"file: {len(content) / 1024:.0f} KB, {options.empty_rows} empty rows; "
        f"upload request over {options.uploads}: p50 {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms"
    )

    uploaded = list(ActorImport.objects.order_by("-pk")[:2])  # each read step takes its own
    for actor_import, (label, ratio) in zip(
        uploaded, (("as the file is", None), ("zip guard loosened", 10_000)), strict=True
    ):
        if ratio:
            importing.MAX_ZIP_RATIO = ratio
        tracemalloc.start()
        started = time.perf_counter()
        importing.import_run_step(step="read", actor_import_id=actor_import.pk)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        actor_import.refresh_from_db()
        reason = (actor_import.report.get("error") or {}).get("reason", "")
        print(
            f"read step ({label}): {elapsed * 1000:.0f} ms, peak {peak / 2**20:.1f} MiB, "
            f"status {actor_import.status}, {reason[:70]!r}"
        )


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


if __name__ == "__main__":
    main()
