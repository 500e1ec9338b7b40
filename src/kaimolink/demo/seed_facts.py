"""Demo data: the three LAGs of "Sumanaus kaimo link", their territories, actors and accounts.

`seed_demo()` is idempotent: every row is looked up by its slug or e-mail address and only
written when it differs from the demo content, so a second run changes nothing and creates
no duplicates. A demo row that someone edited is put back to its demo content.

The content is generated from a fixed random seed (`random.Random(SEED)`), so every machine
gets the same actors at the same positions. The name, text and theme builders here are
shared with `demo.scale`, which generates synthetic data for benchmarks.

Settlement positions come from GeoNames (CC BY 4.0): see `SETTLEMENT_CREDIT`.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from kaimolink.core.text import fold

SEED = 2026
DEMO_PASSWORD = "demo-Kaimas-2026"
DEMO_EMAIL_DOMAIN = "demo.kaimolink.lt"
SETTLEMENT_CREDIT = "Settlement data: GeoNames (CC BY 4.0), https://www.geonames.org/"
SETTLEMENTS_CSV = Path(__file__).resolve().parent / "data" / "settlements.csv"
VILNIUS = ZoneInfo("Europe/Vilnius")

# Published and pending actors generated for each LAG (the member's own actors come on top).
PUBLISHED_PER_LAG = 42
PENDING_PER_LAG = 3

DISTRICTS = [
    ("Kėdainių r. sav.", "kedainiu-r"),
    ("Lazdijų r. sav.", "lazdiju-r"),
    ("Radviliškio r. sav.", "radviliskio-r"),
]

LAGS = [
    {
        "slug": "kedainiai",
        "name": "Kėdainių rajono vietos veiklos grupė",
        "short_name": "Kėdainių r. VVG",
        "district": "kedainiu-r",
        "email": "kedainiu.vvg@example.lt",
        "phone": "+370 347 51 234",
        "website": "https://kedainiu-vvg.example.lt",
        "address": "Didžioji g. 1, LT-57284 Kėdainiai",
    },
    {
        "slug": "dzukija",
        "name": "Dzūkijos kaimo plėtros partnerių asociacija",
        "short_name": "Dzūkijos VVG",
        "district": "lazdiju-r",
        "email": "dzukijos.vvg@example.lt",
        "phone": "+370 318 51 234",
        "website": "https://dzukijos-vvg.example.lt",
        "address": "Vilniaus g. 1, LT-67106 Lazdijai",
    },
    {
        "slug": "radviliskis",
        "name": "Vietos veiklos grupė „Radviliškio lyderis“",
        "short_name": "„Radviliškio lyderis“",
        "district": "radviliskio-r",
        "email": "radviliskio.lyderis@example.lt",
        "phone": "+370 422 51 234",
        "website": "https://radviliskio-lyderis.example.lt",
        "address": "Gedimino g. 1, LT-82171 Radviliškis",
    },
]

# Genitive case of every settlement in data/settlements.csv: names of organisations use it.
GENITIVES = {
    "Akademija": "Akademijos", "Dotnuva": "Dotnuvos", "Gudžiūnai": "Gudžiūnų",
    "Josvainiai": "Josvainių", "Krakės": "Krakių", "Kėdainiai": "Kėdainių",
    "Pagiriai": "Pagirių", "Pernarava": "Pernaravos", "Surviliškis": "Surviliškio",
    "Truskava": "Truskavos", "Šlapaberžė": "Šlapaberžės", "Šėta": "Šėtos",
    "Kapčiamiestis": "Kapčiamiesčio", "Krosna": "Krosnos", "Lazdijai": "Lazdijų",
    "Rudamina": "Rudaminos", "Seirijai": "Seirijų", "Veisiejai": "Veisiejų",
    "Šeštokai": "Šeštokų", "Asteikiai": "Asteikių", "Aukštelkai": "Aukštelkų",
    "Baisogala": "Baisogalos", "Grinkiškis": "Grinkiškio", "Pašušvys": "Pašušvio",
    "Pociūnėliai": "Pociūnėlių", "Radviliškis": "Radviliškio", "Sidabravas": "Sidabravo",
    "Tyruliai": "Tyrulių", "Vadaktai": "Vadaktų", "Šaukotas": "Šaukoto", "Šeduva": "Šeduvos",
    "Šiaulėnai": "Šiaulėnų", "Šniūraičiai": "Šniūraičių",
}  # fmt: skip

# Villages whose community is a "kaimo bendruomenė" rather than a "bendruomenės centras".
VILLAGE_COMMUNITIES = {
    "Truskava", "Pernarava", "Rudamina", "Krosna", "Asteikiai", "Aukštelkai", "Vadaktai",
    "Šniūraičiai",
}  # fmt: skip

# The community organisations that applied to the "Žydinti Lietuva" selection (see the seed).
NAMED_COMMUNITIES = [
    ("Šlapaberžės bendruomenės centras", "Šlapaberžė"),
    ("Surviliškio bendruomenė", "Surviliškis"),
    ("Pagirių bendruomenės centras", "Pagiriai"),
    ("Gudžiūnų bendruomenės centras", "Gudžiūnai"),
    ("Josvainių bendruomenės centras", "Josvainiai"),
    ("Krakių bendruomenės centras", "Krakės"),
]

# --- People ---------------------------------------------------------------------------------
MALE_NAMES = [
    ("Jonas", "Jono"), ("Petras", "Petro"), ("Antanas", "Antano"), ("Vytautas", "Vytauto"),
    ("Algirdas", "Algirdo"), ("Mindaugas", "Mindaugo"), ("Tomas", "Tomo"), ("Darius", "Dariaus"),
    ("Rimantas", "Rimanto"), ("Gediminas", "Gedimino"), ("Kęstutis", "Kęstučio"),
    ("Saulius", "Sauliaus"), ("Arūnas", "Arūno"), ("Linas", "Lino"), ("Egidijus", "Egidijaus"),
    ("Povilas", "Povilo"), ("Juozas", "Juozo"), ("Stasys", "Stasio"), ("Andrius", "Andriaus"),
    ("Marius", "Mariaus"), ("Giedrius", "Giedriaus"), ("Vidmantas", "Vidmanto"),
    ("Audrius", "Audriaus"), ("Kazimieras", "Kazimiero"),
]  # fmt: skip
FEMALE_NAMES = [
    ("Ona", "Onos"), ("Rūta", "Rūtos"), ("Aldona", "Aldonos"), ("Daiva", "Daivos"),
    ("Irena", "Irenos"), ("Jurgita", "Jurgitos"), ("Laima", "Laimos"), ("Vida", "Vidos"),
    ("Asta", "Astos"), ("Regina", "Reginos"), ("Dalia", "Dalios"), ("Giedrė", "Giedrės"),
    ("Birutė", "Birutės"), ("Rasa", "Rasos"), ("Inga", "Ingos"), ("Kristina", "Kristinos"),
    ("Eglė", "Eglės"), ("Lina", "Linos"), ("Aušra", "Aušros"), ("Janina", "Janinos"),
]  # fmt: skip
# (man, his genitive, married woman, her genitive)
SURNAMES = [
    ("Petraitis", "Petraičio", "Petraitienė", "Petraitienės"),
    ("Kazlauskas", "Kazlausko", "Kazlauskienė", "Kazlauskienės"),
    ("Jankauskas", "Jankausko", "Jankauskienė", "Jankauskienės"),
    ("Stankevičius", "Stankevičiaus", "Stankevičienė", "Stankevičienės"),
    ("Vasiliauskas", "Vasiliausko", "Vasiliauskienė", "Vasiliauskienės"),
    ("Žukauskas", "Žukausko", "Žukauskienė", "Žukauskienės"),
    ("Butkus", "Butkaus", "Butkienė", "Butkienės"),
    ("Paulauskas", "Paulausko", "Paulauskienė", "Paulauskienės"),
    ("Urbonas", "Urbono", "Urbonienė", "Urbonienės"),
    ("Kavaliauskas", "Kavaliausko", "Kavaliauskienė", "Kavaliauskienės"),
    ("Navickas", "Navicko", "Navickienė", "Navickienės"),
    ("Rimkus", "Rimkaus", "Rimkienė", "Rimkienės"),
    ("Šimkus", "Šimkaus", "Šimkienė", "Šimkienės"),
    ("Balčiūnas", "Balčiūno", "Balčiūnienė", "Balčiūnienės"),
    ("Žemaitis", "Žemaičio", "Žemaitienė", "Žemaitienės"),
    ("Vaitkus", "Vaitkaus", "Vaitkienė", "Vaitkienės"),
    ("Mockus", "Mockaus", "Mockienė", "Mockienės"),
    ("Grigas", "Grigo", "Grigienė", "Grigienės"),
    ("Adomaitis", "Adomaičio", "Adomaitienė", "Adomaitienės"),
    ("Lukošius", "Lukošiaus", "Lukošienė", "Lukošienės"),
    ("Sabaliauskas", "Sabaliausko", "Sabaliauskienė", "Sabaliauskienės"),
    ("Bernotas", "Bernoto", "Bernotienė", "Bernotienės"),
    ("Jurgaitis", "Jurgaičio", "Jurgaitienė", "Jurgaitienės"),
    ("Ramanauskas", "Ramanausko", "Ramanauskienė", "Ramanauskienės"),
    ("Kubilius", "Kubiliaus", "Kubilienė", "Kubilienės"),
    ("Dambrauskas", "Dambrausko", "Dambrauskienė", "Dambrauskienės"),
    ("Gudaitis", "Gudaičio", "Gudaitienė", "Gudaitienės"),
    ("Tamošiūnas", "Tamošiūno", "Tamošiūnienė", "Tamošiūnienės"),
    ("Bagdonas", "Bagdono", "Bagdonienė", "Bagdonienės"),
    ("Pranckevičius", "Pranckevičiaus", "Pranckevičienė", "Pranckevičienės"),
]

STREETS = [
    "Mokyklos", "Liepų", "Sodų", "Beržų", "Ežero", "Vytauto", "Kęstučio", "Taikos", "Parko",
    "Bažnyčios", "Kalno", "Miško", "Pievų", "Vilniaus", "Kauno", "Upės", "Alyvų", "Klevų",
]  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A settlement as the builders need it: its name in two cases and its position."""

    name: str
    genitive: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Person:
    female: bool
    first: str
    first_gen: str
    last: str
    last_gen: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


