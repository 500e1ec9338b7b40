"""Co-editor invitations: the whole flow by e-mail, permissions, bad input, expiry, races."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.accounts import services as account_services
from kaimolink.actors import gdpr, invitations
from kaimolink.actors.enums import ActorStatus, MemberRole
from kaimolink.actors.models import Actor, ActorInvitation, ActorLogEntry, ActorMembership
from tests.concurrency import at_once
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

PASSWORD = "slaptas-Zodis-42"  # tests/factories.UserFactory
LINK = re.compile(r"https?://[^/\s]+(/lt/actors/invitations/[A-Za-z0-9_-]+/)")

CONFIRMED = {"confirmed": "1"}


def committed():
    """Run the after-commit callbacks (the e-mails) of what happens inside, as a commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def post(client, url, data=None):
    with committed():
        return client.post(url, data or {})


def invite(actor, email, by=None) -> str:
    """Invite through the service and return the link path read from the e-mail."""
    sent_before = len(mail.outbox)
    with committed():
        invitations.invitation_create(
            actor=actor, by=by or actor.memberships.get(role=MemberRole.OWNER).user, email=email
        )
    return link_in(mail.outbox[sent_before:][-1].body)


def link_in(body: str) -> str:
    return LINK.search(body).group(1)


def coeditors_url(actor) -> str:
    return f"/lt/actors/{actor.slug}/coeditors/"


@pytest.fixture
def world(db):
    lag_a, lag_b = LagFactory(), LagFactory()
    owner, editor = UserFactory(full_name="Ona Savininkė"), UserFactory()
    actor = ActorFactory(lag=lag_a, status=ActorStatus.DRAFT, owners=[owner])
    ActorMembership.objects.create(actor=actor, user=editor, role=MemberRole.EDITOR)
    other_owner = UserFactory()
    other_actor = ActorFactory(lag=lag_a, owners=[other_owner])
    return {
        "actor": actor,
        "owner": owner,
        "editor": editor,
        "other_actor": other_actor,
        "other_owner": other_owner,
        "coordinator_a": make_coordinator(lag_a),
        "coordinator_b": make_coordinator(lag_b),
        "stranger": UserFactory(),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }


