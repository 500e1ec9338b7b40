"""Demo learning: attendance, homework, certificates and the contact fairs of the programme.

The seed says "Visuose mokymuose bus atliekami namų darbai" and that the opening conference
has a "kontaktų mugė", so:

- attendance is marked for every held event (a realistic share of the confirmed
  participants was present each day), by its trainer or, without one, its LAG's coordinator;
- every training has homework set by its trainer; on held trainings most of those present
  handed in, most hand-ins are accepted (with feedback), some were sent back to be redone
  (some of those handed in again and accepted), and on the last held training of each LAG
  the hand-ins still wait for review (the coordinators have something to do); on upcoming
  trainings the homework is set, due two weeks after the training, and nobody handed in yet;
- certificates of attendance are issued for the held trainings and creative workshops by
  the certificates app's own "issue for the event" process, and one is revoked (its
  attendance was marked by mistake: the mark is corrected first, then it is revoked);
- the opening conference of 2022 has its contact fair (past), and the first upcoming
  training of Kėdainių r. VVG has one open now, with people joined and meeting requests.

Everything goes through the apps' services (attendance_mark, assignment_create,
submission_create, submission_review, certificates_issue_for_event, certificate_revoke,
fair_join, meeting_request_create/answer), so the rules hold: nothing is shown as
certified that the platform did not record through its own process. Only the time stamps
of the held records are moved afterwards to when they happened (as events.py does for the
registrations): the services stamp "now", and the homework service rightly refuses a due
date in the past, so a held training's homework is set without one and then dated.

The showcase person is dalyvis01@demo.kaimolink.lt: present everywhere, hands in every
homework; one is sent back to be redone (to do again), the rest accepted with feedback or
waiting; the upcoming trainings' homework is to do; certificates; in the open fair with a
request to answer. Idempotent like the other parts: an assignment is found by event and
title, hand-ins are only written for people with none, attendance only where none is
marked, certificates are issued only to those without one, fair rows are looked up.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.events import (
    OPENING_CONFERENCE,
    TRAININGS,
    platform_series_title,
    project_series_titles,
    training_index,
    upcoming_start,
)
from kaimolink.demo.seed_facts import LAGS, SEED, VILNIUS, demo_user_email

SHOWCASE = "dalyvis01"
PRESENT_SHARE = 0.87  # of the confirmed participants, each day
HAND_IN_SHARE = 0.8  # of those present
REDO_SHARE = 0.15  # of the hand-ins reviewed
REDONE_SHARE = 0.6  # of those sent back, handed in again and accepted
DUE_DAYS = 14
# The showcase person's homework of these trainings (index in TRAININGS) is sent back.
SHOWCASE_REDO = {3}
REVOKED_TRAINING = 1  # "Projektų valdymas ir finansavimo šaltiniai" of Kėdainių r. VVG, held
REVOKE_REASON = (
    "Dalyvis mokymuose nedalyvavo: lankomumas buvo pažymėtas per klaidą, todėl pažymėjimas "
    "atšaukiamas."
)

# (title, instructions, an answer, feedback when accepted, what to redo) per TRAININGS row.
HOMEWORK = [
    ("Parenkite savo organizacijos veiklos plano juodraštį",
     "Vienas–du puslapiai: tikslas, pagrindinės veiklos, ištekliai, atsakingi žmonės ir "
     "pirmųjų metų darbų kalendorius.",
     "Tikslas – per metus pradėti kepti ir parduoti naminę duoną bendruomenės namuose. "
     "Veiklos: virtuvės įrengimas (kovas–balandis), VMVT registracija (gegužė), pirmoji "
     "mugė (birželis). Ištekliai: bendruomenės namų virtuvė, 3 savanorės kepėjos, 2 000 Eur "
     "įrangai. Atsakinga – bendruomenės pirmininkė.",
     "Aiškus tikslas ir realus kalendorius. Pridėkite, iš ko gausite 2 000 Eur.",
     "Trūksta atsakingų žmonių ir darbų kalendoriaus – papildykite ir pateikite dar kartą."),
    ("Parenkite savo bendruomenės verslo idėjos aprašą",
     "Idėja, kam ji skirta, kokios reikės lėšų ir iš kur jas gausite (LEADER, savivaldybė, "
     "fondai), pagrindinės rizikos.",
     "Idėja – dviračių nuoma ir maršrutas aplink ežerą vasaros svečiams. Lėšos: 8 dviračiai ir "
     "stovas, apie 4 500 Eur; teiksime vietos projektą VVG kvietimui, 20 % – bendruomenės "
     "įnašas. Rizikos: lietingos vasaros, dviračių priežiūra (susitarėme su vietos meistru).",
     "Gerai apgalvotos rizikos. Finansavimo šaltinis tinka VVG kvietimui.",
     "Neaišku, kam skirta paslauga ir kiek ji kainuos – aprašykite pirkėją ir biudžetą."),
    ("Sudarykite savanorių įtraukimo planą",
     "Kokių savanorių reikia, kaip juos pakviesite, kaip padėkosite ir kaip pasidalysite "
     "darbus per artimiausią renginį.",
     "Per Jonines reikia 10 savanorių: 4 – stalams ir prekybai, 3 – vaikų užimtumui, 3 – "
     "tvarkai. Kviesime per mokyklą ir bendruomenės „Facebook“ grupę; po šventės – padėkos "
     "vakaronė ir padėkos raštai.",
     "Puikiai pasidalyti darbai. Nepamirškite savanorių sutikimų nuotraukoms.",
     "Trūksta, kaip padėkosite savanoriams ir kas juos koordinuos."),
    ("Aprašykite savo produkto pirkėją",
     "Kas perka jūsų produktą ar paslaugą, ko jis nori, kur jį rasti ir kaip jis sužinos "
     "apie jus.",
     "Mūsų medaus pirkėjai – 30–55 metų miesto šeimos, vertinančios natūralų maistą. Jos "
     "perka mugėse ir internetu, skaito kulinarijos tinklaraščius. Pasieksime per Kauno "
     "ūkininkų turgų ir „Instagram“ paskyrą.",
     "Konkretus pirkėjo aprašymas, tinka rinkodaros planui.",
     "Aprašymas per bendras – „visi, kas mėgsta medų“. Išskirkite vieną pirkėjų grupę."),
    ("Apskaičiuokite savo produkto kainą",
     "Savikaina, pakuotė, pardavimo kanalo kaina ir norimas pelnas; palyginkite su "
     "konkurentų kainomis.",
     "Stiklainis uogienės (350 g): uogos ir cukrus 1,60 Eur, stiklainis ir etiketė 0,70 Eur, "
     "darbas 1,20 Eur, mugės mokestis 0,30 Eur. Savikaina 3,80 Eur, kaina 5,50 Eur; "
     "konkurentų – 5–7 Eur.",
     "Teisingai įskaičiuotos visos išlaidos.",
     "Neįskaičiuotas darbo laikas – papildykite skaičiavimą."),
    ("Aprašykite socialinės inovacijos idėją savo kaimui",
     "Kokią kaimo problemą ji sprendžia, kas ją įgyvendins ir kuo ji nauja jūsų krašte.",
     "Senjorai kaime neturi kuo nuvykti pas gydytoją. Idėja – bendruomenės automobilis ir "
     "savanoriai vairuotojai, važiavimai užsakomi telefonu per seniūnijos darbuotoją.",
     "Aktuali problema ir aiškus sprendimas. Verta pasitarti su savivaldybe dėl paramos.",
     "Parašykite, kas konkrečiai įgyvendins idėją ir kaip ji bus finansuojama."),
    ("Parenkite paslaugos verslo modelį",
     "Užpildykite verslo modelio drobę savo bendruomenės paslaugai: vertė, klientai, "
     "kanalai, pajamos ir išlaidos.",
     "Paslauga – vaikų dienos stovykla vasarą. Vertė: užimtumas arti namų; klientai: "
     "dirbančios šeimos; pajamos: 60 Eur savaitei vaikui ir savivaldybės parama; išlaidos: "
     "du darbuotojai ir maitinimas. Sukurtume dvi sezonines darbo vietas.",
     "Išsami drobė, pajamos ir išlaidos subalansuotos.",
     "Trūksta išlaidų dalies – be jos neaišku, ar paslauga atsiperka."),
    ("Aprašykite, kuo ypatingas jūsų kraštas",
     "Trys dalykai, kuo didžiuojasi jūsų kaimas: istorija, tradicijos, žmonės ar gamta, ir "
     "kaip juos galėtumėte parodyti svečiams.",
     "Mūsų kaime – XIX a. vandens malūnas, juostų audimo tradicija ir piliakalnis. Svečiams "
     "siūlytume pėsčiųjų maršrutą su audėjos dirbtuvių lankymu ir malūno istorija.",
     "Gražiai atskleistas krašto savitumas.",
     "Parašykite, kaip šiuos dalykus parodysite svečiams."),
    ("Parenkite edukacinės programos aprašą",
     "Programos pavadinimas, kam ji skirta, trukmė, eiga, kaina ir kas ją ves.",
     "„Nuo grūdo iki duonos“: 2 valandų programa mokyklų klasėms. Eiga: malūno istorija, "
     "grūdų malimas girnomis, duonos kepimas ir degustacija. Kaina 8 Eur vaikui, veda "
     "bendruomenės kepėjos.",
     "Išsami ir patraukli programa – galite siūlyti mokykloms.",
     "Trūksta programos eigos ir kainos."),
    ("Sudarykite mėnesio įrašų planą socialiniams tinklams",
     "Aštuoni įrašai mėnesiui: tema, nuotrauka ar vaizdo įrašas ir kada skelbsite.",
     "Du įrašai per savaitę: pirmadieniais – ūkio darbai (nuotrauka), penktadieniais – "
     "savaitgalio pasiūlymas. Mėnesio temos: braškių sezonas, pirkėjų atsiliepimai, receptas, "
     "užkulisiai.",
     "Geras ritmas ir įvairios temos.",
     "Planas per trumpas – sudarykite visus aštuonis įrašus."),
    ("Parašykite savo produkto aprašymą el. parduotuvei",
     "Pavadinimas, trumpas aprašymas, sudėtis ar matmenys, kaina ir pristatymo sąlygos.",
     "Rankų darbo vilnonės kojinės (38–40 dydis): 100 % avių vilna iš mūsų ūkio, dažyta "
     "augaliniais dažais. Kaina 18 Eur, siunčiame paštomatu per 3 darbo dienas.",
     "Aiškus aprašymas su visomis pirkėjui svarbiomis sąlygomis.",
     "Pridėkite sudėtį ir pristatymo sąlygas."),
]  # fmt: skip
assert len(HOMEWORK) == len(TRAININGS)

# What people who join a fair as themselves offer and seek.
PITCHES = [
    "Kepame naminę duoną ir pyragus šventėms. Ieškome, kas galėtų juos parduoti savo "
    "parduotuvėje ar turguje.",
    "Turime kaimo turizmo sodybą prie ežero. Ieškome partnerių edukacinėms programoms ir "
    "vietos produktų degustacijoms.",
    "Esu bendruomenės pirmininkė. Norime įkurti bendrą pardavimo tašką vietos ūkininkams – "
    "ieškome norinčių prisijungti.",
    "Auginu daržoves ir uogas, galiu tiekti kavinėms ir mokykloms. Ieškau pirkėjų rajone.",
    "Audžiu juostas ir vedu audimo užsiėmimus. Ieškau sodybų ir muziejų, kurie norėtų edukacijų.",
    "Jaunimo klubas: ieškome partnerių vasaros stovykloms ir savanorių mainams.",
    "Bitininkas: medus, vaškas, bičių duonelė. Ieškau bendrų mugių ir pakuotės dizainerio.",
    "Senjorų bendrija: norime išmokti naudotis internetu, ieškome savanorių, kurie padėtų.",
    "Vedu buhalterinę apskaitą bendruomenėms ir ūkininkams, siūlau konsultacijas.",
    "Kalvis: kalu tvoras ir suvenyrus. Ieškau partnerio prekybai internetu.",
]
MEETING_MESSAGES = [
    "Laba diena, norėčiau susitikti per pertrauką ir aptarti bendrą prekybą.",
    "Sveiki, mums įdomi jūsų patirtis – gal galėtume pasikalbėti?",
    "Ieškome būtent tokio partnerio. Susitinkame prie kavos?",
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=VILNIUS)


def _rng(seed: int, *parts) -> random.Random:
    """A generator of its own for each event and person: adding one changes no other."""
    return random.Random("/".join(str(p) for p in (seed, *parts)))


class _Ctx:
    """What the parts share: the people, the counts, the showcase person."""

    def __init__(self, seed: int):
        from kaimolink.accounts.models import User

        self.seed = seed
        self.counts: Counter = Counter()
        emails = [demo_user_email(f"coordinator.{s['slug']}") for s in LAGS]
        emails.append(demo_user_email(SHOWCASE))
        people = {u.email: u for u in User.objects.filter(email__in=emails)}
        if len(people) != len(emails):
            raise RuntimeError("The demo accounts are missing: run seed_demo_events() first.")
        self.coordinators = {s["slug"]: people[emails[i]] for i, s in enumerate(LAGS)}
        self.showcase = people[demo_user_email(SHOWCASE)]

    def organiser(self, event):
        """Who marks attendance and issues certificates: the trainer, else a coordinator."""
        if event.trainer_id:
            return event.trainer
        slugs = {lag.slug for lag in event.lags.all()}
        return next(self.coordinators[s["slug"]] for s in LAGS if s["slug"] in slugs)


def _learning_series() -> list[str]:
    """The series with learning: "Sumanaus kaimo link" and the platform's own programme
    ("Žydinti Lietuva" has no registrations: the seed names no participants)."""
    return [*project_series_titles(), *(platform_series_title(spec) for spec in LAGS)]


def _demo_events():
    from kaimolink.events.models import Event

    return (
        Event.objects.filter(series__title__in=_learning_series())
        .select_related("trainer")
        .prefetch_related("lags", "days")
        .order_by("starts_at", "pk")
    )


def _lag_slugs(event) -> set[str]:
    return {lag.slug for lag in event.lags.all()}


def _confirmed(event):
    from kaimolink.events.enums import RegistrationStatus

    return list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("person")
        .order_by("pk")
    )


# --- Attendance ---------------------------------------------------------------------------------


def _attendance(ctx: _Ctx, held) -> None:
    from kaimolink.events.models import Attendance
    from kaimolink.events.services import attendance_mark

    for event in held:
        days = list(event.days.all())
        marked = set(
            Attendance.objects.filter(day__event=event).values_list("registration_id", "day_id")
        )
        by = ctx.organiser(event)
        for registration in _confirmed(event):
            rng = _rng(ctx.seed, "present", event.slug, registration.person.email)
            for day in days:
                present = registration.person_id == ctx.showcase.pk or rng.random() < PRESENT_SHARE
                if (registration.pk, day.pk) in marked:
                    continue
                attendance_mark(registration=registration, day=day, present=present, by=by)
                ctx.counts["attendance marks"] += 1


# --- Homework -----------------------------------------------------------------------------------


def _homework(ctx: _Ctx, trainings, held_ids: set[int], last_held: set[int]) -> None:
    from kaimolink.homework.models import Assignment

    for event in trainings:
        index = training_index(event.title)
        title, instructions, *_texts = HOMEWORK[index]
        assignment = Assignment.objects.filter(event=event, title=title).first()
        if assignment is None:
            assignment = _set_assignment(event, title, instructions, held=event.pk in held_ids)
            ctx.counts["assignments"] += 1
        if event.pk in held_ids:
            _hand_ins(ctx, event, assignment, index, pending=event.pk in last_held)


def _set_assignment(event, title, instructions, *, held: bool):
    from kaimolink.homework.models import Assignment
    from kaimolink.homework.services import assignment_create

    day = timezone.localtime(event.starts_at, VILNIUS).date()
    due = _at(day + timedelta(days=DUE_DAYS), 23, 59)
    assignment = assignment_create(
        event=event, by=event.trainer, title=title, instructions=instructions,
        due_at=None if held else due, allow_files=True,
    )  # fmt: skip
    if held:  # set at the end of the training day, due two weeks later (see the docstring)
        Assignment.objects.filter(pk=assignment.pk).update(created_at=_at(day, 17), due_at=due)
        assignment.refresh_from_db()
    return assignment


def _hand_ins(ctx: _Ctx, event, assignment, index: int, *, pending: bool) -> None:
    """Hand-ins of those present who hand in, each one's story told through the services."""
    from kaimolink.events.models import Attendance
    from kaimolink.homework.models import Submission

    _title, _instructions, answer, praise, redo = HOMEWORK[index]
    have = set(Submission.objects.filter(assignment=assignment).values_list("person_id", flat=True))
    present = set(
        Attendance.objects.filter(day__event=event, present=True).values_list(
            "registration_id", flat=True
        )
    )
    day = timezone.localtime(event.starts_at, VILNIUS).date()
    for registration in _confirmed(event):
        person = registration.person
        if person.pk in have or registration.pk not in present:
            continue
        rng = _rng(ctx.seed, "homework", event.slug, person.email)
        showcase = person.pk == ctx.showcase.pk
        if not showcase and rng.random() >= HAND_IN_SHARE:
            continue  # never handed in
        when = _at(day + timedelta(days=rng.randint(2, 11)), rng.randint(18, 22))
        submission = _submit(assignment, person, answer, when)
        ctx.counts["hand-ins"] += 1
        if pending:
            continue  # waits for review
        if showcase:
            sent_back = index in SHOWCASE_REDO
            redone = False
        else:
            sent_back = rng.random() < REDO_SHARE
            redone = sent_back and rng.random() < REDONE_SHARE
        when += timedelta(days=2, hours=-8)
        if sent_back:
            _review(submission, event.trainer, "redo", redo, when)
            if not redone:
                continue
            when += timedelta(days=3, hours=8)
            redone_text = f"{answer}\n\n(Papildyta pagal pastabas.)"
            submission = _submit(assignment, person, redone_text, when)
            ctx.counts["hand-ins"] += 1
            when += timedelta(days=2, hours=-8)
        feedback = praise if showcase or rng.random() < 0.7 else ""
        _review(submission, event.trainer, "accepted", feedback, when)


