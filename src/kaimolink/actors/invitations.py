"""Co-editors of an actor: invitations by e-mail, accepting them, and removing members.

Who may do what (kept here, beside the services that check it):
- the owners of an actor invite, revoke invitations and remove co-editors;
- everyone who may edit the profile (its members, the coordinators of its LAG, platform
  administrators) sees the list of co-editors and open invitations, read only. The
  coordinators moderate the profile, so they should know who writes it; the platform
  administrators can change memberships in the admin anyway.
Everyone else gets a 404, as for any profile they cannot edit.

An invitation is a link with a random token (only its hash is stored). Whoever opens the
link signed in may accept it: people have several addresses, so the account's address need
not be the invited one (the page shows which address was invited).
"""

import hashlib
import secrets
from datetime import timedelta

import rules
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from kaimolink.accounts.models import User
from kaimolink.actors.enums import MemberRole
from kaimolink.actors.models import (
    INVITATION_VALID_DAYS,
    Actor,
    ActorInvitation,
    ActorLogEntry,
    ActorMembership,
)
from kaimolink.actors.rules import can_edit_actor
from kaimolink.actors.services import ActorError
from kaimolink.core.links import page_link
from kaimolink.core.mail import mail_to

# How many invitations one person may send in 24 hours (counted in the database).
INVITATIONS_PER_DAY = 20


