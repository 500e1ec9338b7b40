"""The desk's indicator pages: who sees them, what a form refuses, what a page costs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from kaimolink.events.enums import EventKind, EventStatus
from kaimolink.events.models import Attendance
from kaimolink.indicators.models import IndicatorRule
from kaimolink.projects.enums import PartnerRole
from kaimolink.projects.models import Indicator
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.projects.factories import ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.fixture
def world():
    lag, partner, other = LagFactory(), LagFactory(), LagFactory()
    project = ProjectFactory(slug="sumanaus")
    add_partner(project, lag=lag, role=PartnerRole.LEAD)
    add_partner(project, lag=partner)
    manual = add_indicator(project, "R8", "1", achieved=Decimal("1"))
    counted = add_indicator(project, "R1", "33", unit="training")
    IndicatorRule.objects.create(indicator=counted, measure="trainings_held")
    return {
        "project": project, "lag": lag, "other": other, "manual": manual, "counted": counted,
        "coordinator": make_coordinator(lag), "partner_coordinator": make_coordinator(partner),
        "stranger": make_coordinator(other),
    }  # fmt: skip


def url(name, world, indicator=None):
    kwargs = {"slug": world["project"].slug}
    if indicator is not None:
        kwargs["pk"] = indicator.pk
    return reverse(f"desk:{name}", kwargs=kwargs)


def held_training(lags, people=1, when=datetime.date(2024, 3, 5)):
    event = EventFactory(lags=lags, status=EventStatus.HELD, days=[(when, T(9), T(17))])
    for _ in range(people):
        registration = RegistrationFactory(event=event)
        Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    return event


def post(client, world, indicator=None, **data):
    base = {
        "code": "R2", "name": "Dalyviai", "unit": "participant", "target": "15",
        "source": "manual", "rule-measure": "trainings_held", "rule-scope": "project",
    }  # fmt: skip
    base.update(data)
    name = "indicator_edit" if indicator else "indicator_add"
    return client.post(url(name, world, indicator), base)


@pytest.mark.parametrize("who", ["coordinator", "partner_coordinator", "admin"])
def test_project_lags_coordinators_and_admins_see_the_pages(client, world, who):
    user = UserFactory(is_superuser=True, is_staff=True) if who == "admin" else world[who]
    held_training([world["lag"]], people=2)
    client.force_login(user)
    page = client.get(url("project_indicators", world))
    assert page.status_code == 200
    assert url("indicator_records", world, world["counted"]) in page.content.decode()
    records = client.get(url("indicator_records", world, world["counted"]))
    assert records.status_code == 200 and records.context["achieved"] == 1
    assert client.get(url("indicator_edit", world, world["manual"])).status_code == 200
    assert client.get(url("indicator_add", world)).status_code == 200


@pytest.mark.parametrize(
    "name", ["project_indicators", "indicator_add", "indicator_edit", "indicator_delete",
             "indicator_records"],
)  # fmt: skip
def test_another_lags_coordinator_and_members_get_404(client, world, name):
    indicator = None if name in ("project_indicators", "indicator_add") else world["counted"]
    for user in (world["stranger"], UserFactory()):
        client.force_login(user)
        assert client.get(url(name, world, indicator)).status_code == 404
        if name not in ("project_indicators", "indicator_records"):  # GET only: 405
            assert client.post(url(name, world, indicator), {"confirmed": "1"}).status_code == 404
    assert Indicator.objects.filter(pk=world["counted"].pk).exists()


def test_visitor_is_sent_to_log_in(client, world):
    response = client.get(url("project_indicators", world))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_projects_indicator_and_a_manual_ones_records_are_404(client, world):
    elsewhere = add_indicator(ProjectFactory(), "X1")
    client.force_login(world["coordinator"])
    assert client.get(url("indicator_edit", world, elsewhere)).status_code == 404
    assert client.get(url("indicator_records", world, world["manual"])).status_code == 404


def test_coordinator_adds_a_computed_indicator(client, world):
    client.force_login(world["coordinator"])
    response = post(
        client, world, source="computed", **{
            "rule-measure": "participants_min_hours", "rule-min_hours": "6",
            "rule-period_start": "2024-01-01", "rule-period_end": "2024-12-31",
            "rule-lags": [world["lag"].pk], "achieved": "99",
        },
    )  # fmt: skip
    assert response.status_code == 302
    indicator = world["project"].indicators.get(code="R2")
    assert indicator.achieved is None  # counted: a typed value would mislead
    rule = indicator.rule
    assert (rule.measure, rule.min_hours) == ("participants_min_hours", Decimal("6.0"))
    assert list(rule.lags.all()) == [world["lag"]]
    assert rule.period_end == datetime.date(2024, 12, 31)


def test_making_a_computed_indicator_manual_removes_its_rule(client, world):
    client.force_login(world["coordinator"])
    response = post(client, world, world["counted"], code="R1", achieved="30")
    assert response.status_code == 302
    world["counted"].refresh_from_db()
    assert world["counted"].achieved == 30
    assert not IndicatorRule.objects.filter(indicator=world["counted"]).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"rule-measure": "participants_min_hours"}, "min_hours",
         "Give the number of hours a participant must attend."),
        ({"rule-period_start": "2024-05-01", "rule-period_end": "2024-04-01"}, "period_end",
         "The period ends before it starts."),
        ({"rule-period_start": "gegužės 1"}, "period_start", "Enter the date as 2026-05-14"),
        ({"rule-measure": "no_such_measure"}, "measure", ""),
        ({"rule-measure": "conferences_held", "rule-event_kind": "training"}, "event_kind", ""),
        ({"rule-measure": "trainings_held", "rule-per_event": "on"}, "per_event",
         "Only attendance can be averaged per event."),
        ({"rule-measure": "distinct_participants", "rule-scope": "any"}, "scope",
         "This measure lists people: a coordinator counts it in the project's LAGs."),
    ],
)  # fmt: skip
def test_bad_rule_is_refused_naming_the_field_and_nothing_changes(
    client, world, data, field, message
):
    client.force_login(world["coordinator"])
    response = post(client, world, source="computed", **data)
    assert response.status_code == 400
    errors = response.context["rule_form"].errors
    with translation.override("lt"):
        expected = translation.gettext(message) if message else ""
    assert field in errors and expected in errors[field][0] and len(errors[field]) == 1
    assert not world["project"].indicators.filter(code="R2").exists()
    assert 'value="Dalyviai"' in response.content.decode()  # nothing typed is lost


def test_people_of_another_lag_cannot_be_counted_by_a_coordinator(client, world):
    client.force_login(world["coordinator"])
    response = post(
        client, world, source="computed",
        **{"rule-measure": "certificates_issued", "rule-lags": [world["other"].pk]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "lags" in response.context["rule_form"].errors


def test_bad_indicator_fields_are_refused(client, world):
    client.force_login(world["coordinator"])
    response = post(client, world, code="R8", target="-1", source="")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"code", "target", "source"} <= set(errors)  # R8 is taken; negative; no choice


def test_delete_asks_first(client, world):
    client.force_login(world["coordinator"])
    target = url("indicator_delete", world, world["counted"])
    assert client.post(target).status_code == 200  # the question, not the deletion
    assert Indicator.objects.filter(pk=world["counted"].pk).exists()
    assert client.post(target, {"confirmed": "1"}).status_code == 302
    assert not Indicator.objects.filter(pk=world["counted"].pk).exists()
    assert not IndicatorRule.objects.filter(indicator_id=world["counted"].pk).exists()


def test_records_page_lists_what_is_counted_and_pages(client, world):
    held_training([world["lag"]])
    held_training([world["other"]])  # not the project's
    EventFactory(lags=[world["lag"]], status=EventStatus.CANCELLED, kind=EventKind.TRAINING)
    client.force_login(world["coordinator"])
    response = client.get(url("indicator_records", world, world["counted"]))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert (
        client.get(url("indicator_records", world, world["counted"]) + "?page=x").status_code == 200
    )


def test_pages_cost_the_same_queries_for_one_and_many_records(client, world):
    client.force_login(world["coordinator"])
    rule = IndicatorRule.objects.create(
        indicator=add_indicator(world["project"], "R3"), measure="participant_hours"
    )
    held_training([world["lag"]])
    pages = [
        url("project_indicators", world),
        url("indicator_records", world, world["counted"]),
        url("indicator_records", world, rule.indicator),
        world["project"].get_absolute_url(),
    ]
    before = [count_queries(client, page) for page in pages]
    for _ in range(4):
        held_training([world["lag"]], people=3)
    assert [count_queries(client, page) for page in pages] == before