def random_person(rng: random.Random) -> Person:
    female = rng.random() < 0.45
    first, first_gen = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    man, man_gen, woman, woman_gen = rng.choice(SURNAMES)
    if female:
        return Person(True, first, first_gen, woman, woman_gen)
    return Person(False, first, first_gen, man, man_gen)


# --- What actors do: text pools in Lithuanian -------------------------------------------------


@dataclass
class ActorText:
    """Name and profile text of one actor, before its place, contacts and status."""

    name: str
    actor_type: str
    description: str
    offers: str
    seeks: str
    themes: list[str]
    organisation: bool = True  # has a legal entity code (farmers and individuals have none)
    person: Person | None = None


COMMUNITY_DESCRIPTIONS = [
    "Vienijame {gen} ir aplinkinių kaimų gyventojus – nuo mažiausių iki senjorų.",
    "Organizuojame kaimo šventes, vakarones, sporto varžybas ir edukacines programas.",
    "Bendruomenės namuose veikia skaitykla, treniruoklių salė ir jaukus susibūrimų kambarys.",
    "Puoselėjame vietos tradicijas, tvarkome parką, pakeles ir paveldo objektus.",
    "Kartu su seniūnija ir mokykla rengiame projektus jaunimui ir senjorams.",
    "Savanoriai padeda vienišiems senoliams: atveža vaistų ir maisto, palydi pas gydytoją.",
]
# The seed (2013–2017): "Šiuos gaminius gamina Kėdainių rajono kaimiškosios bendruomenės".
CHRISTMAS_GOODS = (
    "Rankų darbo kalėdiniai atvirukai, vokai ir žaisliukai, kuriuos galima užsisakyti."
)
COMMUNITY_OFFERS = [
    "Salės nuoma šventėms ir seminarams, kaimo švenčių organizavimas.",
    "Edukacinės programos vaikams: duonos kepimas, vilnos vėlimas, žolelių arbatos.",
    CHRISTMAS_GOODS,
    "Kompiuterinio raštingumo užsiėmimai senjorams, vaikų dienos užimtumas.",
    "Pirties ir stovyklavietės prie vandens nuoma, dviračių nuoma.",
    "Tradicinių patiekalų degustacijos ir ekskursijos po {gen} apylinkes.",
]
COMMUNITY_SEEKS = [
    "Ieškome partnerių bendriems projektams ir savanorių vasaros stovyklai.",
    "Ieškome vietos ūkininkų ir amatininkų, kurie prekiautų mūsų šventės mugėje.",
    "Norėtume su kitų rajonų bendruomenėmis kurti bendrą turizmo maršrutą.",
    "Ieškome lektoriaus skaitmeninio raštingumo mokymams senjorams.",
    "Ieškome partnerių saulės elektrinei ant bendruomenės namų stogo.",
]
COMMUNITY_THEMES = ["social-services", "heritage-tourism", "digital-skills", "local-identity",
                    "social-innovation", "renewable-energy"]  # fmt: skip

