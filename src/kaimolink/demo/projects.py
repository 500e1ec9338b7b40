"""Demo projects and agreements of Kėdainių r. VVG, from the LAG's own pages (the seed text).

Only what the seed says is written. Where it gives no value (a number, a budget, the exact
days of a period, the date of the agreement with the newspaper) the field stays empty; the
years of a period are those the seed gives ("2021–2023"). The one demo document is a PDF
generated here that restates the seed's facts of "Sumanaus kaimo link"; no file is stored
in git.

`seed_demo_projects()` needs the LAGs of `demo.seed_facts.seed_demo()` (and the community actors
it writes, to link them) and is idempotent: projects are looked up by slug, agreements by
registering LAG and title, their rows by their natural keys, and a row is only written when
it differs from the demo content.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import translation

from kaimolink.core.units import unit_word
from kaimolink.demo.seed_facts import LAGS, NAMED_COMMUNITIES, SEED, actor_slug
from kaimolink.projects.enums import PartnerRole, ProjectStatus

LEAD, PARTNER, PARTICIPANT = PartnerRole.LEAD, PartnerRole.PARTNER, PartnerRole.PARTICIPANT

SUMANAUS = "sumanaus-kaimo-link"
ZYDINTI = "zydinti-lietuva"
ABC = "abc-vietos-gamintojams"

# The community organisations of Kėdainiai that applied to the selection of "Žydinti
# Lietuva" (names as the seed writes them; actors of demo.seed_facts by the short name).
ZYDINTI_APPLICANTS = [
    "Asociacija „Šlapaberžės bendruomenės centras“",
    "Asociacija Surviliškio bendruomenė",
    "Pagirių bendruomenės centras",
    "Gudžiūnų bendruomenės centras",
    "Josvainių bendruomenės centras",
    "Krakių bendruomenės centras",
]

# (role, name or "" for the platform LAG's own name, country, platform LAG slug, actor slug)
PROJECTS = [
    {
        "slug": SUMANAUS,
        "title": "Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio kaimo plėtros "
        "veikėjų partnerystė",
        "title_en": "",
        "number": "44TT-KK-21-1-00909-PR001",
        "programme": "Lietuvos kaimo plėtros 2014–2020 metų programos priemonė „LEADER“, "
        "veiklos sritis „VVG bendradarbiavimo projektų rengimas ir įgyvendinimas“",
        "start_year": 2021,
        "end_year": 2023,
        "budget": Decimal("98880.79"),
        "summary": "Teritorinio bendradarbiavimo projektas įgyvendinamas Kėdainių r., Lazdijų "
        "r. ir Radviliškio r. VVG teritorijose. Paramos suma – 98 880,79 Eur.",
        "goals": "Sustiprinti Kėdainių, Lazdijų ir Radviliškio kaimo plėtros veikėjų "
        "partnerystę ir kompetencijas.",
        "target_groups": "Bendruomeninio ir socialinio verslo subjektai, smulkaus ir "
        "vidutinio verslo subjektai (verslo įmonės, ūkininkai, fiziniai asmenys, dirbantys su "
        "verslo liudijimu ar individualia veikla), vietos bendruomeninės organizacijos ir kiti "
        "kaimo plėtros veikėjai, veiklą vykdantys Kėdainių r., Lazdijų r. ir Radviliškio r. "
        "VVG teritorijose.",
        "partners": [
            (LEAD, "", "LT", "kedainiai", None),
            (PARTNER, "", "LT", "dzukija", None),
            (PARTNER, "", "LT", "radviliskis", None),
        ],
        # (code, name, unit key of core.units, target): the planned results of the seed.
        "indicators": [
            (
                "R1",
                "Mokymai vadybos, rinkodaros, socialinių inovacijų, vietos identiteto "
                "suvokimo ir internetinio marketingo temomis (po 11 kiekvienoje VVG, po 8 val.)",
                "training",
                "33",
            ),
            ("R2", "Dalyviai kiekviename mokyme", "participant", "15"),
            ("R3", "Konferencijos (po 8 val.)", "conference", "2"),
            ("R4", "Dalyviai kiekvienoje konferencijoje", "participant", "60"),
            ("R5", "Bendri dviejų dienų mokymai – kūrybinės dirbtuvės", "workshop", "4"),
            ("R6", "Dalyviai kiekvienose kūrybinėse dirbtuvėse", "participant", "30"),
            (
                "R7",
                "Kaimo plėtros veikėjų duomenų bazės dalyviai (ne mažiau kaip)",
                "participant",
                "120",
            ),
            ("R8", "Virtuali bendradarbiavimo platforma", "platform", "1"),
            (
                "R9",
                "Dešimties minučių video reklaminis filmas apie gerąsias bendruomeninių ir "
                "socialinių verslų praktikas",
                "film",
                "1",
            ),
            (
                "R10",
                "Bendruomeninio verslo sertifikavimo sistema (taisyklės, ženklas, jo "
                "naudojimo gidas, akreditacijos testai)",
                "system",
                "1",
            ),
        ],  # fmt: skip
        "news": [
            (
                date(2023, 6, 5),
                "Partnerių dalykinis susitikimas Lazdijuose",
                "Lazdijuose vyko partnerių dalykinis susitikimas dėl teritorinio bendradarbiavimo "
                "projekto „Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio kaimo plėtros "
                "veikėjų partnerystė“ Nr. 44TT-KK-21-1-00909-PR001.\n\nSusitikimo metu apspręstos "
                "„Sumanaus kaimo kūrybinių dirbtuvių“ pagrindinės mokymų temos, aptartos viešųjų "
                "pirkimų subtilybės, techninės sąlygos, mokymų lektoriams keliami reikalavimai.",
            ),
        ],  # fmt: skip
    },
    {
        "slug": ZYDINTI,
        "title": "Žydinti Lietuva",
        "title_en": "",
        "number": "",
        "programme": "",
        "start_year": 2019,
        "end_year": 2022,
        "budget": None,
        "summary": "Kėdainių rajono vietos veiklos grupė drauge su partneriais įgyvendina "
        "projektą „Žydinti Lietuva“; projekto koordinatorius – Kaišiadorių rajono VVG. "
        "Projektas nuolat viešinamas atskiroje „Facebook“ paskyroje „Žydinti Lietuva“.\n\n"
        "Kėdainių r. VVG atrankos konkurse paraiškas pateikė šešios kaimiškosios "
        "bendruomeninės organizacijos (žr. žemiau).",
        "goals": "Kurti patrauklų kaimo vietovių įvaizdį žiedų, istorijos ir technologijų "
        "pagalba.\n\nUždaviniai:\n\n"
        "1. Suorganizuoti projekto koordinacinius posėdžius visose partnerių teritorijose.\n"
        "2. Suorganizuoti patrauklaus įvaizdžio kūrimo kaime dirbtuves.\n"
        "3. Suorganizuoti baigiamąjį projekto renginį.\n"
        "4. Viešinti projektą.",
        "target_groups": "",
        "partners": [
            (LEAD, "Kaišiadorių rajono VVG", "LT", None, None),
            (PARTNER, "", "LT", "kedainiai", None),
            (PARTNER, "Alytaus rajono VVG", "LT", None, None),
            (PARTNER, "Kauno rajono VVG", "LT", None, None),
            (PARTNER, "Prienų rajono VVG", "LT", None, None),
            (PARTNER, "Raseinių rajono VVG „Raseinių krašto bendrija“", "LT", None, None),
            (PARTNER, "Jonavos rajono VVG", "LT", None, None),
            (PARTNER, "Širvintų rajono VVG", "LT", None, None),
            (PARTNER, "Elektrėnų savivaldybės VVG", "LT", None, None),
            *[
                (PARTICIPANT, name, "LT", None, actor_slug(short))
                for name, (short, _town) in zip(ZYDINTI_APPLICANTS, NAMED_COMMUNITIES, strict=True)
            ],
        ],
        "indicators": [
            (
                "U1",
                "Projekto koordinaciniai susitikimai visose partnerių teritorijose",
                "meeting",
                "9",
            ),
            (
                "U1.1",
                "Koordinacinių susitikimų dalyviai (partnerių atstovai)",
                "participant",
                "225",
            ),
            ("U2", "Patrauklaus įvaizdžio kūrimo kaime dirbtuvės", "workshop", "9"),
            ("U2.1", "Dirbtuvių dalyviai", "participant", "225"),
            ("U3", "Baigiamasis projekto renginys", "event", "1"),
            ("U3.1", "Baigiamojo renginio dalyviai (planuojama apie)", "participant", "100"),
        ],  # fmt: skip
        "news": [],
    },
    {
        "slug": ABC,
        "title": "ABC vietos gamintojams",
        "title_en": "ABC for local producers",
        "number": "",
        "programme": "",
        "start_year": 2014,
        "end_year": 2014,
        "budget": None,
        "summary": "Tarptautinio bendradarbiavimo projektas, įgyvendintas 2014 m. su Latvijos, "
        "Čekijos ir Lietuvos vietos veiklos grupėmis.",
        "goals": "",
        "target_groups": "",
        "partners": [
            (PARTNER, "Cesu rajona lauku partneriba", "LV", None, None),
            (PARTNER, "Biedrība „SATEKA“", "LV", None, None),
            (PARTNER, "Vidzemes lauku partnerība „Brasla“", "LV", None, None),
            (
                PARTNER,
                "Publisko un privāto partnerattiecību biedrība „Zied Zeme“",
                "LV",
                None,
                None,
            ),
            (PARTNER, "Madonas novada fonds", "LV", None, None),
            (PARTNER, "MAS Železnohorský region, o.s.", "CZ", None, None),
            (PARTNER, "Místní akční skupina POHODA venkova", "CZ", None, None),
            (PARTNER, "", "LT", "kedainiai", None),
            (PARTNER, "Vietos veiklos grupė „Pajūrio kraštas“", "LT", None, None),
        ],  # fmt: skip
        "indicators": [],
        "news": [],
    },
]

JONAVA = "Jonavos rajono savivaldybės vietos veiklos grupė"
COOPERATION_GOAL = (
    "Tiek Kėdainių rajono VVG, tiek Jonavos rajono savivaldybės VVG bendradarbiavimo tikslas – "
    "teikti abipusę pagalbą, konsultacijas, keistis gerąja patirtimi, įgyvendinant kaimo "
    "plėtros strategijas; aktyvinti vietos bendruomenes; skatinti sportinius ir kultūrinius "
    "mainus jaunimo tarpe; teikti informaciją, susijusią su kaimo teritorijomis, kultūra, "
    "turizmu ir ekologija; vystyti abipusį krašto pažintinį turizmą."
)
# Registered by Kėdainių r. VVG, which is a party to each. Validity is not in the seed.
AGREEMENTS = [
    {
        "title": "Bendradarbiavimo sutartis su Jonavos VVG dėl atsinaujinančių energijos "
        "išteklių projekto",
        "date": date(2010, 7, 27),
        "other_parties": JONAVA,
        "purpose": "Tarpusavio bendradarbiavimo sutartis dėl projekto „Atsinaujinančių "
        "energijos išteklių panaudojimo galimybės Jonavos ir Kėdainių rajono kaimo "
        "vietovėse“ (2010 m.), kurio vykdytoja yra Jonavos VVG, o Kėdainių VVG – projekto "
        "partnerė.\n\n" + COOPERATION_GOAL,
    },
    {
        "title": "Bendradarbiavimo sutartis su Jonavos VVG dėl VVG tyrimo",
        "date": date(2010, 10, 18),
        "other_parties": JONAVA,
        "purpose": "Sutartis dėl projekto „Kėdainių ir Jonavos rajonų vietos veiklos grupių "
        "tyrimo parengimas ir vykdymas, įgyvendinant LEADER metodą“.",
    },
    {
        "title": "Dvišalė bendradarbiavimo sutartis su Raseinių VVG",
        "date": date(2011, 3, 21),
        "other_parties": "Asociacija Raseinių rajono vietos veiklos grupė „Raseinių krašto "
        "bendrija“",
        "purpose": "Pagrindinis sutarties tikslas – skatinti ir plėtoti įvairiapusį "
        "bendradarbiavimą, dalintis gerąja patirtimi.\n\nAbi šalys sutarė dalyvauti rengiant "
        "mokymo programas, bendrus mokymus, organizuoti konsultacijas, konferencijas ir "
        "seminarus, siekiant parodyti LEADER programos įgyvendinimo naudą kaimo žmonėms.",
    },
    {
        "title": "Bendradarbiavimo sutartis su rajoniniu laikraščiu „Kėdainių mugė“",
        "date": None,
        "other_parties": "Rajoninis laikraštis „Kėdainių mugė“",
        "purpose": "Vietos plėtros strategijos įgyvendinimo veiklos viešinimas.",
    },
]

# What the seed says of each agreement beyond its text: who signed it (only the Raseiniai
# one names its signatories) and the methodological material (only the Jonava study's, whose
# file the seed links to but does not hold: the registry records that it exists, with no
# file). The other agreements stay without either, as the seed is silent.
RASEINIAI_TITLE = AGREEMENTS[2]["title"]
JONAVA_STUDY_TITLE = AGREEMENTS[1]["title"]
AGREEMENT_SIGNATORIES = {
    RASEINIAI_TITLE: [
        ("Vincas Blinstrubas", "pirmininkas",
         "Asociacija Raseinių rajono vietos veiklos grupė „Raseinių krašto bendrija“"),
        ("Aušra Vaidotienė", "pirmininkė", "Kėdainių rajono vietos veiklos grupė"),
    ],
}  # fmt: skip
AGREEMENT_MATERIALS = {
    JONAVA_STUDY_TITLE: [("methodology", "Įvykdyto projekto metodinė medžiaga")],
}


# --- Computed indicators of "Sumanaus kaimo link" -----------------------------------------
# The seed's results that are counts of records the platform keeps are counted by it, from
# the demo's records of the project's three LAGs: events dated within the project's years
# (2021–2023, as the seed says; the platform's own later programme is not the project's),
# participants per event as the average of those present, and the actors in the database.
# R8–R10 (the platform, a film, a certification system) are not records: they stay typed
# in, and empty, as the seed gives no achieved value.
SUMANAUS_PERIOD = (date(2021, 1, 1), date(2023, 12, 31))
SUMANAUS_RULES = {
    "R1": ("trainings_held", {}),
    "R2": ("training_attendance", {"per_event": True}),
    "R3": ("conferences_held", {}),
    "R4": ("conference_attendance", {"per_event": True}),
    "R5": ("workshops_held", {}),
    "R6": ("workshop_attendance", {"per_event": True}),
    "R7": ("actors", {"period": False}),
}


def seed_computed_indicators(project) -> bool:
    """Give the project's indicators of SUMANAUS_RULES their rules (scope: the project's
    LAGs). Idempotent; returns whether anything was written."""
    from kaimolink.indicators.models import IndicatorRule, Scope

    changed = False
    for indicator in project.indicators.filter(code__in=SUMANAUS_RULES):
        measure, options = SUMANAUS_RULES[indicator.code]
        start, end = SUMANAUS_PERIOD if options.get("period", True) else (None, None)
        values = {
            "measure": measure, "scope": Scope.PROJECT, "event_kind": "", "period_start": start,
            "period_end": end, "min_hours": None, "per_event": options.get("per_event", False),
            "actor_type": "", "theme": None,
        }  # fmt: skip
        rule = IndicatorRule.objects.filter(indicator=indicator).first()
        if rule is None or any(getattr(rule, k) != v for k, v in values.items()):
            IndicatorRule.objects.update_or_create(indicator=indicator, defaults=values)
            changed = True
        if indicator.achieved is not None:  # counted, never typed
            indicator.achieved = None
            indicator.save(update_fields=["achieved"])
            changed = True
    return changed


DOCUMENT_TITLE = "Projekto kortelė (santrauka, PDF)"
DOCUMENT_FILENAME = "sumanaus-kaimo-link-projekto-kortele.pdf"


@dataclass
class ProjectsSeedResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def count(self, what: str, created: bool, changed: bool) -> None:
        if created:
            self.created[what] += 1
        elif changed:
            self.updated[what] += 1

    def line(self) -> str:
        created = ", ".join(f"{n} {what}" for what, n in sorted(self.created.items()))
        updated = ", ".join(f"{n} {what}" for what, n in sorted(self.updated.items()))
        return (
            f"Demo projects: {len(PROJECTS)} cooperation projects, {len(AGREEMENTS)} agreements. "
            f"Created: {created or 'nothing'}; restored: {updated or 'nothing'}."
        )


def _upsert(model, lookup: dict, values: dict):
    """Create the row, or change only the fields that differ. Returns (obj, created, changed)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj, True, True
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save()
    return obj, False, bool(changed)


