"""`kaimolink worker`: run the background tasks waiting in the database.

A thin front to django-tasks-db's `db_worker` with the defaults this project wants: every
queue, no autoreload. Run it beside the web processes (docs/deploy.md has a systemd unit);
with it stopped, tasks wait in the database and run when it starts again.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


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
            help="run what is waiting, then exit",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )

    def handle(self, *args, queue_name, batch, interval, **options):
        call_command(
            "db_worker",
            queue_name=queue_name,
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=options["verbosity"],
        )
