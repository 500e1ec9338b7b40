"""Reports: anyone signed in reports, the right moderators see and handle them."""

import pytest
from django.urls import reverse

from kaimolink.moderation.models import Report
from kaimolink.moderation.services import report_create
from kaimolink.notifications.models import Notification
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db


def _report(reporter, target, lag):
    return report_create(
        reporter=reporter, target=target, reason="Reklama", excerpt="Pirkite!", url="/lt/", lag=lag
    )


def test_report_notifies_the_lags_coordinators_and_administrators_only():
    lag, other_lag = LagFactory(), LagFactory()
    coordinator, other_coordinator = make_coordinator(lag), make_coordinator(other_lag)
    admin = UserFactory(is_superuser=True, is_staff=True)
    reporter = UserFactory()
    _report(reporter, ActorFactory(lag=lag), lag)
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {coordinator.pk, admin.pk}
    assert other_coordinator.pk not in notified


def test_without_a_lag_only_administrators_are_told():
    lag = LagFactory()
    make_coordinator(lag)
    admin = UserFactory(is_superuser=True, is_staff=True)
    _report(UserFactory(), ActorFactory(lag=lag), None)
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [admin.pk]


def test_reporting_twice_keeps_one_open_report():
    lag = LagFactory()
    reporter, target = UserFactory(), ActorFactory(lag=lag)
    first = _report(reporter, target, lag)
    second = _report(reporter, target, lag)
    assert first.pk == second.pk
    assert Report.objects.count() == 1
    _report(UserFactory(), target, lag)
    assert Report.objects.count() == 2


def test_queue_shows_a_coordinator_only_their_lags_reports(client):
    lag, other_lag = LagFactory(), LagFactory()
    coordinator = make_coordinator(lag)
    mine = _report(UserFactory(), ActorFactory(lag=lag), lag)
    _report(UserFactory(), ActorFactory(lag=other_lag), other_lag)
    _report(UserFactory(), ActorFactory(lag=lag), None)  # private: administrators only
    client.force_login(coordinator)
    page = client.get(reverse("moderation:queue"))
    assert [r.pk for r in page.context["page"]] == [mine.pk]


def test_members_may_not_see_the_queue(client):
    client.force_login(UserFactory())
    assert client.get(reverse("moderation:queue")).status_code == 403
    client.logout()
    assert client.get(reverse("moderation:queue")).status_code == 302


def test_handling_records_who_and_leaves_the_open_list(client):
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    report = _report(UserFactory(), ActorFactory(lag=lag), lag)
    client.force_login(coordinator)
    response = client.post(
        reverse("moderation:handle", args=[report.pk]), {"decision": "acted", "note": "Paslėpta"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handled_by, report.handling_note) == (
        Report.Status.ACTED,
        coordinator,
        "Paslėpta",
    )
    assert list(client.get(reverse("moderation:queue")).context["page"]) == []


def test_another_lags_report_cannot_be_handled(client):
    lag, other_lag = LagFactory(), LagFactory()
    coordinator = make_coordinator(lag)
    report = _report(UserFactory(), ActorFactory(lag=other_lag), other_lag)
    client.force_login(coordinator)
    response = client.post(reverse("moderation:handle", args=[report.pk]), {"decision": "acted"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_a_bad_decision_changes_nothing(client):
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    report = _report(UserFactory(), ActorFactory(lag=lag), lag)
    client.force_login(coordinator)
    response = client.post(reverse("moderation:handle", args=[report.pk]), {"decision": "burn"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
    follow = client.get(response.url)
    assert "Pasirinkite, ar imtasi veiksmų." in follow.content.decode()


def test_reporter_erased_report_stays_without_the_name():
    from kaimolink.accounts.services import account_erase, personal_data_export

    lag = LagFactory()
    reporter = UserFactory()
    _report(reporter, ActorFactory(lag=lag), lag)
    assert personal_data_export(user=reporter)["reports_made"][0]["reason"] == "Reklama"
    account_erase(user=reporter)
    assert Report.objects.get().reporter is None
