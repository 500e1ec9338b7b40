"""Demo events: the programme of "Sumanaus kaimo link" (2021–2023, see the project's seed
text), the events of "Žydinti Lietuva" (2019–2022), and a current programme of the
platform's own.

"Sumanaus kaimo link", all held, dated within the project's years:
- the seed's three partner meetings with their agendas as the seed gives them: 8 and
  15 February in Kėdainiai and 5 June 2023 in Lazdijai. The seed gives no year for the
  February meetings; it places the opening conference between them (the first agrees its
  agenda, the second analyses its working groups), and the LAG's own news dates that
  conference 11 February 2022 (kedainiurvvg.lt, 2022-02-12), so they are of 2022;
- the two conferences (8 hours, 60 places): the opening one with its contact fair, and the
  closing one at the end of the project;
- 33 trainings (11 per LAG, 8 hours, 15 places) on the five topics of the seed, one series
  per LAG, from April 2022 (after the meeting of 15 February chose their topics) to March
  2023;
- four two-day creative workshops (30 places) after the Lazdijai meeting that chose their
  topics.
The seed names no final event of this project, so there is none. The seed gives no hours of
day, venues or addresses: the model needs a time of day, the venues are settlements of the
organising LAG's territory (where the seed says the project runs), and addresses are empty.

"Žydinti Lietuva" (Kėdainių r. VVG is one of its nine partners): 9 coordination meetings,
one in each partner's territory, 9 workshops "for an attractive image of the countryside"
and the final event (about 100 people). The seed gives one day and place, "Gegužės 6 d.
Josvainių miestelyje", without a year, and nothing else: so these events have no programme
days, venue or registrations, the Josvainiai workshop its settlement and the day in its
description, and their places are the participants the seed plans (225 for nine meetings,
225 for nine workshops, about 100 for the final event).

The platform's own programme, "Kaimolink mokymai", is what is upcoming now: 11 trainings on
the same topics (4 + 4 + 3 per LAG) set in the coming months and open for registration, the
first of them full with a waiting list. It is no part of either project.

`seed_demo_events()` needs the LAGs, settlements and accounts of `demo.seed_facts.seed_demo()` and
is idempotent like it: events are looked up by slug, series by title, people by e-mail
address, and a row is only written when it differs from the demo content; registrations are
only added for people who have none for that event. The upcoming dates are counted from the
first day of next month, so runs within one month agree; a run in a later month moves the
upcoming trainings along.

Registrations for open events go through `events.services.registration_create`, so the
capacity and waiting-list rules hold. That service (rightly) refuses events that are over,
so the participants of held events are written directly: confirmed, never more than the
places, with the same log entry the service writes.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kaimolink.core.text import fold
from kaimolink.demo.seed_facts import (
    DEMO_PASSWORD,
    DISTRICTS,
    LAGS,
    SEED,
    STREETS,
    VILNIUS,
    demo_user_email,
    load_settlements,
    random_person,
)
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility

PARTICIPANTS = 20
TRAINING_HOURS, TRAINING_PLACES = 8, 15
CONFERENCE_HOURS, CONFERENCE_PLACES = 8, 60
WORKSHOP_HOURS, WORKSHOP_PLACES = 16, 30
# The platform's upcoming trainings per LAG: topics n of TRAININGS with n % 3 == LAG's index.
UPCOMING_PER_LAG = {"kedainiai": 4, "dzukija": 4, "radviliskis": 3}
# People registered for the first upcoming training: its 15 places and a waiting list of 3.
FULL_EVENT_REGISTRATIONS = TRAINING_PLACES + 3

MAIN_TOWN = {"kedainiai": "Kėdainiai", "dzukija": "Lazdijai", "radviliskis": "Radviliškis"}
JOINT_SERIES = "Sumanaus kaimo link: bendri renginiai"
OPENING_CONFERENCE = "Konferencija „Sumanaus kaimo link“"
ZYDINTI_SERIES = "Žydinti Lietuva"
PLATFORM_PREFIX = "Kaimolink mokymai"
PROJECT = (
    "Projektas „Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio kaimo plėtros veikėjų "
    "partnerystė“ (Nr. 44TT-KK-21-1-00909-PR001)."
)
PLATFORM = (
    "Kaimolink mokymų programa kaimo plėtros veikėjams: mokymai, namų darbai ir pažymėjimai "
    "platformoje."
)
# The first training of each LAG's cycle, then one every five weeks (the LAGs on Tuesday,
# Wednesday, Thursday).
FIRST_TRAINING = date(2022, 4, 5)
TRAINING_STEP = timedelta(weeks=5)

# (training topic, title, description): every LAG runs the same cycle of eleven.
TRAININGS = [
    ("management", "Bendruomeninio verslo vadyba: nuo idėjos iki veiklos plano",
     "Kaip bendruomenės idėją paversti veikiančiu verslu: tikslai, ištekliai, veiklos planas "
     "ir atsakomybės. Namų darbas – savo organizacijos veiklos plano juodraštis."),
    ("management", "Projektų valdymas ir finansavimo šaltiniai",
     "Projekto ciklas, biudžetas ir rizikos; LEADER, savivaldybės ir fondų parama kaimo "
     "organizacijoms. Namų darbas – projekto idėjos aprašas."),
    ("management", "Komandos telkimas ir savanorių vadyba",
     "Kaip pritraukti ir išlaikyti savanorius, pasidalyti darbus ir spręsti nesutarimus "
     "bendruomenėje."),
    ("marketing", "Rinkodaros pagrindai kaimo verslui",
     "Kas yra mūsų pirkėjas, ko jis nori ir kur jį rasti; rinkodaros komplekso pagrindai "
     "smulkiam verslui. Namų darbas – savo produkto pirkėjo aprašymas."),
    ("marketing", "Vietos produkto kaina, pakuotė ir pardavimo kanalai",
     "Kainos skaičiavimas, pakuotė ir ženklinimas, trumposios maisto tiekimo grandinės, "
     "mugės ir bendri pardavimo taškai."),
    ("social-innovation", "Socialinės inovacijos kaime: gerieji pavyzdžiai",
     "Lietuvos ir kitų šalių kaimų sprendimai: bendruomenių paslaugos senjorams, jaunimui "
     "ir šeimoms, bendros erdvės, dalijimosi ekonomika."),
    ("social-innovation", "Socialinis verslas: kai paslauga kuria darbo vietas",
     "Kaip bendruomenės teikiama paslauga tampa socialiniu verslu, kuris sukuria darbo vietų "
     "kaime. Namų darbas – paslaugos verslo modelis."),
    ("local-identity", "Vietos identitetas: kuo ypatingas mūsų kraštas",
     "Krašto istorija, tradicijos, amatai ir žmonės kaip vietos identiteto pagrindas; "
     "kaip jį suvokti ir parodyti kitiems."),
    ("local-identity", "Paveldas ir tradicijos kaip turizmo produktas",
     "Edukacinės programos, maršrutai ir renginiai, kurie paveldą paverčia lankytojų "
     "pamėgtu produktu. Namų darbas – edukacinės programos aprašas."),
    ("internet-marketing", "Internetinis marketingas: socialiniai tinklai ir turinys",
     "Facebook ir Instagram paskyra kaimo verslui: ką skelbti, kaip fotografuoti produktą, "
     "kaip pasiekti pirkėjus už rajono ribų."),
    ("internet-marketing", "El. parduotuvė ir prekyba internetu",
     "Paprasta el. parduotuvė, mokėjimai ir siuntimas, prekyba internetinėse prekyvietėse. "
     "Namų darbas – savo produkto aprašymas el. parduotuvei."),
]  # fmt: skip

# (day 1, settlement, LAG whose territory hosts it, title, description): after the
# meeting of 5 June 2023 that chose their topics. The tasks are the seed's.
WORKSHOPS = [
    (date(2023, 6, 27), "Kėdainiai", "kedainiai",
     "Sumanaus kaimo kūrybinės dirbtuvės I: verslo drobė",
     "Visų trijų VVG atstovai kartu pildo verslo drobę savo verslo ar bendruomenės idėjai ir "
     "pristato ją kitiems."),
    (date(2023, 8, 24), "Veisiejai", "dzukija",
     "Sumanaus kaimo kūrybinės dirbtuvės II: jėgų lauko diagrama",
     "Jėgų lauko diagrama: kas padeda ir kas trukdo pokyčiams kaime; vietos ir regioninių "
     "produktų aprašymai."),
    (date(2023, 9, 28), "Šeduva", "radviliskis",
     "Sumanaus kaimo kūrybinės dirbtuvės III: vietos prekės ir paslaugos reklama",
     "Rengiame vietos prekės ar paslaugos reklamą ir jos pristatymą, lyginame su kito regiono "
     "analizės duomenimis."),
    (date(2023, 10, 26), "Dotnuva", "kedainiai",
     "Sumanaus kaimo kūrybinės dirbtuvės IV: marketingo planai ir sumanaus kaimo idėjos",
     "Marketingo planai ir sumanių kaimų vystymo idėjos, kurias bus galima įgyvendinti "
     "2023–2027 metų vietos plėtros strategijose."),
]  # fmt: skip

PARTNERS_PRESENT = (
    "Dalyvauja Kėdainių rajono VVG, VVG „Radviliškio lyderis“ ir Dzūkijos kaimo plėtros "
    "partnerių asociacijos (Dzūkijos VVG) administracijos ir valdybos nariai."
)
# (date, settlement, LAG, title, agenda as the seed gives it): the seed's partner meetings.
MEETINGS = [
    (date(2022, 2, 8), "Kėdainiai", "kedainiai",
     "Pirmasis projekto partnerių dalykinis susitikimas",
     "Bendrai įgyvendinamo projekto veiklos, ateities perspektyvos ir siekiami rezultatai; "
     "konferencijos „Sumanaus kaimo link“ darbotvarkės „paskutiniai taškai“."),
    (date(2022, 2, 15), "Kėdainiai", "kedainiai",
     "Antrasis projekto partnerių darbinis susitikimas",
     "Konferencijos metu dalyvių darbo grupėse išgrynintos sumanaus kaimo aktualios temos: "
     "būtini kaimo gyventojų elektroninio raštingumo įgūdžiai, socialinių ir kitų paslaugų "
     "prieinamumas, inovatyvūs aplinkosaugos sprendimai, susiję su atsinaujinančių energijos "
     "išteklių naudojimu, trumpųjų maisto tiekimo grandinių kūrimu, žiedinės ekonomikos "
     "taikymu tvarkant žemės ūkio ir maisto atliekas, verslo galimybių didinimu ir darbo "
     "vietų kūrimu kaime bei turizmui pritaikytu vietos kultūros paveldu. Pagrindinės "
     "būsimos projekto mokymų temos, viešųjų pirkimų subtilybės, techninės sąlygos, mokymų "
     "lektoriams keliami reikalavimai."),
    (date(2023, 6, 5), "Lazdijai", "dzukija",
     "Partnerių dalykinis susitikimas Lazdijuose",
     "„Sumanaus kaimo kūrybinių dirbtuvių“ pagrindinės mokymų temos, viešųjų pirkimų "
     "subtilybės, techninės sąlygos, mokymų lektoriams keliami reikalavimai."),
]  # fmt: skip

# "Žydinti Lietuva": its nine partners (the coordinator first), as the seed names them.
ZYDINTI_PARTNERS = [
    "Kaišiadorių rajono VVG", "Kėdainių rajono VVG", "Alytaus rajono VVG",
    "Kauno rajono VVG", "Prienų rajono VVG", "Raseinių rajono VVG „Raseinių krašto bendrija“",
    "Jonavos rajono VVG", "Širvintų rajono VVG", "Elektrėnų savivaldybės VVG",
]  # fmt: skip
ZYDINTI = "Projektas „Žydinti Lietuva“ (2019–2022 m.), koordinatorius – Kaišiadorių rajono VVG."
ZYDINTI_MEETING_PLACES = 225 // 9  # "9 susitikimai – dalyvaus 225 partnerių atstovų"
ZYDINTI_WORKSHOP_PLACES = 225 // 9  # "9 dirbtuvės – dalyvaus 225 dirbtuvių dalyvių"
ZYDINTI_FINAL_PLACES = 100  # "planuojama apie 100 dalyvių"


@dataclass
class DemoEvent:
    """One event of the plan, before it meets the database."""

    title: str
    kind: str
    lags: list[str]
    series: str
    settlement: tuple[str, str] | None  # (LAG slug, settlement name); None: not stated
    address: str
    description: str
    days: list[tuple[date, time, time, str]]
    hours: int
    capacity: int
    status: str = EventStatus.HELD
    visibility: str = Visibility.PUBLIC
    theme: str | None = None
    with_trainer: bool = False
    # E-mail addresses, in the order they register.
    registrants: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(fold(self.title))[:200]

    @property
    def starts_at(self) -> datetime | None:
        if not self.days:
            return None
        first = self.days[0]
        return datetime.combine(first[0], first[1], tzinfo=VILNIUS)


def series_title(lag: dict) -> str:
    return f"Sumanaus kaimo link: mokymų ciklas – {lag['short_name']}"


def platform_series_title(lag: dict) -> str:
    return f"{PLATFORM_PREFIX} – {lag['short_name']}"


def project_series_titles() -> list[str]:
    """The series of "Sumanaus kaimo link": each LAG's training cycle and the joint events."""
    return [*(series_title(spec) for spec in LAGS), JOINT_SERIES]


