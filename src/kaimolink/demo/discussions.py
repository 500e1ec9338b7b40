"""Demo discussions: topics and replies of the three LAGs' actors on the smart-village themes.

`seed_demo_discussions()` needs `demo.seed_facts.seed_demo()` (LAGs, actors, demo accounts). It
writes the rows directly, with the dates of the plan (autumn 2025) moved forward by whole
weeks so that the last topic is about a week old on the day the demo is seeded (the
weekdays and hours stay; a rerun in the same week changes nothing), and sends no
notifications: a demo must not fill mailboxes. It is idempotent: topics are looked up by
theme and title, replies by topic and text, follows and mentions are only added, and the
moderated reply gets its log entry once. Mentions are written as `@actor-slug`; only
actors the actors demo creates whatever its seed (the regional businesses and the
community centres) are mentioned, and a missing one simply stays plain text.

Authors: the demo accounts (member, coordinators, consultant) and the demo participants of
the events demo (the same e-mail addresses and names, created here when missing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from kaimolink.demo.seed_facts import DEMO_PASSWORD, SEED, VILNIUS, _upsert, demo_user_email

MEMBER_ACTOR = "josvainiu-bendruomenes-centras"

# (theme, LAG, author, actor slug, title, body, start, [(author, actor, body, hours), …])
# Authors: "member", "coordinator.<lag>", "consultant", or "p1"… (demo participants).
TOPICS = [
    (
        "short-supply-chains", "kedainiai", "member", MEMBER_ACTOR,
        "Regioninis dovanų krepšelis: kas norėtų prisijungti?",
        "Josvainių bendruomenė norėtų iki Kalėdų sudėti bendrą Kėdainių krašto dovanų "
        "krepšelį: agurkai, medus, duona, keramika. Ieškome gamintojų, kurie galėtų "
        "pasiūlyti po 30–50 vienetų. @mb-kedainiu-agurkai, ar prisidėtumėte su raugintais "
        "agurkais?\n\nKą reikėtų aptarti:\n\n- kainą ir kas ją surenka;\n- pakuotę (norėtųsi "
        "be plastiko);\n- kaip pristatyti į Kėdainius ir Kauną.",
        datetime(2025, 9, 29, 19, 12),
        [
            ("p1", None, "Puiki mintis. Su @mb-dzuku-medus jau kalbėjome apie panašų "
             "krepšelį Dzūkijoje – gal verta daryti bendrą trijų VVG krepšelį? Medus "
             "keliauja gerai, su pristatymu bėdų nebūtų.", 15),
            ("coordinator.kedainiai", None, "Primenu, kad VVG strategijoje 2023–2027 m. "
             "yra priemonė trumposioms maisto tiekimo grandinėms. Jei atsirastų bent trys "
             "partneriai, galėtume kartu parengti paraišką pakuotei ir ženklinimui. "
             "Parašykite man – susitiksime.", 40),
            ("p2", None, "Turime kepyklėlę Truskavoje, galėtume įdėti ruginės duonos su "
             "kmynais. Tik duona ilgai nesilaiko, tad ją reikėtų pristatyti paskutinę "
             "savaitę prieš šventes.", 52),
            ("member", MEMBER_ACTOR, "Ačiū visiems! Susirašykime iki spalio pabaigos, o "
             "lapkričio pradžioje susitikime Josvainių bendruomenės namuose. Kava ir "
             "agurkai – mūsų.", 70),
        ],
    ),
    (
        "short-supply-chains", "dzukija", "p3", None,
        "Kaip parduodate tiesiai pirkėjams: turgelis, pristatymas ar internetas?",
        "Ūkyje auginame daržoves ir bulves, bet supirkėjai moka vis mažiau. Girdėjau, kad "
        "kai kurie Lazdijų krašto ūkininkai kartą per savaitę vežioja užsakymus į Alytų. "
        "Kaip tai organizuojate – per „Facebook“ grupę, el. parduotuvę ar tiesiog "
        "telefonu? Kiek laiko tai atima?",
        datetime(2025, 10, 6, 8, 40),
        [
            ("p4", None, "Vežame kas ketvirtadienį, užsakymus renkame per paprastą formą "
             "iki antradienio vakaro. Svarbiausia – pastovumas: žmonės pripranta ir užsako "
             "kas savaitę. Pradžioje buvo 12 šeimų, dabar 40.", 5),
            ("consultant", None, "Keli patarimai iš mokymų: **įskaičiuokite kelionės "
             "kaštus** į kainą, nustatykite mažiausią užsakymo sumą ir nebijokite "
             "kooperuotis su kaimynais – vienas vežimas su trijų ūkių produkcija atsiperka "
             "daug greičiau.", 9),
            ("p5", None, "O kaip su leidimais? Ar reikia registruoti veiklą VMVT, jei "
             "parduodu tik savo užaugintas daržoves?", 26),
            ("coordinator.dzukija", None, "Savo užaugintoms šviežioms daržovėms pakanka "
             "ūkininko registracijos, o perdirbtiems produktams (pvz., raugintiems) reikia "
             "VMVT patvirtinimo. Rekomenduoju pasikonsultuoti su rajono VMVT skyriumi – "
             "jie tikrai padeda.", 30),
        ],
    ),
    (
        "rural-jobs", "radviliskis", "coordinator.radviliskis", None,
        "Bendruomeninis verslas: nuo ko pradėti?",
        "Vis daugiau bendruomenių klausia, kaip iš projektinės veiklos pereiti prie verslo, "
        "kuris išlaikytų bent vieną darbo vietą. Pasidalinkite patirtimi: kas pavyko, kas "
        "ne? Ypač laukiame tų, kurie jau turi pirtį, valgyklą ar siuvyklą.",
        datetime(2025, 10, 13, 10, 5),
        [
            ("p6", None, "Mūsų bendruomenė prieš trejus metus atidarė siuvyklą, dabar "
             "dirba dvi moterys. Didžiausia pamoka – nepradėti nuo brangios įrangos: "
             "pirmus metus siuvome paaukotomis mašinomis, užsakymus rinkome iš mokyklos ir "
             "seniūnijos.", 6),
            ("p7", None, "Pritariu. Dar svarbu, kad būtų vienas žmogus, atsakingas už "
             "pinigus ir užsakymus, o ne „visi kartu“. Kai atsakingi visi, neatsakingas "
             "niekas.", 20),
            ("p8", None, "Greitos paskolos be užstato! Rašykite WhatsApp +370 600 00000, "
             "pinigai per 15 minučių.", 22),
            ("member", MEMBER_ACTOR, "Planuojame keramikos dirbtuves bendruomenės namuose. "
             "Ar galima nuomoti patalpas bendruomenės narei, jei jos įrengtos už projekto "
             "lėšas? Gal @slapaberzes-bendruomenes-centras turite tokios patirties?", 47),
            ("coordinator.radviliskis", None, "Priklauso nuo projekto sutarties tęstinumo "
             "sąlygų. Dažniausiai galima, jei veikla atitinka projekto tikslus, o pajamos "
             "grįžta bendruomenei. Atsiųskite sutarties numerį – pažiūrėsiu.", 50),
        ],
    ),
    (
        "heritage-tourism", "dzukija", "p4", None,
        "Dzūkiški patiekalai turistams: edukacijos ar tik degustacijos?",
        "Sodyboje vis dažniau klausia, ar galima ne tik paragauti, bet ir pasimokyti. "
        "Svarstome bulvių plokštainio ir grybų sriubos edukaciją grupėms iki 20 žmonių. "
        "@mb-dzukiskas-sakotis, jūs turite šakočio edukaciją – kiek ji trunka ir kiek "
        "kainuoja žmogui?",
        datetime(2025, 10, 20, 18, 30),
        [
            ("p3", None, "Mūsų patirtis: geriausiai perka dviejų valandų edukaciją su "
             "vaišėmis pabaigoje. Ilgiau vaikai neišsėdi, o suaugusieji dar nori ir "
             "pasivaikščioti.", 14),
            ("coordinator.dzukija", None, "Norėčiau šias edukacijas sujungti į bendrą "
             "maršrutą „Dzūkų skoniai“: sodyba, šakotis, medus (@mb-dzuku-medus), grybai "
             "(@uab-dainavos-grybai). Jei sutinkate, įtrauksime jį į VVG leidinį ir "
             "pristatysime turizmo mugėje.", 28),
        ],
    ),
    (
        "digital-skills", "kedainiai", "coordinator.kedainiai", None,
        "Skaitmeniniai įgūdžiai: ko labiausiai trūksta jūsų kaime?",
        "Rengiame kitų metų mokymų planą. Kokių skaitmeninių įgūdžių labiausiai trūksta: "
        "e. valdžios vartų, el. parduotuvės, socialinių tinklų, apskaitos programų? "
        "Parašykite – pagal atsakymus sudėliosime temas.",
        datetime(2025, 11, 3, 9, 0),
        [
            ("p2", None, "Ūkininkams – elektroninės paraiškos ir apskaita. Daug kas vis dar "
             "pildo popierinius žurnalus ir paskui vargsta.", 3),
            ("member", None, "Bendruomenės nariams labiausiai trūksta socialinių tinklų: "
             "kaip nufotografuoti gaminį, parašyti gerą įrašą, atsakyti pirkėjui. Pusę "
             "keramikos užsakymų jau gaunu internetu.", 7),
            ("p1", None, "Senjorams – el. bankininkystė ir kaip atpažinti sukčius, "
             "skambinančius telefonu. Krakių bibliotekoje kas antradienį renkasi apie "
             "dešimt žmonių, visi klausia to paties.", 30),
        ],
    ),
    (
        "renewable-energy", "radviliskis", "p7", None,
        "Saulės elektrinė ant bendruomenės namų stogo",
        "Bendruomenės namų sąskaitos už elektrą žiemą siekia 300 eurų per mėnesį. "
        "Svarstome 15 kW saulės elektrinę ant stogo. Ar kas nors jau įsirengėte? Kiek laiko "
        "užtruko leidimai ir kiek realiai sutaupote?",
        datetime(2025, 11, 10, 20, 15),
        [
            ("p5", None, "Įsirengėme pernai, 10 kW. Su leidimais ir prijungimu užtruko "
             "apie penkis mėnesius. Vasarą perteklių atiduodame į tinklą, per metus sąskaita "
             "sumažėjo maždaug 60 procentų.", 12),
            ("coordinator.radviliskis", None, "Jei kelios bendruomenės jungtųsi, galima "
             "svarstyti ir **bendruomeninę energetiką** – vieną didesnę elektrinę keliems "
             "nariams. Surengsime susitikimą su konsultantais, jei atsiras bent penkios "
             "bendruomenės.", 26),
            ("p6", None, "Mus domina! Tik pirma reikės stogo ekspertizės – mūsų namai "
             "statyti 1978 metais.", 31),
        ],
    ),
    (
        "circular-economy", "kedainiai", "p2", None,
        "Ką daryti su daržovių atliekomis po sezono?",
        "Sezono metu susidaro kelios tonos parduoti netinkamų agurkų ir lapų. "
        "Kompostuojame, bet gal kas galėtų jas panaudoti pašarams ar biodujoms? Ieškome "
        "partnerių Kėdainių rajone. Manau, su ta pačia bėda susiduria ir @mb-kedainiu-agurkai.",
        datetime(2025, 11, 17, 7, 50),
        [
            ("p8", None, "Laikome kiaules – mielai paimtume, jei pristatymas nebrangus. "
             "Esame Dotnuvos apylinkėse.", 4),
            ("consultant", None, "Atkreipkite dėmesį: atliekų naudojimui pašarams galioja "
             "griežti reikalavimai. Švarios daržovių atliekos iš lauko paprastai tinka, bet "
             "pasitarkite su veterinarijos tarnyba. Kita galimybė – bendra kompostavimo "
             "aikštelė kelioms bendruomenėms.", 9),
        ],
    ),
    (
        "social-services", "dzukija", "p9", None,
        "Pavėžėjimas pas gydytoją: kaip organizuojate kaimuose?",
        "Mūsų kaime autobusas į Lazdijus važiuoja du kartus per dieną, o vyresni žmonės į "
        "polikliniką dažnai neturi kuo nuvažiuoti. Ar kas nors turite savanorių vairuotojų "
        "sistemą? Kaip sprendžiate draudimo ir kuro klausimus?",
        datetime(2025, 11, 24, 12, 20),
        [
            ("p1", None, "Krakėse bendruomenė susitarė su savivaldybe: socialinis taksi "
             "važiuoja antradieniais ir ketvirtadieniais, registruotis reikia iš anksto "
             "telefonu. Kelionė kainuoja eurą.", 6),
            ("coordinator.dzukija", None, "Paslaugų prieinamumas – viena iš sumanaus kaimo "
             "temų, kurias išskyrė projekto konferencija. Gal @krakiu-bendruomenes-centras "
             "galėtų papasakoti daugiau per kitą partnerių susitikimą Lazdijuose?", 21),
        ],
    ),
]  # fmt: skip

# The reply a coordinator hid: (topic title, reply author, moderator, reason).
HIDDEN = (
    "Bendruomeninis verslas: nuo ko pradėti?",
    "p8",
    "coordinator.radviliskis",
    "Reklama, nesusijusi su tema (šlamštas).",
)
PARTICIPANTS = 9


def _people(seed: int, counts: Counter) -> dict:
    """The authors by key; the events demo's participants are created when missing."""
    from allauth.account.models import EmailAddress

    from kaimolink.accounts.models import User
    from kaimolink.demo.events import participant_emails, participant_names

    people = {}
    for local in ("member", "consultant", "admin") + tuple(
        f"coordinator.{slug}" for slug in ("kedainiai", "dzukija", "radviliskis")
    ):
        people[local] = User.objects.get(email=demo_user_email(local))
    pairs = zip(participant_emails(), participant_names(seed), strict=True)
    for n, (email, name) in enumerate(list(pairs)[:PARTICIPANTS], start=1):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            counts["people"] += 1
        people[f"p{n}"] = user
    return people


