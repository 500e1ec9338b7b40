"""Accreditation tests: passing a scheme's test (a `quizzes.Quiz`) accredits the person.

Each scheme version may name one test per role (`AccreditationQuiz`: evaluator, LAG
staff). When the quizzes app reports a finished attempt (`attempt_finished`, sent inside
the transaction that finishes it) and the attempt passed a test certification owns, the
person gets an `Accreditation` for that scheme and role, valid for ACCREDITATION_YEARS
from the day of the attempt, with the attempt as its basis, and an Open Badges credential
of it. A person who passes again while still accredited gets a new accreditation from
that day: it outlasts the old one, which simply ends on its own day (each keeps its own
certificate, code and credential, so what was printed stays true).

Who may take the tests (`eligible`, registered with `quizzes.eligibility`):
- the evaluators' test: people flagged `is_evaluator` (the platform's evaluators);
- the LAG staff's test: the LAGs' coordinators (the seed's "accreditation tests of the
  Kėdainiai, Lazdijai and Radviliškis LAGs" are tests of their staff).
"""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kaimolink.certification.credentials_link import day_start
from kaimolink.certification.enums import AccreditationRole
from kaimolink.certification.models import Accreditation, AccreditationQuiz
from kaimolink.certification.services import CertificationError, accreditation_grant, add_months
from kaimolink.core.links import absolute
from kaimolink.credentials.services import Achievement, credential_issue, credential_revoke

# How long a passed test accredits: three years, then the person takes the test again
# (rules and criteria change with new versions; three years is a common span for
# assessors' accreditations).
ACCREDITATION_YEARS = 3


def quiz_role(quiz) -> AccreditationQuiz | None:
    """The scheme version and role that `quiz` accredits for, or None (not ours)."""
    return (
        AccreditationQuiz.objects.select_related("version__scheme").filter(quiz_id=quiz.pk).first()
    )


def eligible(quiz, person) -> bool | str:
    """The quizzes app's eligibility check: True for quizzes certification does not own."""
    owned = quiz_role(quiz)
    if owned is None:
        return True
    if person.is_superuser:
        return True
    if owned.role == AccreditationRole.EVALUATOR and not person.is_evaluator:
        return _("This test is for the platform's evaluators.")
    if owned.role == AccreditationRole.LAG_STAFF and not person.coordinated_lag_ids():
        return _("This test is for the coordinators of the LAGs.")
    return True


def on_attempt_finished(sender, attempt, **kwargs) -> None:
    """Receiver of `quizzes.signals.attempt_finished`: a pass of our test accredits."""
    if not attempt.passed:
        return
    owned = quiz_role(attempt.quiz)
    if owned is None:
        return
    accreditation_from_attempt(attempt=attempt, owned=owned)


@transaction.atomic
def accreditation_from_attempt(*, attempt, owned: AccreditationQuiz) -> Accreditation:
    """Accredit the attempt's person for the scheme and role of the test it passed."""
    existing = Accreditation.objects.filter(attempt=attempt).first()
    if existing is not None:  # the signal is sent once; this keeps a replay harmless
        return existing
    finished = attempt.finished_at or timezone.now()
    valid_from = timezone.localdate(finished)
    with override("lt"):
        basis = _("Passed the test “%(quiz)s” on %(day)s (score %(score)s/%(max)s).") % {
            "quiz": attempt.quiz.title,
            "day": f"{valid_from:%Y-%m-%d}",
            "score": attempt.score,
            "max": attempt.max_score,
        }
    accreditation = accreditation_grant(
        person=attempt.person,
        scheme=owned.version.scheme,
        role=owned.role,
        valid_from=valid_from,
        valid_until=add_months(valid_from, 12 * ACCREDITATION_YEARS) - datetime.timedelta(days=1),
        basis=basis,
    )
    accreditation.attempt = attempt
    accreditation.save(update_fields=["attempt"])
    accreditation_credential_issue(accreditation)
    return accreditation


