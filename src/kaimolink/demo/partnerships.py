"""Demo partnership offers and requests of the actors of `demo.seed_facts.seed_demo()`.

31 posts across the three LAGs, written as rural actors write them: a honey producer for a
regional gift box, linen bags for honey gift sets, a hall for a craft fair, a cook for a
community kitchen, transport to the market… Each is posted by a demo actor whose own
profile makes it plausible, and most have an obvious partner among the demo actors, so the
suggestions of the matchmaking (docs/matchmaking.md) can be judged by eye.

Idempotent like the other demo seeds: a post is looked up by its actor and title and only
written when it differs. End dates count from today, so a run on a later day moves them.
No notifications are sent: the demo people did not ask for them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import SEED

OF, RQ = "offer", "request"
OWN, ALL = "own_lag", "platform"

# (actor name, kind, title, description, theme slugs, area, days open)
POSTS = [
    # --- Kėdainių r. VVG
    ("MB „Kėdainių agurkai“", RQ, "Ieškome medaus gamintojo regioniniam dovanų krepšeliui",
     "Kuriame Kėdainių krašto dovanų krepšelį: rauginti agurkai, medus ir sūris. Per metus "
     "reikės apie 200 stiklainių medaus, geriausia iš netoliese esančio ūkio.",
     ["short-supply-chains", "marketing"], ALL, 60),
    ("Krakių bendruomenės centras", RQ, "Kviečiame amatininkus ir ūkininkus į rudens mugę",
     "Krakių miestelio aikštėje rengiame rudens mugę. Laukiame prekiaujančių medumi, sūriais, "
     "duona ir rankų darbo gaminiais; vieta prekybai nemokama.",
     ["short-supply-chains", "heritage-tourism"], OWN, 45),
    ("Dotnuvos bendruomenės centras", OF, "Išnuomojame salę amatų mugei ir seminarams",
     "Salė iki 120 žmonių su scena, virtuvėle ir projektoriumi. Bendruomenėms ir vietos "
     "amatininkams – nuolaida.",
     ["heritage-tourism", "social-services"], ALL, 120),
    ("Surviliškio bendruomenės valgykla", RQ, "Ieškome virėjo bendruomenės virtuvei",
     "Bendruomenės valgyklai reikia virėjo ar virėjos tris dienas per savaitę. Gaminame "
     "pietus senjorams iš vietos ūkininkų produktų.",
     ["rural-jobs", "social-services"], OWN, 30),
    ("Socialinė įmonė „Darbščios rankos“", OF,
     "Pinti krepšiai ir dovanų pakuotės regioniniams rinkiniams",
     "Pagaminame iki 300 pintų krepšelių per mėnesį, galime įpinti juostelę su jūsų "
     "ženklu. Tinka dovanų krepšeliams su medumi, sūriu ar uogienėmis.",
     ["social-innovation", "rural-jobs"], ALL, 90),
    ("Ūkininkės Rasos Butkienės ūkis", OF, "Liepų ir grikių medus – iki 300 kg per sezoną",
     "Parduodame medų stiklainiais ir kibirėliais, galime paruošti mažus stiklainiukus "
     "dovanų rinkiniams.",
     ["short-supply-chains"], ALL, 150),
    ("VšĮ „Pagalba kaimui“", OF, "Transportas į Kėdainių turgų šeštadieniais",
     "Mikroautobusu nuvežame ūkininkų produkciją ir pardavėjus į Kėdainių turgų ir atgal. "
     "Maršrutas per Dotnuvą, Šėtą ir Josvainius.",
     ["short-supply-chains", "social-services"], OWN, 100),
    ("Ūkininkės Onos Sabaliauskienės ūkis", RQ,
     "Ieškome transporto daržovėms nuvežti į turgų",
     "Kas šeštadienį reikia nuvežti apie 200 kg daržovių į Kėdainių turgų. Galime dalytis "
     "transportu su kitais ūkininkais.",
     ["short-supply-chains"], OWN, 40),
    ("UAB „Truskavos duona“", RQ, "Ieškome ruginių miltų tiekėjo",
     "Kas savaitę reikia apie 300 kg viso grūdo ruginių miltų, geriausia maltų akmeninėmis "
     "girnomis iš vietos grūdų.",
     ["short-supply-chains", "local-identity"], ALL, 75),
    ("Josvainių bendruomenės centras", RQ,
     "Ieškome lektoriaus skaitmeninio raštingumo mokymams senjorams",
     "Norime surengti 6 užsiėmimus senjorams: išmanusis telefonas, el. bankininkystė, "
     "vaizdo skambučiai su artimaisiais.",
     ["digital-skills", "social-services"], ALL, 50),
    ("Individuali veikla: keramikė Rūta Jankauskienė", OF,
     "Keramikos edukacijos bendruomenių šventėms",
     "Atvežu žiedimo ratą ir molį, per valandą užsiėmime dalyvauja iki 20 vaikų ar "
     "suaugusiųjų.",
     ["heritage-tourism", "local-identity"], ALL, 120),
    ("Kaimo turizmo sodyba „Ąžuolų pavėsis“", RQ,
     "Ieškome vietos gamintojų pusryčiams: sūrio, medaus, duonos",
     "Vasaros sezonu kas savaitę reikės sūrio, medaus ir ruginės duonos 30 svečių "
     "pusryčiams.",
     ["short-supply-chains", "heritage-tourism"], ALL, 80),
    # --- Dzūkijos VVG
    ("MB „Dzūkų medus“", RQ, "Ieškome lininių maišelių medaus dovanų rinkiniams",
     "Reikia apie 500 lininių maišelių per mėnesį su įsiūta etikete. Svarbu natūralus "
     "linas ir vietos siuvėjai.",
     ["short-supply-chains", "marketing"], ALL, 60),
    ("Krosnos bendruomenės siuvykla", OF, "Siuvame lininius maišelius – iki 500 per mėnesį",
     "Lininiai maišeliai dovanoms, duonai ir produktams, su jūsų ženklu ar be jo.",
     ["rural-jobs", "circular-economy"], ALL, 150),
    ("Lazdijų seniūnija", OF, "Salė ir kiemas amatų mugei Lazdijuose",
     "Seniūnijos salė ir kiemas mugėms ir bendruomenių renginiams savaitgaliais.",
     ["heritage-tourism", "local-identity"], OWN, 120),
    ("MB „Dzūkiškas šakotis“", RQ,
     "Ieškome sodybų, kurios priimtų šakočio kepimo edukacijas",
     "Atvažiuojame su savo įranga; sodybai reikia pavėsinės ir vietos laužui. Svečių grupės "
     "iki 30 žmonių.",
     ["heritage-tourism", "local-identity"], ALL, 90),
    ("UAB „Dainavos grybai“", RQ, "Ieškome fotografo produktų nuotraukoms el. parduotuvei",
     "Reikia apie 40 džiovintų grybų ir uogų produktų nuotraukų el. parduotuvei ir "
     "socialiniams tinklams.",
     ["internet-marketing", "marketing"], ALL, 30),
    ("Kapčiamiesčio bendruomenės valgykla", RQ,
     "Ieškome ožkų sūrio ir daržovių tiekėjų valgyklai",
     "Gaminame pietus senjorams ir moksleiviams, norime daugiau vietos produktų: ožkų "
     "sūrio, bulvių, morkų ir kopūstų.",
     ["short-supply-chains", "social-services"], OWN, 45),
    ("Ūkininkės Janinos Grigienės ūkis", OF,
     "Natūralios obuolių sultys ir sidras mugėms ir kavinėms",
     "Spaudžiame sultis iš savo sodo obuolių, pilstome į 3 ir 5 litrų pakuotes.",
     ["short-supply-chains", "circular-economy"], ALL, 120),
    ("Seirijų biblioteka", RQ, "Ieškome savanorių ir lektorių vaikų vasaros užsiėmimams",
     "Liepą bibliotekoje vyks vaikų dienos stovykla: reikia žmonių, kurie vestų "
     "užsiėmimus apie gamtą, amatus ir kompiuterius.",
     ["social-services", "digital-skills"], OWN, 40),
    ("Kaimo turizmo sodyba „Senoji klėtis“", RQ,
     "Reikia gido ekskursijoms po Dzūkijos kaimus",
     "Svečiai klausia apie vietos istoriją: ieškome gido pėsčiųjų ir dviračių ekskursijoms "
     "savaitgaliais.",
     ["heritage-tourism"], ALL, 70),
    ("VšĮ „Gerumo namai“", OF, "Socialinės dirbtuvės priima užsakymus: pakuotės, atvirukai",
     "Mūsų dirbtuvėse žmonės su negalia gamina dovanų pakuotes, atvirukus ir žvakes. "
     "Priimame užsakymus iš verslų ir bendruomenių.",
     ["social-innovation", "social-services"], ALL, 150),
    # --- „Radviliškio lyderis“
    ("MB „Tyrulių spanguolės“", RQ,
     "Ieškome perdirbėjo spanguolių sultims ir džiovintoms uogoms",
     "Šį rudenį turėsime apie 5 tonas spanguolių. Ieškome, kas jas perdirbtų į sultis ar "
     "džiovintas uogas.",
     ["short-supply-chains", "circular-economy"], ALL, 90),
    ("Radviliškio kultūros namai", OF, "Salė ir scena amatų mugei bei koncertams",
     "Didžioji salė iki 300 žiūrovų ir fojė mugei; bendruomenėms – lengvatinė kaina.",
     ["heritage-tourism", "local-identity"], ALL, 120),
    ("Pašušvio bendruomenės centras", RQ,
     "Ieškome partnerių saulės elektrinei ant bendruomenės namų stogo",
     "Bendruomenės namų stogas – 180 m². Norime įrengti saulės elektrinę ir kartu su "
     "kaimynais parengti projektą paramai gauti.",
     ["renewable-energy"], ALL, 100),
    ("Šeduvos bendruomenės centras", RQ,
     "Reikia virėjos bendruomenės virtuvei ir šventiniam maitinimui",
     "Bendruomenės virtuvėje gaminame kaimo šventėms ir senjorų pietums. Ieškome virėjos "
     "arba partnerio, kuris perimtų šventinį maitinimą.",
     ["rural-jobs", "social-services"], OWN, 35),
    ("Ūkininko Arūno Žemaičio ūkis", OF, "Medus ir bičių duonelė dovanų krepšeliams",
     "Mažuose stiklainiuose, su etiketėmis; galime tiekti visus metus.",
     ["short-supply-chains"], ALL, 150),
    ("MB „Šiaulėnų uogynai“", RQ, "Ieškome medaus gamintojo bendram dovanų rinkiniui",
     "Ruošiame Radviliškio krašto dovanų rinkinį su uogienėmis ir sultimis; trūksta "
     "vietos medaus – apie 100 stiklainių per mėnesį prieš šventes.",
     ["short-supply-chains", "marketing"], ALL, 60),
    ("Individuali veikla: konditeris Gediminas Žukauskas", RQ,
     "Ieškome ūkio, tiekiančio šviežią pieną ir varškę",
     "Tortams ir sūrio pyragams kas savaitę reikia apie 40 litrų pieno ir 20 kg varškės.",
     ["short-supply-chains"], OWN, 60),
    ("Asociacija „Tyrulių jaunimas“", OF, "Savanoriai kaimo šventėms ir talkoms",
     "Dešimt jaunų savanorių padeda paruošti šventes, tvarkyti aplinką ir vesti žaidimus "
     "vaikams.",
     ["social-innovation", "local-identity"], ALL, 120),
    ("Grinkiškio biblioteka", RQ, "Ieškome partnerio senoms nuotraukoms skaitmeninti",
     "Gyventojai atnešė per 600 senų nuotraukų. Reikia žmogaus ar įmonės, kuri jas "
     "nuskenuotų ir aprašytų.",
     ["digital-skills", "local-identity"], ALL, 90),
]  # fmt: skip


@transaction.atomic
def seed_demo_partnerships(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write (or restore) the demo posts. Needs `demo.seed_facts.seed_demo()` to have run.

    Writes one line of counts through `log`; a post whose actor is missing (another seed)
    is skipped and named in that line.
    """
    from kaimolink.actors.models import Actor, ActorMembership
    from kaimolink.core.models import Theme
    from kaimolink.partnerships.models import PartnershipPost

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    actors = {a.name: a for a in Actor.objects.filter(name__in={p[0] for p in POSTS})}
    owners = {}
    for membership in ActorMembership.objects.filter(actor__in=actors.values()).order_by("pk"):
        owners.setdefault(membership.actor_id, membership.user)
    themes = {t.slug: t for t in Theme.objects.all()}
    created = changed = 0
    missing = []
    for name, kind, title, description, theme_slugs, area, days in POSTS:
        actor = actors.get(name)
        if actor is None:
            missing.append(name)
            continue
        values = {
            "kind": kind,
            "description": description,
            "area": area,
            "ends_on": today + timedelta(days=days),
            "status": "open",
            "created_by": owners.get(actor.pk),
        }
        post = PartnershipPost.objects.filter(actor=actor, title=title).first()
        age = timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 10))
        if post is None:
            post = PartnershipPost.objects.create(actor=actor, title=title, **values)
            # Spread the posting dates so the board's "newest first" reads naturally.
            PartnershipPost.objects.filter(pk=post.pk).update(created_at=now - age)
            created += 1
            dirty = True
        else:
            diff = [k for k, v in values.items() if getattr(post, k) != v]
            for k in diff:
                setattr(post, k, values[k])
            if diff:
                post.save()
            dirty = bool(diff)
        wanted = {themes[s].pk for s in theme_slugs}
        if set(post.themes.values_list("pk", flat=True)) != wanted:
            post.themes.set(wanted)
            dirty = True
        if dirty:
            post.refresh_search_text()
            post.save(update_fields=["search_text", "search_stems"])
            changed += 1
    line = f"Partnership posts: {created} created, {changed - created} updated"
    if missing:
        line += f"; skipped (actor missing): {', '.join(missing)}"
    log(line)
