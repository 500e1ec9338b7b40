"""People without e-mail on the desk: the LAG's list with likely duplicates, and merging."""

import pytest
from django.urls import reverse

from kaimolink.accounts.models import User
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, UserFactory, make_coordinator, offline_person
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/en/desk/people/"  # English pages: the fixture `english` (reverse() here would be "lt")


def merge_url(person, keep=None):
    url = reverse("desk:person_merge", args=[person.pk])
    return f"{url}?keep={keep.pk}" if keep else url


def offline(lag, name="Onutė Petraitienė", phone="+37061234567", event=None) -> User:
    """A person without e-mail registered for an event of `lag`."""
    person = offline_person(name, phone)
    RegistrationFactory(event=event or EventFactory(lags=[lag]), person=person)
    return person


@pytest.fixture
def lag():
    return LagFactory()


@pytest.fixture
def coordinator(lag):
    return make_coordinator(lag)


@pytest.fixture
def twins(lag):
    """Two records of one person: the same name in other letters, one without a phone."""
    return offline(lag), offline(lag, name="ONUTE PETRAITIENE", phone="")


def test_people_list_shows_the_lags_people_and_the_likely_duplicates(
    client, lag, coordinator, twins
):
    offline(lag, name="Jonas Jonaitis", phone="+37061111111")
    offline(LagFactory(), name="Kito VVG Asmuo")
    UserFactory(full_name="Turi El Pasto")
    client.force_login(coordinator)

    response = client.get(LIST)

    assert response.status_code == 200
    page = response.text
    assert "Likely the same person" in page
    (group,) = response.context["duplicates"]
    assert set(group) == set(twins)
    # Lithuanian order: equal at the first level, the letter without accent first.
    assert [p.full_name for p in response.context["people"]] == [
        "Jonas Jonaitis", "ONUTE PETRAITIENE", "Onutė Petraitienė",
    ]  # fmt: skip
    assert "+370 612 34567" in page and "Kito VVG Asmuo" not in page
    assert "Turi El Pasto" not in page
    assert merge_url(twins[1], keep=twins[0]).replace("&", "&amp;") in page


def test_people_list_different_phones_are_not_called_duplicates(client, lag, coordinator):
    offline(lag), offline(lag, phone="+37069999999")
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.context["duplicates"] == []
    assert "Likely the same person" not in response.text


def test_people_list_empty(client, coordinator):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Nobody registered without e-mail yet" in response.text


def test_people_list_query_count_does_not_grow(client, lag, coordinator):
    client.force_login(coordinator)
    offline(lag)
    one = count_queries(client, LIST)
    for n in range(6):
        offline(lag, name=f"Asmuo {n % 3}", phone="")
    assert count_queries(client, LIST) == one


@pytest.mark.parametrize("who", ["anonymous", "member", "other_coordinator"])
def test_merge_pages_of_this_lags_person_are_404_for_others(client, twins, who):
    keep, drop = twins
    if who == "anonymous":
        assert client.get(merge_url(drop)).status_code == 302  # to the log-in page
        assert client.get(LIST).status_code == 302
        return
    user = UserFactory() if who == "member" else make_coordinator(LagFactory())
    client.force_login(user)
    assert client.get(merge_url(drop)).status_code == 404
    response = client.post(merge_url(drop), {"keep": keep.pk, "confirmed": "1"})
    assert response.status_code == 404
    assert User.objects.filter(pk=drop.pk).exists()
    if who == "member":
        assert client.get(LIST).status_code == 404
    else:
        assert "Petraitien" not in client.get(LIST).text


def test_merge_a_person_with_an_email_account_is_404(client, lag, coordinator):
    person = UserFactory()
    RegistrationFactory(event=EventFactory(lags=[lag]), person=person)
    client.force_login(coordinator)
    assert client.get(merge_url(person)).status_code == 404


def test_merge_asks_then_confirms_then_merges(client, coordinator, twins):
    keep, drop = twins
    client.force_login(coordinator)
    page = client.get(merge_url(drop, keep=keep))
    assert page.status_code == 200
    assert f'<option value="{keep.pk}" selected>' in page.text

    question = client.post(merge_url(drop), {"keep": keep.pk})
    assert question.status_code == 200
    assert "Yes, merge and delete the other record" in question.text
    assert User.objects.filter(pk=drop.pk).exists()  # nothing happens before the confirmation

    done = client.post(merge_url(drop), {"keep": keep.pk, "confirmed": "1"})
    assert done.status_code == 302 and done["Location"] == LIST
    assert not User.objects.filter(pk=drop.pk).exists()
    assert Registration.objects.filter(person=keep).count() == 2
    assert "The two records are now one" in client.get(LIST).text


def test_merge_with_a_shared_event_keeps_one_registration_and_says_so(client, lag, coordinator):
    event = EventFactory(lags=[lag], title="Rinkodaros mokymai")
    keep = offline(lag, event=event)
    drop = offline(lag, event=event, phone="")
    client.force_login(coordinator)
    client.post(merge_url(drop), {"keep": keep.pk, "confirmed": "1"})
    live = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    assert list(live.values_list("person", flat=True)) == [keep.pk]
    shown = client.get(LIST).text
    assert "Both were registered for “Rinkodaros mokymai”" in shown


@pytest.mark.parametrize("keep_is", ["self", "email", "other_lag", "missing", "nonsense"])
def test_merge_bad_choices_are_refused_with_a_message_and_nothing_changes(
    client, lag, coordinator, twins, keep_is
):
    _keep, drop = twins
    keep = {
        "self": drop.pk,
        "email": UserFactory(full_name="Onutė Petraitienė").pk,
        "other_lag": offline(LagFactory()).pk,
        "missing": 999999,
        "nonsense": "abc",
    }[keep_is]
    client.force_login(coordinator)
    before = sorted(Registration.objects.values_list("pk", "person", "status"))

    response = client.post(merge_url(drop), {"keep": keep, "confirmed": "1"})

    assert response.status_code == 400
    assert "Choose another person of the list" in response.text
    assert sorted(Registration.objects.values_list("pk", "person", "status")) == before
    assert User.objects.filter(pk=drop.pk).exists()


def test_merge_without_a_choice_names_the_field(client, coordinator, twins):
    client.force_login(coordinator)
    response = client.post(merge_url(twins[1]), {})
    assert response.status_code == 400 and "Choose the person to keep" in response.text


def test_admin_sees_and_merges_every_lags_people(client, twins):
    keep, drop = twins
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Petraitien" in client.get(LIST).text
    response = client.post(merge_url(drop), {"keep": keep.pk, "confirmed": "1"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=drop.pk).exists()
