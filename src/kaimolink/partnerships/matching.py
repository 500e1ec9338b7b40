"""Matchmaking: who could answer a request, which requests an actor could answer, and which
actors complement each other (what one looks for, another offers).

The scoring is deliberately simple and explainable; docs/matchmaking.md writes it down and
tests/partnerships/test_matching.py shows it on cases where the right answer is obvious.

    words     up to 45  shared word stems: the best counts 25 when it is in the need's title
                        (or in an actor's "looks for"), 12 when only in the description;
                        each further word counts half the one before it
    themes    up to 20  10 per shared theme
    distance  up to 25  25 at 0 km, falling linearly to 0 at DISTANCE_ZERO_KM (150 km)
    same LAG      10    the same LAG stands in for "same or neighbouring district"

An actor is suggested for a post only with at least one shared word, or with two shared
themes: a theme alone is too broad ("short food supply chains" holds both honey and
cucumbers). Requests for an actor, and complementary actors, need a shared word.

Reads: the candidates are prefiltered in SQL (published, not the asking actor, the area,
and a shared theme or a word stem in the actor's folded text), capped at MAX_CANDIDATES,
and scored here in Python: two queries whatever the number of candidates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaimolink.actors.models import Actor
from kaimolink.core.models import Theme
from kaimolink.core.text import fold
from kaimolink.partnerships.enums import Area, PostKind

# --- Words ------------------------------------------------------------------------------------

# Lithuanian inflection endings, folded (ų -> u, ė -> e…), longest first. Stripping one and
# keeping the first STEM_LENGTH letters makes „medus“, „medaus“ and „medų“ all `med`, and
# „krepšelis“, „krepšeliui“, „krepšelį“ all `krepse`, while „mediena“ (wood) stays `medien`.
ENDINGS = sorted(
    """iuose uose iais iams ioms omis emis imis ems ams oms ims ums iai ius iui iu ias ais
    aus uje oje eje yje ose ese yse ion ija ijos iju iems ei iau as is ys us es os ai ui am
    om ia ie io a e i o u y s""".split(),
    key=len,
    reverse=True,
)
STEM_LENGTH = 6
MIN_STEM = 3
# Words that say nothing about what is offered or needed (folded; stemmed below).
STOP_WORDS = """
ir ar su be bei kad kaip kur kuris kuri kurie kurios kuriu kuria jis ji jie jos mes jus
musu jusu mums mus man mano tai tas ta tie tos to tam ten cia cia cia dar jau tik labai ne
nei bet arba o yra buti gali galime galetume reikia reikes reikalingas reikalinga
ieskome ieskau ieskoma siulome siulau siulo norime noretume norime norinciu norintys
galime galetu kviecia kvieciame partneri partneris partneriu partneriams partnerio partneriu
bendram bendra bendras bendrai bendriems bendru bendro bendrame
per prie apie nuo iki po pas del uz is i ant tarp pagal vietos vietiniu vietinis vietine
men menesi menesio metu metus kas kasmet vnt kt pvz tt
kaimo kaimu kaime regiono regione rajone rajono
ukis ukio ukiu ukyje ukiai ukiams diena dienos dienas dienu dienomis savaite savaites savaitei
darbo darbas darbai namai namu namuose namams zmones zmoniu zmonems
produktai produktu produktus produktams
bendruomene bendruomenes bendruomeniu bendruomenems bendruomenei bendruomenej
we us our you your need needs needed looking look for and or the a an of to in on with
offer offers offering from by at who can will would per month
""".split()
WORD = re.compile(r"[a-z]+")


def stem(word: str) -> str:
    """A crude Lithuanian stem of a folded word: one ending off, then the first letters."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            break
    return word[:STEM_LENGTH]


STOP_STEMS = {stem(w) for w in STOP_WORDS}


def word_stems(text: str) -> dict[str, str]:
    """{stem: the first word of `text` with that stem, as written} without stop words.

    The word as written (lower case, with its diacritics) is what a reason shows.
    """
    found: dict[str, str] = {}
    for raw in re.findall(r"\w+", (text or "").lower()):
        folded = fold(raw)
        if len(folded) < MIN_STEM or not WORD.fullmatch(folded):
            continue  # numbers, short words, other scripts
        key = stem(folded)
        if key not in STOP_STEMS:
            found.setdefault(key, raw)
    return found