# --- The whole flow ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the e-mails leave after a real commit
def test_invitation_by_e_mail_from_form_to_membership(client, world):
    actor, owner = world["actor"], world["owner"]
    client.force_login(owner)
    response = client.post(coeditors_url(actor), {"email": "  Jonas@Example.LT "})
    assert response.status_code == 302
    invitation = ActorInvitation.objects.get()
    assert invitation.email == "jonas@example.lt"
    assert invitation.invited_by == owner

    [message] = mail.outbox
    assert message.to == ["jonas@example.lt"]
    assert actor.name in message.subject
    link = link_in(message.body)
    assert "/en/actors/invitations/" in message.body  # Lithuanian first, then English
    assert message.body.index("/lt/actors/") < message.body.index("/en/actors/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == invitations.hash_token(token) != token  # only the hash

    # Someone not signed in: asked to sign in and come back.
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert f"?next={link}" in page.text
    assert 'method="post"' not in page.text

    # They sign in with another address than the invited one (people have several).
    jonas = UserFactory(email="jonas.darbas@example.lt", full_name="Jonas Naujokas")
    EmailAddress.objects.create(user=jonas, email=jonas.email, verified=True, primary=True)
    login = client.post(
        f"/lt/accounts/login/?next={link}", {"login": jonas.email, "password": PASSWORD}
    )
    assert login.status_code == 302 and login.url == link
    page = client.get(link)
    assert page.status_code == 200
    assert actor.name in page.text
    assert "jonas@example.lt" in page.text  # the invited address is shown
    assert 'method="post"' in page.text

    accepted = client.post(link)
    assert accepted.status_code == 302 and accepted.url == actor.get_absolute_url()
    membership = ActorMembership.objects.get(actor=actor, user=jonas)
    assert membership.role == MemberRole.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == jonas and invitation.accepted_at is not None
    log = ActorLogEntry.objects.get(actor=actor, kind=ActorLogEntry.Kind.MEMBERS)
    assert log.by == jonas and log.changes["joined"] == jonas.pk

    # The inviter is told; the new co-editor may now edit the profile.
    assert mail.outbox[-1].to == [owner.email]
    assert "Jonas Naujokas" in mail.outbox[-1].subject
    assert client.get(f"/lt/actors/{actor.slug}/edit/").status_code == 200

    # The link is used up: for another person it changes nothing.
    client.force_login(UserFactory())
    again = client.post(link)
    assert again.status_code == 410
    assert ActorMembership.objects.filter(actor=actor).count() == 3


def test_accepting_twice_makes_one_membership(client, world):
    link = invite(world["actor"], "ona@example.lt")
    person = UserFactory()
    client.force_login(person)
    assert post(client, link).status_code == 302
    assert mail.outbox[-1].to == [world["owner"].email]
    second = post(client, link)
    assert second.status_code == 409  # "you are already a co-editor"
    assert world["actor"].name in second.text
    assert ActorMembership.objects.filter(actor=world["actor"], user=person).count() == 1
    assert ActorLogEntry.objects.filter(kind=ActorLogEntry.Kind.MEMBERS).count() == 1


def test_member_opening_an_invitation_is_told_so_and_nothing_changes(client, world):
    link = invite(world["actor"], "kitas@example.lt")
    client.force_login(world["editor"])
    page = client.get(link)
    assert page.status_code == 200 and 'method="post"' not in page.text
    assert client.post(link).status_code == 409
    assert ActorMembership.objects.filter(actor=world["actor"]).count() == 2
    assert ActorInvitation.objects.get().accepted_at is None


# --- Dead links ----------------------------------------------------------------------------


def test_tampered_token_is_404_and_changes_nothing(client, world):
    link = invite(world["actor"], "ona@example.lt")
    client.force_login(world["stranger"])
    for bad in [link[:-3] + "xx/", "/lt/actors/invitations/%C4%85%00/"]:
        assert client.get(bad).status_code == 404
        assert client.post(bad).status_code == 404
    assert not ActorMembership.objects.filter(user=world["stranger"]).exists()
    assert ActorInvitation.objects.get().accepted_at is None


def test_expired_invitation_is_gone_and_can_be_sent_again(client, world):
    actor = world["actor"]
    link = invite(actor, "ona@example.lt")
    ActorInvitation.objects.update(created_at=timezone.now() - timedelta(days=14, minutes=1))
    client.force_login(world["stranger"])
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert not ActorMembership.objects.filter(user=world["stranger"]).exists()
    assert not invitations.open_invitations(actor=actor).exists()

    # A new invitation replaces the expired one (one open invitation per address).
    new_link = invite(actor, "ona@example.lt")
    assert new_link != link
    assert ActorInvitation.objects.count() == 1
    assert client.post(new_link).status_code == 302
    assert ActorMembership.objects.filter(user=world["stranger"], actor=actor).exists()


def test_invitation_one_day_before_expiry_still_works(client, world):
    link = invite(world["actor"], "ona@example.lt")
    ActorInvitation.objects.update(created_at=timezone.now() - timedelta(days=13))
    client.force_login(world["stranger"])
    assert client.post(link).status_code == 302


def test_revoked_invitation_is_gone(client, world):
    actor, owner = world["actor"], world["owner"]
    link = invite(actor, "ona@example.lt")
    invitation = ActorInvitation.objects.get()
    client.force_login(owner)
    url = f"{coeditors_url(actor)}invitations/{invitation.pk}/revoke/"
    assert client.post(url, CONFIRMED).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.post(url, CONFIRMED).status_code == 409  # no longer open

    client.force_login(world["stranger"])
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert not ActorMembership.objects.filter(user=world["stranger"]).exists()


# --- Permissions ---------------------------------------------------------------------------

OUTSIDERS = ["stranger", "other_owner", "coordinator_b"]
READ_ONLY = ["editor", "coordinator_a", "admin"]


def test_owner_sees_the_form_and_the_lists(client, world):
    invite(world["actor"], "ona@example.lt")
    client.force_login(world["owner"])
    page = client.get(coeditors_url(world["actor"]))
    assert page.status_code == 200
    assert world["editor"].email in page.text and "ona@example.lt" in page.text
    assert 'name="email"' in page.text
    # Removing the editor is offered; removing the one owner is not.
    base = coeditors_url(world["actor"])
    editor_m, owner_m = (ActorMembership.objects.get(user=world[r]) for r in ("editor", "owner"))
    assert f"{base}members/{editor_m.pk}/remove/" in page.text
    assert f"{base}members/{owner_m.pk}/remove/" not in page.text


@pytest.mark.parametrize("role", [None, *OUTSIDERS])
def test_outsiders_get_404_and_change_nothing(client, world, role):
    actor = world["actor"]
    invite(actor, "ona@example.lt")
    invitation = ActorInvitation.objects.get()
    editor_membership = ActorMembership.objects.get(user=world["editor"])
    if role:
        client.force_login(world[role])
    expected = 302 if role is None else 404  # anonymous: sent to sign in
    base = coeditors_url(actor)
    assert client.get(base).status_code == expected
    assert client.post(base, {"email": "pasalinis@example.lt"}).status_code == expected
    assert (
        client.post(f"{base}invitations/{invitation.pk}/revoke/", CONFIRMED).status_code == expected
    )
    assert (
        client.post(f"{base}members/{editor_membership.pk}/remove/", CONFIRMED).status_code
        == expected
    )
    assert ActorInvitation.objects.count() == 1
    assert ActorInvitation.objects.get().revoked_at is None
    assert ActorMembership.objects.filter(pk=editor_membership.pk).exists()


@pytest.mark.parametrize("role", READ_ONLY)
def test_editors_coordinators_and_admins_only_read(client, world, role):
    actor = world["actor"]
    invite(actor, "ona@example.lt")
    invitation = ActorInvitation.objects.get()
    owner_membership = ActorMembership.objects.get(user=world["owner"])
    client.force_login(world[role])
    base = coeditors_url(actor)
    page = client.get(base)
    assert page.status_code == 200
    assert "ona@example.lt" in page.text and 'name="email"' not in page.text
    assert client.post(base, {"email": "pasalinis@example.lt"}).status_code == 403
    assert client.post(f"{base}invitations/{invitation.pk}/revoke/", CONFIRMED).status_code == 403
    assert client.post(f"{base}members/{owner_membership.pk}/remove/", CONFIRMED).status_code == 403
    assert ActorInvitation.objects.count() == 1
    assert ActorInvitation.objects.get().revoked_at is None
    assert ActorMembership.objects.filter(actor=actor).count() == 2


def test_ids_of_another_actor_are_404(client, world):
    actor, other = world["actor"], world["other_actor"]
    invite(other, "ona@example.lt")
    other_invitation = ActorInvitation.objects.get()
    other_membership = ActorMembership.objects.get(actor=other)
    client.force_login(world["owner"])
    base = coeditors_url(actor)
    assert (
        client.post(f"{base}invitations/{other_invitation.pk}/revoke/", CONFIRMED).status_code
        == 404
    )
    assert client.post(f"{base}members/{other_membership.pk}/remove/", CONFIRMED).status_code == 404
    assert ActorInvitation.objects.get().revoked_at is None
    assert ActorMembership.objects.filter(pk=other_membership.pk).exists()


def test_profile_and_edit_page_link_to_co_editors(client, world):
    actor = world["actor"]
    client.force_login(world["owner"])
    assert coeditors_url(actor) in client.get(actor.get_absolute_url()).text
    assert coeditors_url(actor) in client.get(f"/lt/actors/{actor.slug}/edit/").text


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["ne-adresas", "ona@", ""])
def test_invalid_address_is_refused_and_kept(client, world, email):
    client.force_login(world["owner"])
    response = post(client, coeditors_url(world["actor"]), {"email": email})
    assert response.status_code == 400
    assert "data-error-summary" in response.text
    if email:
        assert f'value="{email}"' in response.text
    assert not ActorInvitation.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("use_secondary_address", [False, True])
