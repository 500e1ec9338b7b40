"""Writes of tourism: services, photos, route stops, moderation, enquiries.

Every write goes through here (web, demo). Enquiries move only through
`enquiry_transition`, which checks TRANSITIONS, writes a log entry and tells the other side.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kaimolink.actors.models import Actor
from kaimolink.core.mail import mail_to
from kaimolink.core.settlements import in_lithuania
from kaimolink.core.uploads import photo_store
from kaimolink.moderation.services import moderators_for
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify
from kaimolink.tourism.enums import EnquiryState, Language, ServiceKind, ServiceStatus
from kaimolink.tourism.models import (
    MAX_CAPACITY,
    MAX_PHOTOS,
    MAX_STOPS,
    PHOTO_LARGE,
    PHOTO_SMALL,
    Enquiry,
    EnquiryLogEntry,
    RouteStop,
    ServiceLogEntry,
    ServicePhoto,
    TourismService,
)

# Notifications of enquiries share the e-mail choice of order requests (notifications.kinds).
ENQUIRY_KIND = Kind.ORDER


class TourismError(Exception):
    """A refusal with a message for the person."""


def _url(name: str, **kwargs) -> str:
    with override("lt"):
        return reverse(name, kwargs=kwargs)


def check_position(lat, lon) -> None:
    if lat is None or lon is None:
        raise TourismError(_("Give the position: choose a settlement or enter the coordinates."))
    if not in_lithuania(lat, lon):
        raise TourismError(_("The position must be in Lithuania; check the coordinates."))


# --- Services ------------------------------------------------------------------------------

SERVICE_FIELDS = (
    "kind", "name", "description", "season_months", "opening_hours", "starts_at", "ends_at",
    "capacity", "languages", "accessibility", "price", "price_text", "settlement", "address",
    "lat", "lon",
)  # fmt: skip


def _check_service(service: TourismService) -> None:
    if service.kind not in ServiceKind.values:
        raise TourismError(_("Choose the kind of the service."))
    if not service.name.strip():
        raise TourismError(_("Write the name of the service."))
    if service.capacity is not None and not 1 <= service.capacity <= MAX_CAPACITY:
        raise TourismError(
            _("The capacity must be from 1 to %(max)s people.") % {"max": MAX_CAPACITY}
        )
    if any(code not in Language.values for code in service.languages):
        raise TourismError(_("Choose languages from the list."))
    if any(m not in range(1, 13) for m in service.season_months):
        raise TourismError(_("Choose months from the list."))
    if service.kind == ServiceKind.EVENT and service.starts_at is None:
        raise TourismError(_("Give the date and time when the event starts."))
    if service.starts_at and service.ends_at and service.ends_at < service.starts_at:
        raise TourismError(_("The event must end after it starts."))
    check_position(service.lat, service.lon)


@transaction.atomic
def service_save(*, actor: Actor, by, data: dict, service=None) -> TourismService:
    """Create (`service=None`) or change a service of `actor` from cleaned form data.

    Without coordinates the settlement's position is used. New services start as drafts;
    a published one that is changed stays published (the coordinator sees the log).
    """
    created = service is None
    service = service or TourismService(actor=actor)
    for name in SERVICE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    if (service.lat is None or service.lon is None) and service.settlement is not None:
        service.lat, service.lon = service.settlement.lat, service.settlement.lon
    service.season_months = sorted({int(m) for m in service.season_months or []})
    service.languages = list(dict.fromkeys(service.languages or []))
    _check_service(service)
    service.save()
    if created:
        ServiceLogEntry.objects.create(
            service=service, by=by, from_status="", to_status=service.status, note="created"
        )
    return service


def photo_add(*, service: TourismService, uploaded, alt: str = "") -> ServicePhoto:
    """Store an uploaded picture at two widths, re-encoded without metadata (core.uploads,
    as the market's product photos). A file that is not a picture raises ValidationError."""
    if service.photos.count() >= MAX_PHOTOS:
        raise TourismError(_("A service has at most %(n)s photos.") % {"n": MAX_PHOTOS})
    photo = ServicePhoto(service=service, alt=alt.strip()[:200], position=service.photos.count())
    return photo_store(photo, uploaded, large_side=PHOTO_LARGE, small_side=PHOTO_SMALL)


def photo_delete(*, service: TourismService, photo_id: int) -> None:
    photo = service.photos.filter(pk=photo_id).first()
    if photo is None:
        raise TourismError(_("This photo is not there any more."))
    photo.delete()


# --- Route stops ---------------------------------------------------------------------------


@transaction.atomic
def stop_add(
    *, route: TourismService, name: str = "", lat=None, lon=None, note: str = "", service=None
) -> RouteStop:
    """Add a stop at the end of a route: a place with a position, or a published service
    (its name and position are used when none are given)."""
    route = TourismService.objects.select_for_update().get(pk=route.pk)
    if route.kind != ServiceKind.ROUTE:
        raise TourismError(_("Only a route has stops."))
    if route.stops.count() >= MAX_STOPS:
        raise TourismError(_("A route has at most %(n)s stops.") % {"n": MAX_STOPS})
    if service is not None:
        if not service.is_published or service.pk == route.pk:
            raise TourismError(_("Choose a published service for this stop."))
        name = name.strip() or service.name
        if lat is None or lon is None:
            lat, lon = service.lat, service.lon
    if not name.strip():
        raise TourismError(_("Write the name of the place."))
    check_position(lat, lon)
    last = route.stops.order_by("-position").values_list("position", flat=True).first()
    return RouteStop.objects.create(
        route=route,
        position=0 if last is None else last + 1,
        name=name.strip()[:200],
        note=note.strip()[:500],
        lat=lat,
        lon=lon,
        service=service,
    )


def stop_delete(*, route: TourismService, stop_id: int) -> None:
    stop = route.stops.filter(pk=stop_id).first()
    if stop is None:
        raise TourismError(_("This stop is not there any more."))
    stop.delete()


# --- Moderation ----------------------------------------------------------------------------

SERVICE_MOVES = {
    (ServiceStatus.DRAFT, ServiceStatus.PENDING): "member",
    (ServiceStatus.HIDDEN, ServiceStatus.PENDING): "member",
    (ServiceStatus.PENDING, ServiceStatus.PUBLISHED): "coordinator",
    (ServiceStatus.PENDING, ServiceStatus.HIDDEN): "coordinator",
    (ServiceStatus.PUBLISHED, ServiceStatus.HIDDEN): "coordinator",
    (ServiceStatus.PUBLISHED, ServiceStatus.DRAFT): "member",
}


@transaction.atomic
def service_move(*, service: TourismService, to: str, by, as_coordinator: bool, note: str = ""):
    """Submit (member), publish or hide (the LAG's coordinator), withdraw (member)."""
    service = TourismService.objects.select_for_update().select_related("actor").get(pk=service.pk)
    who = SERVICE_MOVES.get((service.status, to))
    if who is None or (who == "coordinator") != as_coordinator:
        raise TourismError(_("This service cannot be moved to that status now."))
    from_status = service.status
    service.status = to
    if as_coordinator:
        service.moderation_note = note.strip()
    if to == ServiceStatus.PUBLISHED and service.published_at is None:
        service.published_at = timezone.now()
    service.save(update_fields=["status", "moderation_note", "published_at", "updated_at"])
    ServiceLogEntry.objects.create(
        service=service, by=by, from_status=from_status, to_status=to, note=note.strip()
    )
    if to == ServiceStatus.PENDING:
        notify(
            recipients=moderators_for(service.lag),
            kind=Kind.MODERATION,
            title=gettext_noop("A tourism service waits for publication: %(name)s"),
            params={"name": service.name},
            url=_url("tourism:moderation"),
            exclude=by,
        )
    elif as_coordinator:
        notify(
            recipients=[m.user for m in service.actor.memberships.select_related("user")],
            kind=Kind.MODERATION,
            title=gettext_noop("Your tourism service “%(name)s” is now: %(status)s"),
            params={"name": service.name, "status": str(service.get_status_display())},
            url=_url("tourism:service_edit", slug=service.slug),
        )
    return service


# --- Enquiries -----------------------------------------------------------------------------

PROVIDER, VISITOR = "provider", "visitor"

# (from, to) -> who may make the move.
TRANSITIONS = {
    (EnquiryState.REQUESTED, EnquiryState.CONFIRMED): PROVIDER,
    (EnquiryState.REQUESTED, EnquiryState.DECLINED): PROVIDER,
    (EnquiryState.REQUESTED, EnquiryState.CANCELLED): VISITOR,
    (EnquiryState.CONFIRMED, EnquiryState.CANCELLED): VISITOR,
}


def allowed_moves(enquiry: Enquiry, side: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == enquiry.state and who == side]


def check_enquiry(*, service: TourismService, date_from, date_to, party_size, today=None):
    """The rules of an enquiry's dates and party size; raises TourismError with the reason."""
    today = today or timezone.localdate()
    if date_from is None or date_to is None:
        raise TourismError(_("Give the dates: from and to."))
    if date_from < today:
        raise TourismError(_("The dates cannot be in the past."))
    if date_to < date_from:
        raise TourismError(_("The end date must be the same as or later than the start date."))
    if party_size is None or party_size < 1:
        raise TourismError(_("How many people will come? At least one."))
    if service.capacity is not None and party_size > service.capacity:
        raise TourismError(
            _("At most %(capacity)s people can come; write a smaller number.")
            % {"capacity": service.capacity}
        )


@transaction.atomic
def enquiry_create(
    *,
    service: TourismService,
    date_from,
    date_to,
    party_size: int,
    visitor=None,
    name: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    note: str = "",
) -> Enquiry:
    """A visitor's enquiry. A guest gives a name, a phone or an e-mail, and consent."""
    if not service.is_published or service.actor.status != "published":
        raise TourismError(_("This service does not take enquiries now."))
    check_enquiry(service=service, date_from=date_from, date_to=date_to, party_size=party_size)
    if visitor is None or not visitor.is_authenticated:
        visitor = None
        if not name.strip() or not (phone.strip() or email.strip()):
            raise TourismError(_("Give your name and a phone number or an e-mail address."))
        if not consent:
            raise TourismError(_("Agree that the provider may use your contacts for this enquiry."))
    enquiry = Enquiry.objects.create(
        service=service,
        visitor=visitor,
        visitor_name=(name.strip() or (visitor.full_name if visitor else ""))[:120],
        visitor_phone=phone.strip()[:40],
        visitor_email=email.strip() or (visitor.email if visitor and visitor.email else ""),
        consent_at=timezone.now(),
        date_from=date_from,
        date_to=date_to,
        party_size=party_size,
        note=note.strip()[:2000],
    )
    EnquiryLogEntry.objects.create(
        enquiry=enquiry, by=visitor, from_state="", to_state=EnquiryState.REQUESTED
    )
    _tell(enquiry, to=EnquiryState.REQUESTED, side=VISITOR, by=visitor)
    return enquiry


@transaction.atomic
def enquiry_transition(*, enquiry: Enquiry, to: str, side: str, by=None, note: str = ""):
    """Confirm or decline (the provider's members), cancel (the visitor), with a log entry
    and the news to the other side. A refusal changes nothing."""
    current = (
        Enquiry.objects.select_for_update().select_related("service__actor").get(pk=enquiry.pk)
    )
    if TRANSITIONS.get((current.state, to)) != side:
        raise TourismError(
            _("An enquiry that is “%(state)s” cannot be moved to “%(to)s”.")
            % {
                "state": current.get_state_display(),
                "to": EnquiryState(to).label if to in EnquiryState.values else to,
            }
        )
    if to == EnquiryState.DECLINED and not note.strip():
        raise TourismError(_("Say why you decline: the visitor will read it."))
    from_state = current.state
    current.state = to
    if side == PROVIDER and note.strip():
        current.reply = note.strip()[:2000]
    current.save(update_fields=["state", "reply", "updated_at"])
    EnquiryLogEntry.objects.create(
        enquiry=current, by=by, from_state=from_state, to_state=to, note=note.strip()
    )
    _tell(current, to=to, side=side, by=by)
    return current


def _tell(enquiry: Enquiry, *, to: str, side: str, by) -> None:
    """The other side hears of the move: the provider's members, or the visitor (by e-mail
    when a guest gave an address)."""
    service = enquiry.service
    params = {"name": service.name, "state": str(EnquiryState(to).label)}
    link = _url("tourism:enquiry", code=enquiry.code)
    if side == VISITOR:
        notify(
            recipients=[m.user for m in service.actor.memberships.select_related("user")],
            kind=ENQUIRY_KIND,
            title=gettext_noop("Enquiry about %(name)s: %(state)s"),
            params=params,
            url=link,
            exclude=by,
        )
        return
    if enquiry.visitor_id:
        notify(
            recipients=[enquiry.visitor],
            kind=ENQUIRY_KIND,
            title=gettext_noop("Your enquiry about %(name)s: %(state)s"),
            params=params,
            url=link,
        )
    elif enquiry.visitor_email:

        def compose():
            from kaimolink.core.links import absolute

            subject = _("Your enquiry about %(name)s: %(state)s") % {
                "name": service.name,
                "state": EnquiryState(to).label,
            }
            body = _("See your enquiry and its state here:") + "\n" + absolute(link) + "\n"
            return subject, body

        mail_to(enquiry.visitor_email, compose)
