"""Writes of virtual fairs: fairs, exhibitors, booths, questions, favourites, meetings.

Every write goes through here (web, demo). A refusal raises FairError with a message for
the person and changes nothing. Time rules read `now` (the demo passes the time it
writes as): questions are asked and answered only while the fair is open; people apply
and meetings are booked until it closes. A meeting slot is booked once: the slot row is
locked while it is checked, and a unique booking per slot holds even without the lock.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kaimolink.accounts.models import Coordination
from kaimolink.actors.enums import ActorStatus
from kaimolink.core.uploads import reencode_image
from kaimolink.fairs.enums import ApplicationState, FairStatus, Period
from kaimolink.fairs.models import (
    PHOTO_SIDE,
    Booth,
    BoothQuestion,
    BoothVisit,
    ExhibitorApplication,
    Fair,
    Favourite,
    LiveSession,
    MeetingBooking,
    MeetingSlot,
)
from kaimolink.market.enums import Category, ProductStatus
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

MAX_QUESTION = 2000
MAX_ANSWER = 4000


class FairError(Exception):
    """A refusal with a message for the person."""


def _url(name: str, **kwargs) -> str:
    with override("lt"):
        return reverse(name, kwargs=kwargs)


def _members(actor) -> list:
    return [m.user for m in actor.memberships.select_related("user")]


def _coordinators(fair: Fair) -> list:
    return [
        c.user for c in Coordination.objects.filter(lag__in=fair.lags.all()).select_related("user")
    ]


# --- Fairs ---------------------------------------------------------------------------------

FAIR_FIELDS = ("title", "theme", "description", "opens_at", "closes_at", "settlement", "address")


@transaction.atomic
def fair_save(*, by, data: dict, lags, fair: Fair | None = None) -> Fair:
    """Create (`fair=None`) or change a fair from cleaned form data."""
    lags = list(lags)
    if not lags:
        raise FairError(_("Choose at least one LAG whose fair it is."))
    if data["closes_at"] <= data["opens_at"]:
        raise FairError(_("The fair must close after it opens."))
    categories = list(dict.fromkeys(data.get("categories") or []))
    if any(c not in Category.values for c in categories):
        raise FairError(_("Choose categories from the market's list."))
    fair = fair or Fair(created_by=by)
    for name in FAIR_FIELDS:
        if name in data:
            setattr(fair, name, data[name])
    fair.categories = categories
    if data.get("status") in FairStatus.values:
        fair.status = data["status"]
    fair.save()
    fair.lags.set(lags)
    return fair


def session_add(*, fair: Fair, day, starts, ends, note: str = "") -> LiveSession:
    if ends <= starts:
        raise FairError(_("A live session must end after it starts."))
    if not fair.opens_at.date() <= day <= timezone.localtime(fair.closes_at).date():
        raise FairError(_("Choose a day while the fair is open."))
    return LiveSession.objects.create(
        fair=fair, day=day, starts=starts, ends=ends, note=note.strip()[:200]
    )


def session_delete(*, fair: Fair, session_id: int) -> None:
    deleted, _count = fair.sessions.filter(pk=session_id).delete()
    if not deleted:
        raise FairError(_("This live session is not there any more."))


# --- Exhibitors ----------------------------------------------------------------------------


@transaction.atomic
def apply(*, fair: Fair, actor, by, note: str = "", now: datetime | None = None):
    """The actor asks to exhibit; the fair's coordinators hear of it."""
    now = now or timezone.now()
    if fair.status != FairStatus.PUBLISHED:
        raise FairError(_("This fair is not published yet."))
    if fair.period(now) == Period.PAST:
        raise FairError(_("This fair is over: it takes no more exhibitors."))
    if actor.status != ActorStatus.PUBLISHED:
        raise FairError(_("Only a published actor can exhibit."))
    if not fair.lags.filter(pk=actor.lag_id).exists():
        raise FairError(_("This fair is for actors of %(lags)s.") % {
            "lags": ", ".join(lag.name for lag in fair.lags.all())})  # fmt: skip
    if ExhibitorApplication.objects.filter(fair=fair, actor=actor).exists():
        raise FairError(_("%(actor)s has already applied to this fair.") % {"actor": actor.name})
    application = ExhibitorApplication.objects.create(
        fair=fair, actor=actor, applied_by=by, note=note.strip()[:2000]
    )
    notify(
        recipients=_coordinators(fair),
        kind=Kind.MODERATION,
        title=gettext_noop("%(actor)s applies to exhibit at %(fair)s"),
        params={"actor": actor.name, "fair": fair.title},
        url=_url("fairs:applications", slug=fair.slug),
        exclude=by,
    )
    return application