def training_title(title: str, lag: dict, *, upcoming: bool) -> str:
    if upcoming:
        return f"{PLATFORM_PREFIX}: {title} ({lag['short_name']})"
    return f"{title} ({lag['short_name']})"


def training_index(event_title: str) -> int:
    """Which row of TRAININGS an event made by `training_title` is."""
    bare = event_title.removeprefix(f"{PLATFORM_PREFIX}: ")
    return next(i for i, row in enumerate(TRAININGS) if bare.startswith(row[1] + " ("))


def participant_emails() -> list[str]:
    return [demo_user_email(f"dalyvis{n:02d}") for n in range(1, PARTICIPANTS + 1)]


def participant_names(seed: int = SEED) -> list[str]:
    """Distinct Lithuanian full names of the demo participants, always the same ones."""
    rng = random.Random(seed + 7)
    names: list[str] = []
    while len(names) < PARTICIPANTS:
        name = random_person(rng).full_name
        if name not in names:
            names.append(name)
    return names


def upcoming_start(today: date) -> date:
    """The first Tuesday of next month: upcoming trainings are counted from it."""
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first + timedelta(days=(1 - first.weekday()) % 7)


# Lithuanian public holidays on fixed dates, and the Christmas to Epiphany break (month, day).
HOLIDAYS = {(1, 1), (2, 16), (3, 11), (5, 1), (6, 24), (7, 6), (8, 15), (11, 1), (11, 2)}
HOLIDAYS |= {(12, d) for d in range(21, 32)} | {(1, d) for d in range(1, 7)}


