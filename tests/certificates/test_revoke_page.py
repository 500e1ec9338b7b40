"""Revoking a certificate outside the admin: the organisers' list, the revoke page, the
public verification page afterwards, and the read-only, LAG-scoped admin."""

import datetime
import threading

import pytest
from django.db.models import QuerySet
from django.utils import timezone, translation

from kaimolink.certificates import services as certificate_services
from kaimolink.certificates.models import Certificate
from kaimolink.certificates.services import (
    CertificateError,
    attendance_certificate_issue,
    certificate_revoke,
)
from kaimolink.events.enums import EventStatus
from kaimolink.events.services import attendance_mark
from tests.events.factories import EventFactory, RegistrationFactory
from tests.events.test_concurrency import run_at_once
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def past_day():
    return [
        (timezone.localdate() - datetime.timedelta(days=5), datetime.time(9), datetime.time(13))
    ]


def held_event(lag, **kwargs):
    return EventFactory(lags=[lag], status=EventStatus.HELD, days=past_day(), **kwargs)


def certified(event, coordinator, **person):
    registration = RegistrationFactory(event=event, person=UserFactory(**person))
    attendance_mark(registration=registration, day=event.days.get(), present=True, by=coordinator)
    return attendance_certificate_issue(registration=registration, by=coordinator)


@pytest.fixture
def world():
    lag, other_lag = LagFactory(), LagFactory()
    coordinator = make_coordinator(lag)
    trainer = UserFactory(full_name="Treneris Petraitis")
    event = held_event(lag, title="Vietos tapatumo mokymai", trainer=trainer)
    certificate = certified(
        event, coordinator, full_name="Žydrūnė Šėtaitė", email="zydrune@example.lt"
    )
    return {
        "event": event,
        "certificate": certificate,
        "holder": certificate.person,
        "coordinator": coordinator,
        "trainer": trainer,
        "other_coordinator": make_coordinator(other_lag),
        "other_event": held_event(other_lag, title="Kitų mokymai"),
    }


def revoke_url(certificate, lang="en"):
    return f"/{lang}/certificates/{certificate.pk}/revoke/"


def list_url(event):
    return f"/en/certificates/events/{event.slug}/"


def verify_page(client, certificate) -> str:
    response = client.get(f"/en/verify/{certificate.code}/")
    assert response.status_code == 200
    return response.content.decode()


def unchanged(certificate):
    certificate.refresh_from_db()
    return certificate.revoked_at is None and certificate.revoke_reason == ""


# The revoke page


@pytest.mark.parametrize("who", ["coordinator", "trainer"])
def test_revoke_page_revokes_with_reason_and_verify_page_says_so(client, world, who):
    certificate = world["certificate"]
    client.force_login(world[who])
    form = client.get(revoke_url(certificate))
    assert form.status_code == 200
    assert certificate.number in form.text and "Žydrūnė Šėtaitė" in form.text

    response = client.post(revoke_url(certificate), {"reason": "  Dalyvavo tik 1 val.  "})

    assert response.status_code == 302
    assert response["Location"] == list_url(world["event"])
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoke_reason == "Dalyvavo tik 1 val."
    client.logout()
    page = verify_page(client, certificate)
    assert "revoked" in page and "genuine" not in page
    main = page.split("<main", 1)[-1]
    assert "Žydrūnė Šėtaitė" in main and "Vietos tapatumo mokymai" in main
    # Nothing beyond name and event: not the reason, not the address, not who revoked it.
    assert "Dalyvavo tik" not in main and "@" not in main
    assert str(world[who]) not in main


def test_the_holder_is_told_of_the_revocation_and_nobody_else(client, world):
    from kaimolink.notifications.models import Notification

    certificate = world["certificate"]
    client.force_login(world["coordinator"])
    client.post(revoke_url(certificate), {"reason": "Klaida sąraše"})
    (told,) = Notification.objects.all()
    assert told.recipient == world["holder"] and told.kind == "certificate"
    assert certificate.number in told.title and "Vietos tapatumo mokymai" in told.title
    assert "Klaida" not in told.title  # the reason stays with the organisers


def test_a_refused_revocation_tells_nobody(client, world):
    from kaimolink.notifications.models import Notification

    client.force_login(world["other_coordinator"])
    client.post(revoke_url(world["certificate"]), {"reason": "x"})
    assert not Notification.objects.exists()


def test_revoke_page_empty_reason_is_400_and_changes_nothing(client, world):
    certificate = world["certificate"]
    client.force_login(world["coordinator"])
    for reason in ("", "   \n "):
        response = client.post(revoke_url(certificate), {"reason": reason})
        assert response.status_code == 400
        assert "Write why the certificate is revoked." in response.text
        assert unchanged(certificate)
    assert client.post(revoke_url(certificate), {}).status_code == 400
    assert unchanged(certificate)