# (kind of farm, what it does, what it offers, themes)
FARMS = [
    ("grūdinių kultūrų", "Auginame kviečius, miežius, grikius ir rapsus",
     "Maistiniai ir pašariniai grūdai, grikių kruopos; žemės dirbimo paslaugos kaimynams.",
     ["short-supply-chains", "renewable-energy", "rural-jobs"]),
    ("pieno", "Laikome apie {n} melžiamų karvių",
     "Šviežias pienas, varškė, grietinė ir naminis sūris tiesiai iš ūkio.",
     ["short-supply-chains", "circular-economy"]),
    ("bitininkystės", "Prižiūrime apie {n} bičių šeimų",
     "Liepų, grikių ir pievų medus, bičių duonelė, vaškas; edukacijos apie bites.",
     ["short-supply-chains", "heritage-tourism"]),
    ("daržovių", "Auginame agurkus, pomidorus, kopūstus ir bulves",
     "Šviežios ir raugintos daržovės, daržovių dėžės kas savaitę užsakymu.",
     ["short-supply-chains", "circular-economy", "rural-jobs"]),
    ("uogų", "Auginame braškes, šilauoges ir aronijas",
     "Šviežios uogos sezono metu, uogienės, sultys ir džiovintos uogos.",
     ["short-supply-chains", "rural-jobs"]),
    ("ekologinis", "Ūkis sertifikuotas kaip ekologinis, dirbame be cheminių trąšų",
     "Ekologiški grūdai, miltai, kruopos ir daržovės.",
     ["short-supply-chains", "circular-economy"]),
    ("avių ir ožkų", "Laikome avis ir ožkas, patys gaminame sūrius",
     "Ožkų pieno sūriai, ėriena, vilna ir edukacijos vaikams ūkyje.",
     ["short-supply-chains", "heritage-tourism"]),
    ("sodininkystės", "Auginame obelis, kriaušes ir slyvas",
     "Obuoliai, natūralios obuolių sultys, sidras ir obuolių traškučiai.",
     ["short-supply-chains", "circular-economy", "rural-jobs"]),
]  # fmt: skip
FARM_SEEKS = [
    "Ieškome pirkėjų trumpajai maisto tiekimo grandinei: kavinių, mokyklų valgyklų, bendruomenių.",
    "Ieškome partnerio bendram regioninių produktų dovanų krepšeliui.",
    "Norėtume bendradarbiauti su kaimo turizmo sodybomis ir priimti ekskursijas į ūkį.",
    "Ieškome, kas perdirbtų ūkio atliekas į kompostą ar biodujas.",
    "Ieškome sezoninių darbuotojų ir jaunų žmonių, norinčių išmokti ūkininkauti.",
]

# Small and medium businesses: (name pattern, description, offers, seeks, themes)
BUSINESSES = [
    ("UAB „{gen} duona“",
     "Kepame ruginę duoną pagal senus receptus, be konservantų. Dirba {n} darbuotojų iš "
     "aplinkinių kaimų.",
     "Ruginė ir plikyta duona, pyragai, šakotis užsakymu; tiekiame parduotuvėms ir kavinėms.",
     "Ieškome vietos grūdų augintojų ir naujų prekybos vietų regione.",
     ["short-supply-chains", "rural-jobs", "local-identity"]),
    ("UAB „{gen} mediena“",
     "Gaminame medinius baldus, pavėsines ir vaikų žaidimų aikšteles.",
     "Baldai pagal užsakymą, lauko baldai, malkos ir medžio briketai.",
     "Ieškome partnerių medžio atliekoms perdirbti ir bendruomenių, kurioms reikia "
     "žaidimų aikštelių.",
     ["circular-economy", "renewable-energy", "rural-jobs"]),
    ("MB „{gen} sūrinė“",
     "Nedidelė sūrinė, gaminanti sūrius iš vietos ūkių pieno.",
     "Švieži ir brandinti sūriai, varškės sūris su kmynais, sūrių degustacijos.",
     "Ieškome pieno tiekėjų ir prekybos vietų turistų lankomose vietose.",
     ["short-supply-chains", "heritage-tourism"]),
    ("MB „{gen} uogynai“",
     "Perdirbame vietos ūkių uogas ir vaisius, gaminame be cukraus pakaitalų.",
     "Uogienės, sirupai, džiovintos uogos ir sultys; dovanų rinkiniai.",
     "Ieškome uogų augintojų ir bendruomenių, kurios norėtų parduoti mūsų produktus.",
     ["short-supply-chains", "circular-economy", "marketing"]),
    ("UAB „{gen} saulė“",
     "Įrengiame saulės elektrines ūkiams, bendruomenių namams ir gyventojams.",
     "Saulės elektrinių projektavimas ir įrengimas, šilumos siurbliai, konsultacijos "
     "apie paramą.",
     "Ieškome bendruomenių ir ūkių, norinčių kartu įsirengti bendrą elektrinę.",
     ["renewable-energy", "circular-economy"]),
    ("MB „{gen} IT sprendimai“",
     "Kuriame interneto svetaines ir el. parduotuves vietos verslui.",
     "Svetainės, el. parduotuvės, socialinių tinklų reklama, kompiuterių taisymas.",
     "Ieškome kaimo verslų, norinčių prekiauti internetu.",
     ["digital-skills", "internet-marketing", "marketing"]),
    ("UAB „{gen} malūnas“",
     "Maliname vietos ūkininkų grūdus akmeninėmis girnomis.",
     "Viso grūdo miltai, kruopos, sėlenos; grūdų malimo paslauga.",
     "Ieškome kepyklų ir bendruomenių valgyklų, norinčių vietos miltų.",
     ["short-supply-chains", "local-identity"]),
]  # fmt: skip
HOMESTEADS = [
    "Ąžuolų pavėsis", "Pušų šlamesys", "Prie upelio", "Gandrų lizdas", "Senoji klėtis",
    "Vėjo malūnas", "Beržų alėja", "Tylioji įlanka", "Obelų sodas", "Laumių slėnis",
    "Kalnelio sodyba", "Žalioji pieva",
]  # fmt: skip
HOMESTEAD_TEXT = (
    "Kaimo turizmo sodyba su pirtimi, tvenkiniu ir pokylių sale {gen} apylinkėse.",
    "Nakvynė iki 30 svečių, pirtis, šventės, edukacijos ir žygiai baidarėmis.",
    "Ieškome vietos gamintojų produktų svečių pusryčiams ir gidų ekskursijoms.",
    ["heritage-tourism", "short-supply-chains", "rural-jobs"],
)