def working_day(day: date) -> date:
    """The same weekday a week later, until it is no holiday."""
    while (day.month, day.day) in HOLIDAYS:
        day += timedelta(weeks=1)
    return day


def build_events(*, today: date, seed: int = SEED) -> list[DemoEvent]:
    """The whole programme. Pure: the same `today` (month) and seed give the same plan."""
    rng = random.Random(seed)
    people = participant_emails()
    member = demo_user_email("member")
    everyone = [spec["slug"] for spec in LAGS]
    events = [
        *_project_trainings(rng, people, member),
        *_project_joint_events(rng, people, member, everyone),
        *_zydinti_events(),
        *_platform_trainings(rng, people, member, today),
    ]
    slugs = [e.slug for e in events]
    assert len(slugs) == len(set(slugs)), "demo event slugs must be unique"
    return events


def _towns(lag_slug: str) -> list[str]:
    district = next(name for name, slug in DISTRICTS if slug == _district(lag_slug))
    return [n for n, d, _la, _lo in load_settlements() if d == district]


def _district(lag_slug: str) -> str:
    return next(spec["district"] for spec in LAGS if spec["slug"] == lag_slug)


def _some(
    rng, people: list[str], k: int, member: str | None = None, *, showcase: bool = False
) -> list[str]:
    """`k` people drawn from `people`; with `member`, she is the first of them; with
    `showcase`, the first participant (demo.learning's showcase person) is among them, early
    enough to get a place."""
    chosen = rng.sample(people, k)
    chosen = [member, *chosen[:-1]] if member else chosen
    if showcase and people[0] not in chosen:
        chosen = [*chosen[: 1 if member else 0], people[0], *chosen[1 if member else 0 : -1]]
    return chosen


