"""The actor form's settlement list marks each settlement's LAGs (filtered in the browser,
kaimolink/settlement-search.js; tests/browser/test_registration.py drives it), and the server
check."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.actors.enums import ActorType
from kaimolink.actors.models import Actor
from tests.factories import DistrictFactory, LagFactory, SettlementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    """LAG A covers districts A1 and A2, LAG B covers district B."""
    a1, a2, b = (
        DistrictFactory(name="Alpha r. sav."),
        DistrictFactory(name="Beta r. sav."),
        (DistrictFactory(name="Gama r. sav.")),
    )
    lag_a, lag_b = LagFactory(districts=[a1, a2]), LagFactory(districts=[b])
    return {
        "lag_a": lag_a,
        "lag_b": lag_b,
        "a1": SettlementFactory(name="Ąžuolynė", district=a1),
        "a2": SettlementFactory(name="Beržynė", district=a2),
        "b": SettlementFactory(name="Pušynė", district=b),
    }


def option(html: str, settlement) -> str:
    """The settlement's <option> tag in the settlement list (not the LAG list's)."""
    select = html[html.index('<select name="settlement"') :]
    select = select[: select.index("</select>")]
    found = re.search(rf'<option value="{settlement.pk}"[^>]*>', select)
    assert found, settlement.name
    return found.group(0)


def test_each_settlement_carries_the_lags_of_its_district(client, places):
    shared = DistrictFactory(name="Delta r. sav.")
    places["lag_a"].districts.add(shared)
    places["lag_b"].districts.add(shared)
    on_the_border = SettlementFactory(name="Riba", district=shared)
    client.force_login(UserFactory())
    html = client.get("/lt/actors/new/").text
    a, b = places["lag_a"].pk, places["lag_b"].pk
    assert f'data-lags="{a}"' in option(html, places["a1"])
    assert f'data-lags="{a}"' in option(html, places["a2"])
    assert f'data-lags="{b}"' in option(html, places["b"])
    lags = re.search(r'data-lags="([^"]*)"', option(html, on_the_border)).group(1)
    assert sorted(lags.split()) == sorted([str(a), str(b)])
    # Without JavaScript every settlement can still be chosen, grouped by district.
    assert html.count("<optgroup") == 4
    assert "kaimolink/settlement-search.js" in html


def test_the_form_page_runs_constant_queries(client, places):
    client.force_login(UserFactory())

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/lt/actors/new/")
        return len(ctx.captured_queries)

    few = count()
    for n in range(10):
        district = DistrictFactory(name=f"Rajonas {n}")
        places["lag_b"].districts.add(district)
        SettlementFactory(district=district)
    assert count() == few


def test_form_still_refuses_a_settlement_outside_the_lag(client, places):
    client.force_login(UserFactory())
    data = {
        "name": "Pušynės bendruomenė",
        "actor_type": ActorType.COMMUNITY_ORGANISATION,
        "lag": places["lag_a"].pk,
        "settlement": places["b"].pk,
    }
    response = client.post("/lt/actors/new/", data)
    assert response.status_code == 400
    assert 'value="Pušynės bendruomenė"' in response.text
    assert response.context["form"].errors["settlement"]
    assert not Actor.objects.exists()

    data["settlement"] = places["a2"].pk
    assert client.post("/lt/actors/new/", data).status_code == 302
    assert Actor.objects.get().district == places["a2"].district


def test_form_accepts_a_settlement_the_coordinator_added(client, places):
    """A village missing from the list is added on the settlements page, then chosen."""
    from kaimolink.core.settlements import settlement_create

    lag = places["lag_a"]
    district = places["a1"].district
    village = settlement_create(
        lag=lag, district=district, name="Naujakaimis", name_genitive="", kind="village",
        lat=55.3, lon=23.9,
    )  # fmt: skip
    client.force_login(UserFactory())
    html = client.get("/lt/actors/new/").text
    assert f'data-lags="{lag.pk}"' in option(html, village)
    data = {
        "name": "Naujakaimio bendruomenė",
        "actor_type": ActorType.COMMUNITY_ORGANISATION,
        "lag": lag.pk,
        "settlement": village.pk,
    }
    assert client.post("/lt/actors/new/", data).status_code == 302
    assert Actor.objects.get().settlement == village


def test_form_leaves_out_settlements_no_lag_covers(client, places):
    """The address register loads whole municipalities; one outside every LAG is not offered."""
    outside = SettlementFactory(name="Tolimoji", district=DistrictFactory(name="Niekieno r. sav."))
    client.force_login(UserFactory())
    html = client.get("/lt/actors/new/").text
    assert f'<option value="{outside.pk}"' not in html
    assert "Niekieno r. sav." not in html
    assert 'data-search-label="' in html  # the search box's label, for settlement-search.js


def test_form_lists_hundreds_of_settlements_grouped_by_district(client, places):
    district = places["a1"].district
    Settlement = places["a1"].__class__
    Settlement.objects.bulk_create(
        Settlement(name=f"Kaimas {n:03d}", district=district, lat=55.3, lon=23.9)
        for n in range(300)
    )
    client.force_login(UserFactory())
    html = client.get("/lt/actors/new/").text
    select = html[html.index('<select name="settlement"') :]
    select = select[: select.index("</select>")]
    assert select.count("<option value=") == 3 + 300 + 1  # the fixture's, the new, "Choose"
    assert select.count("<optgroup") == 3