def accreditation_title(accreditation: Accreditation) -> str:
    return _("%(scheme)s: %(role)s") % {
        "scheme": accreditation.scheme.name,
        "role": accreditation.get_role_display(),
    }


def accreditation_credential_issue(accreditation: Accreditation):
    """Its Open Badges credential (source "certification.accreditation:<pk>"), in Lithuanian,
    the site's language for what is signed once and read anywhere."""
    person = accreditation.person
    with override("lt"):
        achievement = Achievement(
            id=absolute(reverse("certification:mark_guide"))
            + f"#accreditation-{accreditation.scheme.slug}-{accreditation.role}",
            name=accreditation_title(accreditation),
            description=_("Accredited to act in the certification scheme “%(scheme)s” as %(role)s.")
            % {"scheme": accreditation.scheme.name, "role": accreditation.get_role_display()},
            criteria=_("Passed the scheme's accreditation test."),
            achievement_type="Certification",
        )
    return credential_issue(
        source=accreditation.credential_source,
        subject_name=person.full_name or person.email,
        subject_identifier=person.email,
        achievement=achievement,
        valid_from=day_start(accreditation.valid_from),
        valid_until=day_start(accreditation.valid_until + datetime.timedelta(days=1)),
        person=person,
    )


@transaction.atomic
def accreditation_withdraw(*, accreditation: Accreditation, by, reason: str) -> Accreditation:
    """An administrator withdraws an accreditation: it ends now, its credential is revoked."""
    if not (by and by.is_active and by.is_superuser):
        raise CertificationError(_("Only administrators withdraw accreditations."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificationError(_("Write why the accreditation is withdrawn."))
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    if accreditation.withdrawn_at is not None:
        raise CertificationError(_("This accreditation has already been withdrawn."))
    accreditation.withdrawn_at = timezone.now()
    accreditation.withdrawn_reason = reason
    accreditation.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    credential_revoke(source=accreditation.credential_source, reason=reason)
    return accreditation


# --- Reads -------------------------------------------------------------------------------


def _accreditations() -> QuerySet:
    return Accreditation.objects.select_related("person", "scheme")


def accreditations_of_person(*, person) -> list[Accreditation]:
    """The person's accreditations, newest first, in one query."""
    return list(_accreditations().filter(person=person).order_by("-valid_from", "-pk"))


def accreditation_for_user(user, pk) -> Accreditation:
    """The person's own accreditation (or any, for an administrator); 404 otherwise."""
    from django.http import Http404

    accreditation = _accreditations().filter(pk=pk).first()
    if accreditation is None or not (
        accreditation.person_id == user.pk or (user.is_active and user.is_superuser)
    ):
        raise Http404
    return accreditation


STANDING_VALID = "valid"
STANDING_EXPIRED = "expired"


def accreditations_of_lags(*, lag_ids, standing: str = "", day=None) -> QuerySet:
    """The accreditations of the people of these LAGs (None: every LAG, for administrators).

    A person belongs to a LAG when they coordinate it (Coordination) or are a member of an
    actor of it (ActorMembership): evaluators are people of the area, known to the LAG
    through the organisation they work for. `standing` "valid" or "expired" filters (an
    expired one has ended or was withdrawn).
    """
    day = day or timezone.localdate()
    qs = _accreditations()
    if lag_ids is not None:
        people = Q(person__coordinations__lag_id__in=lag_ids) | Q(
            person__actor_memberships__actor__lag_id__in=lag_ids
        )
        qs = qs.filter(pk__in=Accreditation.objects.filter(people).values("pk"))
    valid = Q(withdrawn_at__isnull=True, valid_from__lte=day, valid_until__gte=day)
    if standing == STANDING_VALID:
        qs = qs.filter(valid)
    elif standing == STANDING_EXPIRED:
        qs = qs.exclude(valid)
    return qs.order_by("person__full_name", "scheme__name", "role", "-valid_until", "pk")
