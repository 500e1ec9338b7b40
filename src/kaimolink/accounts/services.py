"""Personal data of a person: export all of it, or erase the account (GDPR art. 15, 17, 20)."""

from importlib import import_module

from django.db import transaction
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor, ActorLogEntry, ActorMembership

# Each app that holds personal data has a `gdpr` module with `personal_data(user) -> dict`
# (its sections of the export) and `erase(user)` (what must happen before the account row
# is deleted, beyond the database's CASCADE and SET_NULL).
PERSONAL_DATA_MODULES = [
    "kaimolink.actors.gdpr",
    "kaimolink.events.gdpr",
    "kaimolink.homework.gdpr",
    "kaimolink.certificates.gdpr",
    "kaimolink.contactfair.gdpr",
    "kaimolink.notifications.gdpr",
    "kaimolink.moderation.gdpr",
    "kaimolink.partnerships.gdpr",
    "kaimolink.messaging.gdpr",
    "kaimolink.discussions.gdpr",
    "kaimolink.consultations.gdpr",
    "kaimolink.projects.gdpr",
]


def _personal_data_modules():
    return [import_module(name) for name in PERSONAL_DATA_MODULES]


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about this person, as JSON-ready data."""
    sections = {}
    for module in _personal_data_modules():
        sections.update(module.personal_data(user))
    return _account_data(user) | sections


def _account_data(user: User) -> dict:
    memberships = ActorMembership.objects.filter(user=user).select_related("actor")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_consultant": user.is_consultant,
            "is_evaluator": user.is_evaluator,
            "language": user.language,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        },
        "coordinated_lags": list(user.coordinations.values_list("lag__name", flat=True)),
        "actors": [
            {
                "name": m.actor.name,
                "slug": m.actor.slug,
                "role": m.role,
                "status": m.actor.status,
                "email": m.actor.email,
                "phone": m.actor.phone,
                "address": m.actor.address,
                "contacts_public": m.actor.contacts_public,
                "contacts_consent_at": (
                    m.actor.contacts_consent_at.isoformat() if m.actor.contacts_consent_at else None
                ),
            }
            for m in memberships
        ],
        "actions": [
            {
                "actor": e.actor.name,
                "kind": e.kind,
                "at": e.created_at.isoformat(),
                "note": e.note,
            }
            for e in ActorLogEntry.objects.filter(by=user).select_related("actor")
        ],
    }


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete the account and the personal data attached to it.

    Profiles only this person could edit and that were never published are deleted with
    them. Published profiles belong to the LAG's public directory: they stay, lose this
    member, and their private contacts are emptied so nothing personal is left behind.
    """
    for module in _personal_data_modules():
        module.erase(user)
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
    user.delete()  # memberships, coordinations and e-mail addresses go with it (CASCADE)