@transaction.atomic
def decide(*, application: ExhibitorApplication, accept: bool, by, reason: str = ""):
    """The coordinator accepts (the actor gets a booth) or refuses (with a reason)."""
    application = (
        ExhibitorApplication.objects.select_for_update()
        .select_related("fair", "actor")
        .get(pk=application.pk)
    )
    if application.state != ApplicationState.PENDING:
        raise FairError(_("This application is already decided."))
    if not accept and not reason.strip():
        raise FairError(_("Say why you refuse: the exhibitor will read it."))
    application.state = ApplicationState.ACCEPTED if accept else ApplicationState.REFUSED
    application.reason = reason.strip()[:2000]
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["state", "reason", "decided_by", "decided_at"])
    booth = None
    if accept:
        booth, _created = Booth.objects.get_or_create(
            fair=application.fair, actor=application.actor
        )
    notify(
        recipients=_members(application.actor),
        kind=Kind.MODERATION,
        title=gettext_noop("Your application to %(fair)s: %(state)s"),
        params={"fair": application.fair.title, "state": str(application.get_state_display())},
        url=_url("fairs:mine"),
    )
    return application, booth


# --- Booths --------------------------------------------------------------------------------


def check_video_url(url: str) -> str:
    url = (url or "").strip()
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        raise FairError(_("A video link starts with https:// or http://"))
    return url


def booth_products(booth: Booth):
    """The products the booth may bring: the actor's published ones of the fair's categories."""
    qs = booth.actor.products.filter(status=ProductStatus.PUBLISHED)
    if booth.fair.categories:
        qs = qs.filter(category__in=booth.fair.categories)
    return qs.order_by("name_sort", "id")


@transaction.atomic
def booth_save(
    *, booth: Booth, data: dict, products, photo=None, now: datetime | None = None
) -> Booth:
    """The exhibitor's booth: presentation, photo or video link, products, live hours.

    Raises ValidationError (from the upload checker) for a file that is not a picture.
    """
    if booth.fair.period(now) == Period.PAST:
        raise FairError(_("This fair is over: its booths cannot be changed."))
    products = list(products)
    allowed = set(booth_products(booth).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in products):
        raise FairError(_("Choose only your published products of the fair's categories."))
    booth.presentation = data.get("presentation", "").strip()
    booth.video_url = check_video_url(data.get("video_url", ""))
    booth.live_hours = data.get("live_hours", "").strip()[:300]
    booth.photo_alt = data.get("photo_alt", "").strip()[:200]
    if photo is not None:
        image = reencode_image(photo, max_side=PHOTO_SIDE)
        booth.photo.save(image.name, image, save=False)
    booth.save()
    booth.products.set(products)
    return booth


# --- Questions -----------------------------------------------------------------------------


def _must_be_open(fair: Fair, now, message: str) -> None:
    if fair.status != FairStatus.PUBLISHED or fair.period(now) != Period.OPEN:
        raise FairError(message)


@transaction.atomic
def question_ask(*, booth: Booth, by, text: str, now: datetime | None = None) -> BoothQuestion:
    if by is None or not by.is_authenticated:
        raise FairError(_("Sign in to ask a question."))
    text = text.strip()
    if not text:
        raise FairError(_("Write your question."))
    if len(text) > MAX_QUESTION:
        raise FairError(_("A question is at most %(n)s characters.") % {"n": MAX_QUESTION})
    _must_be_open(
        booth.fair, now or timezone.now(), _("Questions are asked only while the fair is open.")
    )
    question = BoothQuestion.objects.create(booth=booth, asked_by=by, text=text)
    notify(
        recipients=_members(booth.actor),
        kind=Kind.MESSAGE,
        title=gettext_noop("A question at your booth at %(fair)s"),
        params={"fair": booth.fair.title},
        url=_url("fairs:booth_desk", slug=booth.fair.slug, booth_id=booth.pk),
        exclude=by,
    )
    return question