def _submit(assignment, person, text: str, when: datetime):
    from kaimolink.homework.models import Submission
    from kaimolink.homework.services import submission_create

    submission = submission_create(assignment=assignment, person=person, text=text)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=when, late=False)
    return submission


def _review(submission, by, status: str, feedback: str, when: datetime) -> None:
    from kaimolink.homework.models import Submission
    from kaimolink.homework.services import submission_review

    submission_review(submission=submission, by=by, status=status, feedback=feedback)
    Submission.objects.filter(pk=submission.pk).update(reviewed_at=when)


# --- Certificates -------------------------------------------------------------------------------


def _certificates(ctx: _Ctx, learning) -> None:
    from kaimolink.certificates.services import certificates_issue_for_event

    for event in learning:
        issued = certificates_issue_for_event(event=event, by=ctx.organiser(event)).issued
        if issued:
            ctx.counts["certificates"] += issued


def _revoke_one(ctx: _Ctx, event) -> None:
    """One certificate revoked: its holder's attendance was marked by mistake."""
    from kaimolink.certificates.models import Certificate
    from kaimolink.certificates.services import certificate_revoke
    from kaimolink.events.services import attendance_mark

    certificates = Certificate.objects.filter(event=event)
    if certificates.filter(revoked_at__isnull=False).exists():
        return
    certificate = (
        certificates.exclude(person=ctx.showcase).select_related("registration").order_by("-pk")
    ).first()
    if certificate is None:
        return
    by = ctx.organiser(event)
    for day in event.days.all():
        attendance_mark(registration=certificate.registration, day=day, present=False, by=by)
    certificate_revoke(certificate=certificate, reason=REVOKE_REASON, by=by)
    ctx.counts["revoked certificates"] += 1


