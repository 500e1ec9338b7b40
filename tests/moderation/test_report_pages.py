"""The "Report" pages of partnership posts and consultation questions."""

import pytest
from django.urls import reverse

from kaimolink.moderation.models import Report
from kaimolink.partnerships.enums import PostStatus
from tests.consultations.factories import QuestionFactory
from tests.factories import ActorFactory, UserFactory, make_coordinator
from tests.partnerships.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_a_post_is_reported_to_its_actors_lag(client):
    post = PostFactory(description="Pigiai! Spauskite čia.")
    coordinator = make_coordinator(post.actor.lag)
    reporter = UserFactory()
    client.force_login(reporter)
    url = reverse("partnerships:report", args=[post.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Pigiai! Spauskite čia." in page.content.decode()
    response = client.post(url, {"reason": "Šlamštas"})
    assert response.status_code == 302 and response.url == post.get_absolute_url()
    report = Report.objects.get()
    assert (report.target, report.reporter, report.lag) == (post, reporter, post.actor.lag)
    assert "Spauskite čia" in report.excerpt
    client.force_login(coordinator)
    assert [r.pk for r in client.get(reverse("moderation:queue")).context["page"]] == [report.pk]


def test_a_report_without_a_reason_is_refused_and_nothing_is_saved(client):
    post = PostFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("partnerships:report", args=[post.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Trumpai parašykite, kas negerai." in response.content.decode()
    assert not Report.objects.exists()


def test_reporting_needs_login_and_a_post_one_can_see(client):
    hidden = PostFactory(status=PostStatus.HIDDEN)
    url = reverse("partnerships:report", args=[hidden.pk])
    assert client.post(url, {"reason": "x"}).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert not Report.objects.exists()


def test_a_question_is_reported_to_its_actors_lag_or_to_administrators(client):
    actor = ActorFactory()
    with_actor = QuestionFactory(actor=actor)
    without = QuestionFactory()
    client.force_login(UserFactory())
    for question in (with_actor, without):
        url = reverse("consultations:question_report", args=[question.pk])
        assert client.post(url, {"reason": "Reklama"}).status_code == 302
    lags = dict(Report.objects.values_list("object_id", "lag"))
    assert lags == {with_actor.pk: actor.lag_id, without.pk: None}


def test_a_private_question_of_others_cannot_be_reported(client):
    private = QuestionFactory(is_public=False)
    client.force_login(UserFactory())
    url = reverse("consultations:question_report", args=[private.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert not Report.objects.exists()