@transaction.atomic
def question_answer(
    *, question: BoothQuestion, by, text: str, now: datetime | None = None
) -> BoothQuestion:
    booth = question.booth
    if not booth.actor.memberships.filter(user=by).exists():
        raise FairError(_("Only the exhibitor's members answer its questions."))
    text = text.strip()
    if not text:
        raise FairError(_("Write your answer."))
    if len(text) > MAX_ANSWER:
        raise FairError(_("An answer is at most %(n)s characters.") % {"n": MAX_ANSWER})
    _must_be_open(
        booth.fair, now or timezone.now(), _("Questions are answered only while the fair is open.")
    )
    question.answer = text
    question.answered_by = by
    question.answered_at = now or timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    if question.asked_by_id:
        notify(
            recipients=[question.asked_by],
            kind=Kind.CONSULTATION_ANSWER,
            title=gettext_noop("%(actor)s answered your question at %(fair)s"),
            params={"actor": booth.actor.name, "fair": booth.fair.title},
            url=_url("fairs:booth", slug=booth.fair.slug, booth_id=booth.pk),
            exclude=by,
        )
    return question


# --- Favourites and visits -----------------------------------------------------------------


def favourite_toggle(*, booth: Booth, person) -> bool:
    """Keep the booth among the person's favourites, or drop it: True when now kept."""
    deleted, _count = Favourite.objects.filter(booth=booth, person=person).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(booth=booth, person=person)
    except IntegrityError:  # the same person's second tab, at the same instant
        pass
    return True


def visit_count(*, booth: Booth, day=None) -> None:
    """One more visit of the booth on this day (a number: nobody's data is kept)."""
    day = day or timezone.localdate()
    updated = BoothVisit.objects.filter(booth=booth, day=day).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                BoothVisit.objects.create(booth=booth, day=day, count=1)
        except IntegrityError:
            BoothVisit.objects.filter(booth=booth, day=day).update(count=F("count") + 1)


# --- Meetings ------------------------------------------------------------------------------


def slot_add(*, booth: Booth, starts_at, ends_at, place: str = "") -> MeetingSlot:
    fair = booth.fair
    if ends_at <= starts_at:
        raise FairError(_("A meeting must end after it starts."))
    if starts_at < fair.opens_at or ends_at > fair.closes_at:
        raise FairError(_("Offer meeting times while the fair is open."))
    return MeetingSlot.objects.create(
        booth=booth, starts_at=starts_at, ends_at=ends_at, place=place.strip()[:300]
    )


def slot_delete(*, booth: Booth, slot_id: int) -> None:
    slot = booth.slots.filter(pk=slot_id).first()
    if slot is None:
        raise FairError(_("This meeting time is not there any more."))
    if MeetingBooking.objects.filter(slot=slot).exists():
        raise FairError(_("This time is booked: it cannot be taken back here."))
    slot.delete()


def slot_row(slot_id: int, *, lock: bool) -> MeetingSlot:
    """The slot, locked until the booking's transaction ends.

    `lock=False` exists only for the test that shows the race the lock prevents.
    """
    qs = MeetingSlot.objects.select_related("booth__fair", "booth__actor")
    return (qs.select_for_update(of=("self",)) if lock else qs).get(pk=slot_id)


@transaction.atomic
def slot_book(
    *, slot: MeetingSlot, person, topic: str = "", now: datetime | None = None, lock: bool = True
) -> MeetingBooking:
    """Book the slot for the person; a slot that someone has booked is refused clearly."""
    now = now or timezone.now()
    if person is None or not person.is_authenticated:
        raise FairError(_("Sign in to book a meeting."))
    slot = slot_row(slot.pk, lock=lock)
    fair = slot.booth.fair
    if fair.status != FairStatus.PUBLISHED or fair.period(now) == Period.PAST:
        raise FairError(_("This fair is over: its meetings cannot be booked."))
    if slot.starts_at <= now:
        raise FairError(_("This meeting time has passed."))
    if slot.booth.actor.memberships.filter(user=person).exists():
        raise FairError(_("You cannot book a meeting at your own booth."))
    if MeetingBooking.objects.filter(slot=slot).exists():
        raise FairError(_("Someone has just booked this time: choose another one."))
    booking = MeetingBooking.objects.create(slot=slot, person=person, topic=topic.strip()[:500])
    notify(
        recipients=_members(slot.booth.actor),
        kind=Kind.BOOKING,
        title=gettext_noop("A meeting is booked at your booth at %(fair)s"),
        params={"fair": fair.title},
        url=_url("fairs:booth_desk", slug=fair.slug, booth_id=slot.booth_id),
        exclude=person,
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: MeetingBooking, person) -> None:
    if booking.person_id != person.pk:
        raise FairError(_("This booking is not yours."))
    booking.delete()
