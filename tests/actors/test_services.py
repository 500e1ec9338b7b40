import pytest
from django.core import mail

from kaimolink.actors import services
from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.models import Actor, ActorLogEntry
from kaimolink.core.text import lt_sort_key
from tests.factories import (
    ActorFactory,
    LagFactory,
    SettlementFactory,
    UserFactory,
    make_coordinator,
    theme,
)

pytestmark = pytest.mark.django_db


def _data(lag, settlement, **extra):
    return {
        "name": "Šlapaberžės bendruomenės centras",
        "actor_type": ActorType.COMMUNITY_ORGANISATION,
        "lag": lag,
        "district": settlement.district,
        "settlement": settlement,
        **extra,
    }


def test_actor_create_makes_owner_draft_with_folded_search_text():
    lag = LagFactory()
    settlement = SettlementFactory(name="Šlapaberžė", district=lag.districts.first())
    person = UserFactory()

    actor = services.actor_create(
        by=person, data=_data(lag, settlement), themes=[theme("renewable-energy")]
    )

    assert actor.status == ActorStatus.DRAFT
    assert actor.slug == "slapaberzes-bendruomenes-centras"
    assert list(actor.members.all()) == [person]
    assert "slapaberze" in actor.search_text
    assert "atsinaujinanti energija" in actor.search_text
    assert (actor.lat, actor.lon) == (settlement.lat, settlement.lon)
    assert actor.log_entries.get().kind == ActorLogEntry.Kind.CREATED


def test_actor_create_with_submit_waits_for_moderation():
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    actor = services.actor_create(by=UserFactory(), data=_data(lag, settlement), submit=True)
    assert actor.status == ActorStatus.PENDING


def test_actor_slug_is_unique_and_never_a_reserved_path():
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    first = services.actor_create(by=UserFactory(), data=_data(lag, settlement, name="Map"))
    second = services.actor_create(by=UserFactory(), data=_data(lag, settlement, name="Map"))
    assert first.slug == "map-veikejas"
    assert second.slug == "map-veikejas-2"


def test_actor_create_records_consent_time_only_with_consent():
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    with_consent = services.actor_create(
        by=UserFactory(), data=_data(lag, settlement, contacts_public=True, email="a@b.lt")
    )
    without = services.actor_create(by=UserFactory(), data=_data(lag, settlement, name="Kitas"))
    assert with_consent.contacts_consent_at is not None
    assert without.contacts_consent_at is None


def test_publish_by_coordinator_notifies_members_after_commit(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://vvg.example.lt"
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.PENDING, owners=[owner])
    coordinator = make_coordinator(actor.lag)

    with django_capture_on_commit_callbacks(execute=True):
        services.actor_transition(actor=actor, by=coordinator, to_status=ActorStatus.PUBLISHED)

    actor.refresh_from_db()
    assert actor.status == ActorStatus.PUBLISHED
    assert actor.published_at is not None
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert f"https://vvg.example.lt/lt/actors/{actor.slug}/" in mail.outbox[0].body
    entry = actor.log_entries.get(kind=ActorLogEntry.Kind.STATUS)
    assert (entry.from_status, entry.to_status, entry.by) == ("pending", "published", coordinator)


def test_no_mail_when_the_transaction_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    actor = ActorFactory(status=ActorStatus.PENDING, owners=[UserFactory()])
    coordinator = make_coordinator(actor.lag)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.actor_transition(actor=actor, by=coordinator, to_status="published")
            raise RuntimeError("later step failed")
    assert callbacks == []
    assert mail.outbox == []
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.PENDING


