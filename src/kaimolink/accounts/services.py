"""Personal data of a person: export all of it, or erase the account (GDPR art. 15, 17, 20);
and moving a person's rows to another record when two records are one person."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
            "phone": user.phone,
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


class PeopleMergeError(Exception):
    """Two records of people that cannot be merged; the message is for the coordinator."""


def person_rows_move(*, source: User, target: User) -> None:
    """Point every row that refers to `source` at `target` (the last step of a merge).

    Walks the relations to the person model, so the rows of apps above this floor move
    without this app knowing them; apps with rows that may collide (one registration per
    event, …) resolve those first. A row that still collides (a unique constraint) stops
    the merge with PeopleMergeError; the caller's transaction then changes nothing.
    """
    for relation in User._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                continue  # its own foreign key to the person is one of the relations
            field = next(f for f in through._meta.fields if f.related_model is User)
            rows = through._base_manager.filter(**{field.name: source})
        else:
            field = relation.field
            rows = relation.related_model._base_manager.filter(**{field.name: source})
        try:
            with transaction.atomic():
                rows.update(**{field.name: target})
        except IntegrityError as exc:
            what = relation.related_model._meta.verbose_name_plural
            raise PeopleMergeError(
                _("These records cannot be merged: both have %(what)s that may not be doubled.")
                % {"what": what}
            ) from exc
    for manager in ("groups", "user_permissions"):
        getattr(target, manager).add(*getattr(source, manager).all())
