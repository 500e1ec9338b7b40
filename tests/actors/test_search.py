"""Search and order of the directory, on both databases (LITHUANIAN.md)."""

import pytest
from django.db import connection

from kaimolink.actors.enums import ActorStatus, CertificationStatus
from kaimolink.actors.selectors import DirectoryQuery, actors_filtered
from kaimolink.core.text import lt_sort_key
from tests.factories import ActorFactory, LagFactory, SettlementFactory, theme

pytestmark = pytest.mark.django_db


def names(query: DirectoryQuery) -> list[str]:
    return [a.name for a in actors_filtered(query=query)]


@pytest.fixture
def villages():
    lag = LagFactory()
    district = lag.districts.first()
    slapaberze = SettlementFactory(name="Šlapaberžė", district=district)
    kedainiai = SettlementFactory(name="Kėdainiai", district=district)
    ActorFactory(name="Šlapaberžės bendruomenės centras", lag=lag, settlement=slapaberze)
    ActorFactory(
        name="Ūkininkų kooperatyvas „Dotnuvos grūdai“",
        lag=lag,
        settlement=kedainiai,
        offers="Mokymai ūkininkams apie trumpąsias grandines",
    )
    ActorFactory(name="Kėdainių krašto medus", lag=lag, settlement=kedainiai)
    return lag


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("slapaberze", ["Šlapaberžės bendruomenės centras"]),
        ("ŠLAPABERŽĖ", ["Šlapaberžės bendruomenės centras"]),
        ("kedainiu medus", ["Kėdainių krašto medus"]),
        ("dotnuvos", ["Ūkininkų kooperatyvas „Dotnuvos grūdai“"]),
    ],
)
def test_search_ignores_diacritics_and_case(villages, q, expected):
    assert names(DirectoryQuery(q=q)) == expected


def test_search_by_settlement_finds_every_actor_there(villages):
    assert names(DirectoryQuery(q="kedainiai")) == [
        "Kėdainių krašto medus",
        "Ūkininkų kooperatyvas „Dotnuvos grūdai“",
    ]


def test_search_without_match_is_empty(villages):
    assert names(DirectoryQuery(q="vynuogynas")) == []


def test_search_skips_unpublished(villages):
    ActorFactory(name="Šlapaberžės ūkis", status=ActorStatus.PENDING, lag=villages)
    assert names(DirectoryQuery(q="slapaberzes")) == ["Šlapaberžės bendruomenės centras"]


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", "%%%", "___", "\\\\", "<script>x</script>", "!&|:*()"]
)
def test_hostile_search_text_is_just_text(villages, q):
    assert names(DirectoryQuery(q=q)) == []


def test_filters_combine():
    lag_a, lag_b = LagFactory(), LagFactory()
    energy = theme("renewable-energy")
    ActorFactory(name="A1", lag=lag_a, actor_type="farmer", themes=[energy])
    ActorFactory(name="A2", lag=lag_a, actor_type="farmer")
    ActorFactory(
        name="A3",
        lag=lag_a,
        actor_type="sme",
        themes=[energy],
        certification_status=CertificationStatus.CERTIFIED,
    )
    ActorFactory(name="B1", lag=lag_b, actor_type="farmer", themes=[energy])

    assert names(DirectoryQuery(lag=lag_a, actor_type="farmer")) == ["A1", "A2"]
    assert names(DirectoryQuery(lag=lag_a, theme=energy)) == ["A1", "A3"]
    assert names(DirectoryQuery(certified=True)) == ["A3"]
    assert names(DirectoryQuery(certified=False, lag=lag_a)) == ["A1", "A2"]
    assert names(DirectoryQuery(district_id=lag_b.districts.first().pk)) == ["B1"]


LITHUANIAN_ORDER = [
    "Alksnis",
    "Ąžuolynas",
    "Cukrus",
    "Čiobrelis",
    "Ėglė",
    "Ignalina",
    "Yla",
    "Jūra",
    "Sodas",
    "Šilas",
    "Ūla",
    "Uosis",
    "Zuikis",
    "Žalias",
]


