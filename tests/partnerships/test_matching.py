"""Matchmaking on cases where the right answer is obvious (docs/matchmaking.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kaimolink.actors.enums import ActorStatus
from kaimolink.partnerships import matching
from kaimolink.partnerships.enums import Area, PostKind
from tests.factories import ActorFactory, LagFactory, SettlementFactory, theme
from tests.partnerships.factories import PostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# One degree of latitude is about 111 km.
HOME = (55.30, 23.90)
KM_10 = (55.39, 23.90)
KM_150 = (56.65, 23.90)


def actor_at(point, *, lag, offers="", seeks="", themes=(), status=ActorStatus.PUBLISHED, **kw):
    settlement = SettlementFactory(district=lag.districts.first(), lat=point[0], lon=point[1])
    return ActorFactory(
        lag=lag, settlement=settlement, offers=offers, seeks=seeks, themes=list(themes),
        status=status, **kw,
    )  # fmt: skip


@pytest.fixture
def world():
    """A gift-box maker asking for honey, and four actors who might answer."""
    home_lag, far_lag = LagFactory(), LagFactory()
    chains = theme("short-supply-chains")
    asker = actor_at(HOME, lag=home_lag, name="Kėdainių agurkai", themes=[chains])
    near_honey = actor_at(
        KM_10, lag=home_lag, name="Artimas bitininkas", themes=[chains],
        offers="Liepų ir grikių medus, bičių duonelė.",
    )  # fmt: skip
    linen = actor_at(
        KM_10, lag=home_lag, name="Lino siuvykla", themes=[chains],
        offers="Lininiai maišeliai ir rankšluosčiai, 500 per mėnesį.",
    )  # fmt: skip
    far_honey = actor_at(
        KM_150, lag=far_lag, name="Tolimas bitininkas", themes=[chains],
        offers="Pievų medus ir vaškas.",
    )  # fmt: skip
    request = PostFactory(
        actor=asker, kind=PostKind.REQUEST, title="Ieškome medaus gamintojo",
        description="Regioniniam dovanų krepšeliui reikia 200 stiklainių medaus.",
        themes=[chains],
    )  # fmt: skip
    return {"asker": asker, "near_honey": near_honey, "linen": linen, "far_honey": far_honey,
            "request": request, "home_lag": home_lag, "far_lag": far_lag}  # fmt: skip


def names(suggestions) -> list[str]:
    return [s.actor.name for s in suggestions]


def test_stem_makes_lithuanian_forms_of_one_word_equal():
    assert {matching.stem(w) for w in ("medus", "medaus", "medu")} == {"med"}
    assert matching.stem("mediena") != matching.stem("medus")
    assert len({matching.stem(w) for w in ("krepselis", "krepseliui", "krepseli")}) == 1


def test_word_stems_drop_stop_words_numbers_and_keep_the_written_word():
    stems = matching.word_stems("Ieškome 200 stiklainių medaus ir partnerio")
    assert list(stems.values()) == ["stiklainių", "medaus"]


def test_near_honey_producer_beats_linen_maker_and_far_honey_producer(world):
    found = matching.suggestions_for_post(world["request"])
    assert names(found)[:2] == ["Artimas bitininkas", "Tolimas bitininkas"]
    assert "Lino siuvykla" not in names(found)  # a theme alone does not make a partner
    scores = {s.actor.name: s.score for s in found}
    assert scores["Artimas bitininkas"] > scores["Tolimas bitininkas"]
    assert all(0 <= s.score <= 100 for s in found)


def test_asker_and_unpublished_actors_are_never_suggested(world):
    actor_at(KM_10, lag=world["home_lag"], name="Juodraštis", offers="Medus",
             status=ActorStatus.DRAFT)  # fmt: skip
    found = names(matching.suggestions_for_post(world["request"]))
    assert "Kėdainių agurkai" not in found
    assert "Juodraštis" not in found
    assert "Artimas bitininkas" in found


def test_area_own_lag_excludes_actors_of_other_lags(world):
    request = world["request"]
    request.area = Area.OWN_LAG
    request.save()
    assert names(matching.suggestions_for_post(request)) == ["Artimas bitininkas"]


def test_reason_names_the_word_distance_lag_and_theme(world):
    best = matching.suggestions_for_post(world["request"])[0]
    assert best.reason == ("offers: medus, 10 km away, same LAG, theme: Short food supply chains")
    with translation.override("lt"):
        lt = matching.suggestions_for_post(world["request"])[0].reason
    assert "medus" in lt and "10 km" in lt and "Trumposios maisto tiekimo grandinės" in lt
    assert "offers" not in lt


def test_distance_falls_back_to_the_settlement(world):
    honey = world["near_honey"]
    honey.lat = honey.lon = None
    honey.save()
    best = matching.suggestions_for_post(world["request"])[0]
    assert best.actor == honey
    assert "10 km away" in best.reason


def test_offer_is_matched_against_what_actors_look_for(world):
    offer = PostFactory(
        actor=world["linen"], kind=PostKind.OFFER, title="Siuvame lininius maišelius",
        description="Galime pasiūti 500 maišelių per mėnesį.",
    )  # fmt: skip
    wants_bags = actor_at(KM_10, lag=world["home_lag"], name="Sodyba",
                          seeks="Ieškome lininių maišelių dovanoms svečiams.")  # fmt: skip
    found = matching.suggestions_for_post(offer)
    assert names(found) == ["Sodyba"]
    assert found[0].reason.startswith("looks for: lininių, maišelių")
    assert wants_bags != world["linen"]


def test_requests_for_actor_lists_requests_its_offers_answer(world):
    linen_request = PostFactory(actor=world["asker"], title="Reikia lininių maišelių")
    far_own_lag = PostFactory(
        actor=actor_at(KM_150, lag=world["far_lag"], name="Toli"),
        title="Perkame medų", area=Area.OWN_LAG,
    )  # fmt: skip
    found = matching.requests_for_actor(world["near_honey"])
    assert [s.post for s in found] == [world["request"]]
    assert found[0].reason.startswith("asks for: medaus")
    assert [s.post for s in matching.requests_for_actor(world["linen"])] == [linen_request]
    # The far LAG's honey buyer wants partners of its own LAG: the far producer sees it.
    assert far_own_lag in [s.post for s in matching.requests_for_actor(world["far_honey"])]


def test_closed_and_expired_requests_are_not_offered_to_actors(world):
    request = world["request"]
    request.status = "closed"
    request.save()
    assert matching.requests_for_actor(world["near_honey"]) == []


def test_complementary_actors_both_directions(world):
    seeker = world["asker"]
    seeker.seeks = "Ieškome medaus dovanų krepšeliui."
    seeker.offers = "Rauginti agurkai."
    seeker.save()
    wants_cucumbers = actor_at(KM_10, lag=world["home_lag"], name="Valgykla",
                               seeks="Perkame raugintus agurkus.")  # fmt: skip
    found = {s.actor.name: s for s in matching.complementary_actors(seeker)}
    assert found["Artimas bitininkas"].reason.startswith("offers what you look for: medus")
    assert found["Valgykla"].reason.startswith("looks for what you offer: rauginti, agurkai")
    assert "Lino siuvykla" not in found
    assert wants_cucumbers.pk != seeker.pk
    ranked = list(found)
    assert ranked.index("Artimas bitininkas") < ranked.index("Tolimas bitininkas")


def test_query_count_does_not_grow_with_candidates(world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            matching.suggestions_for_post(world["request"])
            matching.requests_for_actor(world["near_honey"])
            matching.complementary_actors(world["near_honey"])
        return len(ctx.captured_queries)

    few = count()
    for n in range(12):
        actor_at(KM_10, lag=world["home_lag"], name=f"Bitininkas {n}", offers="Medus",
                 seeks="Ieškome medaus", themes=[theme("heritage-tourism")])  # fmt: skip
        PostFactory(actor=world["asker"], title=f"Medus nr. {n}")
    assert count() == few


def test_candidates_are_capped(world, monkeypatch):
    monkeypatch.setattr(matching, "MAX_CANDIDATES", 2)
    for n in range(4):
        actor_at(KM_150, lag=world["far_lag"], name=f"Toli {n}", offers="Medus")
    found = names(matching.suggestions_for_post(world["request"]))
    # Only two are scored: among the word matches the asking actor's LAG comes first, then
    # the newest; the older far producer is left out.
    assert found == ["Artimas bitininkas", "Toli 3"]


def test_a_crowded_theme_does_not_hide_the_actor_that_offers_the_thing(world, monkeypatch):
    """More actors share the theme than are scored: the word match still gets through."""
    monkeypatch.setattr(matching, "MAX_CANDIDATES", 3)
    for n in range(6):  # newer than the honey producers, same theme, same LAG, no honey
        actor_at(KM_10, lag=world["home_lag"], name=f"Kaimo turizmas {n}",
                 offers="Nakvynė ir pirtis", themes=[theme("short-supply-chains")])  # fmt: skip
    found = names(matching.suggestions_for_post(world["request"]))
    assert found[:2] == ["Artimas bitininkas", "Tolimas bitininkas"]