def _training(
    spec: dict,
    n: int,
    *,
    day: date,
    place: str,
    address: str,
    registrants: list[str],
    upcoming: bool = False,
) -> DemoEvent:
    """Training `n` of TRAININGS in `spec`'s LAG: of the project (held) or, `upcoming`, of
    the platform's own programme (open)."""
    topic, title, description = TRAININGS[n]
    return DemoEvent(
        title=training_title(title, spec, upcoming=upcoming),
        kind=EventKind.TRAINING,
        lags=[spec["slug"]],
        series=platform_series_title(spec) if upcoming else series_title(spec),
        settlement=(spec["slug"], place),
        address=address,
        description=f"{description}\n\n{PLATFORM if upcoming else PROJECT}",
        days=[(day, time(9), time(17), "")],
        hours=TRAINING_HOURS,
        capacity=TRAINING_PLACES,
        status=EventStatus.PUBLISHED if upcoming else EventStatus.HELD,
        theme=topic,
        with_trainer=True,
        registrants=registrants,
    )  # fmt: skip


def _project_trainings(rng, people, member) -> list[DemoEvent]:
    """The 33 trainings of "Sumanaus kaimo link": 11 per LAG, all held (see the docstring)."""
    events = []
    for lag_index, spec in enumerate(LAGS):
        towns = _towns(spec["slug"])
        for n in range(len(TRAININGS)):
            day = working_day(FIRST_TRAINING + TRAINING_STEP * n + timedelta(days=lag_index))
            k = rng.randint(10, TRAINING_PLACES)
            events.append(
                _training(
                    spec, n, day=day, place=rng.choice(towns), address="",
                    registrants=_some(
                        rng, people, k, member if n % 5 == 1 else None, showcase=True
                    ),
                )
            )  # fmt: skip
    return events


