"""The actor form's settlement list narrowed to the chosen LAG (htmx), and its server check."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.actors.enums import ActorType
from kaimolink.actors.models import Actor
from tests.factories import DistrictFactory, LagFactory, SettlementFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/lt/actors/settlements/"


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


def test_options_of_one_lag_grouped_by_district(client, places):
    response = client.get(URL, {"lag": places["lag_a"].pk})
    assert response.status_code == 200
    html = response.text
    assert f'<option value="{places["a1"].pk}">Ąžuolynė</option>' in html
    assert f'<option value="{places["a2"].pk}">Beržynė</option>' in html
    assert "Pušynė" not in html
    assert '<optgroup label="Alpha r. sav.">' in html and "Gama r. sav." not in html
    assert html.index("Alpha r. sav.") < html.index("Beta r. sav.")
    assert html.startswith('<option value="">')


def test_chosen_settlement_stays_selected_when_it_is_in_the_list(client, places):
    a1 = places["a1"]
    html = client.get(URL, {"lag": places["lag_a"].pk, "settlement": a1.pk}).text
    assert f'<option value="{a1.pk}" selected>' in html
    html = client.get(URL, {"lag": places["lag_b"].pk, "settlement": a1.pk}).text
    assert " selected" not in html


def test_no_lag_gives_every_settlement(client, places):
    html = client.get(URL, {"lag": ""}).text
    assert all(name in html for name in ["Ąžuolynė", "Beržynė", "Pušynė"])


@pytest.mark.parametrize("lag", ["abc", "-1", "99999999", "1.5", "²", "9" * 40, "1 OR 1=1", "%00"])
def test_bad_or_unknown_lag_is_400_with_a_message(client, places, lag):
    response = client.get(URL, {"lag": lag, "settlement": "²"})
    assert response.status_code == 400
    assert response.text  # the reason, in the person's language
    assert "<option" not in response.text


def test_bad_settlement_parameter_is_ignored(client, places):
    response = client.get(URL, {"lag": places["lag_a"].pk, "settlement": "9" * 40})
    assert response.status_code == 200 and " selected" not in response.text


def test_endpoint_is_public_and_get_only(client, places):
    assert client.get(URL, {"lag": places["lag_b"].pk}).status_code == 200  # anonymous
    assert client.post(URL, {"lag": places["lag_b"].pk}).status_code == 405


def test_endpoint_runs_constant_queries(client, places):
    def count(lag):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"lag": lag.pk}).status_code == 200
        return len(ctx.captured_queries)

    lag_b = places["lag_b"]
    one = count(lag_b)
    district = lag_b.districts.get()
    for n in range(25):
        SettlementFactory(name=f"Kaimas B{n}", district=district)
    assert count(lag_b) == one


def test_form_asks_for_the_options_when_the_lag_changes_and_keeps_the_full_list(client, places):
    client.force_login(UserFactory())
    html = client.get("/lt/actors/new/").text
    assert f'hx-get="{URL}"' in html
    assert 'hx-target="#id_settlement"' in html and 'hx-trigger="change"' in html
    # Without JavaScript every settlement can still be chosen.
    assert all(name in html for name in ["Ąžuolynė", "Beržynė", "Pušynė"])


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