# Community businesses run by a village community: (what, description, offers)
COMMUNITY_BUSINESSES = [
    ("kepyklėlė", "Kepame duoną, pyragus ir šakočius pagal močiučių receptus.",
     "Duona, pyragai, šakočiai, kūčiukai; edukacija „Nuo grūdo iki kepalo“."),
    ("pirtis", "Atnaujinome seną pirtį prie tvenkinio ir kviečiame svečius.",
     "Pirties ritualai, vantos, žolelių arbatos; pirties nuoma grupėms."),
    ("valgykla", "Gaminame pietus iš vietos ūkininkų produktų.",
     "Pietūs darbo dienomis, maisto pristatymas senjorams, šventinis maitinimas."),
    ("dirbtuvės", "Bendruomenės dirbtuvėse taisome baldus ir dviračius, gaminame suvenyrus.",
     "Baldų restauravimas, dviračių taisymas, medžio suvenyrai."),
    ("svečių namai", "Buvusioje mokykloje įrengėme svečių namus.",
     "Nakvynė grupėms iki 25 žmonių, salė seminarams, stovyklos vaikams."),
    ("siuvykla", "Siuvame darbo drabužius, tautinius kostiumus ir užuolaidas.",
     "Siuvimas ir taisymas, tautiniai kostiumai, lininiai rankšluosčiai ir maišeliai."),
]  # fmt: skip
COMMUNITY_BUSINESS_SEEKS = [
    "Ieškome užsakovų ir partnerių regioninių produktų rinkiniui.",
    "Ieškome mentoriaus rinkodarai ir pardavimui internetu.",
    "Ieškome kavinių ir parduotuvių, kurios prekiautų mūsų gaminiais.",
]
COMMUNITY_BUSINESS_THEMES = ["rural-jobs", "social-innovation", "short-supply-chains",
                             "heritage-tourism", "marketing"]  # fmt: skip

# Social businesses: (name, offers)
SOCIAL_BUSINESSES = [
    ("Socialinė įmonė „Darbščios rankos“", "Pinti krepšiai, vytelių dirbiniai, dovanų pakuotės."),
    ("VšĮ „Senjorų užuovėja“", "Pagalba namuose senjorams, maisto pristatymas, lydėjimas."),
    ("Socialinė įmonė „Žalias kiemas“", "Aplinkos tvarkymas, žolės pjovimas, malkų skaldymas."),
    ("Socialinė įmonė „Dzūkų pynė“", "Pinti krepšiai, kilimėliai ir dekoracijos iš šiaudų."),
    ("VšĮ „Gerumo namai“", "Dienos užimtumas žmonėms su negalia, socialinės dirbtuvės."),
    ("Socialinė įmonė „Švarus ežeras“", "Pakrančių tvarkymas, paplūdimių priežiūra, valčių nuoma."),
    ("Socialinė įmonė „Šilta duona“", "Duona ir pyragai mokykloms bei bendruomenėms."),
    ("VšĮ „Pagalba kaimui“", "Transporto paslaugos senjorams, pagalba buityje."),
    ("Socialinė įmonė „Antras gyvenimas“", "Drabužių ir baldų atnaujinimas, dėvėtų daiktų "
     "parduotuvė."),
    ("Socialinė įmonė „Kaimo skalbykla“", "Skalbimo ir lyginimo paslaugos sodyboms ir "
     "gyventojams."),
    ("VšĮ „Jaunimo dirbtuvės“", "Jaunimo įdarbinimas, dviračių taisykla, medžio darbai."),
    ("Socialinė įmonė „Žolynų takas“", "Vaistažolių arbatos, prieskoniai, žolelių pagalvėlės."),
]  # fmt: skip
SOCIAL_DESCRIPTIONS = [
    "Įdarbiname žmones su negalia ir ilgai nedirbusius gyventojus.",
    "Pelną skiriame socialiniams tikslams: darbo vietoms kaime ir pagalbai senjorams.",
]
SOCIAL_SEEKS = [
    "Ieškome užsakovų tarp bendruomenių, seniūnijų ir vietos verslų.",
    "Ieškome partnerių mokymams ir darbo įgūdžių stovykloms.",
]
SOCIAL_THEMES = ["social-services", "social-innovation", "rural-jobs", "circular-economy"]

# Public bodies: (name pattern, description, offers, seeks)
PUBLIC_BODIES = [
    ("{gen} seniūnija",
     "Seniūnija rūpinasi gyventojų reikalais, viešosiomis erdvėmis ir socialine parama.",
     "Informacija gyventojams, patalpos bendruomenių renginiams, pagalba rengiant projektus.",
     "Ieškome partnerių viešųjų erdvių tvarkymui ir jaunimo užimtumui."),
    ("{gen} biblioteka",
     "Biblioteka – skaitmeninio raštingumo ir susitikimų vieta visiems gyventojams.",
     "Nemokamas internetas, kompiuterinio raštingumo kursai, knygų pristatymai.",
     "Ieškome savanorių ir lektorių užsiėmimams."),
    ("{gen} kultūros namai",
     "Rengiame koncertus, šventes ir meno kolektyvų pasirodymus.",
     "Renginių organizavimas, salės nuoma, folkloro ansamblio koncertai.",
     "Ieškome vietos amatininkų ir gamintojų mugėms."),
]  # fmt: skip
PUBLIC_THEMES = ["social-services", "digital-skills", "local-identity", "heritage-tourism"]

