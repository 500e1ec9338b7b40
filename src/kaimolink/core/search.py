"""Search by Lithuanian word forms on every database: `turizmas` finds *turizmo*.

A searchable model keeps two copies of its text, both computed in Python on save:
`search_text`, the folded text (`core.text.fold`: lower case, no diacritics), and
`search_stems`, the Snowball Lithuanian stem of each of its words (once each), between
spaces: " turizm ked med ". A search term matches a row when the folded text holds the term
as typed (a word's beginning, a code, a part of a name) or the stems hold the term's stem as
a whole word (any other form of the same word). Both are plain `LIKE '%…%'` tests, so the
same query runs on SQLite and PostgreSQL.

Folding comes before stemming, for stored text and query alike: PostgreSQL's `lt_unaccent`
configuration (actors/migrations/0002) does the same (`unaccent`, then `lithuanian_stem`),
so the actors' full-text index on PostgreSQL and these stems on SQLite agree word for word
(the same Snowball algorithm; tests/actors/test_word_forms.py runs one table on both).
Stemming the folded form also keeps the pairs a person types without diacritics together
('ukininku' and 'ūkininkų' are the same folded word).

The stemmer conflates some different words with a short stem: *medus* (honey) and *medis*
(tree) are both `med` on both databases.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer
from django.db import migrations
from django.db.models import Q
from django.utils.translation import gettext as _

from kaimolink.core.text import fold

# More words than this in one search are ignored (each is one more LIKE per row).
MAX_SEARCH_TERMS = 8
_WORD = re.compile(r"[^\W_]+")
_local = threading.local()


def _stemmer():
    """The Snowball stemmer of this thread: a stemmer object keeps its word while it works."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("lithuanian")
    return stemmer


@lru_cache(maxsize=100_000)
def stem(folded_word: str) -> str:
    """The Lithuanian stem of one folded word: 'kedainiu' -> 'ked', 'turizmas' -> 'turizm'.

    Cached: texts repeat their words, and seeding 100 000 actors stems millions of them.
    """
    return _stemmer().stemWord(folded_word)


def stems_of(folded_text: str) -> str:
    """The stems of the words of a folded text, each once, between spaces: ' turizm ked '.

    The spaces at both ends let `LIKE '% stem %'` match whole stems only.
    """
    seen = dict.fromkeys(stem(word) for word in _WORD.findall(folded_text or ""))
    return f" {' '.join(seen)} " if seen else ""


def search_copies(text: str) -> tuple[str, str]:
    """(`search_text`, `search_stems`) of a text: `x.search_text, x.search_stems = …`."""
    folded = fold(text)
    return folded, stems_of(folded)


def search_terms(q: str) -> list[str]:
    """The folded words of a search, at most MAX_SEARCH_TERMS."""
    return fold(q).split()[:MAX_SEARCH_TERMS]


def word_forms_match(q: str, *, text: str = "search_text", stems: str = "search_stems") -> Q:
    """A condition: every term of `q` is in `text` as typed, or its stem is among `stems`.

    An empty Q (matches everything) when `q` has no words. A term of several words joined
    by punctuation ('ūkininkų-bitininkų') matches by stems when all of its words do.
    """
    condition = Q()
    for term in search_terms(q):
        forms = Q()
        for word in _WORD.findall(term):
            forms &= Q(**{f"{stems}__contains": f" {stem(word)} "})
        as_typed = Q(**{f"{text}__contains": term})
        condition &= (as_typed | forms) if forms else as_typed
    return condition


def nothing_found_advice(q: str, *, filtered: bool) -> list[str]:
    """What to try when a search or filter found nothing, fitting what was asked.

    For `core/_empty.html`: fewer words only after several words, the filters only when
    some are set; word forms and missing diacritics need no advice, they already match.
    """
    terms = search_terms(q)
    advice = []
    if terms:
        advice.append(
            _(
                "Check the spelling. Lithuanian letters may be left out: “kedainiai” "
                "finds “Kėdainiai”."
            )
        )
    if len(terms) > 1:
        advice.append(_("Try fewer words: each word you enter must be found."))
    elif terms:
        advice.append(_("Try a more general word or one with the same meaning."))
    if filtered:
        advice.append(_("Remove a filter or choose “All” in it."))
    return advice


def fill_search_stems(model, batch_size: int = 2000) -> None:
    """For data migrations: `search_stems` from each row's stored `search_text`."""
    batch = []
    for row in model.objects.only("pk", "search_text").iterator(chunk_size=batch_size):
        row.search_stems = stems_of(row.search_text)
        batch.append(row)
        if len(batch) == batch_size:
            model.objects.bulk_update(batch, ["search_stems"])
            batch = []
    if batch:
        model.objects.bulk_update(batch, ["search_stems"])


def search_stems_migration(app_label: str, model_name: str):
    """A RunPython operation filling `search_stems` of existing rows of one model."""

    def forward(apps, schema_editor):
        fill_search_stems(apps.get_model(app_label, model_name))

    return migrations.RunPython(forward, migrations.RunPython.noop)