# --- Places -------------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def actor_point(actor: Actor) -> tuple[float, float] | None:
    """The actor's own position, else its settlement's (needs `settlement` loaded)."""
    if actor.lat is not None and actor.lon is not None:
        return actor.lat, actor.lon
    if actor.settlement_id:
        return actor.settlement.lat, actor.settlement.lon
    return None


# --- Scoring (pure) -------------------------------------------------------------------------------

PRIMARY_WORD = 25
SECONDARY_WORD = 12
WORDS_MAX = 45
THEME_POINTS = 10
THEMES_MAX = 20
DISTANCE_MAX = 25
DISTANCE_ZERO_KM = 150
SAME_LAG = 10
# Without a shared word, this many shared themes still make a suggestion.
THEMES_WITHOUT_WORDS = 2
MAX_CANDIDATES = 300
# Word stems used in the SQL prefilter (the longest ones: they are the most telling).
MAX_PREFILTER_STEMS = 12


@dataclass
class Need:
    """What someone looks for: the words (primary weigh more), themes, place and LAG."""

    primary: dict[str, str]
    secondary: dict[str, str]
    theme_ids: set[int]
    point: tuple[float, float] | None
    lag_id: int | None

    @property
    def all_words(self) -> dict[str, str]:
        return self.secondary | self.primary


@dataclass
class Match:
    """One scored pair, with what the reason needs."""

    score: int
    words: list[str] = field(default_factory=list)  # as written in the answering text
    asked: list[str] = field(default_factory=list)  # the same stems as written in the need
    themes: list[Theme] = field(default_factory=list)
    km: float | None = None
    same_lag: bool = False

    @property
    def qualifies(self) -> bool:
        return bool(self.words) or len(self.themes) >= THEMES_WITHOUT_WORDS


def score(need: Need, *, words: dict[str, str], themes: list[Theme], point, lag_id) -> Match:
    """How well an answer (its words, themes, place and LAG) meets a need: 0–100."""
    matched = [s for s in need.primary if s in words] + [
        s for s in need.secondary if s in words and s not in need.primary
    ]
    # A long text collects incidental matches: each further word counts half the one before.
    weights = sorted((PRIMARY_WORD if s in need.primary else SECONDARY_WORD for s in matched),
                     reverse=True)  # fmt: skip
    word_points = sum(w / 2**i for i, w in enumerate(weights))
    shared = [t for t in themes if t.pk in need.theme_ids]
    km = haversine_km(need.point, point) if need.point and point else None
    distance_points = 0 if km is None else DISTANCE_MAX * max(0.0, 1 - km / DISTANCE_ZERO_KM)
    same_lag = need.lag_id is not None and need.lag_id == lag_id
    total = (
        min(WORDS_MAX, word_points)
        + min(THEMES_MAX, THEME_POINTS * len(shared))
        + distance_points
        + (SAME_LAG if same_lag else 0)
    )
    return Match(
        score=min(100, round(total)),
        words=[words[s] for s in matched],
        asked=[need.primary.get(s) or need.secondary[s] for s in matched],
        themes=shared,
        km=km,
        same_lag=same_lag,
    )


# What the shared words mean, as seen by the reader of the list.
WORDS_OFFERS = "offers"  # the suggested actor offers them (suggestions for a request)
WORDS_SEEKS = "seeks"  # the suggested actor looks for them (suggestions for an offer)
WORDS_ASKS = "asks"  # a request asks for what the reader offers
WORDS_YOU_SEEK = "you_seek"  # complementary: the other offers what the reader looks for
WORDS_YOU_OFFER = "you_offer"  # complementary: the other looks for what the reader offers


