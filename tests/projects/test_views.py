"""Public pages: the project list and page, the agreements registry and a LAG's agreements."""

import datetime

import pytest
from django.urls import reverse

from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.models import ProjectNews
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.projects.factories import AgreementFactory, ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lag_a, lag_b = LagFactory(slug="lag-a", name="Alfa VVG"), LagFactory(slug="lag-b")
    old = ProjectFactory(title="Senas projektas", slug="senas", start_year=2014, end_year=2014)
    add_partner(old, lag=lag_a, role=PartnerRole.LEAD)
    add_partner(old, name="Cesu rajona lauku partneriba", country="LV")
    new = ProjectFactory(title="Naujas projektas", slug="naujas", start_year=2021, end_year=2023)
    add_partner(new, name="Kaišiadorių rajono VVG", role=PartnerRole.LEAD)
    add_partner(new, lag=lag_b)
    add_indicator(new, "R1", "33")
    ProjectNews.objects.create(
        project=new, title="Susitikimas", date=datetime.date(2023, 6, 5),
        body="**Svarbu**: <script>alert(1)</script>",
    )  # fmt: skip
    draft = ProjectFactory(title="Juodraštis", slug="juodrastis", status=ProjectStatus.DRAFT)
    add_partner(draft, lag=lag_a, role=PartnerRole.LEAD)
    return {"lag_a": lag_a, "lag_b": lag_b, "old": old, "new": new, "draft": draft}


def test_list_shows_published_projects_only(client, world):
    response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Senas projektas" in html and "Naujas projektas" in html
    assert "Juodraštis" not in html
    assert "csrfmiddlewaretoken" not in html


def test_list_filters_by_lag_and_year(client, world):
    html = client.get(reverse("projects:list"), {"lag": "lag-a"}).content.decode()
    assert "Senas projektas" in html and "Naujas projektas" not in html
    html = client.get(reverse("projects:list"), {"year": "2022"}).content.decode()
    assert "Naujas projektas" in html and "Senas projektas" not in html
    html = client.get(reverse("projects:list"), {"lag": "lag-b", "year": "2014"}).content.decode()
    assert "Naujas projektas" not in html and "Senas projektas" not in html


@pytest.mark.parametrize("params", [{"lag": "nera"}, {"year": "abc"}, {"year": "1800"},
                                    {"lag": "lag-a\x00"}])  # fmt: skip
def test_list_bad_filter_is_a_400_with_a_message(client, world, params):
    response = client.get(reverse("projects:list"), params)
    assert response.status_code == 400
    assert "Kai kurie filtrai netinkami" in response.content.decode()


def test_list_paginates(client, world):
    for n in range(25):
        ProjectFactory(title=f"Projektas {n:02d}", start_year=2010)
    first = client.get(reverse("projects:list")).content.decode()
    second = client.get(reverse("projects:list"), {"page": 2}).content.decode()
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert "Projektas 24" not in first or "Projektas 24" not in second


