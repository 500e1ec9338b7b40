"""Who sees which homework: participants their own, trainers their events, coordinators
their LAG's. Other people's ids answer 404."""

import pytest

from kaimolink.homework.models import Submission
from kaimolink.homework.selectors import submission_for_user
from kaimolink.homework.services import submission_create
from tests.events.factories import EventFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.files import upload
from tests.homework.factories import AssignmentFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lag_a, lag_b = LagFactory(), LagFactory()
    trainer, other_trainer = UserFactory(), UserFactory()
    ours = EventFactory(title="A mokymai", lags=[lag_a], trainer=trainer)
    theirs = EventFactory(title="B mokymai", lags=[lag_b], trainer=other_trainer)
    assignment = AssignmentFactory(event=ours, title="Verslo modelio drobė")
    alice, bob = participant(ours), participant(ours)
    return {
        "ours": ours,
        "theirs": theirs,
        "assignment": assignment,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "coordinator_a": make_coordinator(lag_a),
        "coordinator_b": make_coordinator(lag_b),
        "alice": alice,
        "bob": bob,
        "alice_s": submission_create(
            assignment=assignment, person=alice, text="Alės atsakymas", file=upload("ale.pdf")
        ),
        "bob_s": submission_create(
            assignment=assignment, person=bob, text="Bobo atsakymas", file=upload("bob.pdf")
        ),
    }


def test_rules(world):
    alice_s = world["alice_s"]
    assert world["alice"].has_perm("homework.view_submission", alice_s)
    assert not world["bob"].has_perm("homework.view_submission", alice_s)
    assert not world["alice"].has_perm("homework.review_submission", alice_s)
    for teacher in ("trainer", "coordinator_a"):
        assert world[teacher].has_perm("homework.view_submission", alice_s)
        assert world[teacher].has_perm("homework.review_submission", alice_s)
        assert world[teacher].has_perm("homework.add_assignment", world["ours"])
    for outsider in ("other_trainer", "coordinator_b"):
        assert not world[outsider].has_perm("homework.view_submission", alice_s)
        assert not world[outsider].has_perm("homework.add_assignment", world["ours"])
    assert world["coordinator_b"].has_perm("homework.add_assignment", world["theirs"])
    assert not world["trainer"].has_perm("homework.add_assignment", world["theirs"])


def test_submission_for_user(world):
    alice_s, bob_s = world["alice_s"], world["bob_s"]
    assert submission_for_user(user=world["alice"], pk=alice_s.pk) == alice_s
    assert submission_for_user(user=world["alice"], pk=bob_s.pk) is None
    assert submission_for_user(user=world["coordinator_a"], pk=bob_s.pk) == bob_s
    assert submission_for_user(user=world["coordinator_b"], pk=bob_s.pk) is None
    assert submission_for_user(user=world["alice"], pk=10**9) is None


def test_participant_page_shows_only_own_submissions(client, world):
    client.force_login(world["alice"])
    page = client.get(f"/en/homework/events/{world['ours'].slug}/").text
    assert "Verslo modelio drobė" in page
    assert "Alės atsakymas" in page and "ale.pdf" in page
    assert "Bobo atsakymas" not in page and "bob.pdf" not in page
    assert "Add an assignment" not in page and "Save the review" not in page


@pytest.mark.parametrize("teacher", ["trainer", "coordinator_a"])
def test_teachers_see_every_submission_of_their_event(client, world, teacher):
    client.force_login(world[teacher])
    page = client.get(f"/en/homework/events/{world['ours'].slug}/").text
    assert "Alės atsakymas" in page and "Bobo atsakymas" in page
    assert page.count("Save the review") == 2 and "Add an assignment" in page


@pytest.mark.parametrize("outsider", ["other_trainer", "coordinator_b", "stranger"])
def test_outsiders_get_404_for_the_page(client, world, outsider):
    user = UserFactory() if outsider == "stranger" else world[outsider]
    client.force_login(user)
    assert client.get(f"/en/homework/events/{world['ours'].slug}/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(f"/en/homework/events/{world['ours'].slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    download = client.get(f"/en/homework/submissions/{world['alice_s'].pk}/file/")
    assert download.status_code == 302


@pytest.mark.parametrize(
    ("who", "whose", "status"),
    [
        ("alice", "alice_s", 200),
        ("alice", "bob_s", 404),
        ("bob", "alice_s", 404),
        ("trainer", "alice_s", 200),
        ("coordinator_a", "bob_s", 200),
        ("coordinator_b", "alice_s", 404),
        ("other_trainer", "bob_s", 404),
    ],
)
def test_download_only_for_submitter_and_teachers(client, world, who, whose, status):
    client.force_login(world[who])
    response = client.get(f"/en/homework/submissions/{world[whose].pk}/file/")
    assert response.status_code == status


def test_download_of_missing_id_or_text_only_is_404(client, world):
    client.force_login(world["trainer"])
    assert client.get("/en/homework/submissions/999999/file/").status_code == 404
    text_only = Submission.objects.get(pk=world["alice_s"].pk)
    text_only.file = ""
    text_only.save(update_fields=["file"])
    assert client.get(f"/en/homework/submissions/{text_only.pk}/file/").status_code == 404


def test_participant_cannot_review_or_add(client, world):
    client.force_login(world["alice"])
    review = client.post(
        f"/en/homework/submissions/{world['bob_s'].pk}/review/", {"status": "accepted"}
    )
    own = client.post(
        f"/en/homework/submissions/{world['alice_s'].pk}/review/", {"status": "accepted"}
    )
    add = client.post(
        f"/en/homework/events/{world['ours'].slug}/assignments/new/", {"title": "Mano"}
    )
    assert (review.status_code, own.status_code, add.status_code) == (404, 404, 404)
    assert not Submission.objects.exclude(status="submitted").exists()
    assert world["ours"].assignments.count() == 1


def test_other_coordinator_cannot_review(client, world):
    client.force_login(world["coordinator_b"])
    response = client.post(
        f"/en/homework/submissions/{world['bob_s'].pk}/review/", {"status": "accepted"}
    )
    assert response.status_code == 404
    assert Submission.objects.get(pk=world["bob_s"].pk).status == "submitted"


def test_outsider_cannot_submit_to_someone_elses_assignment(client, world):
    client.force_login(UserFactory())
    response = client.post(
        f"/en/homework/assignments/{world['assignment'].pk}/submit/", {"text": "Įsibrovėlis"}
    )
    assert response.status_code == 404
    assert not Submission.objects.filter(text="Įsibrovėlis").exists()