def _project_joint_events(rng, people, member, everyone) -> list[DemoEvent]:
    """The conferences, creative workshops and partner meetings of "Sumanaus kaimo link"."""
    joint = {"kind": EventKind.CONFERENCE, "lags": everyone, "series": JOINT_SERIES,
             "address": "", "hours": CONFERENCE_HOURS, "capacity": CONFERENCE_PLACES}  # fmt: skip
    events = [
        DemoEvent(
            title=OPENING_CONFERENCE,
            settlement=("kedainiai", "Kėdainiai"),
            description=(
                "Projekto pradžios konferencija: pristatomi jau veikiantys verslai ir projekto "
                "veiklos, veikia kontaktų mugė – susipažinkite su kitų rajonų kaimo plėtros "
                f"veikėjais.\n\n{PROJECT}"
            ),
            days=[(date(2022, 2, 11), time(10), time(18), "")],
            registrants=[member, *people],
            **joint,
        ),
        DemoEvent(
            title="Baigiamoji konferencija: virtuali bendradarbiavimo platforma",
            settlement=("radviliskis", "Radviliškis"),
            description=(
                "Projekto pabaigos konferencija: pristatoma sukurta virtuali bendradarbiavimo "
                "platforma, Kėdainių r., Lazdijų r. ir Radviliškio r. VVG kaimo plėtros veikėjų "
                f"duomenų bazė ir projekto rezultatai.\n\n{PROJECT}"
            ),
            days=[(date(2023, 11, 23), time(10), time(18), "")],
            registrants=_some(rng, people, PARTICIPANTS - 4, member),
            **joint,
        ),
    ]
    for day, town, lag, title, description in WORKSHOPS:
        events.append(
            DemoEvent(
                title=title,
                kind=EventKind.WORKSHOP,
                lags=everyone,
                series=JOINT_SERIES,
                settlement=(lag, town),
                address="",
                description=f"{description}\n\n{PROJECT}",
                days=[
                    (day, time(9), time(17), "Užduotys darbo grupėse"),
                    (day + timedelta(days=1), time(9), time(17), "Pristatymai ir aptarimas"),
                ],
                hours=WORKSHOP_HOURS,
                capacity=WORKSHOP_PLACES,
                with_trainer=True,
                registrants=_some(rng, people, rng.randint(14, PARTICIPANTS)),
            )  # fmt: skip
        )
    for day, town, lag, title, agenda in MEETINGS:
        # Working meetings of the partners' staff and boards: by invitation, not listed.
        # The seed states no hours: the time of day is only what a programme day needs.
        events.append(
            DemoEvent(
                title=title,
                kind=EventKind.MEETING,
                lags=everyone,
                series=JOINT_SERIES,
                settlement=(lag, town),
                address="",
                description=f"{PARTNERS_PRESENT}\n\n{PROJECT}",
                days=[(day, time(10), time(14), agenda)],
                hours=0,
                capacity=20,
                visibility=Visibility.INVITED,
                registrants=[demo_user_email(f"coordinator.{s}") for s in everyone],
            )  # fmt: skip
        )
    return events


