"""PostgreSQL search: unaccent + Lithuanian stemmer configuration, and GIN indexes.

On SQLite this migration does nothing: search there reads the folded `search_text`.
The expressions must stay identical to those in actors/lookups.py and selectors.py, or
the planner will not use the indexes (tests/actors/test_search_postgres.py checks).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'lt_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION lt_unaccent (COPY = lithuanian);
        ALTER TEXT SEARCH CONFIGURATION lt_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, lithuanian_stem;
      END IF;
    END $$
    """,
    "CREATE INDEX IF NOT EXISTS actor_search_fts ON actors_actor "
    "USING gin (to_tsvector('lt_unaccent'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS actor_search_name_trgm ON actors_actor "
    "USING gin (search_name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS actor_search_name_trgm",
    "DROP INDEX IF EXISTS actor_search_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