def test_directory_order_is_lithuanian_and_reversible():
    for name in reversed(LITHUANIAN_ORDER):
        ActorFactory(name=name)
    assert names(DirectoryQuery()) == LITHUANIAN_ORDER
    assert names(DirectoryQuery(ordering="-name")) == LITHUANIAN_ORDER[::-1]


def test_newest_order():
    for name in ["Pirmas", "Antras", "Trečias"]:
        ActorFactory(name=name)
    assert names(DirectoryQuery(ordering="newest")) == ["Trečias", "Antras", "Pirmas"]


@pytest.mark.postgres_only
def test_sort_key_agrees_with_postgresql_icu_collation():
    """Our stored key must give the order PostgreSQL's ICU 'lt' collation gives."""
    words = LITHUANIAN_ORDER + [
        "Aa",
        "Ab",
        "Ąa",
        "Cc",
        "Čc",
        "Se",
        "Še",
        "Sz",
        "Ža",
        "Zz",
        "Ėa",
        "Ea",
        "Eb",
        "Įa",
        "Ia",
        "Ib",
        "Ya",
        "Ūa",
        "Ua",
        "Ub",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT w FROM unnest(%s::text[]) AS w ORDER BY w COLLATE "lt-x-icu"', [words]
        )
        icu_order = [row[0] for row in cursor.fetchall()]
    assert sorted(words, key=lt_sort_key) == icu_order


@pytest.mark.postgres_only
def test_search_forgives_a_typo_on_postgresql(villages):
    assert names(DirectoryQuery(q="slapaberse")) == ["Šlapaberžės bendruomenės centras"]
    assert names(DirectoryQuery(q="kedainei")) != []


@pytest.mark.postgres_only
def test_search_is_stemmed_on_postgresql(villages):
    # 'ukininkas mokymas' (singular) finds 'Ūkininkų … Mokymai ūkininkams' (LITHUANIAN.md).
    assert names(DirectoryQuery(q="ukininkas mokymas")) == [
        "Ūkininkų kooperatyvas „Dotnuvos grūdai“"
    ]


@pytest.mark.postgres_only
def test_search_uses_the_gin_indexes_on_postgresql(villages):
    """The SQL that selectors write must match the index expressions of migration 0002."""
    from kaimolink.actors.models import Actor

    def plan_of(qs):
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            sql, params = qs.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
        return plan

    assert "actor_search_vector" in plan_of(
        Actor.objects.filter(search_text__lt_fts="slapaberze").order_by()
    )
    assert "actor_search_name_trgm" in plan_of(
        Actor.objects.filter(search_name__trigram_word_similar="slapaberze").order_by()
    )


def test_directory_result_orders_a_search_like_the_index(villages):
    from kaimolink.actors.selectors import actors_directory_result

    for ordering, expected in [
        ("name", ["Kėdainių krašto medus", "Ūkininkų kooperatyvas „Dotnuvos grūdai“"]),
        ("-name", ["Ūkininkų kooperatyvas „Dotnuvos grūdai“", "Kėdainių krašto medus"]),
    ]:
        result = actors_directory_result(query=DirectoryQuery(q="kedainiai", ordering=ordering))
        assert [a.name for a in result.actors] == expected
        assert (result.count, result.count_is_capped) == (2, False)


def test_directory_result_caps_the_count(villages, monkeypatch):
    from kaimolink.actors import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    result = selectors.actors_directory_result(query=DirectoryQuery())
    assert (result.count, result.count_is_capped) == (2, True)
    assert len(list(result.actors)) == 3  # the list itself is not cut
    exact = selectors.actors_directory_result(query=DirectoryQuery(), exact_count=True)
    assert (exact.count, exact.count_is_capped) == (3, False)


def test_directory_result_pages_a_search_with_equal_names_by_id(villages):
    from kaimolink.actors.selectors import actors_directory_result

    same = [ActorFactory(name="Medaus namai", lag=villages) for _ in range(3)]
    ids = [a.pk for a in same]
    for ordering, expected in [("name", ids), ("-name", ids[::-1])]:
        result = actors_directory_result(query=DirectoryQuery(q="medaus namai", ordering=ordering))
        assert result.count == 3
        assert [a.pk for a in result.actors[1:3]] == expected[1:3]
        assert result.actors[0].pk == expected[0]
