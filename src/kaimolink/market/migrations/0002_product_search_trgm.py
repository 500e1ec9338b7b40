"""PostgreSQL: trigram indexes for the catalogue search (docs/performance.md, "Market catalogue").

Search matches `search_text LIKE '%term%'` or `search_stems LIKE '% stem %'`
(core.search.word_forms_match); GIN trigram indexes answer both, so a search reads only
the matching rows instead of every published product. On SQLite this does nothing.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS product_search_text_trgm ON market_product "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS product_search_stems_trgm ON market_product "
    "USING gin (search_stems gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS product_search_stems_trgm",
    "DROP INDEX IF EXISTS product_search_text_trgm",
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
    dependencies = [("market", "0001_initial"), ("actors", "0002_postgres_search")]
    operations = [migrations.RunPython(forward, backward)]
