"""The public partnerships API: /api/v1/partnerships, /{id} and /{id}/suggestions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.actors.enums import ActorStatus
from kaimolink.partnerships.enums import Area, PostKind, PostStatus
from tests.api.helpers import BAD_PAGING, get_json
from tests.factories import ActorFactory, LagFactory, theme
from tests.partnerships.factories import PostFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/partnerships"


@pytest.fixture
def posts():
    lag_a, lag_b = LagFactory(slug="lag-a"), LagFactory(slug="lag-b")
    honey_request = PostFactory(
        actor=ActorFactory(lag=lag_a, name="Krepšelių MB"), title="Ieškome medaus gamintojo",
        themes=[theme("short-supply-chains")], area=Area.OWN_LAG,
    )  # fmt: skip
    linen_offer = PostFactory(
        actor=ActorFactory(lag=lag_b, name="Siuvykla"), kind=PostKind.OFFER,
        title="Siuvame lininius maišelius", description="500 per mėnesį",
    )  # fmt: skip
    ActorFactory(lag=lag_a, name="Bitininkas", offers="Liepų medus")
    PostFactory(title="Uždarytas", status=PostStatus.CLOSED)
    PostFactory(title="Pasibaigęs", ends_on=timezone.localdate() - datetime.timedelta(days=3))
    return {"request": honey_request, "offer": linen_offer}


def test_list_shows_open_posts_with_their_fields(client, posts):
    response, body = get_json(client, LIST_URL)
    assert response.status_code == 200
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["kind"] == "request")
    assert item == {
        "id": posts["request"].pk,
        "kind": "request",
        "kind_label": "Prašymas",
        "title": "Ieškome medaus gamintojo",
        "actor": {"slug": posts["request"].actor.slug, "name": "Krepšelių MB"},
        "lag": "lag-a",
        "themes": ["short-supply-chains"],
        "area": "own_lag",
        "ends": posts["request"].ends_on.isoformat(),
        "url": f"/lt/partnerships/{posts['request'].pk}/",
    }


@pytest.mark.parametrize(
    "params, titles",
    [
        ({"kind": "offer"}, ["Siuvame lininius maišelius"]),
        ({"kind": "request"}, ["Ieškome medaus gamintojo"]),
        ({"lag": "lag-b"}, ["Siuvame lininius maišelius"]),
        ({"theme": "short-supply-chains"}, ["Ieškome medaus gamintojo"]),
        ({"q": "MEDAUS"}, ["Ieškome medaus gamintojo"]),
        ({"q": "lininius siuvykla"}, ["Siuvame lininius maišelius"]),
        ({"q": "maiselius"}, ["Siuvame lininius maišelius"]),
    ],
)
def test_list_filters_as_the_board(client, posts, params, titles):
    _response, body = get_json(client, LIST_URL, params)
    assert [i["title"] for i in body["items"]] == titles
    assert body["count"] == len(titles)


def test_list_pages_with_limit_and_offset(client, posts):
    _r, first = get_json(client, LIST_URL, {"limit": 1})
    _r, second = get_json(client, LIST_URL, {"limit": 1, "offset": 1})
    assert first["count"] == second["count"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {
        posts["request"].pk, posts["offer"].pk,
    }  # fmt: skip


@pytest.mark.parametrize(
    "params, field",
    [
        ({"kind": "gift"}, "kind"),
        ({"lag": "nera"}, "lag"),
        ({"theme": "nera"}, "theme"),
        ({"q": "x" * 201}, "q"),
        *BAD_PAGING,
    ],
)
def test_list_bad_parameters_are_422_naming_the_parameter(client, posts, params, field):
    response, body = get_json(client, LIST_URL, params)
    assert response.status_code == 422
    assert any(d["loc"][-1] == field for d in body["detail"]), body


def test_list_query_count_is_constant(client):
    PostFactory(themes=[theme("rural-jobs")])
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    for _n in range(10):
        PostFactory(themes=[theme("rural-jobs"), theme("marketing")])
    with CaptureQueriesContext(connection) as many:
        _r, body = get_json(client, LIST_URL)
    assert body["count"] == 11
    assert len(many.captured_queries) == len(one.captured_queries)


def test_detail(client, posts):
    response, body = get_json(client, f"{LIST_URL}/{posts['offer'].pk}")
    assert response.status_code == 200
    assert body["title"] == "Siuvame lininius maišelius"
    assert body["description"] == "500 per mėnesį"
    assert body["actor"]["name"] == "Siuvykla"


@pytest.mark.parametrize("which", ["closed", "hidden", "expired", "draft_actor", "unknown", "huge"])
def test_detail_and_suggestions_404_for_what_the_board_does_not_show(client, which):
    post_id = {
        "closed": lambda: PostFactory(status=PostStatus.CLOSED).pk,
        "hidden": lambda: PostFactory(status=PostStatus.HIDDEN).pk,
        "expired": lambda: (
            PostFactory(ends_on=timezone.localdate() - datetime.timedelta(days=1)).pk
        ),
        "draft_actor": lambda: PostFactory(actor=ActorFactory(status=ActorStatus.DRAFT)).pk,
        "unknown": lambda: 12345,
        "huge": lambda: 10**30,
    }[which]()
    for url in (f"{LIST_URL}/{post_id}", f"{LIST_URL}/{post_id}/suggestions"):
        response, body = get_json(client, url)
        assert response.status_code == 404, url
        assert body["detail"]


def test_detail_refuses_a_non_number(client):
    response, _body = get_json(client, f"{LIST_URL}/abc")
    assert response.status_code == 422


def test_suggestions_with_score_and_reason_in_the_asked_language(client, posts):
    url = f"{LIST_URL}/{posts['request'].pk}/suggestions"
    response, body = get_json(client, url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["name"] == "Bitininkas" and item["slug"]
    assert 0 < item["score"] <= 100
    assert item["reason"].startswith("offers: medus")
    _r, lt = get_json(client, url, HTTP_ACCEPT_LANGUAGE="lt")
    assert lt["items"][0]["reason"].startswith("siūlo: medus")


def test_suggestions_follow_the_area(client, posts):
    ActorFactory(lag=posts["offer"].actor.lag, name="Kitos VVG bitininkas", offers="Medus")
    _r, body = get_json(client, f"{LIST_URL}/{posts['request'].pk}/suggestions")
    assert [i["name"] for i in body["items"]] == ["Bitininkas"]  # area: own LAG
