"""The public JSON API: /api/v1/lags, /api/v1/actors, /api/v1/actors/{slug}, docs."""

import json
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaimolink.actors.enums import ActorStatus, ActorType, CertificationStatus
from kaimolink.core.models import Theme
from tests.api.helpers import BAD_PAGING, get_json
from tests.factories import ActorFactory, DistrictFactory, LagFactory, SettlementFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/actors"


def detail_url(slug: str) -> str:
    return f"/api/v1/actors/{slug}"


def names(body) -> list[str]:
    return [item["name"] for item in body["items"]]


def make_theme(slug: str) -> Theme:
    return Theme.objects.create(
        slug=slug, kind=Theme.Kind.SMART_VILLAGE, name_lt=slug, name_en=slug, position=900
    )


# --- /lags ------------------------------------------------------------------------------


def test_lags_list_counts_published_actors_only(client):
    LagFactory(name="Birštono VVG", short_name="Birštonas", slug="birstonas")
    lag_a = LagFactory(name="Anykščių VVG", short_name="Anykščiai", slug="anyksciai")
    ActorFactory.create_batch(2, lag=lag_a)
    ActorFactory(lag=lag_a, status=ActorStatus.DRAFT)
    ActorFactory(lag=lag_a, status=ActorStatus.PENDING)
    ActorFactory(lag=lag_a, status=ActorStatus.ARCHIVED)

    response, body = get_json(client, "/api/v1/lags")

    assert response.status_code == 200
    assert body == [
        {"slug": "anyksciai", "name": "Anykščių VVG", "short_name": "Anykščiai", "actor_count": 2},
        {"slug": "birstonas", "name": "Birštono VVG", "short_name": "Birštonas", "actor_count": 0},
    ]


# --- /actors: the shape of an item ------------------------------------------------------


def test_actors_list_item_has_public_fields(client):
    district = DistrictFactory(name="Kėdainių r. sav.", slug="kedainiu-r-sav")
    lag = LagFactory(slug="kedainiai", districts=[district])
    settlement = SettlementFactory(name="Josvainiai", district=district, lat=55.24, lon=23.83)
    theme_a, theme_b = make_theme("api-a"), make_theme("api-b")
    actor = ActorFactory(
        name="Josvainių bendruomenė", lag=lag, settlement=settlement,
        actor_type=ActorType.FARMER, certification_status=CertificationStatus.CERTIFIED,
        themes=[theme_a, theme_b], email="slapta@example.lt", phone="+37060000000",
    )  # fmt: skip

    response, body = get_json(client, LIST_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert body["count"] == 1
    assert body["items"] == [
        {
            "slug": actor.slug,
            "name": "Josvainių bendruomenė",
            "type": "farmer",
            "type_label": "Farmer",
            "lag": "kedainiai",
            "district": "Kėdainių r. sav.",
            "settlement": "Josvainiai",
            "lat": 55.24,
            "lon": 23.83,
            "themes": ["api-a", "api-b"],
            "certified": True,
            "url": actor.get_absolute_url(),
        }
    ]
    assert body["items"][0]["url"].endswith(f"/actors/{actor.slug}/")
    # A list never carries contacts, consented or not.
    assert "slapta@example.lt" not in response.content.decode()


def test_actors_list_item_without_settlement_has_null(client):
    ActorFactory(settlement=None)

    _, body = get_json(client, LIST_URL)

    assert body["items"][0]["settlement"] is None
    assert body["items"][0]["lat"] is None
    assert body["items"][0]["certified"] is False


def test_actors_list_hides_unpublished_actors(client):
    ActorFactory(name="Matomas")
    for status in (ActorStatus.DRAFT, ActorStatus.PENDING, ActorStatus.ARCHIVED):
        ActorFactory(name=f"Nematomas {status}", status=status)

    response, body = get_json(client, LIST_URL)

    assert response.status_code == 200
    assert body["count"] == 1
    assert names(body) == ["Matomas"]


# --- /actors: each filter, valid -------------------------------------------------------


@pytest.fixture
def two_of_each():
    """Two published actors that differ in every filterable property."""
    theme_a, theme_b = make_theme("api-theme-a"), make_theme("api-theme-b")
    district_a = DistrictFactory(name="Alytaus r. sav.", slug="alytaus-r-sav")
    district_b = DistrictFactory(name="Biržų r. sav.", slug="birzu-r-sav")
    lag_a = LagFactory(slug="lag-a", districts=[district_a])
    lag_b = LagFactory(slug="lag-b", districts=[district_b])
    first = ActorFactory(
        name="Pirmas", lag=lag_a, actor_type=ActorType.FARMER, themes=[theme_a],
        certification_status=CertificationStatus.CERTIFIED,
        settlement=SettlementFactory(name="Šlapaberžė", district=district_a),
    )  # fmt: skip
    second = ActorFactory(
        name="Antras", lag=lag_b, actor_type=ActorType.SME, themes=[theme_b],
        certification_status=CertificationStatus.SUSPENDED,
        settlement=SettlementFactory(name="Pabiržė", district=district_b),
    )  # fmt: skip
    return first, second


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Antras", "Pirmas"]),
        ({"lag": "lag-a"}, ["Pirmas"]),
        ({"lag": "lag-b"}, ["Antras"]),
        ({"district": "alytaus-r-sav"}, ["Pirmas"]),
        ({"district": "birzu-r-sav"}, ["Antras"]),
        ({"type": "farmer"}, ["Pirmas"]),
        ({"type": "sme"}, ["Antras"]),
        ({"type": "public_body"}, []),
        ({"theme": "api-theme-a"}, ["Pirmas"]),
        ({"theme": "api-theme-b"}, ["Antras"]),
        ({"certified": "true"}, ["Pirmas"]),
        ({"certified": "false"}, ["Antras"]),
        ({"q": "pirmas"}, ["Pirmas"]),
        ({"q": "slapaberze"}, ["Pirmas"]),
        ({"q": "Šlapaberžė"}, ["Pirmas"]),
        ({"q": "SLAPABERZE"}, ["Pirmas"]),
        ({"q": "pabirze"}, ["Antras"]),
        ({"lag": "lag-a", "type": "sme"}, []),
        # Empty values mean "no filter", as the web directory's form sends them.
        (
            {"q": "", "lag": "", "district": "", "type": "", "theme": "", "certified": ""},
            ["Antras", "Pirmas"],
        ),
        ({"ordering": ""}, ["Antras", "Pirmas"]),
    ],
)
def test_actors_list_filter_valid(client, two_of_each, params, expected):
    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 200, body
    assert names(body) == expected
    assert body["count"] == len(expected)