# Individual activity or business licence: (man's trade, woman's trade, offers, themes)
TRADES = [
    ("keramikas", "keramikė", "Keraminiai indai, kokliai ir suvenyrai; keramikos edukacijos.",
     ["heritage-tourism", "local-identity"]),
    ("audėjas", "audėja", "Austos juostos, lininiai rankšluosčiai, tautinių kostiumų audiniai.",
     ["heritage-tourism", "local-identity"]),
    ("vytelių pynėjas", "vytelių pynėja", "Pinti krepšiai, lopšiai ir sodo tvorelės; pynimo "
     "edukacijos.", ["heritage-tourism", "circular-economy"]),
    ("medžio drožėjas", "medžio drožėja", "Drožinėti koplytstulpiai, šaukštai ir žaislai.",
     ["heritage-tourism", "local-identity"]),
    ("kalvis", "kalvė", "Kaltiniai vartai, žvakidės, peiliai; kalvystės edukacijos.",
     ["heritage-tourism", "local-identity"]),
    ("fotografas", "fotografė", "Renginių, ūkių ir produktų fotografija, nuotraukos "
     "el. parduotuvėms.", ["internet-marketing", "marketing"]),
    ("gidas", "gidė", "Ekskursijos po {gen} apylinkes, piligrimų ir dviračių maršrutai.",
     ["heritage-tourism", "local-identity"]),
    ("konditeris", "konditerė", "Tortai, šakočiai, sausainiai ir kūčiukai pagal užsakymą.",
     ["short-supply-chains", "rural-jobs"]),
    ("siuvėjas", "siuvėja", "Drabužių siuvimas ir taisymas, tautiniai kostiumai.",
     ["rural-jobs", "circular-economy"]),
    ("floristas", "floristė", "Puokštės, vainikai ir šventinės dekoracijos iš lauko gėlių.",
     ["rural-jobs", "marketing"]),
    ("bitininkas", "bitininkė", "Medus, bičių pikis, žvakės iš vaško; bitininkystės edukacija.",
     ["short-supply-chains", "heritage-tourism"]),
]  # fmt: skip
TRADE_SEEKS = [
    "Ieškau mugių ir parduotuvių, kurios prekiautų rankų darbo gaminiais.",
    "Ieškau bendruomenių, norinčių edukacijų savo renginiuose.",
    "Ieškau partnerių bendram prekės ženklui ir pardavimui internetu.",
]

# Other organisations: (name pattern, description, offers, seeks, themes)
OTHERS = [
    ("Asociacija „{gen} jaunimas“",
     "Jaunimo organizacija, rengianti stovyklas, žygius ir savanorystės akcijas.",
     "Savanoriai renginiams, vasaros stovyklos, jaunimo iniciatyvos.",
     "Ieškome verslų, kurie priimtų jaunimą praktikai.",
     ["social-innovation", "rural-jobs"]),
    ("{gen} kraštotyros draugija",
     "Renkame vietos istoriją, prisiminimus ir senas nuotraukas.",
     "Ekskursijos, parodos ir leidiniai apie krašto istoriją.",
     "Ieškome partnerių archyvui skaitmeninti.",
     ["heritage-tourism", "local-identity", "digital-skills"]),
    ("{gen} sporto klubas",
     "Sporto klubas kviečia sportuoti visą šeimą.",
     "Treniruotės vaikams ir suaugusiems, bėgimo ir dviračių žygiai.",
     "Ieškome rėmėjų varžyboms ir bendruomenių, norinčių bendrų renginių.",
     ["social-services", "local-identity"]),
]  # fmt: skip

# Regional businesses of each LAG: (name, settlement, description, offers, seeks, themes)
SPECIALS = {
    "kedainiai": [
        ("MB „Kėdainių agurkai“", "Kėdainiai",
         "Auginame ir rauginame agurkus – Kėdainių krašto simbolį.",
         "Švieži, rauginti ir marinuoti agurkai; agurkų šventės degustacijos.",
         "Ieškome prekybos vietų ir partnerių regioniniam dovanų krepšeliui.",
         ["short-supply-chains", "local-identity", "marketing"]),
    ],
    "dzukija": [
        ("MB „Dzūkų medus“", "Seirijai",
         "Dzūkijos pušynų ir pievų medus iš 120 bičių šeimų.",
         "Šilų ir pievų medus, medus koriuose, bičių duonelė, dovanų rinkiniai.",
         "Ieškome partnerio regioniniam dovanų krepšeliui ir kaimo turizmo sodybų.",
         ["short-supply-chains", "heritage-tourism", "marketing"]),
        ("MB „Dzūkiškas šakotis“", "Lazdijai",
         "Kepame šakotį ant žarijų pagal dzūkų šeimininkių receptą.",
         "Šakočiai įvairių dydžių, šakočio kepimo edukacija grupėms.",
         "Ieškome turizmo agentūrų ir sodybų, kurios atvežtų svečių į edukacijas.",
         ["heritage-tourism", "local-identity", "short-supply-chains"]),
        ("UAB „Dainavos grybai“", "Veisiejai",
         "Superkame ir perdirbame Dainavos girios grybus ir uogas.",
         "Džiovinti ir marinuoti baravykai, voveraitės, spanguolės ir bruknės.",
         "Ieškome grybautojų, uogautojų ir partnerių eksportui.",
         ["short-supply-chains", "rural-jobs"]),
    ],
    "radviliskis": [
        ("MB „Tyrulių spanguolės“", "Tyruliai",
         "Auginame spanguoles ir mėlynes šalia Tyrulių pelkės.",
         "Šviežios ir šaldytos spanguolės, spanguolių sultys ir džiovintos uogos.",
         "Ieškome perdirbėjų ir prekybos vietų Šiaulių regione.",
         ["short-supply-chains", "rural-jobs"]),
    ],
}  # fmt: skip

# How the rest of each LAG's actors are drawn: kinds in turn, so every type is present.
KIND_CYCLE = [
    "farmer", "business", "trade", "community_business", "farmer", "public", "homestead",
    "trade", "social", "farmer", "other", "business", "community_business", "trade", "farmer",
    "public", "social", "business", "farmer", "other", "trade", "community_business",
]  # fmt: skip


def _pick(rng: random.Random, pool, k_min=1, k_max=2) -> list:
    return rng.sample(pool, min(len(pool), rng.randint(k_min, k_max)))


