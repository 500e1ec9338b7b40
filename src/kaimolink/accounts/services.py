"""Personal data of a person: export all of it, or erase the account (GDPR art. 15, 17, 20)."""

from django.db import transaction
from django.utils import timezone

from kaimolink.accounts import personal_data
from kaimolink.accounts.models import User


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about this person, as JSON-ready data."""
    data = _account_data(user)
    for section in personal_data.sections():
        data.update(section.export(user))
    return data


def _account_data(user: User) -> dict:
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
    }


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete the account and the personal data attached to it.

    Every registered section erases first, upper floors before lower ones (see
    accounts/personal_data.py); then the account row goes, and with it what the database
    cascades (coordinations, e-mail addresses, memberships, …).
    """
    for section in reversed(personal_data.sections()):
        section.erase(user)
    user.delete()
