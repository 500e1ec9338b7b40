"""Demo consultations: questions rural people really ask, answers, consultation times.

`seed_demo_consultations()` needs the demo accounts of `demo.seed_facts.seed_demo()` (the member
Rūta Jankauskienė, the consultant Giedrius Urbonas, the LAG coordinators) and is idempotent:
people are looked up by e-mail address, questions by title, answers by question and author,
consultation times by consultant and start; nothing is written twice. Two more consultants
and three askers get demo logins (same password as the other demo accounts).

Consultation times sit on a fixed weekly grid (weekday and hour per consultant) over the
next four weeks counted from `today`, so runs on different days add the new weeks' times
and never overlap the ones already there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import DEMO_PASSWORD, SEED, _upsert, demo_user_email

# (e-mail local part, full name, consultant?)
PEOPLE = [
    ("konsultante.teise", "Asta Kazlauskienė", True),
    ("konsultantas.projektai", "Mindaugas Vaitkus", True),
    ("ukininkas.petras", "Petras Žukauskas", False),
    ("bendruomene.jurgita", "Jurgita Paulauskienė", False),
    ("sodyba.ramune", "Ramunė Stankevičienė", False),
]
CONSULTANT = "consultant"  # Giedrius Urbonas, of demo.seed_facts
MEMBER = "member"  # Rūta Jankauskienė, of demo.seed_facts
COORDINATOR = "coordinator.kedainiai"

# (asker, theme, title, body, days ago, public)
QUESTIONS = [
    (
        "bendruomene.jurgita",
        "rural-jobs",
        "Kaip bendruomenei įregistruoti bendruomeninį verslą?",
        "Mūsų kaimo bendruomenė (asociacija) nori kepti ir pardavinėti duoną bei pyragus "
        "šventėms. Ar galime tai daryti pačios asociacijos vardu, ar reikia steigti atskirą "
        "įmonę? Kokių leidimų reikės virtuvei?",
        40,
        True,
    ),
    (
        "ukininkas.petras",
        "short-supply-chains",
        "Ar ūkininkui reikia mokėti PVM, kai parduoda turguje ir mugėse?",
        "Auginu daržoves ir bulves, turiu ūkininko pažymėjimą. Vasarą prekiauju Kėdainių "
        "turguje, rudenį – mugėse. Per metus susidaro apie 20 tūkst. eurų. Ar turiu "
        "registruotis PVM mokėtoju ir kokius dokumentus turėti prekiaujant?",
        33,
        True,
    ),
    (
        "bendruomene.jurgita",
        "social-services",
        "Kokios išlaidos tinkamos LEADER vietos projekto biudžete?",
        "Rengiame paraišką VVG kvietimui – norime įrengti socialinių paslaugų kambarį "
        "senjorams. Ar galima į biudžetą įtraukti baldus, darbuotojo atlyginimą ir PVM? "
        "Kiek komercinių pasiūlymų reikia prie kiekvienos išlaidos?",
        26,
        True,
    ),
    (
        "sodyba.ramune",
        "digital-skills",
        "Kaip kaimo turizmo sodybai pradėti naudotis socialiniais tinklais?",
        "Turime sodybą prie ežero, svečių daugiausia atvažiuoja iš pažįstamų rekomendacijų. "
        "Norėčiau pradėti rašyti „Facebook“ ir „Instagram“, bet nežinau, nuo ko pradėti ir "
        "kiek laiko tam skirti.",
        19,
        True,
    ),
    (
        "ukininkas.petras",
        "renewable-energy",
        "Saulės elektrinė ūkio sandėliui: nuo ko pradėti?",
        "Sandėlyje turime šaldytuvus daržovėms, elektros sąskaitos vasarą didelės. Ar verta "
        "statyti saulės elektrinę ant stogo ir ar tam būna parama ūkininkams?",
        12,
        True,
    ),
    (
        "sodyba.ramune",
        "heritage-tourism",
        "Kaip į sodybos poilsį įtraukti vietos paveldą?",
        "Netoliese yra piliakalnis ir senos kapinaitės, o kaimynė audžia juostas. Kaip "
        "galėtume tai pasiūlyti svečiams, kad būtų ir įdomu, ir naudinga kaimui?",
        6,
        True,
    ),
    (
        "bendruomene.jurgita",
        "circular-economy",
        "Ką daryti su daržovių atliekomis po bendruomenės mugių?",
        "Po kiekvienos mugės lieka dėžės nenupirktų ir apgadintų daržovių. Gal yra gerų "
        "pavyzdžių, kaip jas panaudoti ar kompostuoti kartu su ūkininkais?",
        2,
        True,
    ),
]
PRIVATE_QUESTION = (
    MEMBER,
    "rural-jobs",
    "Ar galiu keramikos dirbinius parduoti su verslo liudijimu ir internetu?",
    "Dirbu su verslo liudijimu, parduodu mugėse. Norėčiau pradėti parduoti ir savo "
    "svetainėje bei per socialinius tinklus. Ar užtenka verslo liudijimo, ar reikės "
    "individualios veiklos pažymos? Klausiu privačiai, nes rašau apie savo pajamas: "
    "praėjusiais metais gavau apie 9 000 eurų.",
    4,
    False,
)

# (question title, answerer, body, hours after the question, accepted)
ANSWERS = [
    (
        QUESTIONS[0][2],
        "konsultante.teise",
        "Bendruomeninę veiklą asociacija gali vykdyti ir pati, jei tai numatyta jos "
        "įstatuose: ekonominė veikla leidžiama, kai pelnas naudojamas įstatų tikslams.\n\n"
        "Ką patikrinti:\n\n"
        "1. **Įstatai** – ar juose įrašyta maisto gamybos ir prekybos veikla; jei ne, "
        "pakeiskite juos ir įregistruokite Registrų centre.\n"
        "2. **Virtuvė** – maisto tvarkymo vietą reikia įregistruoti Valstybinėje maisto ir "
        "veterinarijos tarnyboje (VMVT) prieš pradedant veiklą.\n"
        "3. **Apskaita** – pajamas iš prekybos apskaitykite atskirai.\n\n"
        "Atskira įmonė (pvz., mažoji bendrija) verta, kai veikla auga ir norite atskirti "
        "riziką nuo asociacijos.",
        20,
        True,
    ),
    (
        QUESTIONS[0][2],
        COORDINATOR,
        "Papildysiu: mūsų VVG strategijoje yra priemonė bendruomeniniam verslui – įrangai "
        "virtuvei galite teikti vietos projektą. Artimiausias kvietimas skelbiamas VVG "
        "svetainėje, o paraiškos rengimo konsultacija nemokama.",
        30,
        False,
    ),
    (
        QUESTIONS[1][2],
        "konsultante.teise",
        "Prievolė registruotis PVM mokėtoju atsiranda, kai per paskutinius 12 mėnesių "
        "atlygis už prekes ir paslaugas viršija įstatyme nustatytą ribą (dabar – 45 000 "
        "eurų). Su 20 tūkst. eurų registruotis nebūtina.\n\n"
        "Ūkininkai gali rinktis ir **kompensacinį PVM tarifą** – tada pirkėjai, PVM "
        "mokėtojai, jums sumoka kompensaciją. Prekiaujant turguje turėkite ūkininko "
        "pažymėjimą; savo užaugintas neperdirbtas daržoves parduoti galite be atskiro "
        "leidimo. Prieš sprendimą pasitarkite su VMI – taisyklės kartais keičiasi.",
        6,
        True,
    ),
    (
        QUESTIONS[2][2],
        "konsultantas.projektai",
        "Tinkamas išlaidas nustato konkretaus kvietimo sąlygos, todėl pirmiausia skaitykite "
        "VVG kvietimo dokumentus. Dažniausiai:\n\n"
        "- **baldai ir įranga** tinkami, jei tiesiogiai reikalingi projekto veiklai;\n"
        "- **darbuotojo atlyginimas** tinkamas tik tam laikui, kurį jis dirba projekte;\n"
        "- **PVM** tinkamas, jei jūsų organizacija negali jo susigrąžinti.\n\n"
        "Kiekvienai išlaidai paprastai reikia bent trijų komercinių pasiūlymų arba "
        "kainų palyginimo – išsaugokite juos, jų paprašys vertinant paraišką.",
        26,
        False,
    ),
    (
        QUESTIONS[3][2],
        CONSULTANT,
        "Pradėkite nuo vieno tinklo – sodybai dažniausiai tinka „Facebook“ puslapis, o "
        "nuotraukoms – „Instagram“. Užtenka 2–3 įrašų per savaitę:\n\n"
        "- ryto vaizdas nuo ežero, pusryčiai, sezonų pokyčiai;\n"
        "- svečių atsiliepimai (paklauskite leidimo);\n"
        "- artimiausios laisvos datos ir aiški nuoroda, kaip rezervuoti.\n\n"
        "Susidarykite mėnesio įrašų planą ir nuotraukas darykite dienos šviesoje.",
        10,
        True,
    ),
    (
        QUESTIONS[4][2],
        "konsultantas.projektai",
        "Pirmiausia paskaičiuokite, kiek elektros sunaudojate per metus ir kada – "
        "šaldytuvai vasarą puikiai sutampa su saulės gamyba. Paprašykite bent dviejų "
        "įrengėjų pasiūlymų su atsipirkimo skaičiavimu. Paramos kvietimai ūkininkams "
        "skelbiami periodiškai; sekite ir VVG, ir nacionalinius kvietimus.",
        18,
        False,
    ),
]
PRIVATE_ANSWER = (
    "konsultante.teise",
    "Verslo liudijimas leidžia parduoti ir internetu, jei jūsų veiklos rūšis (dirbinių "
    "gamyba ir pardavimas) yra liudijime, o pirkėjai – fiziniai asmenys. Jei pradėsite "
    "parduoti įmonėms arba pajamos gerokai augs, apsvarstykite individualią veiklą pagal "
    "pažymą. Jūsų nurodytos pajamos ribų neviršija.",
    8,
)

# Consultant → [(weekday 0=Mon, start hour, minutes, mode, place, note)]
GRID = {
    CONSULTANT: [
        (1, 10, 60, "online", "https://meet.jit.si/kaimolink-urbonas",
         "Rinkodara ir socialiniai tinklai"),
        (3, 14, 45, "phone", "+370 600 12345", "Skambinu nurodytu telefonu"),
    ],
    "konsultante.teise": [
        (0, 9, 60, "in_person", "Kėdainių r. VVG biuras, J. Basanavičiaus g. 45, Kėdainiai",
         "Teisės ir apskaitos klausimai"),
        (2, 15, 30, "online", "https://meet.jit.si/kaimolink-kazlauskiene", ""),
    ],
    "konsultantas.projektai": [
        (4, 11, 90, "in_person", "Lazdijų kultūros centras, Vilniaus g. 1, Lazdijai",
         "Paraiškų rengimas ir projektų biudžetai"),
    ],
}  # fmt: skip
WEEKS = 4
# (booker, consultant, which of that consultant's upcoming times, topic)
BOOKINGS = [
    ("ukininkas.petras", "konsultante.teise", 1, "Kompensacinis PVM tarifas ir sąskaitos"),
    ("bendruomene.jurgita", "konsultantas.projektai", 0, "Vietos projekto biudžetas"),
]


def _people(counts: Counter) -> dict:
    from allauth.account.models import EmailAddress

    from kaimolink.accounts.models import User

    users = {}
    for local, name, consultant in PEOPLE:
        email = demo_user_email(local)
        values = {"full_name": name, "is_active": True, "is_consultant": consultant}
        user, created, changed = _upsert(User, {"email": email}, values)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if created:
            counts["logins"] += 1
        users[local] = user
    for local in (CONSULTANT, MEMBER, COORDINATOR):
        user = User.objects.filter(email=demo_user_email(local)).first()
        if user is None:
            raise RuntimeError("The demo accounts are missing: run seed_facts.seed_demo() first.")
        users[local] = user
    return users


def _question(spec, users, themes, counts, now, actor=None):
    from kaimolink.consultations.models import Question

    asker, theme, title, body, days_ago, public = spec
    question = Question.objects.filter(title=title).first()
    if question is None:
        question = Question.objects.create(
            author=users[asker], actor=actor, theme=themes[theme], title=title, body=body,
            is_public=public,
        )  # fmt: skip
        stamp = now - timedelta(days=days_ago, hours=3)
        Question.objects.filter(pk=question.pk).update(created_at=stamp, updated_at=stamp)
        question.created_at = stamp
        counts["questions"] += 1
    return question


def _answer(question, author, body, hours, counts) -> None:
    from kaimolink.consultations.models import Answer

    if Answer.objects.filter(question=question, author=author).exists():
        return
    answer = Answer.objects.create(question=question, author=author, body=body)
    Answer.objects.filter(pk=answer.pk).update(
        created_at=question.created_at + timedelta(hours=hours)
    )
    counts["answers"] += 1


def _slots(users, today: date, counts) -> None:
    from kaimolink.consultations.models import Slot
    from kaimolink.consultations.services import ConsultationError, local_datetime, slot_create

    for local, grid in GRID.items():
        consultant = users[local]
        for offset in range(1, WEEKS * 7 + 1):
            day = today + timedelta(days=offset)
            for weekday, hour, minutes, mode, place, note in grid:
                if day.weekday() != weekday:
                    continue
                starts_at = local_datetime(day, time(hour))
                if Slot.objects.filter(consultant=consultant, starts_at=starts_at).exists():
                    continue
                try:
                    slot_create(
                        consultant=consultant, starts_at=starts_at,
                        ends_at=starts_at + timedelta(minutes=minutes),
                        mode=mode, place=place, note=note,
                    )  # fmt: skip
                except ConsultationError:
                    continue  # the consultant changed their times: leave them be
                counts["consultation times"] += 1


def _bookings(users, counts) -> None:
    from kaimolink.consultations import selectors
    from kaimolink.consultations.models import Booking
    from kaimolink.consultations.services import ConsultationError, booking_create

    now = timezone.now()
    for booker, consultant, index, topic in BOOKINGS:
        person = users[booker]
        if Booking.objects.filter(
            person=person, slot__consultant=users[consultant], cancelled_at__isnull=True,
            slot__starts_at__gt=now,
        ).exists():  # fmt: skip
            continue
        free = list(selectors.free_slots(consultant=users[consultant])[: index + 1])
        if len(free) <= index:
            continue
        try:
            booking_create(slot=free[index], person=person, topic=topic)
        except ConsultationError:
            continue
        counts["bookings"] += 1


@transaction.atomic
def seed_demo_consultations(
    *, seed: int = SEED, log: Callable[[str], object] = print, today: date | None = None
) -> None:
    """Write the demo questions, answers, consultation times and bookings. Idempotent.

    The content is fixed (`seed` is accepted for the signature the other demos share);
    `today` (default: the local date) sets where the consultation times fall.
    """
    from kaimolink.actors.models import Actor
    from kaimolink.consultations.models import Answer
    from kaimolink.consultations.services import answer_accept
    from kaimolink.core.models import Theme

    today = today or timezone.localdate()
    now = datetime.combine(today, time(12), tzinfo=timezone.get_current_timezone())
    counts: Counter = Counter()
    users = _people(counts)
    themes = {t.slug: t for t in Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE)}
    questions = {spec[2]: _question(spec, users, themes, counts, now) for spec in QUESTIONS}
    member_actor = (
        Actor.objects.filter(memberships__user=users[MEMBER], status="published")
        .order_by("pk")
        .first()
    )
    private = _question(PRIVATE_QUESTION, users, themes, counts, now, actor=member_actor)
    for title, answerer, body, hours, accepted in ANSWERS:
        question = questions[title]
        _answer(question, users[answerer], body, hours, counts)
        if accepted and not Answer.objects.filter(question=question, accepted=True).exists():
            answer = Answer.objects.get(question=question, author=users[answerer])
            answer_accept(answer=answer, by=question.author)
    _answer(private, users[PRIVATE_ANSWER[0]], PRIVATE_ANSWER[1], PRIVATE_ANSWER[2], counts)
    _slots(users, today, counts)
    _bookings(users, counts)
    made = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing new"
    log(
        f"Demo consultations: {len(QUESTIONS) + 1} questions (1 private), three consultants "
        f"(konsultante.teise@, konsultantas.projektai@, consultant@{demo_user_email('')[1:]}); "
        f"created: {made}."
    )
