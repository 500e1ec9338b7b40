"""Lithuanian word forms in the directory search: one table, run on SQLite and PostgreSQL.

Run it twice: `pytest tests/actors/test_word_forms.py` (SQLite) and with DATABASE_URL set
to PostgreSQL. Each row puts one form in an actor's description (not in its name: the
PostgreSQL typo fallback looks at names and places) and searches with another.
"""

import pytest
from django.db import connection

from kaimolink.actors.selectors import DirectoryQuery, actors_filtered
from kaimolink.core.search import stem
from kaimolink.core.text import fold
from tests.factories import ActorFactory, DistrictFactory, LagFactory, SettlementFactory

pytestmark = pytest.mark.django_db

# (form in the actor's text, form searched for)
SAME_WORD = [
    ("turizmas", "turizmo"),
    ("turizmo", "turizmas"),
    ("turizmą", "turizmas"),
    ("turizmui", "turizmą"),
    ("Kėdainiai", "Kėdainių"),
    ("Kėdainių", "kedainiai"),
    ("Kėdainiuose", "Kėdainiai"),
    ("Kėdainiai", "kedai"),
    ("medus", "medaus"),
    ("medaus", "medus"),
    ("medumi", "medus"),
    ("ūkininkas", "ūkininkų"),
    ("ūkininkų", "ukininku"),
    ("ūkininkams", "ukininkas"),
    ("bendruomenė", "bendruomenės"),
    ("bendruomenės", "bendruomenė"),
    ("bendruomenei", "bendruomene"),
    ("amatai", "amatų"),
    ("amatų", "amatas"),
    ("kaimo", "kaimas"),
    ("sūrių", "sūris"),
    ("Šlapaberžės", "slapaberze"),
    ("Kėdainių medus", "kedainiai medaus"),
]

# Different words that begin alike must stay apart.
DIFFERENT_WORDS = [
    ("medžiaga", "medus"),
    ("medžio", "medus"),
    ("kaimynai", "kaimas"),
    ("turistai", "turizmas"),
    ("amatininkai", "amatai"),
    ("Kėdainių medus", "kedainiai sūris"),
]


@pytest.fixture
def place():
    """A LAG whose own names share no word with the table."""
    district = DistrictFactory(name="Zuikių r. sav.")
    lag = LagFactory(name="VVG Zuikis", districts=[district])
    return lag, SettlementFactory(name="Zuikiai", district=district)


def found(place, text: str, q: str) -> bool:
    lag, settlement = place
    actor = ActorFactory(name="Veikėjas", lag=lag, settlement=settlement, description=text)
    ActorFactory(name="Kitas", lag=lag, settlement=settlement, description="Vynuogės.")
    return list(actors_filtered(query=DirectoryQuery(q=q))) == [actor]


@pytest.mark.parametrize(("text", "q"), SAME_WORD)
def test_search_finds_another_form_of_the_word(place, text, q):
    assert found(place, text, q), connection.vendor


@pytest.mark.parametrize(("text", "q"), DIFFERENT_WORDS)
def test_search_keeps_different_words_apart(place, text, q):
    assert not found(place, text, q), connection.vendor


def test_search_conflates_medis_and_medus_on_both_databases(place):
    """The Snowball stemmer cuts both to `med` (PostgreSQL's too): a known limit, the same
    on both databases, so the embedded default finds what PostgreSQL finds."""
    assert found(place, "medus", "medis")


@pytest.mark.postgres_only
def test_stems_are_postgresqls_stems():
    """core.search stems folded words exactly as PostgreSQL's `lt_unaccent` does."""
    words = sorted({w for text, q in SAME_WORD + DIFFERENT_WORDS for w in f"{text} {q}".split()})
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute("SELECT ts_lexize('lithuanian_stem', unaccent(lower(%s)))", [word])
            assert cursor.fetchone()[0] == [stem(fold(word))], word
