"""Demo certification: the scheme "Bendruomeninis verslas", its accreditation tests, and a
handful of community businesses that went through the whole process (seed point R10:
"Bendruomeninio verslo sertifikavimo sistema (taisyklės, ženklas, jo naudojimo gidas,
akreditacijos testai)").

What is written, all through the services of certification and quizzes:

- the scheme (prefix BV) and its version 1, published: the rules and five criteria in
  Lithuanian (what is required, the evidence, met / not met or points with a threshold,
  mandatory or not, assessed again at renewal); the mark is the certification app's own;
- a question bank on those rules (15 questions in three topics) and two tests drawn from
  it — the evaluators' and the LAG staff's — named the version's accreditation tests;
- the three LAGs' coordinators took the staff test and the evaluator the evaluators' test,
  each attempt started, answered and submitted with `attempt_start` / `attempt_submit`;
  the passes accredit them through certification's own receiver (nothing is granted here);
- seven community businesses, each applying through the services with a demo login of its
  own (its owner): one approved and in force, one approved with conditions (after a request
  for more evidence), one refused (a mandatory criterion below its threshold), one expired
  (decided more than two years ago; `licences_expire` records it), one withdrawn by its
  LAG, one assigned to the evaluator and one just submitted (the LAGs' pages have work).

Dates are relative to today: each step runs at its moment in the past by setting the
clock the services read (`django.utils.timezone.now`) for that step only, so every time
stamp — audit entries, the decision, the licence's validity, the accreditation — is the one
the process would have written on that day. Nothing is re-dated afterwards (audit entries
cannot be), no state or status field is written by hand.

Idempotent: the scheme, version, bank, topics, questions and tests are looked up by their
natural keys and restored where edited (a published version never changes); a person with
a passed attempt is not tested again; a business with any application under the scheme is
left alone. Actors' certification status is derived again from the licences at the end
(`actors_status_refresh`), so a status set by hand is undone.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from unittest import mock

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import SEED, VILNIUS, _upsert, actor_slug, demo_login

SCHEME_SLUG = "bendruomeninis-verslas"
SCHEME_NAME = "Bendruomeninis verslas"
SCHEME_CODE = "BV"
SCHEME_DESCRIPTION = (
    "Ženklas „Bendruomeninis verslas“ rodo, kad verslą valdo vietos bendruomenė, jo pelnas "
    "grįžta į bendruomenę, jis kuria darbo vietas vietos žmonėms ir atvirai atsiskaito. "
    "Ženklą suteikia vietos veiklos grupė (VVG) po nepriklausomo vertintojo vertinimo."
)
RULES = """\
## 1. Kam skirtas ženklas

Ženklas „Bendruomeninis verslas“ suteikiamas verslui, kurį valdo kaimo bendruomenės
organizacija ir kurio veikla kuria naudą bendruomenei: darbo vietas, paslaugas, vietos
produktus. Ženklą gali gauti platformoje kaimolink paskelbti veikėjai, veikiantys Kėdainių
r., Dzūkijos (Lazdijų r.) ir „Radviliškio lyderio“ VVG teritorijose.

## 2. Kaip suteikiamas ženklas

1. Pareiškėjas užpildo savęs vertinimą pagal kiekvieną kriterijų ir prideda įrodymus.
2. VVG koordinatorius patikrina, ar paraiška išsami.
3. Akredituotas, nuo pareiškėjo nepriklausomas vertintojas įvertina kiekvieną kriterijų;
   jis gali paprašyti papildomų įrodymų ir apsilankyti vietoje.
4. VVG komisija sprendžia: suteikti ženklą, suteikti su sąlygomis arba atsisakyti
   suteikti; sprendimas visada motyvuojamas.

## 3. Vertinimas

Privalomi kriterijai turi būti įvykdyti (taškais vertinamas – surinkus ne mažiau nei
nustatytą balų skaičių). Neprivalomas kriterijus vertinamas, bet jo neįvykdymas ženklo
suteikimui nekliudo.

## 4. Licencija ir jos galiojimas