def test_actors_list_search_is_accent_insensitive(client):
    ActorFactory(
        name="Kaimo bendruomenė", settlement=SettlementFactory(name="Šlapaberžė"),
    )  # fmt: skip
    ActorFactory(name="Kita bendruomenė", settlement=SettlementFactory(name="Kėdainiai"))

    _, body = get_json(client, LIST_URL, {"q": "slapaberze"})

    assert names(body) == ["Kaimo bendruomenė"]


LT_NAMES = ["Žalias", "Zuikis", "Šilas", "Sodas", "Čiobrelis", "Cukrus"]
LT_ORDER = ["Cukrus", "Čiobrelis", "Sodas", "Šilas", "Zuikis", "Žalias"]


@pytest.fixture
def lithuanian_names():
    lag = LagFactory()
    return [ActorFactory(name=name, lag=lag) for name in LT_NAMES]


@pytest.mark.parametrize("params", [{}, {"ordering": "name"}])
def test_actors_list_ordering_by_name_is_lithuanian(client, lithuanian_names, params):
    _, body = get_json(client, LIST_URL, params)

    assert names(body) == LT_ORDER


def test_actors_list_ordering_reverse_name(client, lithuanian_names):
    _, body = get_json(client, LIST_URL, {"ordering": "-name"})

    assert names(body) == list(reversed(LT_ORDER))


def test_actors_list_ordering_newest_first(client, lithuanian_names):
    _, body = get_json(client, LIST_URL, {"ordering": "newest"})

    assert names(body) == list(reversed(LT_NAMES))


def test_actors_list_limit_and_offset_page_through(client, lithuanian_names):
    _, first = get_json(client, LIST_URL, {"limit": 4})
    _, second = get_json(client, LIST_URL, {"limit": 4, "offset": 4})
    _, past_end = get_json(client, LIST_URL, {"limit": 4, "offset": 100000})

    assert names(first) == LT_ORDER[:4]
    assert names(second) == LT_ORDER[4:]
    assert names(past_end) == []
    assert first["count"] == second["count"] == past_end["count"] == 6