# --- Contact fairs ------------------------------------------------------------------------------


def _fair(ctx: _Ctx, event, *, opens_at, people: int, back_to: datetime | None) -> list:
    """Open the event's fair and put `people` of its confirmed participants on it.

    `back_to`: for a past fair, when people joined (their rows are dated then).
    Returns the participants, in the order they joined.
    """
    from kaimolink.actors.models import Actor
    from kaimolink.contactfair.models import FairParticipant, FairSettings
    from kaimolink.contactfair.services import fair_join

    settings, created = FairSettings.objects.get_or_create(
        event=event, defaults={"enabled": True, "opens_at": opens_at}
    )
    if created:
        ctx.counts["contact fairs"] += 1
    if not settings.is_open(timezone.now()):
        return []  # someone closed the demo fair: leave it be
    registrations = _confirmed(event)
    # The showcase person first, then in order of registration.
    registrations.sort(key=lambda r: r.person_id != ctx.showcase.pk)
    joined = {
        p.registration_id: p for p in FairParticipant.objects.filter(event=event).order_by("pk")
    }
    participants = []
    for n, registration in enumerate(registrations[:people]):
        participant = joined.get(registration.pk)
        if participant is None:
            person = registration.person
            actor = (
                Actor.objects.filter(memberships__user=person, status="published")
                .order_by("pk")
                .first()
            )
            pitch = None if actor else PITCHES[n % len(PITCHES)]
            participant = fair_join(event=event, person=person, actor=actor, pitch=pitch)
            if back_to is not None:
                FairParticipant.objects.filter(pk=participant.pk).update(
                    created_at=back_to + timedelta(hours=n)
                )
            ctx.counts["fair participants"] += 1
        participants.append(participant)
    return participants


