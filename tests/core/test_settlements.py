"""A coordinator's settlement pages: list with search, add, merge a duplicate (core)."""

import pytest

from kaimolink.core.models import Settlement
from kaimolink.core.settlements import SettlementError, settlement_merge
from tests.events.factories import EventFactory
from tests.factories import (
    ActorFactory,
    DistrictFactory,
    LagFactory,
    SettlementFactory,
    UserFactory,
    make_coordinator,
)
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Bakainiai",
    "name_genitive": "Bakainių",
    "kind": "village",
    "lat": "55.31",
    "lon": "23.95",
}


@pytest.fixture
def lag():
    return LagFactory(districts=[DistrictFactory(name="Kėdainių r. sav.")])


@pytest.fixture
def coordinator_client(client, lag):
    client.force_login(make_coordinator(lag))
    return client


def _post_new(client, lag, **changes):
    data = {**GOOD, "district": lag.districts.get().pk, **changes}
    return client.post(f"/en/settlements/{lag.slug}/new/", data)


def test_settlement_add_by_coordinator_saves_it(coordinator_client, lag):
    response = _post_new(coordinator_client, lag, lat="55,31")
    assert response.status_code == 302
    settlement = Settlement.objects.get(name="Bakainiai")
    assert (settlement.district, settlement.kind, settlement.name_genitive) == (
        lag.districts.get(),
        Settlement.Kind.VILLAGE,
        "Bakainių",
    )
    assert settlement.lat == pytest.approx(55.31)


def test_settlement_add_with_one_district_preselects_it(coordinator_client, lag):
    form = coordinator_client.get(f"/en/settlements/{lag.slug}/new/").context["form"]
    assert list(form.fields["district"].choices)[0][0] == lag.districts.get().pk


def test_settlement_add_empty_name_says_what_to_enter(coordinator_client, lag):
    response = _post_new(coordinator_client, lag, name="  ")
    assert response.status_code == 400
    assert "Enter the settlement&#x27;s name" in response.text
    assert not Settlement.objects.exists()


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("52.52", "13.40", "Enter a latitude in Lithuania, from 53.85 to 56.50"),
        ("55.3", "28.0", "Enter a longitude in Lithuania, from 20.90 to 26.90"),
        ("23.95", "55.31", "The latitude and longitude seem swapped."),
        ("šiaurė", "23.9", "Enter a latitude in Lithuania"),
    ],
)
def test_settlement_add_outside_lithuania_is_refused(coordinator_client, lag, lat, lon, message):
    response = _post_new(coordinator_client, lag, lat=lat, lon=lon)
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Bakainiai"' in response.text  # what was typed is kept
    assert not Settlement.objects.exists()


def test_settlement_add_same_name_twice_is_refused(coordinator_client, lag):
    SettlementFactory(name="Bakainiai", district=lag.districts.get())
    response = _post_new(coordinator_client, lag, name="bakainiai")
    assert response.status_code == 400
    assert "already has a settlement with this name" in response.text
    assert Settlement.objects.count() == 1


def test_settlement_add_district_of_another_lag_is_refused(coordinator_client, lag):
    other = LagFactory()
    response = _post_new(coordinator_client, lag, district=other.districts.get().pk)
    assert response.status_code == 400
    assert "Choose a municipality of your LAG" in response.text
    assert not Settlement.objects.exists()


def test_settlement_add_form_offers_only_the_lags_districts(coordinator_client, lag):
    LagFactory()  # another LAG's district exists
    form = coordinator_client.get(f"/en/settlements/{lag.slug}/new/").context["form"]
    assert list(form.fields["district"].queryset) == [lag.districts.get()]


@pytest.mark.parametrize("page", ["", "new/"])
def test_settlement_pages_of_another_lag_answer_404(coordinator_client, page):
    other = LagFactory()
    assert coordinator_client.get(f"/en/settlements/{other.slug}/{page}").status_code == 404
    response = coordinator_client.post(
        f"/en/settlements/{other.slug}/new/", {**GOOD, "district": other.districts.get().pk}
    )
    assert response.status_code == 404
    assert not Settlement.objects.exists()


def test_settlement_pages_for_a_member_answer_404(client, lag):
    client.force_login(UserFactory())
    assert client.get("/en/settlements/").status_code == 404
    assert client.get(f"/en/settlements/{lag.slug}/").status_code == 404