def _zydinti_events() -> list[DemoEvent]:
    """ "Žydinti Lietuva": what the seed states and nothing more (see the docstring)."""
    common = {"lags": ["kedainiai"], "series": ZYDINTI_SERIES, "address": "", "days": [],
              "hours": 0}  # fmt: skip
    events = []
    for partner in ZYDINTI_PARTNERS:
        events.append(
            DemoEvent(
                title=f"Žydinti Lietuva: koordinacinis posėdis – {partner}",
                kind=EventKind.MEETING,
                settlement=None,
                description=(
                    "Projekto koordinacinis posėdis partnerio teritorijoje: dalijamasi "
                    f"vietovių įvaizdžio kūrimo patirtimi.\n\n{ZYDINTI}"
                ),
                capacity=ZYDINTI_MEETING_PLACES,
                visibility=Visibility.INVITED,  # the partners' representatives
                **common,
            )
        )
    for partner in ZYDINTI_PARTNERS:
        josvainiai = partner == "Kėdainių rajono VVG"
        when = "Gegužės 6 d. Josvainių miestelyje. " if josvainiai else ""
        events.append(
            DemoEvent(
                title=f"Žydinti Lietuva: patrauklaus įvaizdžio kūrimo kaime dirbtuvės – {partner}",
                kind=EventKind.WORKSHOP,
                settlement=("kedainiai", "Josvainiai") if josvainiai else None,
                description=(
                    f"{when}Dirbtuvių „Vietovių įvaizdžio formavimas“ rezultatais išpuošiamos "
                    f"partnerių atrinktos vietovės.\n\n{ZYDINTI}"
                ),
                capacity=ZYDINTI_WORKSHOP_PLACES,
                **common,
            )
        )
    events.append(
        DemoEvent(
            title="Žydinti Lietuva: baigiamasis projekto renginys",
            kind=EventKind.FINAL,
            settlement=None,
            description=f"Baigiamasis projekto renginys, planuojama apie 100 dalyvių.\n\n{ZYDINTI}",
            capacity=ZYDINTI_FINAL_PLACES,
            **common,
        )
    )
    return events