class InvitationError(ActorError):
    """A refused request about co-editors; `status` is the HTTP answer the page gives."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.status = status


# --- Permissions ---------------------------------------------------------------------------


@rules.predicate
def is_owner_of_actor(user, actor):
    if not (user and user.is_authenticated and actor and actor.pk):
        return False
    return actor.memberships.filter(user=user, role=MemberRole.OWNER).exists()


can_manage_coeditors = is_owner_of_actor
can_view_coeditors = can_edit_actor


# --- Reads ---------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def members_of_actor(*, actor: Actor) -> QuerySet:
    return (
        ActorMembership.objects.filter(actor=actor)
        .select_related("user")
        .order_by("-role", "created_at", "id")  # owners first ("owner" > "editor")
    )


def invitation_of_actor(*, actor: Actor, pk: int) -> ActorInvitation | None:
    """One invitation of this actor, in any state (the confirm page names its address)."""
    return ActorInvitation.objects.filter(actor=actor, pk=pk).first()


def membership_of_actor(*, actor: Actor, pk: int) -> ActorMembership | None:
    """One membership of this actor, with its person (the confirm page names them)."""
    return members_of_actor(actor=actor).filter(pk=pk).first()


def open_invitations(*, actor: Actor) -> QuerySet:
    """Invitations still waiting for an answer (not accepted, revoked or expired)."""
    return (
        ActorInvitation.objects.filter(
            actor=actor,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            created_at__gt=timezone.now() - timedelta(days=INVITATION_VALID_DAYS),
        )
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def invitation_for_token(token: str) -> ActorInvitation | None:
    """The invitation of a link, with its actor and inviter; None for an unknown token."""
    return (
        ActorInvitation.objects.select_related("actor", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitations_sent_today(*, user) -> int:
    since = timezone.now() - timedelta(days=1)
    return ActorInvitation.objects.filter(invited_by=user, created_at__gte=since).count()


# --- Writes --------------------------------------------------------------------------------


def _invitation_text(invitation: ActorInvitation, token: str, inviter_name: str, lang: str):
    with override(lang):
        url = page_link("actors:invitation", language=lang, token=token)
        subject = _("Invitation to co-edit “%s”") % invitation.actor.name
        body = _(
            "%(inviter)s invites you to co-edit the profile of “%(actor)s” on kaimolink.\n\n"
            "Open this link to accept (sign in or create an account first): %(url)s\n\n"
            "The invitation is valid for %(days)s days. If you did not expect it, ignore "
            "this e-mail."
        ) % {
            "inviter": inviter_name,
            "actor": invitation.actor.name,
            "url": url,
            "days": INVITATION_VALID_DAYS,
        }
    return subject, body


def _mail_invitation(invitation: ActorInvitation, token: str, inviter) -> None:
    """The invitation in Lithuanian, then in English (the invited person's language is not
    known: they may have no account yet)."""
    name = inviter.full_name or inviter.email
    subject, body_lt = _invitation_text(invitation, token, name, "lt")
    _subject_en, body_en = _invitation_text(invitation, token, name, "en")
    mail_to(invitation.email, lambda: (subject, f"{body_lt}\n\n---\n\n{body_en}"), language="lt")


def _lock_actor(actor: Actor) -> Actor:
    """Serialises the changes of one actor's members (so two owners cannot remove each
    other and leave the profile without an owner)."""
    return Actor.objects.select_for_update().get(pk=actor.pk)


@transaction.atomic
def invitation_create(*, actor: Actor, by, email: str) -> ActorInvitation:
    """Invite `email` to co-edit `actor`; the e-mail leaves after the commit."""
    actor = _lock_actor(actor)
    if not can_manage_coeditors(by, actor):
        raise InvitationError(
            _("Only the owners of this profile may invite co-editors."), status=403
        )
    email = email.strip().lower()
    # One person's invitations are counted under a lock on their account row, so parallel
    # requests cannot all pass the count.
    User.objects.select_for_update().filter(pk=by.pk).exists()
    if invitations_sent_today(user=by) >= INVITATIONS_PER_DAY:
        raise InvitationError(
            _("You have sent too many invitations today. Try again tomorrow."), status=429
        )
    already_member = ActorMembership.objects.filter(actor=actor).filter(
        Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
    )
    if already_member.exists():
        raise InvitationError(_("This person is already a co-editor of this profile."), status=409)
    waiting = ActorInvitation.objects.filter(
        actor=actor, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    # An expired invitation still counts as open for the database constraint: it goes.
    waiting.filter(created_at__lte=timezone.now() - timedelta(days=INVITATION_VALID_DAYS)).delete()
    if waiting.exists():
        raise InvitationError(
            _("An invitation to this address is already waiting. Revoke it to send a new one."),
            status=409,
        )
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            invitation = ActorInvitation.objects.create(
                actor=actor, email=email, invited_by=by, token_hash=hash_token(token)
            )
    except IntegrityError:  # the same address invited by a parallel request
        raise InvitationError(
            _("An invitation to this address is already waiting. Revoke it to send a new one."),
            status=409,
        ) from None
    _mail_invitation(invitation, token, by)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation_id: int, by) -> ActorInvitation:
    """Close an open invitation of this actor; its link stops working."""
    actor = _lock_actor(actor)
    if not can_manage_coeditors(by, actor):
        raise InvitationError(
            _("Only the owners of this profile may revoke invitations."), status=403
        )
    invitation = ActorInvitation.objects.filter(actor=actor, pk=invitation_id).first()
    if invitation is None:
        raise InvitationError(_("There is no such invitation."), status=404)
    if invitation.state != "open":
        raise InvitationError(_("This invitation is no longer open."), status=409)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> ActorMembership:
    """Make `user` a co-editor (role editor) through the invitation of `token`.

    The invitation row is locked, so one link makes one membership even when it is opened
    twice at the same moment (tests/actors/test_invitations.py shows the race without it).
    """
    try:
        invitation = ActorInvitation.objects.select_for_update(of=("self",)).get(
            token_hash=hash_token(token)
        )
    except ActorInvitation.DoesNotExist:
        raise InvitationError(
            _("This invitation link is not valid. Check that it was copied whole."), status=404
        ) from None
    actor = invitation.actor
    if ActorMembership.objects.filter(actor=actor, user=user).exists():
        raise InvitationError(_("You are already a co-editor of “%s”.") % actor.name, status=409)
    state = invitation.state
    if state != "open":
        raise InvitationError(gone_message(state), status=410)
    membership = ActorMembership.objects.create(actor=actor, user=user, role=MemberRole.EDITOR)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    ActorLogEntry.objects.create(
        actor=actor,
        kind=ActorLogEntry.Kind.MEMBERS,
        by=user,
        changes={"joined": user.pk, "role": MemberRole.EDITOR, "invitation": invitation.pk},
    )
    inviter = invitation.invited_by
    if inviter is not None and inviter.is_active:

        def compose():
            subject = _("%(name)s is now a co-editor of “%(actor)s”") % {
                "name": user.full_name or user.email,
                "actor": actor.name,
            }
            body = _(
                "%(name)s accepted your invitation sent to %(email)s and may now edit "
                "the profile of “%(actor)s”.\n\nSee the co-editors: %(url)s"
            ) % {
                "name": user.full_name or user.email,
                "email": invitation.email,
                "actor": actor.name,
                "url": page_link("actors:coeditors", language=get_language(), slug=actor.slug),
            }
            return subject, body

        mail_to(inviter, compose)
    return membership


def gone_message(state: str) -> str:
    return {
        "accepted": _("This invitation has already been used."),
        "revoked": _("This invitation was revoked by the profile's owner."),
        "expired": _("This invitation has expired. Ask the profile's owner for a new one."),
    }[state]


@transaction.atomic
def member_remove(*, actor: Actor, membership_id: int, by) -> None:
    """Take a co-editor (or an owner) off the actor; the last owner stays."""
    actor = _lock_actor(actor)
    if not can_manage_coeditors(by, actor):
        raise InvitationError(
            _("Only the owners of this profile may remove co-editors."), status=403
        )
    membership = ActorMembership.objects.filter(actor=actor, pk=membership_id).first()
    if membership is None:
        raise InvitationError(_("This person is not a co-editor of this profile."), status=404)
    if membership.role == MemberRole.OWNER:
        owners = ActorMembership.objects.filter(actor=actor, role=MemberRole.OWNER).count()
        if owners <= 1:
            raise InvitationError(
                _("The last owner cannot be removed: a profile needs an owner."), status=409
            )
    membership.delete()
    ActorLogEntry.objects.create(
        actor=actor,
        kind=ActorLogEntry.Kind.MEMBERS,
        by=by,
        changes={"removed": membership.user_id, "role": membership.role},
    )


# Invitations keep the invited e-mail address: once answered, revoked or expired they are
# of no use after this many days, and are deleted by the daily clean-up.
KEEP_INVITATIONS_DAYS = 90


def invitations_purge_old(*, now=None, keep_days: int = KEEP_INVITATIONS_DAYS) -> int:
    """Delete invitations answered, revoked or created more than `keep_days` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    old = ActorInvitation.objects.filter(
        Q(accepted_at__lt=cutoff) | Q(revoked_at__lt=cutoff) | Q(created_at__lt=cutoff)
    )
    deleted, _ = old.delete()
    return deleted