def project_card_pdf(spec: dict) -> bytes:
    """A one-page summary of a demo project, from the seed's facts only."""
    from kaimolink.core.pdf import FONT_FAMILY, new_pdf

    pdf = new_pdf(title=spec["title"], footer="kaimolink · demo")
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.multi_cell(0, 7, spec["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.ln(2)
    lines = [f"Nr. {spec['number']}", spec["programme"],
             f"Laikotarpis: {spec['start_year']}–{spec['end_year']} m.",
             "Paramos suma: 98 880,79 Eur.", "", f"Tikslas. {spec['goals']}", "",
             "Planuojami rezultatai:"]  # fmt: skip
    with translation.override("lt"):
        lines += [
            f"{code}. {name}: {target} {unit_word(target, unit)}"
            for code, name, unit, target in spec["indicators"]
        ]
    for line in lines:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@transaction.atomic
def seed_demo_projects(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write (or restore) the demo projects and agreements. Idempotent.

    `seed` is accepted like the other demo writers; this content is fixed (the seed text).
    """
    from kaimolink.actors.models import Actor
    from kaimolink.core.models import Lag
    from kaimolink.projects import services
    from kaimolink.projects.models import (
        Agreement,
        Indicator,
        Project,
        ProjectDocument,
        ProjectNews,
        ProjectPartner,
    )

    lags = {lag.slug: lag for lag in Lag.objects.filter(slug__in=[s["slug"] for s in LAGS])}
    if len(lags) != len(LAGS):
        raise RuntimeError("The demo LAGs are missing: run seed_facts.seed_demo() first.")
    actor_slugs = [a for spec in PROJECTS for *_rest, a in spec["partners"] if a]
    actors = {a.slug: a for a in Actor.objects.filter(slug__in=actor_slugs)}
    result = ProjectsSeedResult()

    for spec in PROJECTS:
        values = {
            key: spec[key]
            for key in ("title", "title_en", "number", "programme", "start_year", "end_year",
                        "budget", "summary", "goals", "target_groups")
        }  # fmt: skip
        values.update(start_date=None, end_date=None, status=ProjectStatus.PUBLISHED)
        project, created, changed = _upsert(Project, {"slug": spec["slug"]}, values)

        wanted = []
        for position, (role, name, country, lag_slug, a_slug) in enumerate(spec["partners"]):
            lag = lags[lag_slug] if lag_slug else None
            actor = actors.get(a_slug) if a_slug else None
            name = name or (lag.name if lag else "")
            lag_id, actor_id = (lag.pk if lag else None), (actor.pk if actor else None)
            wanted.append((role, name, country, lag_id, actor_id, position))
        have = [
            (p.role, p.name, p.country, p.lag_id, p.actor_id, p.position)
            for p in project.partners.order_by("position", "id")
        ]
        if have != wanted:
            project.partners.all().delete()
            for role, name, country, lag_id, actor_id, position in wanted:
                ProjectPartner.objects.create(
                    project=project, role=role, name=name, country=country, lag_id=lag_id,
                    actor_id=actor_id, position=position,
                )  # fmt: skip
            changed = True

        codes = []
        for position, (code, name, unit, target) in enumerate(spec["indicators"]):
            _obj, made, diff = _upsert(
                Indicator, {"project": project, "code": code},
                {"name": name, "unit": unit, "target": Decimal(target), "position": position},
            )  # fmt: skip
            changed = changed or made or diff
            codes.append(code)
        removed, _ = Indicator.objects.filter(project=project).exclude(code__in=codes).delete()
        changed = changed or bool(removed)

        for day, title, body in spec["news"]:
            _obj, made, diff = _upsert(
                ProjectNews, {"project": project, "title": title}, {"date": day, "body": body}
            )
            changed = changed or made or diff

        if spec["slug"] == SUMANAUS:
            changed = seed_computed_indicators(project) or changed
        if (
            spec["slug"] == SUMANAUS
            and not ProjectDocument.objects.filter(project=project, title=DOCUMENT_TITLE).exists()
        ):
            services.document_add(
                project=project, title=DOCUMENT_TITLE, filename=DOCUMENT_FILENAME,
                content=project_card_pdf(spec),
            )  # fmt: skip
            changed = True
        result.count("projects", created, changed)

    kedainiai = lags["kedainiai"]
    for spec in AGREEMENTS:
        values = {
            "date": spec["date"], "other_parties": spec["other_parties"],
            "purpose": spec["purpose"], "valid_from": None, "valid_until": None,
            "indefinite": False,
        }  # fmt: skip
        agreement, created, changed = _upsert(
            Agreement, {"lag": kedainiai, "title": spec["title"]}, values
        )
        if set(agreement.parties.values_list("pk", flat=True)) != {kedainiai.pk}:
            agreement.parties.set([kedainiai])
            changed = True
        changed = _agreement_records(agreement, spec["title"]) or changed
        result.count("agreements", created, changed)
    log(result.line())


def _agreement_records(agreement, title: str) -> bool:
    """Give a demo agreement the signatories and methodological material the seed names
    (none where it is silent). Returns whether anything was written.

    Signatories are rewritten only when they differ; a material is looked up by its title,
    and one uploaded since (with a file) is left alone.
    """
    from kaimolink.projects import editing
    from kaimolink.projects.models import AgreementSignatory

    changed = False
    wanted = AGREEMENT_SIGNATORIES.get(title, [])
    have = [(s.name, s.position, s.organisation) for s in agreement.signatories.all()]
    if have != wanted:
        agreement.signatories.all().delete()
        for order, (name, position, organisation) in enumerate(wanted):
            AgreementSignatory.objects.create(
                agreement=agreement, name=name, position=position, organisation=organisation,
                order=order,
            )  # fmt: skip
        changed = True
    for kind, material_title in AGREEMENT_MATERIALS.get(title, []):
        if not agreement.materials.filter(title=material_title).exists():
            editing.material_add(agreement=agreement, kind=kind, title=material_title)
            changed = True
    return changed
