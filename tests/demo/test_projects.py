"""The demo projects and agreements match the seed text and a second run changes nothing."""

import datetime
from decimal import Decimal

import pytest

from kaimolink.demo.projects import seed_demo_projects
from kaimolink.demo.seed_facts import seed_demo
from kaimolink.projects.models import (
    Agreement,
    AgreementMaterial,
    AgreementSignatory,
    Indicator,
    Project,
    ProjectDocument,
    ProjectNews,
    ProjectPartner,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_demo()
    lines = []
    seed_demo_projects(seed=2026, log=lines.append)
    return lines


def _snapshot():
    rows = []
    for model in (Project, ProjectPartner, Indicator, ProjectNews, ProjectDocument, Agreement,
                  AgreementSignatory, AgreementMaterial):  # fmt: skip
        fields = [f.attname for f in model._meta.concrete_fields]  # updated_at too: no writes
        rows.append(sorted(model.objects.values_list(*fields)))
    rows.append(sorted(Agreement.parties.through.objects.values_list("agreement_id", "lag_id")))
    return rows


def test_sumanaus_kaimo_link_matches_the_seed(seeded):
    project = Project.objects.get(slug="sumanaus-kaimo-link")
    assert project.number == "44TT-KK-21-1-00909-PR001"
    assert project.budget == Decimal("98880.79")
    assert (project.start_year, project.end_year) == (2021, 2023)
    assert project.start_date is None and project.end_date is None  # days not in the seed
    partners = list(project.partners.select_related("lag"))
    assert [(p.role, p.lag.slug) for p in partners] == [
        ("lead", "kedainiai"),
        ("partner", "dzukija"),
        ("partner", "radviliskis"),
    ]
    targets = {i.code: (i.target, i.unit) for i in project.indicators.all()}
    assert targets["R1"] == (Decimal("33"), "training")
    assert targets["R3"] == (Decimal("2"), "conference")
    assert targets["R4"][0] == Decimal("60")
    assert targets["R5"] == (Decimal("4"), "workshop")
    assert targets["R6"][0] == Decimal("30")
    assert targets["R7"][0] == Decimal("120")
    assert not project.indicators.filter(achieved__isnull=False).exists()
    news = project.news.get()
    assert news.date == datetime.date(2023, 6, 5)
    document = project.documents.get()
    with document.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_zydinti_lietuva_lead_partners_and_applicants(seeded):
    project = Project.objects.get(slug="zydinti-lietuva")
    lead = project.partners.get(role="lead")
    assert lead.name == "Kaišiadorių rajono VVG" and lead.lag is None
    partners = list(project.partners.filter(role="partner"))
    assert len(partners) == 8
    assert [p.lag.slug for p in partners if p.lag] == ["kedainiai"]
    names = {p.name for p in partners}
    assert {"Alytaus rajono VVG", "Elektrėnų savivaldybės VVG", "Širvintų rajono VVG"} <= names
    applicants = list(project.partners.filter(role="participant").select_related("actor"))
    assert len(applicants) == 6
    assert all(a.actor is not None and a.actor.lag.slug == "kedainiai" for a in applicants)
    assert {a.actor.name for a in applicants} == {
        "Šlapaberžės bendruomenės centras", "Surviliškio bendruomenė",
        "Pagirių bendruomenės centras", "Gudžiūnų bendruomenės centras",
        "Josvainių bendruomenės centras", "Krakių bendruomenės centras",
    }  # fmt: skip
    targets = {i.code: i.target for i in project.indicators.all()}
    assert targets["U1"] == targets["U2"] == Decimal("9")
    assert targets["U3.1"] == Decimal("100")
    assert project.budget is None and project.number == ""


def test_abc_for_local_producers(seeded):
    project = Project.objects.get(slug="abc-vietos-gamintojams")
    assert project.title_en == "ABC for local producers"
    assert (project.start_year, project.end_year) == (2014, 2014)
    countries = [p.country for p in project.partners.all()]
    assert countries.count("LV") == 5 and countries.count("CZ") == 2 and countries.count("LT") == 2
    assert not project.partners.filter(role="lead").exists()  # the seed names no lead


def test_agreements_match_the_seed(seeded):
    dates = sorted(
        (a.date for a in Agreement.objects.filter(lag__slug="kedainiai")),
        key=lambda d: d or datetime.date.max,
    )
    assert dates == [
        datetime.date(2010, 7, 27),
        datetime.date(2010, 10, 18),
        datetime.date(2011, 3, 21),
        None,
    ]
    newspaper = Agreement.objects.get(date=None)
    assert "Kėdainių mugė" in newspaper.other_parties
    raseiniai = Agreement.objects.get(date=datetime.date(2011, 3, 21))
    assert "Raseinių krašto bendrija" in raseiniai.other_parties
    assert "Blinstrub" not in raseiniai.purpose  # no personal names
    assert all(a.valid_from is None and a.valid_until is None for a in Agreement.objects.all())


def test_second_run_changes_nothing(seeded):
    before = _snapshot()
    lines = []
    seed_demo_projects(seed=2026, log=lines.append)
    assert _snapshot() == before
    assert "Created: nothing; restored: nothing" in lines[0]


def test_edited_demo_rows_are_restored(seeded):
    project = Project.objects.get(slug="sumanaus-kaimo-link")
    project.budget = Decimal("1")
    project.save()
    project.indicators.filter(code="R1").update(target=Decimal("7"))
    project.partners.filter(lag__slug="dzukija").delete()
    seed_demo_projects(seed=2026, log=lambda line: None)
    project.refresh_from_db()
    assert project.budget == Decimal("98880.79")
    assert project.indicators.get(code="R1").target == Decimal("33")
    assert project.partners.filter(lag__slug="dzukija").exists()


def test_demo_pages_render(client, seeded):
    assert client.get("/lt/projects/").status_code == 200
    html = client.get("/lt/projects/sumanaus-kaimo-link/").content.decode()
    assert "98\u00a0880,79 €" in html  # Lithuanian groups thousands with a space
    # the unit agrees with the number (core.units): never "15 dalyviai", "1 renginiai"
    assert "33\u00a0mokymai" in html and "15\u00a0dalyvių" in html and "1\u00a0platforma" in html
    html = client.get("/en/projects/abc-vietos-gamintojams/").content.decode()
    assert "ABC for local producers" in html and "Latvia" in html
    html = client.get("/lt/agreements/kedainiai/").content.decode()
    assert "Kėdainių mugė" in html


def test_agreements_have_the_signatories_and_material_the_seed_names(seeded):
    raseiniai = Agreement.objects.get(title__contains="Raseinių")
    assert [(s.name, s.position) for s in raseiniai.signatories.all()] == [
        ("Vincas Blinstrubas", "pirmininkas"),
        ("Aušra Vaidotienė", "pirmininkė"),
    ]
    study = Agreement.objects.get(title__contains="VVG tyrimo")
    (material,) = study.materials.all()
    assert (material.kind, material.title, bool(material.file)) == (
        "methodology",
        "Įvykdyto projekto metodinė medžiaga",
        False,  # the seed links to it but holds no file
    )
    # Where the seed is silent, nothing is invented.
    others = Agreement.objects.exclude(pk__in=[raseiniai.pk, study.pk])
    assert not AgreementSignatory.objects.filter(agreement__in=others).exists()
    assert not AgreementMaterial.objects.filter(agreement__in=others).exists()


def test_sumanaus_results_are_counted_by_the_platform(seeded):
    """The seed's counts of records are computed indicators; a second run writes nothing."""
    from kaimolink.indicators.measures import project_indicator_rows
    from kaimolink.indicators.models import IndicatorRule

    project = Project.objects.get(slug="sumanaus-kaimo-link")
    rows = {row.indicator.code: row for row in project_indicator_rows(project)}
    assert {code for code, row in rows.items() if row.computed} == {
        "R1", "R2", "R3", "R4", "R5", "R6", "R7",
    }  # fmt: skip
    assert not any(rows[code].computed for code in ("R8", "R9", "R10"))
    assert rows["R1"].indicator.rule.measure == "trainings_held"
    assert rows["R7"].achieved >= 120  # the seed's database of actors, of the three LAGs
    before = list(IndicatorRule.objects.values_list("indicator_id", "updated_at"))
    seed_demo_projects(seed=2026, log=[].append)
    assert list(IndicatorRule.objects.values_list("indicator_id", "updated_at")) == before
