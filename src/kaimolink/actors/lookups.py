"""PostgreSQL full-text lookup over the folded search text (migrations 0002 and 0004)."""

from django.db.models import Lookup, TextField

STORED_VECTOR_COLUMN = "search_vector"


@TextField.register_lookup
class LithuanianFullText(Lookup):
    """`search_text__lt_fts="ukininkas mokymas"`: stemmed Lithuanian match, no diacritics.

    PostgreSQL only (selectors use substring search on SQLite). It reads the stored column
    `search_vector`, which PostgreSQL generates from `search_text` with the `lt_unaccent`
    configuration and indexes with GIN (migration 0004); Django's model does not declare
    that column because SQLite has no tsvector type.
    """

    lookup_name = "lt_fts"

    def as_sql(self, compiler, connection):
        if self.lhs.target.column != "search_text":
            raise ValueError("lt_fts works on Actor.search_text only")
        table = compiler.quote_name_unless_alias(self.lhs.alias)
        column = connection.ops.quote_name(STORED_VECTOR_COLUMN)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{table}.{column} @@ plainto_tsquery('lt_unaccent'::regconfig, {rhs})", rhs_params