def _platform_trainings(rng, people, member, today: date) -> list[DemoEvent]:
    """The platform's own upcoming trainings: every third week from next month on."""
    events = []
    start = upcoming_start(today)
    first = True
    for lag_index, spec in enumerate(LAGS):
        towns = _towns(spec["slug"])
        topics = [n for n in range(len(TRAININGS)) if n % len(LAGS) == lag_index]
        assert len(topics) == UPCOMING_PER_LAG[spec["slug"]]
        for m, n in enumerate(topics):
            place = rng.choice(towns)
            house = "Kultūros centras" if place == MAIN_TOWN[spec["slug"]] else "Bendruomenės namai"
            address = f"{house}, {rng.choice(STREETS)} g. {rng.randint(1, 40)}"
            day = working_day(start + timedelta(weeks=3 * m, days=lag_index))
            if first:
                registrants = _some(rng, people, FULL_EVENT_REGISTRATIONS, showcase=True)
                first = False
            else:
                registrants = _some(rng, people, rng.randint(3, 9), member if m == 1 else None)
            events.append(
                _training(
                    spec, n, day=day, place=place, address=address, registrants=registrants,
                    upcoming=True,
                )
            )  # fmt: skip
    return events


# --- Writing ------------------------------------------------------------------------------------


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


# For the command's line of counts (English, like the rest of its output).
KIND_WORDS = {
    EventKind.TRAINING: ("training", "trainings"),
    EventKind.CONFERENCE: ("conference", "conferences"),
    EventKind.WORKSHOP: ("creative workshop", "creative workshops"),
    EventKind.MEETING: ("partner meeting", "partner meetings"),
    EventKind.INFO: ("information event", "information events"),
    EventKind.FINAL: ("final event", "final events"),
    EventKind.OTHER: ("other event", "other events"),
}


@dataclass
class EventsSeedResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    registrations: int = 0  # live registrations of the demo events, after the run

    def count(self, what: str, created: bool, changed: bool) -> None:
        if created:
            self.created[what] += 1
        elif changed:
            self.updated[what] += 1

    def line(self) -> str:
        kinds = ", ".join(f"{n} {KIND_WORDS[kind][n != 1]}" for kind, n in self.kinds.items())
        created = ", ".join(f"{n} {what}" for what, n in sorted(self.created.items()))
        updated = ", ".join(f"{n} {what}" for what, n in sorted(self.updated.items()))
        return (
            f"Demo events: {sum(self.kinds.values())} ({kinds}); {PARTICIPANTS} participant "
            f"logins dalyvis01…dalyvis{PARTICIPANTS:02d}@demo.kaimolink.lt (same password); "
            f"{self.registrations} live registrations. Created: {created or 'nothing'}; "
            f"restored: {updated or 'nothing'}."
        )


def _participants(result: EventsSeedResult, seed: int) -> None:
    from allauth.account.models import EmailAddress

    from kaimolink.accounts.models import User

    for email, name in zip(participant_emails(), participant_names(seed), strict=True):
        values = {"full_name": name, "is_active": True, "is_staff": False, "is_superuser": False}
        user, created, changed = _upsert(User, {"email": email}, values)
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            changed = True
        address, made = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not made and not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
            changed = True
        result.count("participant logins", created, changed)


def _register(event, plan: DemoEvent, users: dict, result: EventsSeedResult) -> None:
    """Add the planned people who hold no registration for this event yet."""
    from kaimolink.events.models import Registration, RegistrationLogEntry
    from kaimolink.events.services import RegistrationError, registration_create

    have = set(Registration.objects.filter(event=event).values_list("person_id", flat=True))
    for email in plan.registrants:
        person = users.get(email)
        if person is None or person.pk in have:
            continue
        if plan.status == EventStatus.PUBLISHED and plan.visibility == Visibility.PUBLIC:
            try:
                registration_create(event=event, person=person)
            except RegistrationError:
                continue  # someone changed the demo event (closed, cancelled): leave it be
        else:
            # A held event: the service refuses events that are over. Its participants
            # registered before it; there were never more of them than places.
            confirmed = Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            ).count()
            if confirmed >= event.capacity:
                continue
            registration = Registration.objects.create(
                event=event, person=person, status=RegistrationStatus.CONFIRMED,
                registered_by=person,
            )  # fmt: skip
            RegistrationLogEntry.objects.create(
                event=event, registration=registration, kind=RegistrationLogEntry.Kind.CREATED,
                by=person, to_status=RegistrationStatus.CONFIRMED, note="Demo data",
            )  # fmt: skip
            Registration.objects.filter(pk=registration.pk).update(
                created_at=plan.starts_at - timedelta(days=10)
            )
        result.count("registrations", True, True)