Suteikus ženklą išduodama licencija su numeriu (pvz., BV-2026-0001), galiojanti 24
mėnesius. Likus 60 ir 14 dienų iki pabaigos turėtojui primenama pateikti pratęsimo
paraišką; pratęsimui iš naujo vertinami tik kriterijai K2, K3 ir K5.

## 5. Ženklo naudojimas

Ženklą galima naudoti tik su savo licencijos numeriu, tik licencijai galiojant ir tik tai
veiklai, kuriai jis suteiktas. Licencijos galiojimą bet kas gali patikrinti pagal numerį
ar QR kodą. VVG gali sustabdyti ar panaikinti licenciją, jei verslas nebeatitinka
taisyklių; apie tai turėtojui pranešama nurodant priežastis.
"""
RENEWAL_NOTES = (
    "Pratęsimo paraiška teikiama licencijai dar galiojant; vertinami kriterijai K2, K3 ir K5. "
    "Nauja licencija galioja nuo kitos dienos po ankstesnės pabaigos."
)
VALIDITY_MONTHS = 24

# (code, title, requirement, evidence, scoring, max points, threshold, mandatory, renewal)
CRITERIA = [
    ("K1", "Bendruomenės nuosavybė ir valdymas",
     "Verslą valdo vietos bendruomenės organizacija: jai priklauso ne mažiau kaip 51 % balsų, "
     "svarbiausius sprendimus priima visuotinis narių susirinkimas.",
     "Įstatai, Juridinių asmenų registro išrašas, paskutinio visuotinio susirinkimo protokolas.",
     "met", None, None, True, False),
    ("K2", "Pelno reinvesticija bendruomenėje",
     "Ne mažiau kaip pusė grynojo pelno skiriama bendruomenės reikmėms arba verslo plėtrai "
     "vietoje. Vertinama 0–10 balų, reikia ne mažiau kaip 6.",
     "Metinių finansinių ataskaitų rinkinys, visuotinio susirinkimo sprendimas dėl pelno "
     "paskirstymo, išlaidų bendruomenės reikmėms sąrašas.",
     "points", 10, 6, True, True),
    ("K3", "Vietos užimtumas",
     "Ne mažiau kaip pusė darbuotojų ir nuolatinių savanorių gyvena VVG teritorijoje. "
     "Vertinama 0–10 balų, reikia ne mažiau kaip 5.",
     "Darbuotojų ir savanorių sąrašas su gyvenamosiomis vietovėmis (be asmens kodų), "
     "apdraustųjų skaičius „Sodros“ atviruose duomenyse.",
     "points", 10, 5, True, True),
    ("K4", "Vietos produktai ir paslaugos",
     "Verslas naudoja vietos žaliavas, perka vietos gamintojų produktus ar paslaugas arba "
     "pats teikia paslaugas, kurių kaime trūksta.",
     "Tiekėjų sąrašas, sutartys ar sąskaitos, paslaugų aprašas.",
     "met", None, None, False, False),
    ("K5", "Skaidrumas",
     "Kasmet viešai skelbiama veiklos ir finansų ataskaita bendruomenei, ji aptariama "
     "visuotiniame susirinkime.",
     "Nuoroda į paskelbtą metinę ataskaitą, susirinkimo protokolas.",
     "met", None, None, True, True),
]  # fmt: skip

# Where the evidence of each criterion can be checked (public registers; the applicants'
# own documents would be files).
EVIDENCE_LINKS = {
    "K1": "https://www.registrucentras.lt/jar/p/",
    "K2": "https://www.registrucentras.lt/jar/p/",
    "K3": "https://atvira.sodra.lt/imones/",
    "K5": "https://www.registrucentras.lt/jar/p/",
}
ANSWERS = {
    "K1": "{name} priklauso {community}: ji turi visus balsus, sprendimus priima visuotinis "
    "narių susirinkimas, kasdienius darbus – valdyba.",
    "K2": "Praėjusių metų grynasis pelnas – {profit} Eur; visuotinis susirinkimas {share} "
    "jo skyrė bendruomenės reikmėms: vaikų vasaros stovyklai ir bendruomenės namų šildymui.",
    "K3": "Dirba {staff} žmonės ir {volunteers} nuolatiniai savanoriai; {local} iš jų gyvena "
    "seniūnijoje.",
    "K4": "Žaliavas perkame iš vietos ūkininkų, paslaugas teikiame kaimo gyventojams ir svečiams.",
    "K5": "Metinę ataskaitą skelbiame bendruomenės svetainėje ir aptariame visuotiniame "
    "susirinkime kiekvieną pavasarį.",
}

BANK_TITLE = "Bendruomeninio verslo sertifikavimo taisyklės (1 versija)"
BANK_DESCRIPTION = "Klausimai apie ženklo „Bendruomeninis verslas“ taisykles, procesą ir naudojimą."
TOPIC_CRITERIA = "Kriterijai ir vertinimas"
TOPIC_PROCESS = "Sertifikavimo procesas"
TOPIC_MARK = "Ženklas ir licencija"
# topic: [(kind, text, what to study, answer)] — answer: a bool (true or false), a number,
# or a list of (option, correct) for single and multiple choice.
QUESTIONS = {
    TOPIC_CRITERIA: [
        ("single", "Kokia dalis grynojo pelno turi būti skiriama bendruomenės reikmėms arba "
         "verslo plėtrai vietoje?", "Taisyklių kriterijus K2.",
         [("Ne mažiau kaip pusė", True), ("Ne mažiau kaip dešimtadalis", False),
          ("Visas pelnas", False), ("Taisyklės to nereikalauja", False)]),
        ("number", "Kiek balų iš 10 reikia surinkti pagal kriterijų K2 „Pelno reinvesticija "
         "bendruomenėje“?", "Taisyklių kriterijus K2 ir jo slenkstis.", 6),
        ("multiple", "Kurie kriterijai yra privalomi?", "Kriterijų sąrašas: privalomi ir ne.",
         [("K1 Bendruomenės nuosavybė ir valdymas", True),
          ("K2 Pelno reinvesticija bendruomenėje", True), ("K3 Vietos užimtumas", True),
          ("K4 Vietos produktai ir paslaugos", False), ("K5 Skaidrumas", True)]),
        ("true_false", "Jei privalomas kriterijus neįvykdytas, komisija vis tiek gali suteikti "
         "ženklą, kai kiti kriterijai įvertinti aukštais balais.", "Taisyklių 3 skyrius.",
         False),
        ("single", "Kuris įrodymas tinka kriterijui K1 „Bendruomenės nuosavybė ir valdymas“?",
         "Kriterijaus K1 įrodymai.",
         [("Įstatai ir visuotinio susirinkimo protokolas", True),
          ("Produktų nuotraukos", False), ("Klientų atsiliepimai", False),
          ("Reklaminis lankstinukas", False)]),
        ("true_false", "Kriterijus K4 „Vietos produktai ir paslaugos“ nėra privalomas, bet "
         "vertinamas.", "Kriterijų sąrašas: privalomi ir ne.", True),
    ],
    TOPIC_PROCESS: [
        ("single", "Kas sprendžia, ar suteikti ženklą?", "Taisyklių 2 skyrius.",
         [("VVG komisija", True), ("Vertintojas", False), ("Pareiškėjas", False),
          ("Platformos administratorius", False)]),
        ("true_false", "Vertintojas gali vertinti organizacijos, kurios narys jis yra, "
         "paraišką.", "Vertintojo nepriklausomumas (2 skyrius).", False),
        ("multiple", "Kokius sprendimus gali priimti komisija dėl įvertintos paraiškos?",
         "Taisyklių 2 skyrius, 4 punktas.",
         [("Suteikti ženklą", True), ("Suteikti ženklą su sąlygomis", True),
          ("Atsisakyti suteikti ženklą", True), ("Atidėti sprendimą neribotam laikui", False)]),
        ("single", "Ką daro vertintojas, kai įrodymų nepakanka?", "Taisyklių 2 skyrius, 3 punktas.",
         [("Paprašo pareiškėjo papildomų įrodymų", True),
          ("Pats papildo pareiškėjo atsakymus", False),
          ("Atmeta paraišką be komisijos", False), ("Perduoda paraišką kitai VVG", False)]),
        ("true_false", "Kiekvienas komisijos sprendimas – ir atsisakymas – turi būti "
         "motyvuotas.", "Taisyklių 2 skyrius, 4 punktas.", True),
    ],
    TOPIC_MARK: [
        ("number", "Kiek mėnesių galioja ženklo licencija pagal 1-ąją taisyklių versiją?",
         "Taisyklių 4 skyrius.", 24),
        ("number", "Likus kiek dienų iki licencijos pabaigos turėtojui primenama pirmą kartą?",
         "Taisyklių 4 skyrius.", 60),
        ("true_false", "Ženklą galima naudoti ir veiklai, kuriai jis nebuvo suteiktas, jei "
         "licencija galioja.", "Taisyklių 5 skyrius.", False),
        ("single", "Kaip kiti gali įsitikinti, kad ženklas tikras?", "Taisyklių 5 skyrius.",
         [("Patikrinti licencijos numerį ar QR kodą platformoje", True),
          ("Tik paskambinę į VVG", False), ("Niekaip, tai žino tik VVG", False)]),
    ],
}  # fmt: skip
DRAW = {TOPIC_CRITERIA: 4, TOPIC_PROCESS: 3, TOPIC_MARK: 3}
QUIZ_COMMON = {"time_limit_minutes": 30, "pass_mark_percent": 80, "attempts_allowed": 3,
               "wait_hours": 24, "is_open": True}  # fmt: skip
# (role, slug, title, description)
QUIZZES = [
    ("evaluator", "bendruomeninis-verslas-vertintoju-testas",
     "Bendruomeninio verslo vertintojų akreditacijos testas",
     "Vertintojams: išlaikę testą gaunate akreditaciją vertinti paraiškas ženklui "
     "„Bendruomeninis verslas“ (3 metams)."),
    ("lag_staff", "bendruomeninis-verslas-vvg-darbuotoju-testas",
     "Bendruomeninio verslo sertifikavimo testas VVG darbuotojams",
     "VVG koordinatoriams: testas apie ženklo „Bendruomeninis verslas“ taisykles ir procesą."),
]  # fmt: skip

PUBLISHED_DAYS_AGO = 900
# (e-mail local part, role, days ago, how many answers wrong). The seed: "accreditation
# tests of the Kėdainiai, Lazdijai and Radviliškis LAGs carried out".
TESTED = [
    ("evaluator", "evaluator", 880, 0),
    ("coordinator.kedainiai", "lag_staff", 875, 1),
    ("coordinator.dzukija", "lag_staff", 874, 0),
    ("coordinator.radviliskis", "lag_staff", 872, 2),
]

# The businesses: (name, owner's login, owner's name, how far the process went, days ago
# it started, numbers of its answers). The decision and later steps follow from the start.
BUSINESSES = [
    ("Surviliškio bendruomenės valgykla", "valgykla.surviliskis", "Irena Stankevičienė",
     "expired", 850,
     {"profit": "6 400", "share": "70 %", "staff": 4, "volunteers": 3, "local": 6}),
    ("Lazdijų bendruomenės dirbtuvės", "dirbtuves.lazdijai", "Jonas Žukauskas",
     "withdrawn", 450,
     {"profit": "3 100", "share": "60 %", "staff": 3, "volunteers": 5, "local": 7}),
    ("Krakių bendruomenės pirtis", "pirtis.krakes", "Ona Butkienė",
     "approved", 180,
     {"profit": "5 200", "share": "80 %", "staff": 2, "volunteers": 6, "local": 8}),
    ("Šiaulėnų bendruomenės dirbtuvės", "dirbtuves.siaulenai", "Algirdas Mockus",
     "refused", 110,
     {"profit": "900", "share": "20 %", "staff": 3, "volunteers": 1, "local": 3}),
    ("Rudaminos bendruomenės siuvykla", "siuvykla.rudamina", "Daiva Kavaliauskienė",
     "approved_conditions", 95,
     {"profit": "2 800", "share": "55 %", "staff": 5, "volunteers": 2, "local": 4}),
    ("Kapčiamiesčio bendruomenės valgykla", "valgykla.kapciamiestis", "Rasa Sinkevičienė",
     "assigned", 14,
     {"profit": "4 100", "share": "65 %", "staff": 3, "volunteers": 4, "local": 6}),
    ("Tyrulių bendruomenės siuvykla", "siuvykla.tyruliai", "Asta Vaičiulienė",
     "submitted", 5,
     {"profit": "1 900", "share": "50 %", "staff": 2, "volunteers": 3, "local": 5}),
]  # fmt: skip
# Scores by outcome: K1 met, K2 points, K3 points, K4 met, K5 met.
SCORES = {
    "approved": (True, 8, 9, True, True),
    "expired": (True, 7, 8, True, True),
    "withdrawn": (True, 7, 7, True, True),
    "approved_conditions": (True, 6, 5, False, True),
    "refused": (True, 3, 4, True, True),
}
SUMMARY = {
    "approved": "Visi kriterijai įvykdyti, įrodymai aiškūs. Siūloma suteikti ženklą.",
    "expired": "Visi kriterijai įvykdyti. Siūloma suteikti ženklą.",
    "withdrawn": "Visi privalomi kriterijai įvykdyti. Siūloma suteikti ženklą.",
    "approved_conditions": "Privalomi kriterijai įvykdyti ties slenksčiu; vietos tiekėjų "
    "nėra (K4). Siūloma suteikti ženklą su sąlygomis.",
    "refused": "Pelno reinvesticija (K2) ir vietos užimtumas (K3) nesiekia slenksčio.",
}
REASONS = {
    "approved": "Verslas atitinka visus privalomus ir neprivalomus kriterijus.",
    "expired": "Verslas atitinka visus kriterijus.",
    "withdrawn": "Verslas atitinka visus privalomus kriterijus.",
    "approved_conditions": "Privalomi kriterijai įvykdyti, tačiau užimtumas vietos "
    "gyventojams ties slenksčiu.",
    "refused": "Neįvykdyti privalomi kriterijai K2 (3 balai iš 10, reikia 6) ir K3 (4 balai "
    "iš 10, reikia 5): didžioji pelno dalis skiriama paskolai grąžinti, dauguma darbuotojų "
    "gyvena už VVG teritorijos ribų.",
}
CONDITIONS = (
    "Per 6 mėnesius įdarbinti bent vieną vietos gyventoją ir pateikti VVG atnaujintą "
    "darbuotojų sąrašą; siūloma pradėti pirkti audinius iš vietos audėjų."
)
EVIDENCE_QUESTION = "Pateikite atnaujintą darbuotojų sąrašą su gyvenamosiomis vietovėmis (K3)."
EVIDENCE_REPLY = (
    "Sąrašas atnaujintas: iš 5 darbuotojų 3 gyvena Rudaminos seniūnijoje, 2 – Lazdijuose; "
    "abu savanoriai – vietos gyventojai."
)
SITE_VISIT = "Apsilankyta veiklos vietoje, kalbėtasi su darbuotojais ir valdybos pirmininke."
WITHDRAW_REASON = (
    "Dirbtuves perėmė privati įmonė, bendruomenė jų nebevaldo: kriterijus K1 nebeįvykdytas "
    "(pranešė pati bendruomenė)."
)
WITHDRAWN_DAYS_AGO = 40


def moment(days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment `days_ago` days before today, at a Vilnius hour (deterministic per day)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), tzinfo=VILNIUS)


def _fields_defaulting_to_now() -> list:
    """Model fields whose default is `timezone.now` itself (bound when the class was made,
    so patching the module's attribute does not reach them)."""
    real_now = timezone.now
    return [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is real_now
    ]


def _set_default(field, default) -> None:
    field.default = default
    field.__dict__.pop("_get_default", None)  # Field caches its default's callable


@contextmanager
def clock(at: datetime):
    """Run the services as on `at`: they and the models' time stamps read
    `django.utils.timezone.now` (or have it as their default). Used only by the demo, so a
    process two years long is written in one go with the dates it would have had."""
    real_now, fields = timezone.now, _fields_defaulting_to_now()
    with mock.patch("django.utils.timezone.now", return_value=at) as fake:
        for field in fields:
            _set_default(field, fake)
        try:
            yield
        finally:
            for field in fields:
                _set_default(field, real_now)


def _scheme(result: Counter):
    """The scheme and its published version 1 (created through the services once)."""
    from kaimolink.certification import services
    from kaimolink.certification.models import Scheme

    scheme = Scheme.objects.filter(slug=SCHEME_SLUG).first()
    if scheme is None:
        with clock(moment(PUBLISHED_DAYS_AGO + 10)):
            scheme = services.scheme_create(
                name=SCHEME_NAME, slug=SCHEME_SLUG, code=SCHEME_CODE,
                description=SCHEME_DESCRIPTION,
            )  # fmt: skip
        result["schemes created"] += 1
    elif scheme.description != SCHEME_DESCRIPTION:
        scheme.description = SCHEME_DESCRIPTION
        scheme.save(update_fields=["description"])
        result["schemes restored"] += 1
    version = scheme.versions.filter(number=1).first()
    if version is None:
        with clock(moment(PUBLISHED_DAYS_AGO + 10)):
            version = services.version_create(
                scheme=scheme, rules_text=RULES, validity_months=VALIDITY_MONTHS,
                renewal_notes=RENEWAL_NOTES,
            )  # fmt: skip
        result["versions created"] += 1
    if not version.is_published:
        if version.rules != RULES:
            version = services.version_update(
                version=version, rules_text=RULES, validity_months=VALIDITY_MONTHS,
                renewal_notes=RENEWAL_NOTES,
            )  # fmt: skip
        have = set(version.criteria.values_list("code", flat=True))
        for (
            code,
            title,
            requirement,
            evidence,
            scoring,
            most,
            needed,
            mandatory,
            renewal,
        ) in CRITERIA:
            if code not in have:
                services.criterion_add(
                    version=version, code=code, title=title, requirement=requirement,
                    evidence=evidence, scoring=scoring, max_points=most, threshold=needed,
                    mandatory=mandatory, used_in_renewal=renewal,
                )  # fmt: skip
        version = services.version_publish(version=version, now=moment(PUBLISHED_DAYS_AGO))
    return scheme, version


def _choices(question, options, result: Counter) -> None:
    from kaimolink.quizzes.models import Choice

    for text, correct in options:
        _obj, made, diff = _upsert(
            Choice, {"question": question, "text": text}, {"correct": correct}
        )
        result["options created" if made else "options restored"] += made or diff


def _bank(result: Counter):
    """The question bank and its topics and questions (restored where edited)."""
    from kaimolink.quizzes.models import Bank, Question, Topic

    bank, made, diff = _upsert(Bank, {"title": BANK_TITLE}, {"description": BANK_DESCRIPTION})
    result["question banks created" if made else "question banks restored"] += made or diff
    topics = {}
    for title, questions in QUESTIONS.items():
        topic, made, _diff = _upsert(Topic, {"bank": bank, "title": title}, {})
        result["topics created"] += made
        topics[title] = topic
        for kind, text, study, answer in questions:
            values = {
                "kind": kind, "explanation": study, "active": True, "tolerance": 0,
                "answer_true": answer if kind == "true_false" else None,
                "answer_number": answer if kind == "number" else None,
            }  # fmt: skip
            question, made, diff = _upsert(Question, {"topic": topic, "text": text}, values)
            result["questions created" if made else "questions restored"] += made or diff
            if kind in ("single", "multiple"):
                _choices(question, answer, result)
    return bank, topics


def _quizzes(version, bank, topics, result: Counter) -> dict:
    """The two accreditation tests, drawn from the bank, named as the version's."""
    from kaimolink.certification.models import AccreditationQuiz
    from kaimolink.quizzes.models import DrawRule, Quiz

    quizzes = {}
    for role, slug, title, description in QUIZZES:
        values = {"title": title, "description": description, "bank": bank, **QUIZ_COMMON}
        quiz, made, diff = _upsert(Quiz, {"slug": slug}, values)
        result["tests created" if made else "tests restored"] += made or diff
        for topic_title, count in DRAW.items():
            _rule, made, diff = _upsert(
                DrawRule, {"quiz": quiz, "topic": topics[topic_title]}, {"count": count}
            )
            result["tests restored"] += (not made) and diff
        _link, made, diff = _upsert(
            AccreditationQuiz, {"quiz": quiz}, {"version": version, "role": role}
        )
        result["tests restored"] += (not made) and diff
        quizzes[role] = quiz
    return quizzes


def _answers(attempt, wrong: int) -> dict:
    """Answers to the drawn questions, right except the first `wrong` ones (a person who
    knows the rules, not a perfect one)."""
    answers = {}
    for item in attempt.items.select_related("question").order_by("position"):
        question, right = item.question, item.position > wrong
        if question.kind in ("single", "multiple"):
            correct = set(question.choices.filter(correct=True).values_list("pk", flat=True))
            places = [n for n, pk in enumerate(item.choice_order, 1) if (pk in correct) == right]
            answers[item.position] = places[:1] if question.kind == "single" else places
        elif question.kind == "true_false":
            answers[item.position] = question.answer_true == right
        else:
            answers[item.position] = question.answer_number + (0 if right else 1)
    return answers


def _tests(quizzes: dict, seed: int, result: Counter) -> None:
    """The staff take their tests; a pass accredits them (certification's receiver)."""
    from kaimolink.accounts.models import User
    from kaimolink.demo.seed_facts import demo_user_email
    from kaimolink.quizzes import services
    from kaimolink.quizzes.models import Attempt

    for n, (local, role, days_ago, wrong) in enumerate(TESTED):
        person = User.objects.get(email=demo_user_email(local))
        quiz = quizzes[role]
        if Attempt.objects.filter(quiz=quiz, person=person, passed=True).exists():
            continue
        start = moment(days_ago, 9, 30)
        with clock(start):
            attempt = services.attempt_start(
                quiz=quiz, person=person, now=start, rng=random.Random(seed + n)
            )
        end = start + timedelta(minutes=12 + 3 * n)
        with clock(end):
            services.attempt_submit(
                attempt=attempt, person=person, answers=_answers(attempt, wrong), now=end
            )
        result["tests passed"] += 1


class Process:
    """One business's way through the process, each step at its day."""

    def __init__(self, *, scheme, actor, owner, coordinator, evaluator, start: int):
        self.scheme, self.actor, self.owner = scheme, actor, owner
        self.coordinator, self.evaluator, self.start = coordinator, evaluator, start
        self.application = None

    def at(self, after_days: int, hour: int = 10):
        return clock(moment(self.start - after_days, hour))

    def apply(self, numbers: dict) -> None:
        from kaimolink.certification import selectors, services

        with self.at(0):
            application = services.application_create(
                actor=self.actor, scheme=self.scheme, by=self.owner
            )
            community = f"{self.actor.name.split()[0]} bendruomenei"
            answers = {}
            for criterion in selectors.criteria_in_scope(application):
                text = ANSWERS[criterion.code].format(
                    name=self.actor.name, community=community, **numbers
                )
                answers[criterion] = {"text": text, "links": EVIDENCE_LINKS.get(criterion.code, "")}
            services.application_update(application=application, by=self.owner, answers=answers)
        with self.at(0, 15):
            self.application = services.application_submit(application=application, by=self.owner)

    def assign(self) -> None:
        from kaimolink.certification import services

        with self.at(2):
            services.application_mark_complete(application=self.application, by=self.coordinator)
        with self.at(4):
            services.evaluator_assign(
                application=self.application, evaluator=self.evaluator, by=self.coordinator
            )

    def assess(self, outcome: str) -> None:
        from kaimolink.certification import selectors, services

        criteria = list(selectors.criteria_in_scope(self.application))
        for criterion, score in zip(criteria, SCORES[outcome], strict=True):
            with self.at(12):
                value = {"points": score} if criterion.scoring == "points" else {"met": score}
                services.assessment_score(
                    application=self.application, by=self.evaluator, criterion=criterion,
                    comment="", **value,
                )  # fmt: skip
        with self.at(12, 14):
            services.site_visit_record(
                application=self.application, by=self.evaluator,
                visited_on=timezone.localdate() - timedelta(days=1), notes=SITE_VISIT,
            )  # fmt: skip
        if outcome == "approved_conditions":
            k3 = next(c for c in criteria if c.code == "K3")
            with self.at(13):
                request = services.evidence_request(
                    application=self.application, by=self.evaluator, question=EVIDENCE_QUESTION,
                    criterion=k3,
                )  # fmt: skip
            with self.at(16):
                services.evidence_answer(request=request, by=self.owner, answer=EVIDENCE_REPLY)
        with self.at(18):
            services.assessment_submit(
                application=self.application, by=self.evaluator, summary=SUMMARY[outcome]
            )

    def decide(self, outcome: str):
        from kaimolink.certification import services

        decided = "approved" if outcome in ("expired", "withdrawn") else outcome
        with self.at(25):
            decision = services.decision_take(
                application=self.application, by=self.coordinator, outcome=decided,
                reasons=REASONS[outcome],
                conditions=CONDITIONS if decided == "approved_conditions" else "",
            )  # fmt: skip
        from kaimolink.certification.models import Licence

        return Licence.objects.filter(application_id=decision.application_id).first()


def _businesses(scheme, seed: int, result: Counter) -> None:
    from kaimolink.accounts.models import Coordination, User
    from kaimolink.actors.models import Actor, ActorMembership
    from kaimolink.certification import services
    from kaimolink.certification.models import Application, Licence
    from kaimolink.demo.seed_facts import demo_user_email

    evaluator = User.objects.get(email=demo_user_email("evaluator"))
    coordinators = {
        c.lag_id: c.user
        for c in Coordination.objects.filter(
            user__email__startswith="coordinator.", user__email__endswith="@demo.kaimolink.lt"
        ).select_related("user")
    }
    for name, local, full_name, outcome, start, numbers in BUSINESSES:
        actor = Actor.objects.get(slug=actor_slug(name))
        owner, made = demo_login(local, full_name)
        result["logins created"] += made
        _m, made = ActorMembership.objects.get_or_create(
            actor=actor, user=owner, defaults={"role": "owner"}
        )
        result["memberships created"] += made
        if Application.objects.filter(actor=actor, scheme=scheme).exists():
            continue
        process = Process(
            scheme=scheme, actor=actor, owner=owner, coordinator=coordinators[actor.lag_id],
            evaluator=evaluator, start=start,
        )  # fmt: skip
        process.apply(numbers)
        result["applications created"] += 1
        if outcome == "submitted":
            continue
        process.assign()
        if outcome == "assigned":
            continue
        process.assess(outcome)
        licence = process.decide(outcome)
        if outcome == "withdrawn":
            with clock(moment(WITHDRAWN_DAYS_AGO)):
                services.licence_withdraw(
                    licence=licence, by=process.coordinator, reason=WITHDRAW_REASON
                )
    # Record the licences that ended (the daily job), then derive every actor's status.
    services.licences_expire()
    services.actors_status_refresh()
    result["licences"] = Licence.objects.filter(scheme=scheme).count()


@transaction.atomic
def seed_demo_certification(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write (or restore) the demo certification (see the module docstring). Idempotent."""
    result: Counter = Counter()
    scheme, version = _scheme(result)
    bank, topics = _bank(result)
    quizzes = _quizzes(version, bank, topics, result)
    _tests(quizzes, seed, result)
    _businesses(scheme, seed, result)
    licences = result.pop("licences")
    done = ", ".join(f"{n} {what}" for what, n in sorted(result.items()) if n) or "nothing new"
    log(f"Demo certification: scheme {SCHEME_CODE} with {licences} licences. Written: {done}.")