def _meetings(ctx: _Ctx, participants: list, plan, back_to: datetime | None) -> None:
    """Meeting requests (sender index, receiver index, answer: True/False/None for none)."""
    from kaimolink.contactfair.models import MeetingRequest
    from kaimolink.contactfair.services import meeting_request_answer, meeting_request_create

    for n, (sender, receiver, answer) in enumerate(plan):
        if max(sender, receiver) >= len(participants):
            continue
        a, b = participants[sender], participants[receiver]
        if MeetingRequest.objects.filter(from_participant=a, to_participant=b).exists():
            continue
        request = meeting_request_create(
            sender=a, receiver=b, message=MEETING_MESSAGES[n % len(MEETING_MESSAGES)]
        )
        ctx.counts["meeting requests"] += 1
        if answer is not None:
            request = meeting_request_answer(request=request, receiver=b, accept=answer)
        if back_to is not None:
            sent = back_to + timedelta(days=1, hours=n)
            answered = sent + timedelta(hours=3) if answer is not None else None
            MeetingRequest.objects.filter(pk=request.pk).update(
                created_at=sent, answered_at=answered
            )


# The open fair: the showcase person (index 0) has a request to answer and one accepted.
OPEN_FAIR_MEETINGS = [(1, 0, None), (0, 2, True), (3, 1, None), (4, 2, False), (5, 3, True)]
PAST_FAIR_MEETINGS = [(1, 0, True), (2, 3, True), (4, 0, False), (5, 6, True), (7, 2, True),
                      (8, 9, None)]  # fmt: skip


