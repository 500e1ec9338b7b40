"""Demo events: the learning programme of "Sumanaus kaimo link" (see the project's seed text).

33 trainings (11 per LAG, 8 hours, 15 places) on the five training topics, grouped in one
series per LAG; two conferences, four two-day creative workshops, the three partner meetings
of the seed and a final event, all joint events of the three LAGs in a fourth series. The
events of 2023 are held; about a third of the trainings (4 + 4 + 3) are set in the coming
months and open for registration, and the first of them is full with a waiting list.

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
# Trainings of each LAG set in the coming months (the rest were held in 2023): a third.
UPCOMING_PER_LAG = {"kedainiai": 4, "dzukija": 4, "radviliskis": 3}
# People registered for the first upcoming training: its 15 places and a waiting list of 3.
FULL_EVENT_REGISTRATIONS = TRAINING_PLACES + 3

MAIN_TOWN = {"kedainiai": "Kėdainiai", "dzukija": "Lazdijai", "radviliskis": "Radviliškis"}
JOINT_SERIES = "Sumanaus kaimo link: bendri renginiai"
PROJECT = (
    "Projektas „Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio kaimo plėtros veikėjų "
    "partnerystė“ (Nr. 44TT-KK-21-1-00909-PR001)."
)

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

# (day 1, settlement, LAG whose territory hosts it, title, description)
WORKSHOPS = [
    (date(2023, 6, 27), "Josvainiai", "kedainiai",
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

# (date, settlement, LAG, title, description): the partner meetings told in the seed.
MEETINGS = [
    (date(2023, 2, 8), "Kėdainiai", "kedainiai",
     "Pirmasis projekto partnerių dalykinis susitikimas",
     "Kėdainių rajono VVG, VVG „Radviliškio lyderis“ ir Dzūkijos VVG administracijos ir "
     "valdybos nariai aptaria bendrai įgyvendinamo projekto veiklas, ateities perspektyvas, "
     "siekiamus rezultatus ir suderina konferencijos „Sumanaus kaimo link“ darbotvarkę."),
    (date(2023, 2, 15), "Kėdainiai", "kedainiai",
     "Antrasis projekto partnerių darbinis susitikimas",
     "Analizuojamos konferencijos darbo grupėse išgrynintos sumanaus kaimo temos, "
     "apsprendžiamos pagrindinės mokymų temos, aptariamos viešųjų pirkimų subtilybės, "
     "techninės sąlygos ir reikalavimai lektoriams."),
    (date(2023, 6, 5), "Lazdijai", "dzukija",
     "Partnerių dalykinis susitikimas Lazdijuose",
     "Apsprendžiamos „Sumanaus kaimo kūrybinių dirbtuvių“ pagrindinės mokymų temos, aptariamos "
     "viešųjų pirkimų subtilybės, techninės sąlygos ir reikalavimai lektoriams."),
]  # fmt: skip


@dataclass
class DemoEvent:
    """One event of the plan, before it meets the database."""

    title: str
    kind: str
    lags: list[str]
    series: str
    settlement: tuple[str, str]  # (LAG slug, settlement name)
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
    def starts_at(self) -> datetime:
        first = self.days[0]
        return datetime.combine(first[0], first[1], tzinfo=VILNIUS)


def series_title(lag: dict) -> str:
    return f"Sumanaus kaimo link: mokymų ciklas – {lag['short_name']}"


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
    district_of = {slug: name for name, slug in DISTRICTS}
    towns: dict[str, list[str]] = {}
    for spec in LAGS:
        district = district_of[spec["district"]]
        towns[spec["slug"]] = [n for n, d, _la, _lo in load_settlements() if d == district]
    people = participant_emails()
    member = demo_user_email("member")

    def venue(lag_slug: str, name: str | None = None) -> tuple[tuple[str, str], str]:
        name = name or rng.choice(towns[lag_slug])
        house = "Kultūros centras" if name == MAIN_TOWN[lag_slug] else "Bendruomenės namai"
        return (lag_slug, name), f"{house}, {rng.choice(STREETS)} g. {rng.randint(1, 40)}"

    def some(k: int, *, with_member: bool = False) -> list[str]:
        chosen = rng.sample(people, k)
        return [member, *chosen[:-1]] if with_member else chosen

    events: list[DemoEvent] = []
    everyone = [spec["slug"] for spec in LAGS]
    start = upcoming_start(today)
    first_upcoming = True
    for lag_index, spec in enumerate(LAGS):
        lag = spec["slug"]
        held = len(TRAININGS) - UPCOMING_PER_LAG[lag]
        for n, (topic, title, description) in enumerate(TRAININGS):
            place, address = venue(lag)
            if n < held:
                # Every fourth week from March 2023; the LAGs on Tuesday, Wednesday, Thursday.
                day = working_day(date(2023, 3, 7) + timedelta(weeks=4 * n, days=lag_index))
                status = EventStatus.HELD
                registrants = some(rng.randint(10, TRAINING_PLACES), with_member=n % 5 == 1)
            else:
                # Every third week from next month on.
                day = working_day(start + timedelta(weeks=3 * (n - held), days=lag_index))
                status = EventStatus.PUBLISHED
                if first_upcoming:
                    registrants = some(FULL_EVENT_REGISTRATIONS)
                    first_upcoming = False
                else:
                    registrants = some(rng.randint(3, 9), with_member=n == held + 1)
            events.append(
                DemoEvent(
                    title=f"{title} ({spec['short_name']})",
                    kind=EventKind.TRAINING,
                    lags=[lag],
                    series=series_title(spec),
                    settlement=place,
                    address=address,
                    description=f"{description}\n\n{PROJECT}",
                    days=[(day, time(9), time(17), "")],
                    hours=TRAINING_HOURS,
                    capacity=TRAINING_PLACES,
                    status=status,
                    theme=topic,
                    with_trainer=True,
                    registrants=registrants,
                )  # fmt: skip
            )

    place, address = venue("kedainiai", "Kėdainiai")
    events.append(
        DemoEvent(
            title="Konferencija „Sumanaus kaimo link“",
            kind=EventKind.CONFERENCE,
            lags=everyone,
            series=JOINT_SERIES,
            settlement=place,
            address=address,
            description=(
                "Projekto pradžios konferencija: pristatomi jau veikiantys bendruomeniniai ir "
                "socialiniai verslai ir projekto veiklos, veikia kontaktų mugė – susipažinkite "
                "su kitų rajonų kaimo plėtros veikėjais. Darbo grupėse aptariamos sumanaus "
                f"kaimo temos.\n\n{PROJECT}"
            ),
            days=[(date(2023, 2, 10), time(10), time(18), "")],
            hours=CONFERENCE_HOURS,
            capacity=CONFERENCE_PLACES,
            registrants=[member, *people],
        )  # fmt: skip
    )
    place, address = venue("radviliskis", "Radviliškis")
    events.append(
        DemoEvent(
            title="Baigiamoji konferencija: virtuali bendradarbiavimo platforma",
            kind=EventKind.CONFERENCE,
            lags=everyone,
            series=JOINT_SERIES,
            settlement=place,
            address=address,
            description=(
                "Pristatoma sukurta virtuali bendradarbiavimo platforma, Kėdainių, Lazdijų ir "
                "Radviliškio rajonų kaimo plėtros veikėjų duomenų bazė ir projekto rezultatai."
                f"\n\n{PROJECT}"
            ),
            days=[(date(2023, 11, 23), time(10), time(18), "")],
            hours=CONFERENCE_HOURS,
            capacity=CONFERENCE_PLACES,
            registrants=some(PARTICIPANTS - 4, with_member=True),
        )  # fmt: skip
    )
    for day, town, lag, title, description in WORKSHOPS:
        place, address = venue(lag, town)
        events.append(
            DemoEvent(
                title=title,
                kind=EventKind.WORKSHOP,
                lags=everyone,
                series=JOINT_SERIES,
                settlement=place,
                address=address,
                description=f"{description}\n\n{PROJECT}",
                days=[
                    (day, time(9), time(17), "Užduotys darbo grupėse"),
                    (day + timedelta(days=1), time(9), time(17), "Pristatymai ir aptarimas"),
                ],
                hours=WORKSHOP_HOURS,
                capacity=WORKSHOP_PLACES,
                with_trainer=True,
                registrants=some(rng.randint(14, PARTICIPANTS)),
            )  # fmt: skip
        )
    for day, town, lag, title, description in MEETINGS:
        place, address = venue(lag, town)
        # Working meetings of the partners' staff and boards: by invitation, not listed.
        events.append(
            DemoEvent(
                title=title,
                kind=EventKind.MEETING,
                lags=everyone,
                series=JOINT_SERIES,
                settlement=place,
                address=address,
                description=f"{description}\n\n{PROJECT}",
                days=[(day, time(10), time(14), "")],
                hours=4,
                capacity=20,
                visibility=Visibility.INVITED,
                registrants=[demo_user_email(f"coordinator.{s}") for s in everyone],
            )  # fmt: skip
        )
    place, address = venue("kedainiai", "Kėdainiai")
    events.append(
        DemoEvent(
            title="Baigiamasis projekto „Sumanaus kaimo link“ renginys",
            kind=EventKind.FINAL,
            lags=everyone,
            series=JOINT_SERIES,
            settlement=place,
            address=address,
            description=(
                "Projekto partnerių ir dalyvių susitikimas: mokymų dalyvių pažymėjimai, "
                "dešimties minučių filmas apie gerųjų bendruomeninių ir socialinių verslų "
                f"pavyzdžius, padėkos partneriams.\n\n{PROJECT}"
            ),
            days=[(date(2023, 12, 14), time(13), time(17), "")],
            hours=4,
            capacity=80,
            registrants=[member, *some(12)],
        )  # fmt: skip
    )
    slugs = [e.slug for e in events]
    assert len(slugs) == len(set(slugs)), "demo event slugs must be unique"
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
    for title, lag_slugs in wanted_series.items():
        obj, created, changed = _upsert(EventSeries, {"title": title}, {"theme_id": None})
        wanted = {lags[s].pk for s in lag_slugs}
        if set(obj.lags.values_list("pk", flat=True)) != wanted:
            obj.lags.set(wanted)
            changed = True
        series[title] = obj
        result.count("series", created, changed)

    for plan in build_events(today=today, seed=seed):
        lag_slug, town = plan.settlement
        settlement = settlements[(lag_district[lag_slug], town)]
        values = {
            "title": plan.title, "description": plan.description, "kind": plan.kind,
            "theme_id": themes[plan.theme].pk if plan.theme else None,
            "series_id": series[plan.series].pk, "settlement_id": settlement.pk,
            "address": plan.address, "lat": settlement.lat, "lon": settlement.lon,
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
