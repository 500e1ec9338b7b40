"""Database set-up that must be identical on every connection."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from kaimolink.core.text import fold


@receiver(connection_created)
def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite has no unaccent: give it our `fold` so SQL may fold a query the same way."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kl_fold", 1, fold, deterministic=True)
