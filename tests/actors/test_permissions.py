"""Every role against every actor page and admin page it must not reach."""

import pytest

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from kaimolink.core.models import Lag
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two LAGs; in LAG A a draft, a pending and a published actor with an owner."""
    lag_a, lag_b = LagFactory(), LagFactory()
    owner = UserFactory()
    return {
        "lag_a": lag_a,
        "lag_b": lag_b,
        "owner": owner,
        "draft": ActorFactory(lag=lag_a, status=ActorStatus.DRAFT, owners=[owner]),
        "pending": ActorFactory(lag=lag_a, status=ActorStatus.PENDING, owners=[owner]),
        "published": ActorFactory(lag=lag_a, status=ActorStatus.PUBLISHED, owners=[owner]),
        "coordinator_a": make_coordinator(lag_a),
        "coordinator_b": make_coordinator(lag_b),
        "member_other": UserFactory(),
        "consultant": UserFactory(is_consultant=True),
        "evaluator": UserFactory(is_evaluator=True),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }


OUTSIDERS = [None, "member_other", "consultant", "evaluator", "coordinator_b"]


def login(client, world, role):
    if role is not None:
        client.force_login(world[role])


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("which", ["draft", "pending"])
def test_outsiders_cannot_see_unpublished_profiles(client, world, role, which):
    login(client, world, role)
    assert client.get(world[which].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("which", ["draft", "pending", "published"])
def test_outsiders_cannot_edit(client, world, role, which):
    actor = world[which]
    login(client, world, role)
    url = f"{actor.get_absolute_url()}edit/"
    expected = 302 if role is None else 404  # anonymous: sent to log in
    assert client.get(url).status_code == expected
    assert client.post(url, {"name": "Užgrobta"}).status_code == expected
    assert Actor.objects.get(pk=actor.pk).name == actor.name


@pytest.mark.parametrize("role", OUTSIDERS + ["owner"])
@pytest.mark.parametrize("action", ["publish", "archive"])
def test_only_the_lags_coordinators_moderate(client, world, role, action):
    actor = world["pending"] if action == "publish" else world["published"]
    login(client, world, role)
    client.post(f"{actor.get_absolute_url()}{action}/")
    assert Actor.objects.get(pk=actor.pk).status == actor.status


@pytest.mark.parametrize("role", ["coordinator_a", "admin"])
def test_lags_coordinator_and_admin_moderate(client, world, role):
    login(client, world, role)
    client.post(f"{world['pending'].get_absolute_url()}publish/")
    assert Actor.objects.get(pk=world["pending"].pk).status == ActorStatus.PUBLISHED


@pytest.mark.parametrize("role", ["owner", "coordinator_a", "admin"])
def test_insiders_see_and_edit_drafts(client, world, role):
    login(client, world, role)
    assert client.get(world["draft"].get_absolute_url()).status_code == 200
    assert client.get(f"{world['draft'].get_absolute_url()}edit/").status_code == 200


# --- Django admin -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member_other", "consultant", "evaluator", "owner"])
def test_non_staff_cannot_open_admin(client, world, role):
    login(client, world, role)
    response = client.get("/lt/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_coordinator_admin_lists_only_own_lag_actors(client, world):
    other = ActorFactory(lag=world["lag_b"], name="Svetimas veikėjas")
    login(client, world, "coordinator_a")
    response = client.get("/lt/admin/actors/actor/")
    assert response.status_code == 200
    assert world["published"].name in response.text
    assert other.name not in response.text
    assert client.get(f"/lt/admin/actors/actor/{other.pk}/change/").status_code == 302
    client.post(f"/lt/admin/actors/actor/{other.pk}/delete/", {"post": "yes"})
    assert Actor.objects.filter(pk=other.pk).exists()


def test_coordinator_admin_cannot_change_other_lag(client, world):
    login(client, world, "coordinator_a")
    lag_b = world["lag_b"]
    assert client.get(f"/lt/admin/core/lag/{lag_b.pk}/change/").status_code == 302
    client.post(f"/lt/admin/core/lag/{lag_b.pk}/change/", {"name": "Pakeista"})
    assert Lag.objects.get(pk=lag_b.pk).name == lag_b.name
    assert client.get(f"/lt/admin/core/lag/{world['lag_a'].pk}/change/").status_code == 200


def test_coordinator_admin_cannot_manage_people_or_territories(client, world):
    login(client, world, "coordinator_a")
    assert client.get("/lt/admin/accounts/user/").status_code == 403
    assert client.get("/lt/admin/core/district/add/").status_code == 403


def test_coordinator_admin_cannot_move_actor_to_other_lag(client, world):
    actor = world["published"]
    login(client, world, "coordinator_a")
    response = client.get(f"/lt/admin/actors/actor/{actor.pk}/change/")
    lag_choices = [str(c[0]) for c in response.context["adminform"].form.fields["lag"].choices]
    assert str(world["lag_b"].pk) not in lag_choices
    assert str(world["lag_a"].pk) in lag_choices


def test_admin_sees_everything(client, world):
    other = ActorFactory(lag=world["lag_b"], name="Svetimas veikėjas")
    login(client, world, "admin")
    assert other.name in client.get("/lt/admin/actors/actor/").text
    assert client.get("/lt/admin/accounts/user/").status_code == 200


def test_coordinator_sees_invitations_of_own_lags_actor_in_admin_read_only(client, world):
    from kaimolink.actors.invitations import hash_token
    from kaimolink.actors.models import ActorInvitation

    actor = world["published"]
    ActorInvitation.objects.create(
        actor=actor, email="pakviesta@example.lt", token_hash=hash_token("x")
    )
    login(client, world, "coordinator_a")
    page = client.get(f"/lt/admin/actors/actor/{actor.pk}/change/")
    assert page.status_code == 200
    assert "pakviesta@example.lt" in page.text
    assert 'name="invitations-0-email"' not in page.text  # shown, not editable