def reason(match: Match, words_mean: str) -> str:
    """One line in the active language: "offers: medus, 12 km away, theme: …"."""
    parts = []
    if match.words:
        shown = ", ".join((match.asked if words_mean == WORDS_ASKS else match.words)[:3])
        template = {
            WORDS_OFFERS: _("offers: %(words)s"),
            WORDS_SEEKS: _("looks for: %(words)s"),
            WORDS_ASKS: _("asks for: %(words)s"),
            WORDS_YOU_SEEK: _("offers what you look for: %(words)s"),
            WORDS_YOU_OFFER: _("looks for what you offer: %(words)s"),
        }[words_mean]
        parts.append(template % {"words": shown})
    if match.km is not None:
        if match.km < 1:
            parts.append(_("less than 1 km away"))
        else:
            parts.append(_("%(km)s km away") % {"km": round(match.km)})
    if match.same_lag:
        parts.append(_("same LAG"))
    if match.themes:
        parts.append(
            ngettext("theme: %(themes)s", "themes: %(themes)s", len(match.themes))
            % {"themes": ", ".join(t.name for t in match.themes)}
        )
    return ", ".join(parts)


# --- Reads --------------------------------------------------------------------------------------


@dataclass
class Suggestion:
    """A suggested actor or request with its score and the reason in the reader's language."""

    actor: Actor
    score: int
    reason: str
    post: object | None = None  # the request, for requests_for_actor


def _themes_prefetch():
    return Prefetch("themes", queryset=Theme.objects.order_by("position", "slug"))


def _word_condition(words: dict[str, str]) -> Q:
    """Actors whose folded text holds one of the words (`words`: stem → word as written).

    PostgreSQL asks its full-text index (the Lithuanian stemmer over `search_text`, GIN):
    a substring search for each stem reads all 100 000 actors (270 ms against 100 ms,
    bench/matchmaking.py). SQLite looks for each stem as a substring. Either way this only
    chooses whom to score: the score itself compares stems the same way on both.
    """
    condition = Q()
    for key in sorted(words, key=len, reverse=True)[:MAX_PREFILTER_STEMS]:
        if connection.vendor == "postgresql":
            condition |= Q(search_text__lt_fts=words[key])
        else:
            condition |= Q(search_text__contains=key)
    return condition


def _candidate_actors(*, words: dict[str, str], theme_ids: set[int], exclude_pk, lag_id=None):
    """Published actors sharing a theme or holding one of the words, at most MAX_CANDIDATES.

    Those holding a word come first (a word match is worth the most points, so a theme
    shared by thousands of actors cannot crowd out the one that offers the very thing
    asked for); the rest of the places go to actors sharing a theme. Within each, actors
    of `lag_id` (the asking actor's LAG) first, then the newest. Each group is one query
    on its own: OR-ing them in one query makes PostgreSQL test every word against every
    actor-theme row (1.3 s on 100 000 actors, bench/matchmaking.py).
    """
    holding_a_word = _word_condition(words)
    published = Actor.objects.published().exclude(pk=exclude_pk)
    if lag_id is not None:
        published = published.annotate(
            home=Case(When(lag_id=lag_id, then=Value(1)), default=Value(0))
        ).order_by("-home", "-id")
    else:
        published = published.order_by("-id")
    ids = []
    if holding_a_word:
        ids = list(published.filter(holding_a_word).values_list("pk", flat=True)[:MAX_CANDIDATES])
    if theme_ids and len(ids) < MAX_CANDIDATES:
        sharing = Actor.themes.through.objects.filter(theme_id__in=theme_ids).values("actor_id")
        ids += list(
            published.filter(pk__in=sharing)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)[: MAX_CANDIDATES - len(ids)]
        )
    if not ids:
        return []
    rank = {pk: position for position, pk in enumerate(ids)}
    found = (
        Actor.objects.filter(pk__in=ids)
        .select_related("settlement")
        .prefetch_related(_themes_prefetch())
    )
    return sorted(found, key=lambda actor: rank[actor.pk])


def post_need(post) -> Need:
    """A post as a need: its title weighs more than its description. Needs post.themes,
    post.actor and post.actor.settlement loaded (or costs a query each)."""
    primary = word_stems(post.title)
    secondary = {k: v for k, v in word_stems(post.description).items() if k not in primary}
    return Need(
        primary=primary,
        secondary=secondary,
        theme_ids={t.pk for t in post.themes.all()},
        point=actor_point(post.actor),
        lag_id=post.actor.lag_id,
    )