@transaction.atomic
def seed_demo_events(
    *, log: Callable[[str], object] = print, seed: int = SEED, today: date | None = None
) -> EventsSeedResult:
    """Write (or restore) the demo programme, participants and registrations. Idempotent.

    Needs `demo.seed_facts.seed_demo()` to have run (LAGs, settlements, demo accounts). `today`
    (default: the local date) sets where the upcoming trainings fall. Writes one line of
    counts through `log`.
    """
    from kaimolink.accounts.models import User
    from kaimolink.core.models import Lag, Settlement, Theme
    from kaimolink.events.models import Event, EventDay, EventSeries, Registration

    today = today or timezone.localdate()
    lags = {lag.slug: lag for lag in Lag.objects.filter(slug__in=[s["slug"] for s in LAGS])}
    if len(lags) != len(LAGS):
        raise RuntimeError("The demo LAGs are missing: run seed_facts.seed_demo() first.")
    result = EventsSeedResult()
    _participants(result, seed)
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.kaimolink.lt")}
    trainer = users.get(demo_user_email("consultant"))
    district_of = {slug: name for name, slug in DISTRICTS}
    lag_district = {s["slug"]: district_of[s["district"]] for s in LAGS}
    settlements = {
        (s.district.name, s.name): s
        for s in Settlement.objects.filter(district__name__in=lag_district.values()).select_related(
            "district"
        )
    }
    themes = {t.slug: t for t in Theme.objects.all()}

    series = {}
    wanted_series = {series_title(spec): [spec["slug"]] for spec in LAGS}
    wanted_series[JOINT_SERIES] = [spec["slug"] for spec in LAGS]
    wanted_series[ZYDINTI_SERIES] = ["kedainiai"]
    wanted_series |= {platform_series_title(spec): [spec["slug"]] for spec in LAGS}
    for title, lag_slugs in wanted_series.items():
        obj, created, changed = _upsert(EventSeries, {"title": title}, {"theme_id": None})
        wanted = {lags[s].pk for s in lag_slugs}
        if set(obj.lags.values_list("pk", flat=True)) != wanted:
            obj.lags.set(wanted)
            changed = True
        series[title] = obj
        result.count("series", created, changed)

    for plan in build_events(today=today, seed=seed):
        settlement = None
        if plan.settlement is not None:
            lag_slug, town = plan.settlement
            settlement = settlements[(lag_district[lag_slug], town)]
        values = {
            "title": plan.title, "description": plan.description, "kind": plan.kind,
            "theme_id": themes[plan.theme].pk if plan.theme else None,
            "series_id": series[plan.series].pk,
            "settlement_id": settlement.pk if settlement else None, "address": plan.address,
            "lat": settlement.lat if settlement else None,
            "lon": settlement.lon if settlement else None,
            "online_url": "", "hours": plan.hours, "capacity": plan.capacity,
            "trainer_id": trainer.pk if plan.with_trainer and trainer else None,
            "registration_opens": None, "registration_closes": None, "questions": [],
            "visibility": plan.visibility, "status": plan.status,
        }  # fmt: skip
        event, created, changed = _upsert(Event, {"slug": plan.slug}, values)
        wanted = {lags[s].pk for s in plan.lags}
        if set(event.lags.values_list("pk", flat=True)) != wanted:
            event.lags.set(wanted)
            changed = True
        days = [(d.date, d.start_time, d.end_time, d.programme) for d in event.days.all()]
        if days != plan.days:
            event.days.all().delete()
            for day, start, end, programme in plan.days:
                # Each saved day refreshes the event's start and end (events.signals).
                EventDay.objects.create(
                    event=event, date=day, start_time=start, end_time=end, programme=programme
                )
            event.refresh_from_db()
            changed = True
        result.count("events", created, changed)
        result.kinds[plan.kind] += 1
        _register(event, plan, users, result)
        result.registrations += Registration.objects.filter(
            event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        ).count()
    log(result.line())
    return result
