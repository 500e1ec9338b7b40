"""A person's actor profiles, their actions on profiles, and co-editor invitations.

Export: `actors` (the profiles the person is a member of, with their private contacts),
`actions` (the person's entries in the profiles' logs), and the invitations sent and received.

Erasure: profiles only this person could edit and that were never published are deleted
with them. Published profiles belong to the LAG's public directory: they stay, lose this
member (CASCADE), and their private contacts are emptied so nothing personal is left behind.
Invitations addressed to the person's addresses or accepted by them go (the address
is theirs); their own still-open invitations go too, so nobody joins a profile through an
invitation whose sender is gone. Answered invitations they sent stay with the actor, without
the sender (SET_NULL).
"""

from django.db.models import Q

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor, ActorInvitation, ActorLogEntry, ActorMembership


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


def _membership_row(m: ActorMembership) -> dict:
    actor = m.actor
    return {
        "name": actor.name,
        "slug": actor.slug,
        "role": m.role,
        "status": actor.status,
        "email": actor.email,
        "phone": actor.phone,
        "address": actor.address,
        "contacts_public": actor.contacts_public,
        "contacts_consent_at": (
            actor.contacts_consent_at.isoformat() if actor.contacts_consent_at else None
        ),
    }


def personal_data(user) -> dict:
    memberships = ActorMembership.objects.filter(user=user).select_related("actor")
    actions = ActorLogEntry.objects.filter(by=user).select_related("actor")
    sent = ActorInvitation.objects.filter(invited_by=user).select_related("actor")
    received = _received(user).select_related("actor")
    return {
        "actors": [_membership_row(m) for m in memberships],
        "actions": [
            {"actor": e.actor.name, "kind": e.kind, "at": e.created_at.isoformat(), "note": e.note}
            for e in actions
        ],
        "actor_invitations_sent": [_row(i) for i in sent.order_by("created_at", "id")],
        "actor_invitations_received": [_row(i) for i in received.order_by("created_at", "id")],
    }


def erase(user) -> None:
    _received(user).delete()
    ActorInvitation.objects.filter(
        invited_by=user, accepted_at__isnull=True, revoked_at__isnull=True
    ).delete()
    sole_actor_ids = [
        m.actor_id
        for m in ActorMembership.objects.filter(user=user)
        if not ActorMembership.objects.filter(actor_id=m.actor_id).exclude(user=user).exists()
    ]
    sole = Actor.objects.filter(pk__in=sole_actor_ids)
    sole.exclude(status__in=[ActorStatus.PUBLISHED, ActorStatus.ARCHIVED]).delete()
    for actor in sole:
        if not actor.contacts_public:
            actor.email, actor.phone, actor.address = "", "", ""
            actor.save(update_fields=["email", "phone", "address"])
