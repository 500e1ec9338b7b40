"""Writes to the actors database: the one path for pages, admin, API and import."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kaimolink.accounts.models import User
from kaimolink.actors.enums import STATUS_TRANSITIONS, ActorStatus, MemberRole
from kaimolink.actors.models import Actor, ActorLogEntry, ActorMembership
from kaimolink.actors.rules import can_manage_actor, is_member_of_actor
from kaimolink.core.links import page_link
from kaimolink.core.mail import mail_to

# Changes to these fields of a published profile are written to the actor's log so the
# coordinators can review them; the profile stays published (see docs/actors.md).
KEY_FIELDS = ("name", "actor_type", "legal_code", "lag", "district", "settlement")


class ActorError(Exception):
    """A request about an actor that cannot be carried out; the message is for the person."""


def _place_defaults(actor: Actor) -> None:
    """An actor without its own position takes its settlement's, and its district."""
    if actor.settlement_id:
        if actor.lat is None or actor.lon is None:
            actor.lat, actor.lon = actor.settlement.lat, actor.settlement.lon
        actor.district_id = actor.settlement.district_id


@transaction.atomic
def actor_create(*, by, data: dict, themes=(), submit: bool = False) -> Actor:
    """Create a profile owned by `by` as a draft (or awaiting moderation when `submit`)."""
    actor = Actor(**data)
    if actor.contacts_public:
        actor.contacts_consent_at = timezone.now()
    _place_defaults(actor)
    actor.status = ActorStatus.PENDING if submit else ActorStatus.DRAFT
    actor.save()
    actor.themes.set(themes)
    actor.refresh_search_fields()
    actor.save(update_fields=["search_text"])
    ActorMembership.objects.create(actor=actor, user=by, role=MemberRole.OWNER)
    ActorLogEntry.objects.create(
        actor=actor, kind=ActorLogEntry.Kind.CREATED, by=by, to_status=actor.status
    )
    if submit:
        _notify_coordinators(actor)
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, by, data: dict, themes=None) -> Actor:
    """Change a profile. Key-field changes of a published profile are logged for review."""
    old = {
        f: getattr(actor, f + "_id" if f in ("lag", "district", "settlement") else f)
        for f in KEY_FIELDS
    }
    had_consent = actor.contacts_public
    for name, value in data.items():
        setattr(actor, name, value)
    if actor.contacts_public and not had_consent:
        actor.contacts_consent_at = timezone.now()
    elif not actor.contacts_public:
        actor.contacts_consent_at = None
    _place_defaults(actor)
    actor.save()
    if themes is not None:
        actor.themes.set(themes)
        actor.refresh_search_fields()
        actor.save(update_fields=["search_text"])
    new = {
        f: getattr(actor, f + "_id" if f in ("lag", "district", "settlement") else f)
        for f in KEY_FIELDS
    }
    changes = {f: [str(old[f]), str(new[f])] for f in KEY_FIELDS if old[f] != new[f]}
    if changes and actor.status == ActorStatus.PUBLISHED:
        ActorLogEntry.objects.create(
            actor=actor, kind=ActorLogEntry.Kind.CHANGED, by=by, changes=changes
        )
    return actor


def _notify_members(actor: Actor, compose) -> None:
    """E-mail each member of the actor in their language, after the commit."""
    for member in actor.members.all():
        mail_to(member, compose)


def _notify_coordinators(actor: Actor) -> None:
    def compose():
        subject = _("A profile awaits moderation: %s") % actor.name
        body = _("“%(name)s” asks to be published in the directory.\n\nReview it: %(url)s") % {
            "name": actor.name,
            "url": page_link("actors:moderation", language=get_language()),
        }
        return subject, body

    for coordinator in User.objects.filter(coordinations__lag_id=actor.lag_id, is_active=True):
        mail_to(coordinator, compose)


@transaction.atomic
def actor_transition(*, actor: Actor, by, to_status: str, reason: str = "") -> Actor:
    """Move an actor to another status, if that move is allowed for this person.

    Locks the row so two coordinators cannot publish the same actor at once. Returning a
    profile to its author needs a reason. After the commit, members are told by e-mail when
    their profile is published or returned, and the LAG's coordinators when one awaits them.
    """
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    who = STATUS_TRANSITIONS.get((actor.status, to_status))
    if who is None:
        raise ActorError(
            _("This profile cannot be moved from “%(from)s” to “%(to)s”.")
            % {"from": actor.get_status_display(), "to": ActorStatus(to_status).label}
        )
    allowed = can_manage_actor(by, actor) or (who == "member" and is_member_of_actor(by, actor))
    if not allowed:
        raise ActorError(_("You may not change the status of this profile."))
    returned = actor.status == ActorStatus.PENDING and to_status == ActorStatus.DRAFT
    if returned and not reason.strip():
        raise ActorError(_("Write the reason why the profile is returned."))
    from_status = actor.status
    actor.status = to_status
    fields = ["status", "updated_at"]
    if to_status == ActorStatus.PUBLISHED:
        actor.published_at = actor.published_at or timezone.now()
        actor.moderation_note = ""
        fields += ["published_at", "moderation_note"]
    if returned:
        actor.moderation_note = reason.strip()
        fields.append("moderation_note")
    actor.save(update_fields=fields)
    ActorLogEntry.objects.create(
        actor=actor,
        kind=ActorLogEntry.Kind.STATUS,
        by=by,
        from_status=from_status,
        to_status=to_status,
        note=reason.strip(),
    )
    if to_status == ActorStatus.PUBLISHED and from_status == ActorStatus.PENDING:
        _notify_members(
            actor,
            lambda: (
                _("Your profile “%s” is published") % actor.name,
                _("Your profile is now visible in the directory: %s")
                % page_link("actors:detail", language=get_language(), slug=actor.slug),
            ),
        )
    elif returned:
        _notify_members(
            actor,
            lambda: (
                _("Your profile “%s” was returned") % actor.name,
                _(
                    "The coordinator returned your profile for changes.\n\nReason: %(reason)s"
                    "\n\nEdit it here: %(url)s"
                )
                % {
                    "reason": reason.strip(),
                    "url": page_link("actors:edit", language=get_language(), slug=actor.slug),
                },
            ),
        )
    elif to_status == ActorStatus.PENDING:
        _notify_coordinators(actor)
    return actor


def actor_contact_send(*, actor: Actor, sender_name: str, sender_email: str, message: str) -> int:
    """Forward a visitor's message to the actor without showing them the actor's address.

    The message goes to the actor's contact e-mail and its members; the visitor's address is
    the Reply-To. Returns how many recipients it went to.
    """
    # Each member in their language; the actor's own address, if no member has it, as a bare
    # address (in the site's language).
    recipients = list(actor.members.all())
    if actor.email and actor.email not in {member.email for member in recipients}:
        recipients.append(actor.email)
    if not recipients:
        raise ActorError(_("This actor cannot receive messages yet."))

    def compose():
        subject = _("Message from kaimolink: %s") % sender_name
        body = _(
            "%(name)s <%(email)s> wrote to “%(actor)s”:\n\n%(message)s\n\n"
            "Reply to this e-mail to answer them."
        ) % {"name": sender_name, "email": sender_email, "actor": actor.name, "message": message}
        return subject, body

    for recipient in recipients:
        mail_to(recipient, compose, reply_to=sender_email)
    return len(recipients)
