"""Licences as Open Badges credentials: the mark's `OpenBadgeCredential` follows the licence.

Receivers of certification's own signals (sent after the commit):
- `licence_issued`: a credential is issued, source "certification.licence:<pk>", its
  achievement the scheme version's mark, valid from the licence's first day until the end
  of its last day;
- `licence_status_changed`: suspended or withdrawn revokes it (its bit in the status list
  is set, anyone checking sees it); expiry needs nothing (the credential carries
  `validUntil`).

A suspension that is lifted: the credentials app keeps only a `revocation` status list, and
a revoked bit is never unset (verifiers may have cached the list, and a bit that comes back
would make every earlier "revoked" answer a lie). So reinstatement issues a **new**
credential under the next source, "certification.licence:<pk>:2", ":3"…, numbered by the
licence's reinstatements; the one revoked during the suspension stays revoked. The holder
downloads the current one again from the mark's page.
"""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kaimolink.certification.enums import Action, LicenceStatus
from kaimolink.certification.models import AuditEntry, Licence
from kaimolink.core.links import absolute
from kaimolink.credentials.selectors import credential_by_source
from kaimolink.credentials.services import Achievement, credential_issue, credential_revoke


def _source(licence_pk: int, reinstated: int) -> str:
    base = f"certification.licence:{licence_pk}"
    return base if reinstated == 0 else f"{base}:{reinstated + 1}"


def licence_credential_source(licence: Licence) -> str:
    """The source of the licence's current credential: one more after each reinstatement."""
    reinstated = AuditEntry.objects.filter(licence=licence, action=Action.REINSTATE).count()
    return _source(licence.pk, reinstated)


def licence_credential_sources(licences) -> dict[int, str]:
    """{licence pk: source of its current credential} for many licences, in one query."""
    pks = [licence.pk for licence in licences]
    counts = dict(
        AuditEntry.objects.filter(licence_id__in=pks, action=Action.REINSTATE)
        .values("licence_id")
        .annotate(n=Count("pk"))
        .values_list("licence_id", "n")
    )
    return {pk: _source(pk, counts.get(pk, 0)) for pk in pks}


def licence_credential(licence: Licence):
    """The licence's current credential, or None (not issued, or revoked: see its status)."""
    credential = credential_by_source(licence_credential_source(licence))
    if credential is None or credential.is_revoked or credential.erased_at is not None:
        return None
    return credential


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, local time: credentials hold moments, licences days."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def mark_achievement(licence: Licence) -> Achievement:
    """The scheme version's mark as an OB 3.0 achievement (texts in Lithuanian, the site's
    language: a credential is signed once and read anywhere)."""
    version = licence.version
    with override("lt"):
        guide = absolute(reverse("certification:mark_guide"))
        return Achievement(
            id=f"{guide}#{licence.scheme.slug}-v{version.number}",
            name=_("Certification mark “%(scheme)s”") % {"scheme": licence.scheme.name},
            description=_(
                "The holder meets the criteria of the certification scheme “%(scheme)s”, "
                "version %(number)s, and may use its mark with the number %(licence)s."
            )
            % {"scheme": licence.scheme.name, "number": version.number, "licence": licence.number},
            criteria=_("Assessed by an accredited evaluator and approved by the LAG's panel."),
            achievement_type="License",
            image_url=absolute(
                reverse("certification:mark_sample", kwargs={"variant": "colour", "fmt": "png"})
            ),
        )


def licence_credential_issue(licence: Licence):
    """Issue (or bring up to date) the licence's current credential."""
    actor = licence.actor
    return credential_issue(
        source=licence_credential_source(licence),
        subject_name=actor.name,
        subject_identifier=absolute(actor.get_absolute_url()),
        achievement=mark_achievement(licence),
        valid_from=day_start(licence.valid_from),
        valid_until=day_start(licence.valid_until + datetime.timedelta(days=1)),
    )


def _fresh(licence: Licence) -> Licence:
    return Licence.objects.select_related("actor", "scheme", "version").get(pk=licence.pk)


def on_licence_issued(sender, licence, **kwargs) -> None:
    licence_credential_issue(_fresh(licence))


def on_licence_status_changed(sender, licence, action, **kwargs) -> None:
    licence = _fresh(licence)
    if action in (Action.SUSPEND, Action.WITHDRAW):
        with override("lt"):
            reason = licence.status_reason or (
                _("The licence was suspended.")
                if licence.status == LicenceStatus.SUSPENDED
                else _("The licence was withdrawn.")
            )
        # The credential of the source before this change (a reinstatement adds a source).
        credential_revoke(source=licence_credential_source(licence), reason=reason)
    elif action == Action.REINSTATE and licence.status == LicenceStatus.ACTIVE:
        licence_credential_issue(licence)