def test_project_page_shows_lead_partners_indicators_and_markdown_news(client, world):
    response = client.get(reverse("projects:detail", args=["naujas"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kaišiadorių rajono VVG" in html
    assert reverse("agreements:lag", args=["lag-b"]) in html
    assert "R1" in html and "33" in html
    assert "<strong>Svarbu</strong>" in html and "<script>" not in html
    assert "csrfmiddlewaretoken" not in html


def test_draft_project_page_is_404_for_visitors_and_other_coordinators(client, world):
    url = reverse("projects:detail", args=["juodrastis"])
    assert client.get(url).status_code == 404
    client.force_login(make_coordinator(world["lag_b"]))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_draft_project_page_is_shown_to_its_coordinator(client, world):
    client.force_login(make_coordinator(world["lag_a"]))
    response = client.get(reverse("projects:detail", args=["juodrastis"]))
    assert response.status_code == 200
    assert "Juodraštis" in response.content.decode()


def test_unknown_project_is_404(client, world):
    assert client.get(reverse("projects:detail", args=["nera-tokio"])).status_code == 404


def test_agreements_list_and_lag_page(client, world):
    mine = AgreementFactory(
        lag=world["lag_a"], title="Sutartis su Jonavos VVG", date=datetime.date(2010, 7, 27),
        other_parties="Jonavos rajono savivaldybės VVG", indefinite=True,
    )  # fmt: skip
    mine.parties.set([world["lag_a"]])
    joint = AgreementFactory(lag=world["lag_b"], title="Bendra sutartis")
    joint.parties.set([world["lag_a"], world["lag_b"]])
    AgreementFactory(lag=world["lag_b"], title="Kita sutartis")

    html = client.get(reverse("agreements:list")).content.decode()
    assert all(t in html for t in ("Sutartis su Jonavos VVG", "Bendra sutartis", "Kita sutartis"))
    assert "Jonavos rajono savivaldybės VVG" in html and "neterminuotai" in html

    response = client.get(reverse("agreements:lag", args=["lag-a"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sutartis su Jonavos VVG" in html and "Bendra sutartis" in html
    assert "Kita sutartis" not in html
    assert client.get(reverse("agreements:lag", args=["nera"])).status_code == 404
    assert client.get(reverse("agreements:list"), {"lag": "nera"}).status_code == 400


def test_list_pages_cost_the_same_queries_for_one_or_many_rows(client, world):
    def count(url):
        return count_queries(client, url)

    projects_before = count(reverse("projects:list"))
    AgreementFactory(lag=world["lag_a"]).parties.set([world["lag_a"]])
    agreements_before = count(reverse("agreements:list"))
    for n in range(6):
        project = ProjectFactory(start_year=2020 + n % 3)
        add_partner(project, lag=world["lag_a"], role=PartnerRole.LEAD)
        add_partner(project, name=f"Partneris {n}", country="LV")
        add_indicator(project, "R1")
        add_indicator(project, "R2")
        agreement = AgreementFactory(lag=world["lag_b"], other_parties="A\nB")
        agreement.parties.set([world["lag_a"], world["lag_b"]])
    assert count(reverse("projects:list")) == projects_before
    assert count(reverse("agreements:list")) == agreements_before


def test_public_pages_go_stale_when_a_project_changes(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    url = reverse("projects:detail", args=["naujas"])
    assert "Naujas projektas" in client.get(url).content.decode()
    project = world["new"]
    project.title = "Pervadintas projektas"
    project.save()  # without the signal's commit the cached page is served
    assert "Naujas projektas" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        project.save()
    assert "Pervadintas projektas" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        add_indicator(project, "R9", "77")
    assert "R9" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = AgreementFactory(lag=world["lag_a"], title="Nauja sutartis")
    assert "Nauja sutartis" in client.get(reverse("agreements:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agreement.parties.set([world["lag_b"]])
    html = client.get(reverse("agreements:lag", args=["lag-b"])).content.decode()
    assert "Nauja sutartis" in html


@pytest.mark.parametrize(
    "language,budget,target,fraction",
    [("lt", "98\u00a0880,79", "1\u00a0200", "2,5"), ("en", "98,880.79", "1,200", "2.5")],
)
def test_amounts_are_written_as_each_language_writes_them(language, budget, target, fraction):
    from decimal import Decimal

    from django.utils import translation

    from kaimolink.projects.templatetags.projects_format import amount, quantity

    with translation.override(language):
        assert amount(Decimal("98880.79")) == budget
        assert quantity(Decimal("1200.00")) == target
        assert quantity(Decimal("2.50")) == fraction
        assert amount(None) == quantity(None) == ""


def test_results_show_computed_values_at_a_constant_query_count(
    client, world, settings, django_capture_on_commit_callbacks
):
    """The results section (projects.results, filled by the indicators app) shows counted
    figures marked as such; more records cost no more queries; attendance marked makes
    the cached page stale."""
    from kaimolink.events.enums import EventStatus
    from kaimolink.events.models import Attendance
    from kaimolink.indicators.models import IndicatorRule
    from tests.events.factories import EventFactory, RegistrationFactory

    project = world["new"]
    IndicatorRule.objects.create(
        indicator=project.indicators.get(code="R1"), measure="trainings_held"
    )
    IndicatorRule.objects.create(
        indicator=add_indicator(project, "R2", "15", unit="participant"),
        measure="training_attendance",
    )
    add_indicator(project, "R8", "1", achieved="1")
    url = reverse("projects:detail", args=["naujas"])

    def held(n):
        event = EventFactory(
            lags=[world["lag_b"]], status=EventStatus.HELD,
            days=[(datetime.date(2022, 5, 5), datetime.time(9), datetime.time(17))],
        )  # fmt: skip
        for _ in range(n):
            registration = RegistrationFactory(event=event)
            Attendance.objects.create(registration=registration, day=event.days.get(), present=True)

    held(1)
    before = count_queries(client, url)
    html = client.get(url).content.decode()
    assert "counted by the platform" in html or "skaičiuoja platforma" in html
    rows = {row.indicator.code: row for row in client.get(url).context["results"]}
    assert (rows["R1"].achieved, rows["R1"].computed) == (1, True)
    assert (rows["R2"].achieved, rows["R8"].achieved, rows["R8"].computed) == (1, 1, False)
    for _ in range(3):
        held(4)
    assert count_queries(client, url) == before
    rows = {row.indicator.code: row for row in client.get(url).context["results"]}
    assert (rows["R1"].achieved, rows["R2"].achieved) == (4, 13)

    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    client.get(url)  # cached now
    june = datetime.date(2022, 6, 5)
    event = EventFactory(
        lags=[world["lag_b"]], status=EventStatus.HELD,
        days=[(june, datetime.time(9), datetime.time(17))],
    )  # fmt: skip
    registration = RegistrationFactory(event=event)
    assert ">14" not in client.get(url).content.decode()  # the cached page, 13 participants
    with django_capture_on_commit_callbacks(execute=True):
        Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    assert ">14" in client.get(url).content.decode()
