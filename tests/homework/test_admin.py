"""The admin shows coordinators homework of their LAGs' events only."""

import pytest

from tests.events.factories import EventFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lag_a, lag_b = LagFactory(), LagFactory()
    ours = AssignmentFactory(event=EventFactory(lags=[lag_a]), title="Mūsų užduotis")
    theirs = AssignmentFactory(event=EventFactory(lags=[lag_b]), title="Kitų užduotis")
    return {
        "coordinator": make_coordinator(lag_a),
        "ours": ours,
        "theirs": theirs,
        "our_submission": SubmissionFactory(assignment=ours, text="Mūsų"),
        "their_submission": SubmissionFactory(assignment=theirs, text="Kitų"),
    }


def test_coordinator_sees_only_own_assignments(client, world):
    client.force_login(world["coordinator"])
    page = client.get("/en/admin/homework/assignment/").text
    assert "Mūsų užduotis" in page and "Kitų užduotis" not in page
    theirs = world["theirs"].pk
    assert client.get(f"/en/admin/homework/assignment/{theirs}/change/").status_code == 302
    ours = world["ours"].pk
    assert client.get(f"/en/admin/homework/assignment/{ours}/change/").status_code == 200


def test_coordinator_sees_only_own_submissions_read_only(client, world):
    client.force_login(world["coordinator"])
    listing = client.get("/en/admin/homework/submission/")
    assert listing.status_code == 200
    ours, theirs = world["our_submission"].pk, world["their_submission"].pk
    assert f"/submission/{ours}/" in listing.text and f"/submission/{theirs}/" not in listing.text
    assert client.get(f"/en/admin/homework/submission/{theirs}/change/").status_code == 302
    own = client.get(f"/en/admin/homework/submission/{ours}/change/")
    assert own.status_code == 200 and 'name="_save"' not in own.text
    assert client.get("/en/admin/homework/submission/add/").status_code == 403


def test_non_staff_cannot_open_homework_admin(client, world):
    client.force_login(UserFactory())
    response = client.get("/en/admin/homework/assignment/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