def test_revoke_page_too_long_reason_is_400_and_keeps_the_text(client, world):
    certificate = world["certificate"]
    client.force_login(world["coordinator"])
    reason = "Klaidingai išduotas " + "ž" * 2000
    response = client.post(revoke_url(certificate), {"reason": reason})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.text
    assert reason in response.text
    assert unchanged(certificate)


def test_revoke_page_error_in_lithuanian(client, world):
    client.force_login(world["coordinator"])
    response = client.post(revoke_url(world["certificate"], "lt"), {"reason": ""})
    assert response.status_code == 400
    assert "Parašykite, kodėl pažymėjimas atšaukiamas." in response.text
    assert unchanged(world["certificate"])


@pytest.mark.parametrize("who", ["other_coordinator", "holder", "stranger"])
def test_revoke_page_for_others_is_404_and_changes_nothing(client, world, who):
    user = UserFactory() if who == "stranger" else world[who]
    client.force_login(user)
    certificate = world["certificate"]
    assert client.get(revoke_url(certificate)).status_code == 404
    assert client.post(revoke_url(certificate), {"reason": "Ne mano"}).status_code == 404
    assert unchanged(certificate)


def test_revoke_page_of_another_lags_certificate_is_404(client, world):
    theirs = certified(world["other_event"], world["other_coordinator"])
    client.force_login(world["coordinator"])
    assert client.post(revoke_url(theirs), {"reason": "Ne mūsų"}).status_code == 404
    assert unchanged(theirs)