def community_text(
    rng, place: Place, name: str | None = None, *, kedainiai: bool = False
) -> ActorText:
    """A community organisation of `place`. The handmade Christmas goods of the seed are
    made by Kėdainiai district communities ("Šiuos gaminius gamina Kėdainių rajono
    kaimiškosios bendruomenės"), so only those (`kedainiai`) offer them; elsewhere the
    draw falls on the first other offer not drawn already (the same random draws either
    way, so the actors drawn later do not change)."""
    if name is None:
        if place.name in VILLAGE_COMMUNITIES:
            name = f"{place.genitive} kaimo bendruomenė"
        else:
            name = f"{place.genitive} bendruomenės centras"
    description = " ".join(_pick(rng, COMMUNITY_DESCRIPTIONS, 2, 3)).format(gen=place.genitive)
    offers = _pick(rng, COMMUNITY_OFFERS, 1, 2)
    if not kedainiai and CHRISTMAS_GOODS in offers:
        other = next(o for o in COMMUNITY_OFFERS if o != CHRISTMAS_GOODS and o not in offers)
        offers[offers.index(CHRISTMAS_GOODS)] = other
    return ActorText(
        name=name,
        actor_type="community_org",
        description=description,
        offers=" ".join(offers).format(gen=place.genitive),
        seeks=rng.choice(COMMUNITY_SEEKS),
        themes=_pick(rng, COMMUNITY_THEMES, 2, 3),
    )


def farmer_text(rng, place: Place, person: Person) -> ActorText:
    kind, does, offers, themes = rng.choice(FARMS)
    title = "Ūkininkės" if person.female else "Ūkininko"
    since = rng.randint(1992, 2020)
    does = does.format(n=rng.choice([12, 25, 40, 60, 80, 120]))
    return ActorText(
        name=f"{title} {person.first_gen} {person.last_gen} ūkis",
        actor_type="farmer",
        description=(
            f"Šeimos {kind} ūkis {place.genitive} apylinkėse. {does}, ūkininkaujame nuo {since} m."
        ),  # fmt: skip
        offers=offers,
        seeks=rng.choice(FARM_SEEKS),
        themes=list(themes),
        organisation=False,
        person=person,
    )


def business_text(rng, place: Place) -> ActorText:
    pattern, description, offers, seeks, themes = rng.choice(BUSINESSES)
    return ActorText(
        name=pattern.format(gen=place.genitive),
        actor_type="sme",
        description=description.format(n=rng.randint(3, 25)),
        offers=offers,
        seeks=seeks,
        themes=list(themes),
    )


def homestead_text(rng, place: Place) -> ActorText:
    description, offers, seeks, themes = HOMESTEAD_TEXT
    return ActorText(
        name=f"Kaimo turizmo sodyba „{rng.choice(HOMESTEADS)}“",
        actor_type="sme",
        description=description.format(gen=place.genitive),
        offers=offers,
        seeks=seeks,
        themes=list(themes),
    )


def community_business_text(rng, place: Place) -> ActorText:
    what, description, offers = rng.choice(COMMUNITY_BUSINESSES)
    return ActorText(
        name=f"{place.genitive} bendruomenės {what}",
        actor_type="community_business",
        description=(
            f"Bendruomeninis verslas, kurį įkūrė {place.genitive} bendruomenė: "
            f"pelnas grįžta į kaimą. {description}"
        ),  # fmt: skip
        offers=offers,
        seeks=rng.choice(COMMUNITY_BUSINESS_SEEKS),
        themes=_pick(rng, COMMUNITY_BUSINESS_THEMES, 2, 3),
    )


def social_text(rng, place: Place) -> ActorText:
    name, offers = rng.choice(SOCIAL_BUSINESSES)
    return ActorText(
        name=name,
        actor_type="social_business",
        description=" ".join(SOCIAL_DESCRIPTIONS),
        offers=offers,
        seeks=rng.choice(SOCIAL_SEEKS),
        themes=_pick(rng, SOCIAL_THEMES, 2, 3),
    )


def public_text(rng, place: Place) -> ActorText:
    pattern, description, offers, seeks = rng.choice(PUBLIC_BODIES)
    return ActorText(
        name=pattern.format(gen=place.genitive),
        actor_type="public_body",
        description=description,
        offers=offers,
        seeks=seeks,
        themes=_pick(rng, PUBLIC_THEMES, 1, 2),
    )


def trade_text(rng, place: Place, person: Person) -> ActorText:
    man, woman, offers, themes = rng.choice(TRADES)
    trade = woman if person.female else man
    form = rng.choice(["Individuali veikla", "Verslo liudijimas"])
    years = rng.randint(3, 30)
    return ActorText(
        name=f"{form}: {trade} {person.full_name}",
        actor_type="licence",
        description=(
            f"{person.first} kuria ir dirba {place.genitive} apylinkėse jau {years} m. "
            "Mielai priima užsakymus ir moko kitus."
        ),  # fmt: skip
        offers=offers.format(gen=place.genitive),
        seeks=rng.choice(TRADE_SEEKS),
        themes=list(themes),
        organisation=False,
        person=person,
    )


def other_text(rng, place: Place) -> ActorText:
    pattern, description, offers, seeks, themes = rng.choice(OTHERS)
    return ActorText(
        name=pattern.format(gen=place.genitive),
        actor_type="other",
        description=description,
        offers=offers,
        seeks=seeks,
        themes=list(themes),
    )


def kind_text(rng: random.Random, kind: str, place: Place) -> ActorText:
    """One actor of this kind in this place (names may repeat; callers that care retry)."""
    if kind == "community":
        return community_text(rng, place)
    if kind == "farmer":
        return farmer_text(rng, place, random_person(rng))
    if kind == "trade":
        return trade_text(rng, place, random_person(rng))
    return {
        "business": business_text,
        "homestead": homestead_text,
        "community_business": community_business_text,
        "social": social_text,
        "public": public_text,
        "other": other_text,
    }[kind](rng, place)


