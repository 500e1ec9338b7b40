import json

import pytest
from allauth.account.models import EmailAddress

from kaimolink.accounts.models import User
from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from tests.factories import ActorFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db


def test_export_contains_all_personal_data(client):
    person = UserFactory(full_name="Ona Onaitė")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    ActorFactory(name="Onos ūkis", owners=[person], phone="+37061111111")
    client.force_login(person)
    response = client.get("/lt/me/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email
    assert data["account"]["full_name"] == "Ona Onaitė"
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["actors"][0]["name"] == "Onos ūkis"
    assert data["actors"][0]["phone"] == "+37061111111"


def test_export_holds_nobody_elses_data(client):
    person, other = UserFactory(), UserFactory(email="kitas@example.lt")
    ActorFactory(name="Kito ūkis", owners=[other])
    client.force_login(person)
    body = client.get("/lt/me/data.json").content.decode()
    assert "kitas@example.lt" not in body
    assert "Kito ūkis" not in body


def test_export_requires_login(client):
    assert client.get("/lt/me/data.json").status_code == 302


def test_erase_needs_confirmation(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post("/lt/me/delete/", {"confirm": "kitas@example.lt"})
    assert response.status_code == 400
    assert User.objects.filter(pk=person.pk).exists()


def test_erase_deletes_account_and_unpublished_sole_profiles(client):
    person = UserFactory()
    partner = UserFactory()
    draft = ActorFactory(status=ActorStatus.DRAFT, owners=[person])
    shared_draft = ActorFactory(status=ActorStatus.DRAFT, owners=[person, partner])
    published = ActorFactory(
        owners=[person], email="asm@ukis.lt", phone="+370", contacts_public=False
    )
    coordinator = make_coordinator(published.lag)
    client.force_login(person)

    response = client.post("/lt/me/delete/", {"confirm": person.email.upper()})

    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Actor.objects.filter(pk=draft.pk).exists()
    assert Actor.objects.filter(pk=shared_draft.pk).exists()
    published.refresh_from_db()
    assert (published.email, published.phone) == ("", "")
    assert published.status == ActorStatus.PUBLISHED
    assert User.objects.filter(pk=coordinator.pk).exists()
    # the session is gone: the dashboard asks to log in again
    assert client.get("/lt/me/").status_code == 302