def test_inviting_a_member_is_refused(client, world, use_secondary_address):
    editor = world["editor"]
    email = editor.email.upper()
    if use_secondary_address:
        email = "Antras.Adresas@example.lt"
        EmailAddress.objects.create(user=editor, email=email, verified=True)
    client.force_login(world["owner"])
    response = post(client, coeditors_url(world["actor"]), {"email": email})
    assert response.status_code == 409
    assert f'value="{email}"' in response.text
    assert "data-error-summary" in response.text
    assert not ActorInvitation.objects.exists()
    assert not mail.outbox


def test_second_open_invitation_to_the_same_address_is_refused(client, world):
    invite(world["actor"], "ona@example.lt")
    client.force_login(world["owner"])
    response = post(client, coeditors_url(world["actor"]), {"email": "ONA@example.lt"})
    assert response.status_code == 409
    assert 'value="ONA@example.lt"' in response.text
    assert ActorInvitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_database_allows_one_open_invitation_per_actor_and_address(world):
    actor = world["actor"]
    ActorInvitation.objects.create(actor=actor, email="ona@example.lt", token_hash="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorInvitation.objects.create(actor=actor, email="ona@example.lt", token_hash="b")
    ActorInvitation.objects.update(revoked_at=timezone.now())
    ActorInvitation.objects.create(actor=actor, email="ona@example.lt", token_hash="c")
    assert ActorInvitation.objects.count() == 2


# --- Rate limit ----------------------------------------------------------------------------


def test_twenty_invitations_a_day_then_refused(client, world):
    actor, owner = world["actor"], world["owner"]
    for n in range(invitations.INVITATIONS_PER_DAY):
        ActorInvitation.objects.create(
            actor=actor, email=f"asmuo{n}@example.lt", invited_by=owner, token_hash=f"h{n}"
        )
    client.force_login(owner)
    response = post(client, coeditors_url(actor), {"email": "dar.vienas@example.lt"})
    assert response.status_code == 429
    assert 'value="dar.vienas@example.lt"' in response.text
    assert ActorInvitation.objects.count() == invitations.INVITATIONS_PER_DAY
    assert not mail.outbox

    ActorInvitation.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert post(client, coeditors_url(actor), {"email": "dar.vienas@example.lt"}).status_code == 302
    assert mail.outbox[-1].to == ["dar.vienas@example.lt"]


# --- Removing co-editors -------------------------------------------------------------------


def test_member_remove_asks_to_confirm_before_acting(client, world):
    actor, editor = world["actor"], world["editor"]
    membership = ActorMembership.objects.get(user=editor)
    client.force_login(world["owner"])
    url = f"{coeditors_url(actor)}members/{membership.pk}/remove/"
    for response in (client.get(url), client.post(url)):  # the POST is not from the page
        assert response.status_code == 200
        assert 'name="confirmed" value="1"' in response.text
        assert (editor.full_name or editor.email) in response.text
    assert ActorMembership.objects.filter(pk=membership.pk).exists()


def test_owner_removes_an_editor(client, world):
    actor, editor = world["actor"], world["editor"]
    membership = ActorMembership.objects.get(user=editor)
    client.force_login(world["owner"])
    response = client.post(f"{coeditors_url(actor)}members/{membership.pk}/remove/", CONFIRMED)
    assert response.status_code == 302
    assert not ActorMembership.objects.filter(pk=membership.pk).exists()
    log = ActorLogEntry.objects.get(kind=ActorLogEntry.Kind.MEMBERS)
    assert log.changes["removed"] == editor.pk and log.by == world["owner"]
    client.force_login(editor)
    assert client.get(f"/lt/actors/{actor.slug}/edit/").status_code == 404


def test_last_owner_cannot_remove_themselves(client, world):
    actor, owner = world["actor"], world["owner"]
    membership = ActorMembership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(f"{coeditors_url(actor)}members/{membership.pk}/remove/", CONFIRMED)
    assert response.status_code == 409
    assert ActorMembership.objects.filter(pk=membership.pk).exists()


def test_an_owner_may_leave_when_another_owner_stays(client, world):
    actor, owner = world["actor"], world["owner"]
    second = UserFactory()
    ActorMembership.objects.create(actor=actor, user=second, role=MemberRole.OWNER)
    membership = ActorMembership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(f"{coeditors_url(actor)}members/{membership.pk}/remove/", CONFIRMED)
    assert response.status_code == 302 and response.url == "/lt/me/"
    assert list(actor.memberships.filter(role=MemberRole.OWNER).values_list("user", flat=True)) == [
        second.pk
    ]
    # The one owner left cannot be removed by anybody.
    client.force_login(second)
    last = ActorMembership.objects.get(user=second)
    assert (
        client.post(f"{coeditors_url(actor)}members/{last.pk}/remove/", CONFIRMED).status_code
        == 409
    )


# --- Query counts --------------------------------------------------------------------------


def test_co_editors_page_runs_constant_queries(client, world):
    actor, owner = world["actor"], world["owner"]
    client.force_login(owner)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(coeditors_url(actor)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(8):
        ActorMembership.objects.create(actor=actor, user=UserFactory(), role=MemberRole.EDITOR)
        ActorInvitation.objects.create(
            actor=actor, email=f"asmuo{n}@example.lt", invited_by=UserFactory(), token_hash=str(n)
        )
    assert count() == few


# --- GDPR ----------------------------------------------------------------------------------


def test_personal_data_lists_invitations_sent_and_received(world):
    actor, owner = world["actor"], world["owner"]
    invitee = UserFactory(email="ona@example.lt")
    EmailAddress.objects.create(user=invitee, email="Ona.Darbe@example.lt")
    invite(actor, "ona@example.lt")
    invite(actor, "ona.darbe@example.lt")
    invite(actor, "kitas@example.lt")

    sent = gdpr.personal_data(owner)["actor_invitations_sent"]
    assert sorted(row["email"] for row in sent) == [
        "kitas@example.lt",
        "ona.darbe@example.lt",
        "ona@example.lt",
    ]
    received = gdpr.personal_data(invitee)["actor_invitations_received"]
    assert sorted(row["email"] for row in received) == ["ona.darbe@example.lt", "ona@example.lt"]
    assert {row["actor"] for row in received} == {actor.name}
    assert gdpr.personal_data(world["stranger"]) == {
        "actors": [],
        "actions": [],
        "actor_invitations_sent": [],
        "actor_invitations_received": [],
    }


def test_erase_removes_invitations_to_the_person_and_their_open_ones(client, world):
    actor, owner = world["actor"], world["owner"]
    invitee = UserFactory(email="jonas@example.lt")
    accepted_link = invite(actor, "kitas.adresas@example.lt")
    client.force_login(invitee)
    assert client.post(accepted_link).status_code == 302  # accepted from another address
    ActorMembership.objects.filter(user=invitee).delete()
    invite(actor, "jonas@example.lt")
    invite(actor, "trecias@example.lt")  # someone else's

    gdpr.erase(invitee)
    assert sorted(ActorInvitation.objects.values_list("email", flat=True)) == ["trecias@example.lt"]

    # The owner's open invitations go with their account; answered ones stay without them.
    accepted = ActorInvitation.objects.create(
        actor=actor,
        email="priemes@example.lt",
        invited_by=owner,
        token_hash="x",
        accepted_at=timezone.now(),
    )
    gdpr.erase(owner)
    assert list(ActorInvitation.objects.all()) == [accepted]


# --- Races (real PostgreSQL threads) -------------------------------------------------------


def outcome(result) -> str:
    if isinstance(result, invitations.InvitationError):
        return f"refused {result.status}"
    return "ok" if not isinstance(result, Exception) else type(result).__name__


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_lock", [True, False])
def test_one_invitation_accepted_by_two_people_at_once(monkeypatch, world, with_lock):
    actor = world["actor"]
    token = invite(actor, "ona@example.lt").rstrip("/").rsplit("/", 1)[1]
    people = [UserFactory(), UserFactory()]
    results = at_once(
        monkeypatch,
        ActorInvitation,
        lambda person: invitations.invitation_accept(token=token, user=person),
        people,
        with_lock=with_lock,
    )
    joined = ActorMembership.objects.filter(actor=actor, user__in=people).count()
    if with_lock:
        assert sorted(outcome(r) for r in results) == ["ok", "refused 410"]
        assert joined == 1
    else:  # the race is real: without the lock one link makes two co-editors
        assert [outcome(r) for r in results] == ["ok", "ok"]
        assert joined == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_same_person_accepting_twice_at_once_joins_once(monkeypatch, world):
    actor = world["actor"]
    token = invite(actor, "ona@example.lt").rstrip("/").rsplit("/", 1)[1]
    person = UserFactory()
    results = at_once(
        monkeypatch,
        ActorInvitation,
        lambda _n: invitations.invitation_accept(token=token, user=person),
        [1, 2],
        with_lock=True,
    )
    assert sorted(outcome(r) for r in results) == ["ok", "refused 409"]
    assert ActorMembership.objects.filter(actor=actor, user=person).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_lock", [True, False])
def test_two_owners_removing_each_other_at_once_leave_one_owner(monkeypatch, world, with_lock):
    actor, first = world["actor"], world["owner"]
    second = UserFactory()
    ActorMembership.objects.create(actor=actor, user=second, role=MemberRole.OWNER)
    first_m, second_m = (ActorMembership.objects.get(actor=actor, user=u) for u in (first, second))
    results = at_once(
        monkeypatch,
        Actor,
        lambda pair: invitations.member_remove(actor=actor, by=pair[0], membership_id=pair[1].pk),
        [(first, second_m), (second, first_m)],
        with_lock=with_lock,
    )
    owners = ActorMembership.objects.filter(actor=actor, role=MemberRole.OWNER).count()
    if with_lock:
        assert sorted(outcome(r) for r in results) == ["ok", "refused 403"]
        assert owners == 1
    else:  # the race is real: without the lock the profile is left with no owner
        assert [outcome(r) for r in results] == ["ok", "ok"]
        assert owners == 0


def test_gdpr_module_works_through_the_account_export_and_erasure(world):
    owner, actor = world["owner"], world["actor"]
    invite(actor, "ona@example.lt")
    data = account_services.personal_data_export(user=owner)
    assert [row["email"] for row in data["actor_invitations_sent"]] == ["ona@example.lt"]

    ActorMembership.objects.create(actor=actor, user=UserFactory(), role=MemberRole.OWNER)
    account_services.account_erase(user=owner)
    assert not ActorInvitation.objects.exists()  # the open invitation went with its sender