def test_actors_list_default_limit_is_20(client):
    ActorFactory.create_batch(21)

    _, body = get_json(client, LIST_URL)

    assert body["count"] == 21
    assert len(body["items"]) == 20


def test_actors_list_limit_100_is_allowed(client):
    ActorFactory.create_batch(3)

    response, body = get_json(client, LIST_URL, {"limit": 100})

    assert response.status_code == 200
    assert len(body["items"]) == 3


# --- /actors: each parameter, invalid ----------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lag": "no-such-lag"}, "lag"),
        ({"district": "no-such-district"}, "district"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"type": "dragon"}, "type"),
        ({"type": "FARMER"}, "type"),
        ({"certified": "maybe"}, "certified"),
        ({"certified": "1"}, "certified"),
        ({"ordering": "foo"}, "ordering"),
        ({"ordering": "name_sort"}, "ordering"),
        ({"q": "x" * 201}, "q"),
        ({"q": "abc\x00"}, "q"),
        ({"lag": "lag-a\x00"}, "lag"),
        ({"district": "\x00"}, "district"),
        ({"theme": "\x00"}, "theme"),
        *BAD_PAGING,
    ],
)
def test_actors_list_invalid_parameter_is_422_naming_it(client, two_of_each, params, parameter):
    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 422
    errors = body["detail"]
    assert [e["loc"] for e in errors] == [["query", parameter]]
    assert errors[0]["msg"].strip()


def test_actors_list_reports_every_invalid_parameter(client, two_of_each):
    _, body = get_json(client, LIST_URL, {"lag": "nope", "type": "nope", "certified": "nope"})

    assert sorted(e["loc"][1] for e in body["detail"]) == ["certified", "lag", "type"]


def test_actors_list_q_of_200_characters_is_allowed(client, two_of_each):
    response, _ = get_json(client, LIST_URL, {"q": "x" * 200})

    assert response.status_code == 200


