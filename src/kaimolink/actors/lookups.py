"""PostgreSQL full-text lookup over the folded search text (see migration 0002)."""

from django.db.models import Lookup, TextField


@TextField.register_lookup
class LithuanianFullText(Lookup):
    """`field__lt_fts="ukininkas mokymas"`: stemmed Lithuanian match, diacritics ignored.

    The expression matches the GIN index created in actors/migrations/0002 exactly.
    PostgreSQL only; selectors use plain substring search on SQLite.
    """

    lookup_name = "lt_fts"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = (
            f"to_tsvector('lt_unaccent'::regconfig, {lhs}) "
            f"@@ plainto_tsquery('lt_unaccent'::regconfig, {rhs})"
        )
        return sql, [*lhs_params, *rhs_params]