def jitter(rng: random.Random, lat: float, lon: float, max_m: float = 2000) -> tuple[float, float]:
    """A point at most `max_m` metres from (lat, lon), uniform over the disc."""
    r = max_m * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    dlat = r * math.cos(a) / 111_320
    dlon = r * math.sin(a) / (111_320 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def demo_email_local(text: str) -> str:
    return slugify(fold(text))[:40].strip("-") or "info"


def phone_number(rng: random.Random) -> str:
    return f"+370 6{rng.randint(10, 99)} {rng.randint(10000, 99999)}"


def actor_slug(name: str) -> str:
    return slugify(fold(name))[:200]


# --- The plan: what seed_demo writes ----------------------------------------------------------


@dataclass
class DemoActor:
    text: ActorText
    lag: str
    settlement: str
    status: str
    lat: float
    lon: float
    legal_code: str | None
    email: str
    phone: str
    address: str
    website: str
    contacts_public: bool
    published_at: datetime | None
    owners: list[str] = field(default_factory=list)  # e-mails of members with role owner
    editors: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return actor_slug(self.text.name)


def load_settlements() -> list[tuple[str, str, float, float]]:
    """(name, district name, lat, lon) rows of data/settlements.csv (GeoNames, CC BY 4.0)."""
    with SETTLEMENTS_CSV.open(encoding="utf-8", newline="") as fh:
        return [(r["name"], r["district"], float(r["lat"]), float(r["lon"]))
                for r in csv.DictReader(fh)]  # fmt: skip


def demo_user_email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


@lru_cache(maxsize=1)
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once, with a fixed salt (the demo password is public anyway)."""
    from django.contrib.auth.hashers import make_password

    return make_password(DEMO_PASSWORD, salt="kaimolinkdemologins")


def demo_login(local: str, full_name: str):
    """The demo login `local`@demo… of a person acting for actors (verified address, the demo
    password), created or restored. Returns (user, created)."""
    from allauth.account.models import EmailAddress

    from kaimolink.accounts.models import User

    email = demo_user_email(local)
    values = {"full_name": full_name, "is_active": True, "is_staff": False,
              "is_superuser": False}  # fmt: skip
    user, created, _changed = _upsert(User, {"email": email}, values)
    # One salted hash for these logins, so a second run compares strings instead of hashing
    # the password again for every login (the hasher is slow on purpose).
    if user.password != demo_password_hash():
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    address, made = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not made and not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user, created


MEMBER = Person(True, "Rūta", "Rūtos", "Jankauskienė", "Jankauskienės")

# (e-mail local part, full name, role label, flags, coordinated LAG slug)
DEMO_ACCOUNTS = [
    ("admin", "Platformos administratorius", "platform administrator",
     {"is_superuser": True, "is_staff": True}, None),
    ("coordinator.kedainiai", "Laima Petraitienė", "LAG coordinator: Kėdainių r. VVG",
     {"is_staff": True}, "kedainiai"),
    ("coordinator.dzukija", "Vida Navickienė", "LAG coordinator: Dzūkijos VVG",
     {"is_staff": True}, "dzukija"),
    ("coordinator.radviliskis", "Saulius Bernotas", "LAG coordinator: „Radviliškio lyderis“",
     {"is_staff": True}, "radviliskis"),
    ("member", MEMBER.full_name, "member acting for actors", {}, None),
    ("consultant", "Giedrius Urbonas", "consultant / trainer", {"is_consultant": True}, None),
    ("evaluator", "Dalia Bernotienė", "evaluator", {"is_evaluator": True}, None),
]  # fmt: skip


def build_plan(seed: int = SEED) -> list[DemoActor]:
    """Every demo actor, computed from `seed` alone (no database access)."""
    rng = random.Random(seed)
    rows = load_settlements()
    district_of_lag = {lag["slug"]: lag["district"] for lag in LAGS}
    district_name = {slug: name for name, slug in DISTRICTS}
    used_names: set[str] = set()
    used_people: set[tuple[str, str]] = {(MEMBER.first, MEMBER.last)}
    used_codes: set[str] = set()
    plan: list[DemoActor] = []
    member = demo_user_email("member")

    def finish(text: ActorText, lag_slug: str, place: Place, status: str, **extra) -> DemoActor:
        used_names.add(text.name)
        lat, lon = jitter(rng, place.lat, place.lon)
        code = None
        if text.organisation:
            while code is None or code in used_codes:
                code = str(rng.choice([1, 3])) + f"{rng.randint(0, 99_999_999):08d}"
            used_codes.add(code)
        if text.person is not None:
            email = f"{demo_email_local(text.person.first)}.{demo_email_local(text.person.last)}"
        else:
            email = demo_email_local(text.name)
        public = rng.random() < 0.45
        # No certification status is set by hand: only the certification system certifies
        # (the seed names no certified actor). This draw once chose a made-up status; it is
        # kept so that every actor drawn after it stays the same as before.
        if text.actor_type in ("community_business", "community_org", "social_business"):
            rng.random()
        published_at = None
        if status == "published":
            day = datetime(2022, 3, 1, 10, 0, tzinfo=VILNIUS) + timedelta(days=rng.randint(0, 1150))
            published_at = day + timedelta(minutes=rng.randint(0, 480))
        return DemoActor(
            text=text,
            lag=lag_slug,
            settlement=place.name,
            status=status,
            lat=lat,
            lon=lon,
            legal_code=code,
            email=f"{email}@example.lt",
            phone=phone_number(rng) if rng.random() < 0.75 else "",
            address=f"{rng.choice(STREETS)} g. {rng.randint(1, 60)}, {place.name}, "
            f"{district_name[district_of_lag[lag_slug]]}",
            website=(
                f"https://{demo_email_local(text.name)}.example.lt"
                if text.organisation and rng.random() < 0.3
                else ""
            ),  # fmt: skip
            contacts_public=public,
            published_at=published_at,
            **extra,
        )

    for lag in LAGS:
        district = district_name[lag["district"]]
        places = [
            Place(name, GENITIVES[name], lat, lon) for name, d, lat, lon in rows if d == district
        ]
        by_name = {p.name: p for p in places}
        actors: list[DemoActor] = []
        # Every settlement has its community organisation; the seed names six of them.
        named = {settlement: name for name, settlement in NAMED_COMMUNITIES}
        for place in places:
            text = community_text(
                rng, place, named.get(place.name), kedainiai=lag["slug"] == "kedainiai"
            )
            if place.name in named:
                text.description += (
                    " 2019 m. dalyvavome projekto „Žydinti Lietuva“ vietovių atrankos konkurse."
                )
            actors.append(finish(text, lag["slug"], place, "published"))
        for name, settlement, description, offers, seeks, themes in SPECIALS[lag["slug"]]:
            text = ActorText(name, "sme", description, offers, seeks, list(themes))
            actors.append(finish(text, lag["slug"], by_name[settlement], "published"))
        wanted = PUBLISHED_PER_LAG + PENDING_PER_LAG
        turn = 0
        while len(actors) < wanted:
            kind = KIND_CYCLE[turn % len(KIND_CYCLE)]
            turn += 1
            for _attempt in range(50):
                place = rng.choice(places)
                text = kind_text(rng, kind, place)
                person = text.person and (text.person.first, text.person.last)
                if text.name not in used_names and person not in used_people:
                    break
            else:
                continue  # this kind has no fresh name left here: take the next kind
            if person:
                used_people.add(person)
            # The last few of each LAG wait for their coordinator's moderation.
            status = "pending" if len(actors) >= PUBLISHED_PER_LAG else "published"
            actors.append(finish(text, lag["slug"], place, status))
        plan.extend(actors)

    # The demo member owns two published profiles (her own craft and her community centre,
    # which she chairs), one profile awaiting moderation and one draft.
    kedainiai = [Place(n, GENITIVES[n], la, lo) for n, d, la, lo in rows if d == "Kėdainių r. sav."]
    josvainiai = next(p for p in kedainiai if p.name == "Josvainiai")
    own = trade_text(rng, josvainiai, MEMBER)
    own.name = f"Individuali veikla: keramikė {MEMBER.full_name}"
    own.offers = TRADES[0][2]
    own.themes = list(TRADES[0][3])
    plan.append(finish(own, "kedainiai", josvainiai, "published", owners=[member]))
    for actor in plan:
        if actor.text.name == "Josvainių bendruomenės centras":
            actor.owners.append(member)
    pending = ActorText(
        "MB „Molio namai“", "sme",
        "Keramikos studija Josvainiuose: gaminame indus kavinėms ir sodyboms.",
        "Keraminiai indai kavinėms, dovanų rinkiniai, keramikos kursai suaugusiems.",
        "Ieškome kavinių ir sodybų, norinčių vietoje pagamintų indų.",
        ["rural-jobs", "heritage-tourism", "marketing"],
    )  # fmt: skip
    plan.append(finish(pending, "kedainiai", josvainiai, "pending", owners=[member]))
    draft = ActorText(
        "Keramikos stovykla „Molinukas“", "other",
        "Vasaros stovykla vaikams: molis, žiedimas ir degimas lauko krosnyje.",
        "Penkių dienų stovykla vaikams nuo 8 metų.",
        "Ieškome bendruomenės, kuri priimtų stovyklą savo namuose.",
        ["heritage-tourism", "social-innovation"],
    )  # fmt: skip
    plan.append(finish(draft, "kedainiai", josvainiai, "draft", owners=[member]))
    slugs = [a.slug for a in plan]
    assert len(slugs) == len(set(slugs)), "demo actor slugs must be unique"
    return plan


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class SeedResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (role, e-mail, pwd)

    def count(self, what: str, created: bool, changed: bool = True) -> None:
        if created:
            self.created[what] = self.created.get(what, 0) + 1
        elif changed:
            self.updated[what] = self.updated.get(what, 0) + 1


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


@transaction.atomic
def seed_demo(*, seed: int = SEED) -> SeedResult:
    """Write (or restore) the demo territories, actors and accounts. Idempotent."""
    from allauth.account.models import EmailAddress

    from kaimolink.accounts.models import Coordination, User
    from kaimolink.actors.models import Actor, ActorLogEntry, ActorMembership
    from kaimolink.core.models import District, Lag, Settlement, Theme

    result = SeedResult()
    districts = {}
    for name, slug in DISTRICTS:
        obj, created, changed = _upsert(District, {"slug": slug}, {"name": name})
        districts[name] = obj
        result.count("districts", created, changed)
    settlements = {}
    for name, district_name, lat, lon in load_settlements():
        obj, created, changed = _upsert(
            Settlement, {"district": districts[district_name], "name": name},
            {"lat": lat, "lon": lon},
        )  # fmt: skip
        settlements[(obj.district_id, name)] = obj
        result.count("settlements", created, changed)
    lags = {}
    district_by_slug = {d.slug: d for d in districts.values()}
    for spec in LAGS:
        values = {k: v for k, v in spec.items() if k not in ("slug", "district")}
        obj, created, changed = _upsert(Lag, {"slug": spec["slug"]}, values)
        district = district_by_slug[spec["district"]]
        if not obj.districts.filter(pk=district.pk).exists():
            obj.districts.add(district)
            changed = True
        lags[spec["slug"]] = obj
        result.count("LAGs", created, changed)

    users = {}
    for local, full_name, role, flags, lag_slug in DEMO_ACCOUNTS:
        email = demo_user_email(local)
        values = {
            "full_name": full_name,
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "is_consultant": False,
            "is_evaluator": False,
            **flags,
        }
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
        if lag_slug:
            Coordination.objects.get_or_create(user=user, lag=lags[lag_slug])
        users[email] = user
        result.count("accounts", created, changed)
        result.accounts.append((role, email, DEMO_PASSWORD))

    themes = {t.slug: t for t in Theme.objects.all()}
    lag_district = {spec["slug"]: spec["district"] for spec in LAGS}
    for demo in build_plan(seed):
        lag = lags[demo.lag]
        district = district_by_slug[lag_district[demo.lag]]
        settlement = settlements[(district.pk, demo.settlement)]
        text = demo.text
        values = {
            "name": text.name, "actor_type": text.actor_type, "legal_code": demo.legal_code,
            "lag": lag, "district": district, "settlement": settlement,
            "lat": demo.lat, "lon": demo.lon, "description": text.description,
            "offers": text.offers, "seeks": text.seeks, "website": demo.website,
            "email": demo.email, "phone": demo.phone, "address": demo.address,
            "contacts_public": demo.contacts_public,
            "contacts_consent_at": demo.published_at if demo.contacts_public else None,
            "status": demo.status, "moderation_note": "",
            "published_at": demo.published_at,
        }  # fmt: skip
        actor, created, changed = _upsert(Actor, {"slug": demo.slug}, values)
        wanted = {themes[slug].pk for slug in text.themes}
        if set(actor.themes.values_list("pk", flat=True)) != wanted:
            actor.themes.set(wanted)
            actor.save(update_fields=["search_text"])  # save() refreshes the folded copies
            changed = True
        if created:
            # Spread creation dates so that "newest first" shows something sensible.
            stamp = demo.published_at or datetime(2025, 11, 3, 9, 30, tzinfo=VILNIUS)
            Actor.objects.filter(pk=actor.pk).update(
                created_at=stamp - timedelta(days=3), updated_at=stamp
            )
            ActorLogEntry.objects.create(
                actor=actor, kind=ActorLogEntry.Kind.CREATED, to_status=demo.status,
                note="Demo data (kaimolink seed_demo)",
            )  # fmt: skip
        for role, emails in (("owner", demo.owners), ("editor", demo.editors)):
            for email in emails:
                membership, made = ActorMembership.objects.get_or_create(
                    actor=actor, user=users[email], defaults={"role": role}
                )
                if not made and membership.role != role:
                    membership.role = role
                    membership.save(update_fields=["role"])
                    changed = True
                changed = changed or made
        result.count(f"actors ({demo.status})", created, changed)
    return result