def test_actors_list_error_reason_follows_language(client, two_of_each):
    _, body = get_json(client, LIST_URL, {"type": "dragon"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "dragon" in body["detail"][0]["msg"]
    assert "valid choice" in body["detail"][0]["msg"]


# --- /actors: queries --------------------------------------------------------------------


def _count_list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST_URL, {"limit": 100})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


def test_actors_list_query_count_is_constant(client):
    themes = [make_theme("api-q-1"), make_theme("api-q-2")]
    ActorFactory(themes=themes)
    one_count, one = _count_list_queries(client)

    # 29 more, each with its own LAG, district, settlement and two themes.
    ActorFactory.create_batch(29, themes=themes)
    many_count, many = _count_list_queries(client)

    assert len(one["items"]) == 1
    assert len(many["items"]) == 30
    assert all(item["themes"] == ["api-q-1", "api-q-2"] for item in many["items"])
    assert len({item["lag"] for item in many["items"]}) == 30
    assert many_count == one_count
    # count, page of actors with LAG/district/settlement joined, themes prefetched.
    assert one_count == 3


# --- /actors/{slug} ----------------------------------------------------------------------


def test_actors_detail_shows_public_profile(client):
    actor = ActorFactory(
        name="Sodžiaus kooperatyvas", description="Auginame obuolius.",
        offers="Obuolių sultys", seeks="Partnerių turizmui", website="https://sodzius.example.lt",
        email="info@sodzius.example.lt", phone="+37061111111", address="Sodų g. 1",
        contacts_public=True, themes=[make_theme("api-detail")],
    )  # fmt: skip

    response, body = get_json(client, detail_url(actor.slug))

    assert response.status_code == 200
    assert body["slug"] == actor.slug
    assert body["name"] == "Sodžiaus kooperatyvas"
    assert body["lag"] == actor.lag.slug
    assert body["themes"] == ["api-detail"]
    assert body["url"] == actor.get_absolute_url()
    assert body["description"] == "Auginame obuolius."
    assert body["offers"] == "Obuolių sultys"
    assert body["seeks"] == "Partnerių turizmui"
    assert body["website"] == "https://sodzius.example.lt"
    assert body["contacts"] == {
        "email": "info@sodzius.example.lt", "phone": "+37061111111", "address": "Sodų g. 1",
    }  # fmt: skip


def test_actors_detail_hides_contacts_without_consent(client):
    actor = ActorFactory(
        email="privatu@example.lt", phone="+37062222222", address="Slaptoji g. 7",
        contacts_public=False,
    )  # fmt: skip

    response, body = get_json(client, detail_url(actor.slug))

    assert response.status_code == 200
    assert body["contacts"] is None
    text = response.content.decode()
    for private in ("privatu@example.lt", "+37062222222", "Slaptoji"):
        assert private not in text


@pytest.mark.parametrize("status", [ActorStatus.DRAFT, ActorStatus.PENDING, ActorStatus.ARCHIVED])
def test_actors_detail_unpublished_is_404(client, status):
    actor = ActorFactory(status=status)

    response, body = get_json(client, detail_url(actor.slug))

    assert response.status_code == 404
    assert body["detail"]
    assert actor.name not in response.content.decode()


@pytest.mark.parametrize("slug", ["no-such-actor", "x" * 300, quote("šilas"), "%00", "a%20b"])
def test_actors_detail_unknown_is_404(client, slug):
    ActorFactory()

    response, body = get_json(client, detail_url(slug))

    assert response.status_code == 404
    assert body["detail"]


# --- OpenAPI and docs ----------------------------------------------------------------------


def test_openapi_json_lists_the_paths(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/lags", "/api/v1/actors", "/api/v1/actors/{slug}"} <= set(schema["paths"])
    operation = schema["paths"]["/api/v1/actors"]["get"]
    parameters = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert parameters == {
        "q", "lag", "district", "type", "theme", "certified", "ordering", "limit", "offset"
    }  # fmt: skip


def test_openapi_type_enum_matches_the_directory_form(client):
    schema = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/actors"]["get"]["parameters"]}

    assert params["type"]["schema"]["enum"] == ["", *ActorType.values]
    assert params["ordering"]["schema"]["enum"] == ["", "name", "-name", "newest"]


_EXTERNAL = re.compile(r"""(?:https?:)?//(?!/)""", re.IGNORECASE)


def test_docs_page_loads_nothing_from_other_hosts(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    referenced = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert referenced, "the page should reference its scripts and styles"
    for url in referenced:
        assert url.startswith("/") and not url.startswith("//"), url
    assert not _EXTERNAL.search(html), _EXTERNAL.search(html)
    # Swagger UI would otherwise fetch a badge from validator.swagger.io.
    assert '"validatorUrl": null' in html


def test_docs_page_assets_are_served_locally(client):
    html = client.get("/api/v1/docs").content.decode()

    for url in re.findall(r"""(?:src|href)\s*=\s*["'](/[^"']+)["']""", html):
        response = client.get(url)
        assert response.status_code == 200, url


# --- Fuzzing: no input is a 500 ------------------------------------------------------------

PARAMETERS = ["q", "lag", "district", "type", "theme", "certified", "ordering", "limit", "offset"]
VALID = {
    "lag": ["lag-a", ""], "district": ["alytaus-r-sav"], "type": ActorType.values,
    "theme": ["api-theme-a"], "certified": ["true", "false"],
    "ordering": ["name", "-name", "newest"], "limit": ["1", "100"], "offset": ["0", "1"],
    "q": ["slapaberze", "Šlapaberžė"],
}  # fmt: skip


def _value(name):
    return st.one_of(st.text(max_size=300), st.sampled_from(VALID[name]))


query_params = st.fixed_dictionaries({}, optional={name: _value(name) for name in PARAMETERS})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=query_params)
def test_actors_list_never_500(client, two_of_each, params):
    response = client.get(LIST_URL, params)

    assert response.status_code in (200, 422), (params, response.content[:300])
    body = response.json()
    if response.status_code == 422:
        assert all(e["loc"][1] in params for e in body["detail"])
    else:
        assert body["count"] >= len(body["items"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(slug=st.one_of(st.text(min_size=1, max_size=300), st.sampled_from(["pirmas"])))
def test_actors_detail_never_500(client, two_of_each, slug):
    response = client.get(detail_url(quote(slug, safe="")))

    assert response.status_code in (200, 404), (slug, response.content[:300])
