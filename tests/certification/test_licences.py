"""Licences after the decision: suspension, withdrawal, expiry, reminders, renewal, and the
actor's certification status that follows them; versions that never change old decisions."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.actors.enums import CertificationStatus
from kaimolink.certification import selectors, services
from kaimolink.certification.enums import (
    Action,
    ApplicationKind,
    ApplicationState,
    LicenceStatus,
    Standing,
)
from kaimolink.certification.models import AuditEntry, Licence, LicenceReminder
from kaimolink.certification.workflow import CertificationError
from kaimolink.notifications.models import Notification
from tests.certification.factories import add_criteria, application_in, licensed, make_world

S = ApplicationState
pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    return make_world()


def status_of(actor) -> str:
    actor.refresh_from_db()
    return actor.certification_status


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


def letters_to(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind="certification").values_list(
            "title_msgid", flat=True
        )
    )


# --- The actor's status follows the licences -------------------------------------------


def test_suspension_and_reinstatement_move_the_actors_status(world):
    licence = licensed(world)
    assert status_of(world.actor) == CertificationStatus.CERTIFIED
    services.licence_suspend(licence=licence, by=world.coordinator, reason="Skundas.")
    assert status_of(world.actor) == CertificationStatus.SUSPENDED
    services.licence_reinstate(licence=licence, by=world.coordinator)
    assert status_of(world.actor) == CertificationStatus.CERTIFIED


def test_withdrawal_tells_the_holder_and_ends_the_certification(world):
    licence = licensed(world)
    services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeistos taisyklės.")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.WITHDRAWN
    assert licence.status_reason == "Pažeistos taisyklės."
    assert status_of(world.actor) == CertificationStatus.NONE
    assert any("withdrawn" in title for title in letters_to(world.applicant))


def test_reasons_are_required_to_suspend_and_withdraw(world):
    licence = licensed(world)
    for service in (services.licence_suspend, services.licence_withdraw):
        with pytest.raises(CertificationError):
            service(licence=licence, by=world.coordinator, reason="  ")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ACTIVE


def test_expiry_is_derived_from_the_date_and_recorded_once(world):
    licence = licensed(world)
    after = licence.valid_until + DAY
    assert licence.standing(licence.valid_until) == Standing.VALID
    assert licence.standing(after) == Standing.EXPIRED
    assert services.licences_expire(now=moment(licence.valid_until)) == 0
    with _today_is(after):
        assert services.licences_expire(now=moment(after)) == 1
        assert services.licences_expire(now=moment(after)) == 0
        assert status_of(world.actor) == CertificationStatus.NONE
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ACTIVE  # stored status unchanged: expiry is derived
    entry = AuditEntry.objects.get(licence=licence, action=Action.EXPIRE)
    assert (entry.from_state, entry.to_state, entry.by) == ("active", "expired", None)
    assert any("expired" in title for title in letters_to(world.applicant))


def test_an_expired_licence_cannot_be_suspended(world):
    licence = licensed(world)
    with _today_is(licence.valid_until + DAY), pytest.raises(CertificationError, match="expired"):
        services.licence_suspend(licence=licence, by=world.coordinator, reason="Vėlu.")


class _today_is:
    """Make timezone.localdate() (and now) answer another day, for the services."""

    def __init__(self, day):
        self.day = day

    def __enter__(self):
        import unittest.mock

        self.patch = unittest.mock.patch("django.utils.timezone.now", return_value=moment(self.day))
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


# --- Reminders -------------------------------------------------------------------------


def test_reminders_60_and_14_days_before_are_sent_once_each(world):
    licence = licensed(world)
    end = licence.valid_until
    assert services.licences_remind_expiring(now=moment(end - 61 * DAY)) == 0
    assert services.licences_remind_expiring(now=moment(end - 60 * DAY)) == 1
    assert services.licences_remind_expiring(now=moment(end - 59 * DAY)) == 0
    assert services.licences_remind_expiring(now=moment(end - 20 * DAY)) == 0
    assert services.licences_remind_expiring(now=moment(end - 14 * DAY)) == 1
    assert services.licences_remind_expiring(now=moment(end - 3 * DAY)) == 0
    sent = sorted(
        LicenceReminder.objects.filter(licence=licence).values_list("days_before", flat=True)
    )
    assert sent == [14, 60]
    assert sum("renewal" in title for title in letters_to(world.applicant)) == 2


def test_a_licence_first_seen_late_gets_only_the_nearer_reminder(world):
    licence = licensed(world)
    assert services.licences_remind_expiring(now=moment(licence.valid_until - 10 * DAY)) == 1
    assert list(LicenceReminder.objects.values_list("days_before", flat=True)) == [14]


def test_the_daily_jobs_run_without_arguments(world):
    licensed(world)
    assert services.licences_remind_expiring() == 0
    assert services.licences_expire() == 0


# --- Renewal ---------------------------------------------------------------------------


def test_renewal_uses_only_the_renewal_criteria(world):
    licence = licensed(world)
    renewal = services.renewal_start(licence=licence, by=world.applicant)
    assert renewal.kind == ApplicationKind.RENEWAL and renewal.renews == licence
    codes = [c.code for c in selectors.criteria_in_scope(renewal)]
    assert codes == ["K1", "K3"]
    assert {c.code for c in renewal.version.criteria.all()} == {"K1", "K2", "K3"}


def test_approved_renewal_issues_a_new_number_that_continues_the_old_licence(world):
    licence = licensed(world)
    renewed = application_in(world, S.APPROVED, renews=licence)
    assert renewed.kind == ApplicationKind.RENEWAL and renewed.scores.count() == 2
    new = Licence.objects.get(renews=licence)
    assert new.number == f"BV-{timezone.localdate().year}-0002" != licence.number
    assert new.valid_from == licence.valid_until + DAY
    # The old one is still in force until its end: the holder is certified all along.
    assert status_of(world.actor) == CertificationStatus.CERTIFIED
    with _today_is(new.valid_from):
        services.licences_expire()
        assert status_of(world.actor) == CertificationStatus.CERTIFIED


def test_a_renewal_cannot_start_twice_nor_for_a_withdrawn_licence(world):
    licence = licensed(world)
    services.renewal_start(licence=licence, by=world.applicant)
    with pytest.raises(CertificationError, match="open application"):
        services.renewal_start(licence=licence, by=world.applicant)
    other = make_world(code="KB", name="Kita")
    withdrawn = licensed(other)
    services.licence_withdraw(licence=withdrawn, by=other.coordinator, reason="Pažeidimas.")
    with pytest.raises(CertificationError, match="valid licence"):
        services.renewal_start(licence=withdrawn, by=other.applicant)


def test_a_holder_cannot_apply_again_while_its_licence_is_valid(world):
    licensed(world)
    with pytest.raises(CertificationError, match="renewal"):
        services.application_create(actor=world.actor, scheme=world.scheme, by=world.applicant)


# --- Versions --------------------------------------------------------------------------


def test_a_new_version_does_not_change_decisions_taken_under_the_old_one(world):
    licence = licensed(world)
    old_version = licence.version
    new_version = services.version_create(
        scheme=world.scheme, rules_text="Naujos taisyklės", validity_months=12
    )
    add_criteria(new_version, prefix="N")
    services.version_publish(version=new_version)
    licence.refresh_from_db()
    assert selectors.current_version(world.scheme) == new_version
    assert list(selectors.versions(world.scheme)) == [new_version, old_version]
    assert licence.version == old_version and licence.application.version == old_version
    assert [c.code for c in selectors.criteria_in_scope(licence.application)] == ["K1", "K2", "K3"]
    assert licence.application.decision.outcome == "approved"


def test_a_published_version_cannot_be_changed(world):
    version = selectors.current_version(world.scheme)
    with pytest.raises(CertificationError, match="published"):
        services.version_update(version=version, rules_text="Kita", validity_months=1)
    with pytest.raises(CertificationError, match="published"):
        services.criterion_add(version=version, code="K9", title="X", requirement="X", evidence="X")
    version.refresh_from_db()
    assert version.rules == "Taisyklės" and version.criteria.count() == 3


def test_a_draft_version_is_not_offered_to_applicants(world):
    draft = services.version_create(scheme=world.scheme, rules_text="Juodraštis")
    assert selectors.current_version(world.scheme) != draft
    application = services.application_create(
        actor=world.actor, scheme=world.scheme, by=world.applicant
    )
    assert application.version != draft