def test_revoke_page_anonymous_is_sent_to_login(client, world):
    response = client.post(revoke_url(world["certificate"]), {"reason": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert unchanged(world["certificate"])


def test_revoke_page_unknown_certificate_is_404(client, world):
    client.force_login(world["coordinator"])
    assert client.get("/en/certificates/999999/revoke/").status_code == 404
    assert client.get("/en/certificates/99999999999999999999999/revoke/").status_code == 404


def test_revoke_page_already_revoked_is_409_and_keeps_the_first_reason(client, world):
    certificate = world["certificate"]
    certificate_revoke(certificate=certificate, reason="Pirmoji priežastis", by=world["trainer"])
    certificate.refresh_from_db()
    revoked_at = certificate.revoked_at
    client.force_login(world["coordinator"])
    page = client.get(revoke_url(certificate))
    assert page.status_code == 200
    assert "Pirmoji priežastis" in page.text and 'name="reason"' not in page.text
    response = client.post(revoke_url(certificate), {"reason": "Antroji priežastis"})
    assert response.status_code == 409
    assert "already been revoked" in response.text
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "Pirmoji priežastis"
    assert certificate.revoked_at == revoked_at


def test_revoke_page_get_only_and_post(client, world):
    client.force_login(world["coordinator"])
    assert client.put(revoke_url(world["certificate"])).status_code == 405


def test_cached_verify_page_shows_revocation_through_the_page(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    certificate = world["certificate"]
    assert "genuine" in verify_page(client, certificate)
    client.force_login(world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(revoke_url(certificate), {"reason": "Klaida"})
    client.logout()
    assert "revoked" in verify_page(client, certificate)


# The organisers' list of an event's certificates


def test_event_certificates_page_lists_them_with_revoke_links(client, world):
    certificate = world["certificate"]
    second = certified(world["event"], world["coordinator"], full_name="Jonas Upelis")
    certificate_revoke(certificate=second, reason="Neatvyko", by=world["coordinator"])
    client.force_login(world["trainer"])
    response = client.get(list_url(world["event"]))
    assert response.status_code == 200
    page = response.text
    assert certificate.number in page and second.number in page
    assert "Žydrūnė Šėtaitė" in page and "Jonas Upelis" in page
    assert revoke_url(certificate) in page
    assert revoke_url(second) not in page  # already revoked
    assert "Neatvyko" in page
    assert f"/en/verify/{certificate.printed_code}/" in page
    assert "2 certificates issued" in page and "1 revoked" in page


@pytest.mark.parametrize("who", ["other_coordinator", "holder"])
def test_event_certificates_page_for_others_is_404(client, world, who):
    client.force_login(world[who])
    assert client.get(list_url(world["event"])).status_code == 404


def test_event_certificates_page_shows_no_other_events_certificates(client, world):
    theirs = certified(world["other_event"], world["other_coordinator"], full_name="Kitas Žmogus")
    client.force_login(world["coordinator"])
    page = client.get(list_url(world["event"])).text
    assert theirs.number not in page and "Kitas Žmogus" not in page


def test_event_certificates_page_queries_do_not_grow(client, world):
    client.force_login(world["coordinator"])
    one = count_queries(client, list_url(world["event"]))
    for _ in range(5):
        certified(world["event"], world["trainer"])
    assert Certificate.objects.filter(event=world["event"]).count() == 6
    assert count_queries(client, list_url(world["event"])) == one


def test_issue_button_leads_to_the_certificates_page(client, world):
    RegistrationFactory(event=world["event"])  # absent: refused
    client.force_login(world["coordinator"])
    response = client.post(f"/en/certificates/events/{world['event'].slug}/issue/", follow=True)
    assert response.redirect_chain[-1][0] == list_url(world["event"])
    assert "0 new, 1 already issued, 1 not eligible" in response.text
    assert world["certificate"].number in response.text


def test_holder_cannot_download_a_revoked_certificate_but_organisers_can(client, world):
    certificate = world["certificate"]
    url = f"/en/certificates/{certificate.code}.pdf"
    client.force_login(world["holder"])
    assert client.get(url).status_code == 200
    certificate_revoke(certificate=certificate, reason="Klaida", by=world["coordinator"])
    assert client.get(url).status_code == 404
    client.force_login(world["coordinator"])
    assert client.get(url).status_code == 200


# The service


def test_service_requires_a_reason(world):
    with pytest.raises(CertificateError, match="Write why"):
        certificate_revoke(certificate=world["certificate"], reason=" ", by=world["coordinator"])
    assert unchanged(world["certificate"])


def test_service_refuses_outsiders(world):
    for who in ("other_coordinator", "holder"):
        with pytest.raises(CertificateError, match="may not"):
            certificate_revoke(certificate=world["certificate"], reason="x", by=world[who])
    assert unchanged(world["certificate"])


def test_service_refuses_revoking_twice(world):
    certificate_revoke(certificate=world["certificate"], reason="Pirma", by=world["coordinator"])
    with pytest.raises(CertificateError, match="already"):
        certificate_revoke(certificate=world["certificate"], reason="Antra", by=world["trainer"])
    world["certificate"].refresh_from_db()
    assert world["certificate"].revoke_reason == "Pirma"


# The admin: read only, scoped by LAG, links to the page


def test_admin_coordinator_sees_own_certificates_read_only_with_revoke_link(client, world):
    theirs = certified(world["other_event"], world["other_coordinator"], full_name="Kitas Žmogus")
    client.force_login(world["coordinator"])
    listing = client.get("/en/admin/certificates/certificate/")
    assert listing.status_code == 200
    assert world["certificate"].number in listing.text
    assert theirs.number not in listing.text and "Kitas Žmogus" not in listing.text
    assert revoke_url(world["certificate"]) in listing.text
    own = client.get(f"/en/admin/certificates/certificate/{world['certificate'].pk}/change/")
    assert own.status_code == 200 and 'name="_save"' not in own.text
    client.post(
        f"/en/admin/certificates/certificate/{world['certificate'].pk}/change/",
        {"revoke_reason": "Per administravimą", "holder_name": "Kažkas kitas"},
    )
    assert unchanged(world["certificate"])
    assert world["certificate"].holder_name == "Žydrūnė Šėtaitė"
    other = client.get(f"/en/admin/certificates/certificate/{theirs.pk}/change/")
    assert other.status_code == 302
    client.post(f"/en/admin/certificates/certificate/{theirs.pk}/delete/", {"post": "yes"})
    assert Certificate.objects.filter(pk=theirs.pk).exists()


# Two people revoking at once (real PostgreSQL)


def revoke_both(monkeypatch, world, *, with_lock: bool):
    certificate = world["certificate"]
    if not with_lock:
        # Both read "not revoked" before either writes, which the row lock would not allow.
        barrier = threading.Barrier(2, timeout=10)
        original = certificate_services.can_follow_event

        def check_then_wait(user, event):
            allowed = original(user, event)
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
            return allowed

        monkeypatch.setattr(certificate_services, "can_follow_event", check_then_wait)
        monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)

    def revoke(args):
        with translation.override("en"):  # each thread has its own active language
            return certificate_revoke(certificate=certificate, reason=args[0], by=args[1])

    outcomes = run_at_once(
        revoke, [("Pirmoji", world["coordinator"]), ("Antroji", world["trainer"])]
    )
    monkeypatch.undo()
    return outcomes


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_revoking_at_once_one_wins_and_the_other_is_told(monkeypatch, world):
    outcomes = revoke_both(monkeypatch, world, with_lock=True)
    errors = [o for o in outcomes if isinstance(o, CertificateError)]
    done = [o for o in outcomes if isinstance(o, Certificate)]
    assert len(done) == 1 and len(errors) == 1, outcomes
    assert "already" in str(errors[0])
    world["certificate"].refresh_from_db()
    assert world["certificate"].revoke_reason == done[0].revoke_reason


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_both_revoke_and_one_reason_is_lost(monkeypatch, world):
    outcomes = revoke_both(monkeypatch, world, with_lock=False)
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
