"""An actor's learning record: for its members, its LAG's coordinators and administrators."""

from decimal import Decimal

import pytest

from kaimolink.accounts.services import account_erase
from kaimolink.passport import sections
from kaimolink.passport.entries import ATTENDANCE
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.passport.conftest import FULL_TITLE, PARTIAL_TITLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(world, pdf=False):
    return f"/en/passport/actor/{world['actor'].slug}/" + ("record.pdf" if pdf else "")


def test_actor_record_sums_hours_per_person(world):
    record = sections.actor_record(world["actor"])
    rows = {str(r.person): (r.trainings, r.hours) for r in sections.hours_by_person(record)}
    assert rows == {
        "Žydrūnė Šėtaitė": (2, Decimal("12.3")),
        "Jonas Ąžuolaitis": (1, Decimal("4.0")),  # not the training for another actor
    }
    assert record.hours == Decimal("16.3")
    titles = [e.title for e in record.section(ATTENDANCE).entries]
    assert sorted(titles) == sorted([FULL_TITLE, FULL_TITLE, PARTIAL_TITLE])


@pytest.mark.parametrize("who", ["member", "coordinator", "admin"])
def test_actor_record_is_shown_to_those_allowed(world, client, who):
    user = {
        "member": world["person"],
        "coordinator": world["coordinator"],
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }[who]
    client.force_login(user)
    response = client.get(url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jonas Ąžuolaitis" in html and "16.3" in html and FULL_TITLE in html
    # The holder's downloads are the holder's: the actor's page offers only verification.
    assert world["certificate"].pdf_url() not in html
    assert world["certificate"].get_absolute_url() in html
    assert client.get(url(world, pdf=True)).status_code == 200


@pytest.mark.parametrize("who", ["stranger", "other_lag_coordinator"])
def test_actor_record_is_404_for_everyone_else(world, client, who):
    user = UserFactory() if who == "stranger" else make_coordinator(LagFactory())
    client.force_login(user)
    assert client.get(url(world)).status_code == 404
    assert client.get(url(world, pdf=True)).status_code == 404
    assert client.get("/en/passport/actor/no-such-actor/").status_code == 404


def test_actor_record_needs_a_login(world, client):
    assert client.get(url(world)).status_code == 302


def test_an_erased_person_vanishes_from_the_actor_record(world, client):
    account_erase(user=world["colleague"])
    record = sections.actor_record(world["actor"])
    names = {str(r.person) for r in sections.hours_by_person(record)}
    assert names == {"Žydrūnė Šėtaitė"}
    assert record.hours == Decimal("12.3")
    client.force_login(world["coordinator"])
    html = client.get(url(world)).content.decode()
    assert "Jonas" not in html
    # Erasing the holder of a certificate takes it off the record too (it stays in the
    # public registry, without the person).
    account_erase(user=world["person"])
    assert sections.actor_record(world["actor"]).is_empty