# --- The whole ----------------------------------------------------------------------------------


@transaction.atomic
def seed_demo_learning(
    *, seed: int = SEED, log: Callable[[str], object] = print, today: date | None = None
) -> Counter:
    """Write attendance, homework, certificates and contact fairs of the demo programme.

    Needs `seed_demo_events()` first. Idempotent. Returns the counts of what it created.
    """
    from kaimolink.certificates.models import Certificate
    from kaimolink.events.enums import EventKind, EventStatus
    from kaimolink.homework.enums import SubmissionStatus
    from kaimolink.homework.models import Submission

    today = today or timezone.localdate()
    ctx = _Ctx(seed)
    events = list(_demo_events())
    if not events:
        raise RuntimeError("The demo events are missing: run seed_demo_events() first.")
    held = [e for e in events if e.status == EventStatus.HELD]
    held_ids = {e.pk for e in held}
    trainings = [e for e in events if e.kind == EventKind.TRAINING]
    last_held = set()
    for spec in LAGS:
        of_lag = [e for e in trainings if e.pk in held_ids and spec["slug"] in _lag_slugs(e)]
        if of_lag:
            last_held.add(of_lag[-1].pk)

    _attendance(ctx, held)
    _homework(ctx, trainings, held_ids, last_held)
    learning = [e for e in held if e.kind in (EventKind.TRAINING, EventKind.WORKSHOP)]
    _certificates(ctx, learning)
    kedainiai = [e for e in trainings if "kedainiai" in _lag_slugs(e)]
    held_kedainiai = [e for e in kedainiai if e.pk in held_ids]
    _revoke_one(ctx, next(e for e in held_kedainiai if training_index(e.title) == REVOKED_TRAINING))

    opening = next((e for e in events if e.title == OPENING_CONFERENCE), None)
    if opening is not None:
        joined = opening.starts_at - timedelta(days=7)
        past = _fair(ctx, opening, opens_at=joined, people=12, back_to=joined)
        _meetings(ctx, past, PAST_FAIR_MEETINGS, joined)
    start = _at(upcoming_start(today), 0)
    upcoming = [e for e in kedainiai if e.status == EventStatus.PUBLISHED and e.starts_at >= start]
    open_fair = upcoming[0] if upcoming else None
    if open_fair is not None:
        now = _fair(ctx, open_fair, opens_at=None, people=8, back_to=None)
        _meetings(ctx, now, OPEN_FAIR_MEETINGS, None)

    submissions = Submission.objects.filter(assignment__event__in=[e.pk for e in trainings])
    certificates = Certificate.objects.filter(event__in=[e.pk for e in learning])
    made = ", ".join(f"{n} {what}" for what, n in sorted(ctx.counts.items())) or "nothing new"
    person = demo_user_email(SHOWCASE)
    log(
        f"Demo learning: homework on {len(trainings)} trainings "
        f"({submissions.filter(status=SubmissionStatus.ACCEPTED).count()} accepted, "
        f"{submissions.filter(status=SubmissionStatus.SUBMITTED).count()} waiting for review); "
        f"{certificates.filter(revoked_at__isnull=True).count()} certificates "
        f"({certificates.filter(revoked_at__isnull=False).count()} revoked); contact fair open "
        f"at “{open_fair.title if open_fair else '—'}”. Created: {made}."
    )
    log(
        f"  See it as {person} (my page /lt/me/: homework to do and reviewed, certificates, "
        f"the open fair) and {demo_user_email('coordinator.kedainiai')} (an event's homework "
        "to review, its certificates and fair)."
    )
    return ctx.counts
