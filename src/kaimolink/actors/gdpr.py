"""Co-editor invitations a person sent or received (memberships are in accounts.services).

Erasure: invitations addressed to the person's addresses or accepted by them go (the address
is theirs); their own still-open invitations go too, so nobody joins a profile through an
invitation whose sender is gone. Answered invitations they sent stay with the actor, without
the sender (SET_NULL).
"""

from django.db.models import Q

from kaimolink.actors.models import ActorInvitation


def _addresses(user) -> list[str]:
    emails = {user.email, *user.emailaddress_set.values_list("email", flat=True)}
    return sorted({e.strip().lower() for e in emails if e})


def _received(user):
    return ActorInvitation.objects.filter(Q(email__in=_addresses(user)) | Q(accepted_by=user))


def _row(invitation: ActorInvitation) -> dict:
    def at(value):
        return value.isoformat() if value else None

    return {
        "actor": invitation.actor.name,
        "email": invitation.email,
        "created_at": at(invitation.created_at),
        "accepted_at": at(invitation.accepted_at),
        "revoked_at": at(invitation.revoked_at),
    }


def personal_data(user) -> dict:
    sent = ActorInvitation.objects.filter(invited_by=user).select_related("actor")
    received = _received(user).select_related("actor")
    return {
        "actor_invitations_sent": [_row(i) for i in sent.order_by("created_at", "id")],
        "actor_invitations_received": [_row(i) for i in received.order_by("created_at", "id")],
    }


def erase(user) -> None:
    _received(user).delete()
    ActorInvitation.objects.filter(
        invited_by=user, accepted_at__isnull=True, revoked_at__isnull=True
    ).delete()
