"""The public projects and agreements API: /api/v1/projects[/{slug}] and /api/v1/agreements."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.models import ProjectNews
from kaimolink.projects.services import document_add
from tests.api.helpers import BAD_PAGING, get_json
from tests.factories import LagFactory
from tests.projects.factories import (
    AgreementFactory,
    ProjectFactory,
    add_indicator,
    add_partner,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lag_a, lag_b = LagFactory(slug="lag-a"), LagFactory(slug="lag-b")
    smart = ProjectFactory(
        title="Sumanaus kaimo link", slug="sumanaus-kaimo-link",
        number="44TT-KK-21-1-00909-PR001", budget="98880.79", start_year=2021, end_year=2023,
    )  # fmt: skip
    add_partner(smart, lag=lag_a, role=PartnerRole.LEAD)
    add_partner(smart, lag=lag_b)
    add_indicator(smart, "R1", "33")
    abc = ProjectFactory(
        title="ABC vietos gamintojams", slug="abc", title_en="ABC for local producers",
        start_year=2014, end_year=2014, budget=None, number="",
        start_date=datetime.date(2014, 3, 1),
    )  # fmt: skip
    add_partner(abc, name="Madonas novada fonds", country="LV")
    add_partner(abc, lag=lag_a)
    draft = ProjectFactory(title="Slaptas juodraštis", slug="slaptas", status=ProjectStatus.DRAFT)
    add_partner(draft, lag=lag_a, role=PartnerRole.LEAD)
    return {"lag_a": lag_a, "lag_b": lag_b, "smart": smart, "abc": abc, "draft": draft}


def test_projects_list_fields(client, world):
    response, body = get_json(client, "/api/v1/projects")
    assert response.status_code == 200
    assert body["count"] == 2
    smart = next(i for i in body["items"] if i["slug"] == "sumanaus-kaimo-link")
    assert smart["title"] == "Sumanaus kaimo link"
    assert smart["number"] == "44TT-KK-21-1-00909-PR001"
    assert smart["budget"] == "98880.79"
    assert smart["start"] is None and smart["start_year"] == 2021 and smart["end_year"] == 2023
    assert smart["lead"] == {
        "name": world["lag_a"].name, "country": "LT", "country_name": "Lietuva",
        "lag": "lag-a", "role": "lead",
    }  # fmt: skip
    assert [p["lag"] for p in smart["partners"]] == ["lag-a", "lag-b"]
    assert smart["indicators"] == [
        {
            "code": "R1",
            "name": "Rodiklis R1",
            "unit": "piece",
            "unit_forms": [],
            "target": "33.00",
            "achieved": None,
        }
    ]
    assert smart["url"] == "/lt/projects/sumanaus-kaimo-link/"
    abc = next(i for i in body["items"] if i["slug"] == "abc")
    assert abc["lead"] is None and abc["budget"] is None and abc["start"] == "2014-03-01"
    assert abc["partners"][0] == {
        "name": "Madonas novada fonds", "country": "LV", "country_name": "Latvija",
        "lag": None, "role": "partner",
    }  # fmt: skip


def test_projects_list_filters(client, world):
    _, body = get_json(client, "/api/v1/projects", {"lag": "lag-b"})
    assert [i["slug"] for i in body["items"]] == ["sumanaus-kaimo-link"]
    _, body = get_json(client, "/api/v1/projects", {"q": "madonas"})
    assert [i["slug"] for i in body["items"]] == ["abc"]
    _, body = get_json(client, "/api/v1/projects", {"q": "SUMANAUS kaimo"})
    assert [i["slug"] for i in body["items"]] == ["sumanaus-kaimo-link"]
    _, body = get_json(client, "/api/v1/projects", {"q": "juodrastis"})
    assert body == {"count": 0, "items": []}
    _, body = get_json(client, "/api/v1/projects", {"limit": 1, "offset": 1})
    assert body["count"] == 2 and len(body["items"]) == 1


@pytest.mark.parametrize(
    "params,loc",
    [({"lag": "nera"}, "lag"), ({"q": "x" * 201}, "q"), ({"lag": "lag-a\x00"}, "lag"),
     *BAD_PAGING],
)  # fmt: skip
def test_projects_bad_params_are_422(client, world, params, loc):
    response, body = get_json(client, "/api/v1/projects", params)
    assert response.status_code == 422
    assert any(d["loc"][-1] == loc for d in body["detail"])


def test_project_detail_and_hidden_drafts(client, world):
    ProjectNews.objects.create(
        project=world["smart"], title="Susitikimas", date=datetime.date(2023, 6, 5), body="**x**"
    )
    document_add(project=world["smart"], title="Kortelė", filename="k.pdf", content=pdf_bytes())
    response, body = get_json(client, "/api/v1/projects/sumanaus-kaimo-link")
    assert response.status_code == 200
    assert body["news"] == [{"title": "Susitikimas", "date": "2023-06-05", "body": "**x**"}]
    assert body["documents"][0]["title"] == "Kortelė"
    document = world["smart"].documents.get()
    # The download view, which checks access as the project's page does; never /media/.
    assert body["documents"][0]["url"] == f"/lt/projects/documents/{document.pk}/"
    assert client.get("/api/v1/projects/slaptas").status_code == 404
    assert client.get("/api/v1/projects/nera").status_code == 404
    assert client.get("/api/v1/projects/bad%00slug").status_code == 404


def test_project_detail_gives_computed_indicators(client, world):
    """A computed indicator's `achieved` is the platform's count; a manual one as typed."""
    from kaimolink.events.enums import EventStatus
    from kaimolink.indicators.models import IndicatorRule
    from tests.events.factories import EventFactory

    computed = world["smart"].indicators.get(code="R1")
    IndicatorRule.objects.create(indicator=computed, measure="trainings_held")
    add_indicator(world["smart"], "R2", "5", achieved="3")
    past = datetime.date(2023, 5, 4)
    for lags in ([world["lag_a"]], [world["lag_b"]], [LagFactory()]):  # the last: not a partner
        EventFactory(
            lags=lags, status=EventStatus.HELD, days=[(past, datetime.time(9), datetime.time(17))]
        )
    response, body = get_json(client, "/api/v1/projects/sumanaus-kaimo-link")
    assert response.status_code == 200
    assert [(i["code"], i["target"], i["achieved"], i["computed"]) for i in body["indicators"]] == [
        ("R1", "33.00", "2", True),
        ("R2", "5.00", "3.00", False),
    ]
    assert body["indicators"][0]["unit"] == "piece" and body["indicators"][0]["unit_forms"] == []


def test_agreements_list(client, world):
    jonava = AgreementFactory(
        lag=world["lag_a"], title="Su Jonava", date=datetime.date(2010, 7, 27),
        other_parties="Jonavos rajono savivaldybės VVG\n", indefinite=True,
        valid_from=datetime.date(2010, 7, 27),
    )  # fmt: skip
    jonava.parties.set([world["lag_a"]])
    jonava.document.save("sutartis.pdf", ContentFile(pdf_bytes()))
    newspaper = AgreementFactory(lag=world["lag_b"], title="Su laikraščiu", date=None)
    response, body = get_json(client, "/api/v1/agreements")
    assert response.status_code == 200 and body["count"] == 2
    first, second = body["items"]
    assert first["title"] == "Su Jonava" and second["title"] == "Su laikraščiu"
    assert first["date"] == "2010-07-27" and first["registered_by"] == "lag-a"
    assert first["parties"] == [
        {"name": world["lag_a"].name, "lag": "lag-a"},
        {"name": "Jonavos rajono savivaldybės VVG", "lag": None},
    ]
    assert first["valid_from"] == "2010-07-27" and first["valid_until"] is None
    assert first["indefinite"] is True
    assert first["document"] == f"/lt/agreements/documents/{jonava.pk}/"
    assert second["date"] is None and second["document"] is None
    _, body = get_json(client, "/api/v1/agreements", {"lag": "lag-b"})
    assert [i["title"] for i in body["items"]] == ["Su laikraščiu"]
    assert newspaper.pk == body["items"][0]["id"]
    response, body = get_json(client, "/api/v1/agreements", {"lag": "nera"})
    assert response.status_code == 422 and body["detail"][0]["loc"] == ["query", "lag"]


def test_list_queries_do_not_grow_with_rows(client, world):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    AgreementFactory(lag=world["lag_a"]).parties.set([world["lag_a"]])  # one row, then many
    projects_before, agreements_before = count("/api/v1/projects"), count("/api/v1/agreements")
    for n in range(8):
        project = ProjectFactory()
        add_partner(project, lag=world["lag_b"], role=PartnerRole.LEAD)
        add_partner(project, name=f"Partneris {n}", country="CZ")
        add_indicator(project, "R1")
        add_indicator(project, "R2")
        agreement = AgreementFactory(lag=world["lag_a"], other_parties="A\nB")
        agreement.parties.set([world["lag_a"], world["lag_b"]])
    assert count("/api/v1/projects") == projects_before
    assert count("/api/v1/agreements") == agreements_before
