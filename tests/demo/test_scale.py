import random
import signal
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import DirectoryQuery, actors_filtered
from kaimolink.core.models import District, Lag, Settlement
from kaimolink.core.text import fold, lt_sort_key
from kaimolink.demo.scale import (
    ENDINGS,
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    MAX_LAGS,
    NUMERALS,
    ROOTS,
    ScaleError,
    place_names,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scaled():
    call_command("seed_scale", lags=2, actors=50, verbosity=0)


def _scale_actors():
    return Actor.objects.filter(lag__slug__startswith="scale-")


def test_seed_scale_creates_the_requested_counts(scaled):
    assert Lag.objects.filter(slug__startswith="scale-").count() == 2
    assert District.objects.filter(slug__startswith="scale-").count() == 2
    for lag in Lag.objects.filter(slug__startswith="scale-"):
        district = lag.districts.get()
        assert 18 <= Settlement.objects.filter(district=district).count() <= 23
        assert _scale_actors().filter(lag=lag).count() == 25
    assert _scale_actors().count() == 50
    assert _scale_actors().filter(status=ActorStatus.PUBLISHED).count() == 50
    assert not _scale_actors().filter(themes__isnull=True).exists()


def test_seed_scale_claims_no_mark_without_a_licence(scaled):
    # The status is derived from licences; scale data has none, so nothing is certified.
    assert _scale_actors().filter(actor_type="community_business").exists()
    assert set(_scale_actors().values_list("certification_status", flat=True)) == {"none"}


def test_seed_scale_places_everything_inside_lithuania(scaled):
    for s in Settlement.objects.filter(district__slug__startswith="scale-"):
        assert LAT_MIN <= s.lat <= LAT_MAX and LON_MIN <= s.lon <= LON_MAX
    for a in _scale_actors().select_related("settlement"):
        assert a.district_id == a.settlement.district_id
        assert abs(a.lat - a.settlement.lat) < 0.02 and abs(a.lon - a.settlement.lon) < 0.035


def test_seed_scale_computes_search_fields_as_save_does(scaled):
    for actor in _scale_actors().select_related("lag", "district", "settlement"):
        stored = (actor.search_text, actor.search_name, actor.search_stems)
        actor.refresh_search_fields()
        assert stored == (actor.search_text, actor.search_name, actor.search_stems), actor.slug


def test_seed_scale_computes_lithuanian_sort_keys(scaled):
    for actor in _scale_actors():
        assert actor.name_sort == lt_sort_key(actor.name)
    for model in (Lag, District):
        for row in model.objects.filter(slug__startswith="scale-"):
            assert row.name_sort == lt_sort_key(row.name)
    for s in Settlement.objects.filter(district__slug__startswith="scale-"):
        assert s.name_sort == lt_sort_key(s.name)


def test_seed_scale_actor_is_found_by_a_folded_query(scaled):
    actor = _scale_actors().select_related("settlement").order_by("id").first()
    found = actors_filtered(query=DirectoryQuery(q=fold(actor.settlement.name)))
    assert actor in found
    found = actors_filtered(query=DirectoryQuery(q=fold(actor.name)))
    assert actor in found


def test_seed_scale_slugs_are_unique_and_url_safe(scaled):
    slugs = list(_scale_actors().values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    assert all(s.isascii() and " " not in s for s in slugs)


def test_seed_scale_refuses_to_add_to_existing_scale_data(scaled):
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", lags=2, actors=50, verbosity=0)
    assert _scale_actors().count() == 50


def test_seed_scale_reset_replaces_earlier_scale_data(scaled):
    demo_like = Actor.objects.count() - 50
    call_command("seed_scale", lags=3, actors=30, reset=True, verbosity=0)
    assert Lag.objects.filter(slug__startswith="scale-").count() == 3
    assert _scale_actors().count() == 30
    assert Actor.objects.count() == demo_like + 30


def test_seed_scale_leaves_demo_data_alone(demo_seeded_once):
    demo_actors = Actor.objects.count()
    call_command("seed_scale", lags=2, actors=20, verbosity=0)
    call_command("seed_scale", lags=1, actors=10, reset=True, verbosity=0)
    assert Actor.objects.count() == demo_actors + 10
    assert Lag.objects.filter(slug="kedainiai").exists()


@contextmanager
def at_most(seconds: int):
    """Fail instead of hanging: the old place_names looped for ever once the names ran out."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_place_names_serves_49_lags_worth_of_distinct_names():
    count = 49 * 23  # a town and up to 22 villages for each of Lithuania's 49 LAGs
    taken = {"Alksniai"}
    with at_most(10):
        names = place_names(random.Random(7), count, taken)
    assert len(names) == count
    assert len({name for name, _ in names}) == count
    assert "Alksniai" not in {name for name, _ in names}


def test_seed_scale_writes_lithuanias_49_lags():
    with at_most(60):
        call_command("seed_scale", lags=49, actors=98, verbosity=0)
    assert Lag.objects.filter(slug__startswith="scale-").count() == 49
    names = list(Settlement.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))
    assert _scale_actors().count() == 98


def test_seed_scale_refuses_more_lags_than_it_can_name():
    with pytest.raises(CommandError, match=str(MAX_LAGS)):
        call_command("seed_scale", lags=MAX_LAGS + 1, actors=0, verbosity=0)
    assert not Lag.objects.filter(slug__startswith="scale-").exists()


def test_place_names_refuses_more_names_than_its_pool():
    pool = len(ROOTS) * len(ENDINGS) * len(NUMERALS)
    with at_most(10), pytest.raises(ScaleError):
        place_names(random.Random(7), pool + 1, set())


# --- Market products (--products) -----------------------------------------------------------


@pytest.fixture
def with_products():
    call_command("seed_scale", lags=2, actors=20, products=120, verbosity=0)


def _scale_products():
    from kaimolink.market.models import Product

    return Product.objects.filter(lag__slug__startswith="scale-")


def test_seed_scale_products_are_computed_as_save_does(with_products):
    products = list(_scale_products().select_related("actor"))
    assert len(products) == 120
    for product in products:
        stored = (product.search_text, product.search_stems, product.name_sort, product.delivers)
        product.refresh_search_fields()
        recomputed = (
            product.search_text, product.search_stems, lt_sort_key(product.name),
            bool(product.delivery_area.strip()),
        )  # fmt: skip
        assert stored == recomputed, product.slug
        assert product.lag_id == product.actor.lag_id
        assert product.actor.lag.slug.startswith("scale-")


def test_seed_scale_products_are_mostly_published_and_found_by_word_forms(with_products):
    from kaimolink.market.enums import ProductStatus
    from kaimolink.market.selectors import CatalogueQuery, products_filtered

    published = _scale_products().filter(status=ProductStatus.PUBLISHED)
    assert 90 <= published.count() < 120
    product = published.order_by("id").first()
    word = product.name.split()[-1]
    assert product in products_filtered(query=CatalogueQuery(q=fold(word)))
    assert len({p.slug for p in _scale_products()}) == 120


def test_seed_scale_reset_replaces_products_too(with_products):
    call_command("seed_scale", lags=1, actors=5, products=7, reset=True, verbosity=0)
    assert _scale_products().count() == 7


def test_seed_scale_products_need_actors():
    with pytest.raises(CommandError, match="actors"):
        call_command("seed_scale", lags=1, actors=0, products=5, verbosity=0)