def _ranked(pairs, limit):
    pairs.sort(key=lambda s: (-s.score, s.actor.name_sort, s.actor.pk))
    return pairs[:limit]


def suggestions_for_post(post, *, limit: int = 10) -> list[Suggestion]:
    """Actors that could answer the post: for a request those whose offers match it, for an
    offer those whose "looks for" matches it. The posting actor and unpublished actors are
    never suggested; area "own LAG" keeps the actors of the posting actor's LAG only."""
    need = post_need(post)
    own_lag = post.area == Area.OWN_LAG
    candidates = _candidate_actors(
        words=need.all_words,
        theme_ids=need.theme_ids,
        exclude_pk=post.actor_id,
        lag_id=post.actor.lag_id,
    )
    words_mean = WORDS_OFFERS if post.kind == PostKind.REQUEST else WORDS_SEEKS
    found = []
    for actor in candidates:
        if own_lag and actor.lag_id != post.actor.lag_id:
            continue
        text = actor.offers if post.kind == PostKind.REQUEST else actor.seeks
        match = score(
            need,
            words=word_stems(text),
            themes=list(actor.themes.all()),
            point=actor_point(actor),
            lag_id=actor.lag_id,
        )
        if match.qualifies:
            found.append(Suggestion(actor, match.score, reason(match, words_mean)))
    return _ranked(found, limit)


def requests_for_actor(actor: Actor, *, limit: int = 10, today=None) -> list[Suggestion]:
    """Open requests of other actors that this actor's offers could answer."""
    from kaimolink.partnerships.models import PartnershipPost

    today = today or timezone.localdate()
    requests = (
        PartnershipPost.objects.on_board(today)
        .filter(kind=PostKind.REQUEST)
        .exclude(actor=actor)
        .filter(~Q(area=Area.OWN_LAG) | Q(actor__lag_id=actor.lag_id))
        .select_related("actor__settlement", "actor__lag")
        .prefetch_related(_themes_prefetch())
        .order_by("-created_at", "-id")[:MAX_CANDIDATES]
    )
    words = word_stems(actor.offers)
    themes = list(actor.themes.all())
    point = actor_point(actor)
    found = []
    for post in requests:
        match = score(post_need(post), words=words, themes=themes, point=point,
                      lag_id=actor.lag_id)  # fmt: skip
        if match.words:  # a request is answered by what the actor offers: words decide
            found.append(Suggestion(post.actor, match.score, reason(match, WORDS_ASKS), post))
    found.sort(key=lambda s: (-s.score, -s.post.pk))
    return found[:limit]


def complementary_actors(actor: Actor, *, limit: int = 10) -> list[Suggestion]:
    """Actors that offer what this actor looks for, or look for what it offers.

    Each pair is scored both ways and the better direction is kept (and named in the reason).
    """
    point = actor_point(actor)
    theme_ids = {t.pk for t in actor.themes.all()}
    seeks = Need(word_stems(actor.seeks), {}, theme_ids, point, actor.lag_id)
    offers = word_stems(actor.offers)
    candidates = _candidate_actors(
        words=offers | seeks.primary,
        theme_ids=set(),  # a theme alone is no complement: words decide here
        exclude_pk=actor.pk,
        lag_id=actor.lag_id,
    )
    own_themes = list(actor.themes.all())
    found = []
    for other in candidates:
        other_themes = list(other.themes.all())
        other_point = actor_point(other)
        they_offer = score(seeks, words=word_stems(other.offers), themes=other_themes,
                           point=other_point, lag_id=other.lag_id)  # fmt: skip
        they_seek = score(
            Need(word_stems(other.seeks), {}, {t.pk for t in other_themes}, other_point,
                 other.lag_id),
            words=offers, themes=own_themes, point=point, lag_id=actor.lag_id,
        )  # fmt: skip
        best, mean = (
            (they_offer, WORDS_YOU_SEEK)
            if they_offer.score >= they_seek.score and they_offer.words
            else (they_seek, WORDS_YOU_OFFER)
        )
        if best.words:
            found.append(Suggestion(other, best.score, reason(best, mean)))
    return _ranked(found, limit)