def test_submitting_tells_the_lags_coordinators(django_capture_on_commit_callbacks):
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.DRAFT, owners=[owner])
    coordinator = make_coordinator(actor.lag)
    make_coordinator(LagFactory())  # another LAG's coordinator hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        services.actor_transition(actor=actor, by=owner, to_status=ActorStatus.PENDING)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_return_needs_a_reason_and_sends_it_to_the_member(django_capture_on_commit_callbacks):
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.PENDING, owners=[owner])
    coordinator = make_coordinator(actor.lag)

    with pytest.raises(services.ActorError):
        services.actor_transition(actor=actor, by=coordinator, to_status=ActorStatus.DRAFT)
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        services.actor_transition(
            actor=actor, by=coordinator, to_status=ActorStatus.DRAFT, reason="Trūksta aprašymo"
        )
    actor.refresh_from_db()
    assert actor.status == ActorStatus.DRAFT
    assert actor.moderation_note == "Trūksta aprašymo"
    assert "Trūksta aprašymo" in mail.outbox[0].body


def test_member_cannot_publish_own_actor():
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.PENDING, owners=[owner])
    with pytest.raises(services.ActorError):
        services.actor_transition(actor=actor, by=owner, to_status=ActorStatus.PUBLISHED)
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.PENDING


def test_coordinator_of_another_lag_cannot_publish():
    actor = ActorFactory(status=ActorStatus.PENDING)
    stranger = make_coordinator(LagFactory())
    with pytest.raises(services.ActorError):
        services.actor_transition(actor=actor, by=stranger, to_status=ActorStatus.PUBLISHED)
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.PENDING


def test_member_submits_draft():
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.DRAFT, owners=[owner])
    services.actor_transition(actor=actor, by=owner, to_status=ActorStatus.PENDING)
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.PENDING


def test_disallowed_transition_is_refused():
    actor = ActorFactory(status=ActorStatus.ARCHIVED)
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(services.ActorError):
        services.actor_transition(actor=actor, by=admin, to_status=ActorStatus.PENDING)


def test_update_of_published_key_field_is_logged_and_stays_published():
    owner = UserFactory()
    actor = ActorFactory(owners=[owner], name="Senas vardas")
    services.actor_update(actor=actor, by=owner, data={"name": "Naujas vardas"})
    actor.refresh_from_db()
    assert actor.status == ActorStatus.PUBLISHED
    assert actor.name_sort == lt_sort_key("Naujas vardas")
    entry = actor.log_entries.get(kind=ActorLogEntry.Kind.CHANGED)
    assert entry.changes == {"name": ["Senas vardas", "Naujas vardas"]}


def test_update_without_key_field_change_is_not_logged():
    owner = UserFactory()
    actor = ActorFactory(owners=[owner])
    services.actor_update(actor=actor, by=owner, data={"description": "Kitas tekstas"})
    assert not actor.log_entries.filter(kind=ActorLogEntry.Kind.CHANGED).exists()


def test_withdrawing_consent_clears_consent_time():
    owner = UserFactory()
    actor = ActorFactory(owners=[owner], email="x@y.lt")
    services.actor_update(actor=actor, by=owner, data={"contacts_public": True})
    assert actor.contacts_consent_at is not None
    services.actor_update(actor=actor, by=owner, data={"contacts_public": False})
    actor.refresh_from_db()
    assert actor.contacts_consent_at is None


def test_contact_message_goes_to_actor_and_members_with_reply_to_sender(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory(email="owner@ukis.lt")
    actor = ActorFactory(owners=[owner], email="info@ukis.lt")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.actor_contact_send(
            actor=actor, sender_name="Ona", sender_email="ona@example.lt", message="Ar turite?"
        )
    assert sent == 2
    # One e-mail to each: no recipient sees the other's address.
    assert sorted(m.to[0] for m in mail.outbox) == ["info@ukis.lt", "owner@ukis.lt"]
    assert all(m.reply_to == ["ona@example.lt"] and "Ar turite?" in m.body for m in mail.outbox)


def test_contact_message_without_any_recipient_is_refused():
    actor = ActorFactory(email="")
    with pytest.raises(services.ActorError):
        services.actor_contact_send(
            actor=actor, sender_name="Ona", sender_email="ona@example.lt", message="Labas!!!!"
        )
    assert mail.outbox == []