def _weeks_forward(today) -> timedelta:
    """How far to move the plan's dates so its last topic started a week or two ago."""
    last_start = max(start for *_, start, _replies in TOPICS).date()
    return timedelta(weeks=max(0, (today - last_start).days // 7 - 1))


@transaction.atomic
def seed_demo_discussions(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write (or restore) the demo topics, replies, follows, mentions and one moderated
    reply. Idempotent; one line of counts through `log`."""
    from kaimolink.actors.models import Actor
    from kaimolink.core.models import Lag, Theme
    from kaimolink.discussions.mentions import slugs_in_source
    from kaimolink.discussions.models import Follow, ModerationEntry, Reply, Topic

    counts: Counter = Counter()
    people = _people(seed, counts)
    themes = {t.slug: t for t in Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE)}
    lags = {lag.slug: lag for lag in Lag.objects.all()}
    actors = {a.slug: a for a in Actor.objects.published()}

    def mention(post):
        found = [actors[s] for s in slugs_in_source(post.body) if s in actors]
        if found:
            post.mentions.add(*found)

    forward = _weeks_forward(timezone.localdate())
    for theme, lag, author, actor, title, body, start, replies in TOPICS:
        start = start.replace(tzinfo=VILNIUS) + forward
        topic, created, changed = _upsert(
            Topic,
            {"theme": themes[theme], "title": title},
            {
                "lag": lags.get(lag),
                "author": people[author],
                "actor": actors.get(actor) if actor else None,
                "body": body,
                "created_at": start,
            },
        )
        counts["topics created" if created else "topics restored" if changed else ""] += 1
        mention(topic)
        Follow.objects.get_or_create(topic=topic, user=people[author])
        for reply_author, reply_actor, text, hours in replies:
            reply, created, changed = _upsert(
                Reply,
                {"topic": topic, "body": text},
                {
                    "author": people[reply_author],
                    "actor": actors.get(reply_actor) if reply_actor else None,
                    "created_at": start + timedelta(hours=hours),
                },
            )
            counts["replies created" if created else "replies restored" if changed else ""] += 1
            mention(reply)
        # The counters the services keep, from the rows.
        figures = Reply.objects.filter(topic=topic).aggregate(n=Count("pk"), last=Max("created_at"))
        Topic.objects.filter(pk=topic.pk).update(
            reply_count=figures["n"], last_activity_at=figures["last"] or topic.created_at
        )

    title, author, moderator, reason = HIDDEN
    topic = Topic.objects.get(title=title, theme=themes["rural-jobs"])
    reply = Reply.objects.get(topic=topic, author=people[author])
    if not reply.hidden:
        reply.hidden, reply.hidden_reason = True, reason
        reply.save(update_fields=["hidden", "hidden_reason"])
    ModerationEntry.objects.get_or_create(
        topic=topic,
        reply=reply,
        action="hide",
        defaults={"by": people[moderator], "reason": reason},
    )
    counts.pop("", None)
    done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing to change"
    log(f"Discussions: {len(TOPICS)} demo topics in place ({done}).")