def test_settlement_pages_ask_a_visitor_to_log_in(client, lag):
    response = client.get(f"/en/settlements/{lag.slug}/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_settlement_home_sends_a_coordinator_to_their_lag(coordinator_client, lag):
    response = coordinator_client.get("/en/settlements/")
    assert response["Location"] == f"/en/settlements/{lag.slug}/"


def test_settlement_list_search_ignores_diacritics(coordinator_client, lag):
    district = lag.districts.get()
    SettlementFactory(name="Kėdainiai", name_genitive="Kėdainių", district=district)
    SettlementFactory(name="Šėta", district=district)
    SettlementFactory(name="Kėdainėliai", district=LagFactory().districts.get())  # other LAG
    response = coordinator_client.get(f"/en/settlements/{lag.slug}/?q=kedain")
    assert [s.name for s in response.context["page"]] == ["Kėdainiai"]
    by_genitive = coordinator_client.get(f"/en/settlements/{lag.slug}/?q=kėdainių")
    assert [s.name for s in by_genitive.context["page"]] == ["Kėdainiai"]


def test_settlement_list_nothing_found_says_so(coordinator_client, lag):
    response = coordinator_client.get(f"/en/settlements/{lag.slug}/?q=nera")
    assert "No settlement matches" in response.text


def test_settlement_list_query_count_does_not_grow(coordinator_client, lag):
    district = lag.districts.get()
    SettlementFactory(district=district)
    url = f"/en/settlements/{lag.slug}/"
    one = count_queries(coordinator_client, url)
    for _ in range(20):
        SettlementFactory(district=district)
    assert count_queries(coordinator_client, url) == one


# Merging duplicates


@pytest.fixture
def twins(lag):
    district = lag.districts.get()
    keep = SettlementFactory(name="Pagiriai", district=district)
    duplicate = SettlementFactory(name="Pagirėliai", district=district)
    return duplicate, keep


def test_settlement_merge_moves_references_and_deletes_duplicate(coordinator_client, lag, twins):
    duplicate, keep = twins
    actor = ActorFactory(lag=lag, settlement=duplicate)
    event = EventFactory(settlement=duplicate)
    url = f"/en/settlements/{lag.slug}/{duplicate.pk}/merge/"

    asked = coordinator_client.post(url, {"keep": keep.pk})
    assert asked.status_code == 200
    assert "Yes, merge and delete" in asked.text
    assert Settlement.objects.filter(pk=duplicate.pk).exists()  # nothing done before confirming

    done = coordinator_client.post(url, {"keep": keep.pk, "confirmed": "1"})
    assert done.status_code == 302
    assert not Settlement.objects.filter(pk=duplicate.pk).exists()
    actor.refresh_from_db()
    event.refresh_from_db()
    assert (actor.settlement, event.settlement) == (keep, keep)
    assert "pagiriai" in actor.search_name and "pagireliai" not in actor.search_name


def test_settlement_merge_confirm_lists_what_moves(coordinator_client, lag, twins):
    duplicate, keep = twins
    ActorFactory(lag=lag, settlement=duplicate)
    url = f"/en/settlements/{lag.slug}/{duplicate.pk}/merge/"
    response = coordinator_client.post(url, {"keep": keep.pk})
    assert "actors: 1" in response.text


def test_settlement_merge_into_another_district_is_refused(coordinator_client, lag, twins):
    duplicate, _keep = twins
    elsewhere = SettlementFactory(district=LagFactory().districts.get())
    url = f"/en/settlements/{lag.slug}/{duplicate.pk}/merge/"
    response = coordinator_client.post(url, {"keep": elsewhere.pk, "confirmed": "1"})
    assert response.status_code == 400
    assert "Choose another settlement of the same municipality" in response.text
    assert Settlement.objects.filter(pk=duplicate.pk).exists()


def test_settlement_merge_without_a_choice_says_what_to_choose(coordinator_client, lag, twins):
    duplicate, _keep = twins
    url = f"/en/settlements/{lag.slug}/{duplicate.pk}/merge/"
    response = coordinator_client.post(url, {"confirmed": "1"})
    assert response.status_code == 400
    assert "Choose the settlement to keep" in response.text


def test_settlement_merge_of_another_lag_answers_404(coordinator_client):
    district = LagFactory().districts.get()
    duplicate, keep = SettlementFactory(district=district), SettlementFactory(district=district)
    url = f"/en/settlements/{LagFactory().slug}/{duplicate.pk}/merge/"
    assert coordinator_client.post(url, {"keep": keep.pk, "confirmed": "1"}).status_code == 404
    assert Settlement.objects.filter(pk=duplicate.pk).exists()


def test_settlement_merge_service_refuses_the_same_settlement(lag, twins):
    _duplicate, keep = twins
    with pytest.raises(SettlementError):
        settlement_merge(lag=lag, duplicate=keep, keep=keep)


def test_settlement_merge_finds_every_foreign_key_to_settlement():
    """The merge reads Django's meta, so a new app's foreign key is moved without a change
    here: every model that points at Settlement is seen."""
    pointing = {rel.related_model._meta.label for rel in Settlement._meta.related_objects}
    assert {"actors.Actor", "events.Event"} <= pointing
