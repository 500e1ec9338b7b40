"""Questions and answers: who sees and does what, notifications, bad input, query counts."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from kaimolink.consultations import services
from kaimolink.consultations.models import Answer, ConsultantTheme, Question
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.consultations.factories import (
    AnswerFactory,
    ConsultantFactory,
    QuestionFactory,
    smart_theme,
)
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator, theme
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(pk=None, suffix=""):
    return f"/en/consultations/questions/{pk}/{suffix}" if pk else "/en/consultations/"


def private_setup():
    """A private question asked for an actor, and everyone who may or may not read it."""
    lag = LagFactory()
    asker, fellow = UserFactory(), UserFactory()
    actor = ActorFactory(lag=lag, owners=[asker, fellow])
    question = QuestionFactory(author=asker, actor=actor, is_public=False, title="Slaptas")
    return question, {
        "asker": asker,
        "fellow": fellow,
        "consultant": ConsultantFactory(),
        "coordinator": make_coordinator(lag),
        "other_coordinator": make_coordinator(LagFactory()),
        "stranger": UserFactory(),
    }


# --- Asking ---------------------------------------------------------------------------------


def test_asking_notifies_consultants_of_the_theme_and_the_lag(client):
    lag = LagFactory()
    asker = UserFactory()
    actor = ActorFactory(lag=lag, owners=[asker])
    everything = ConsultantFactory()  # chose no theme: told of every question
    jobs = ConsultantFactory()
    ConsultantTheme.objects.create(consultant=jobs, theme=smart_theme("rural-jobs"))
    energy = ConsultantFactory()
    ConsultantTheme.objects.create(consultant=energy, theme=smart_theme("renewable-energy"))
    coordinator = make_coordinator(lag)
    client.force_login(asker)
    response = client.post(
        "/en/consultations/ask/",
        {"theme": smart_theme("rural-jobs").pk, "title": "Kaip registruoti verslą?",
         "body": "**Skubu**", "actor": actor.pk},
    )  # fmt: skip
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.actor == actor and question.is_public and question.author == asker
    told = set(
        Notification.objects.filter(kind=Kind.CONSULTATION_QUESTION).values_list(
            "recipient", flat=True
        )
    )
    assert told == {everything.pk, jobs.pk, coordinator.pk}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": ""}, "Write your question"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"theme": "999999"}, "Select a valid choice"),
        ({"theme": "training"}, "Select a valid choice"),  # a training topic, not a theme
        ({"actor": "other"}, "Select a valid choice"),
        ({"body": "y" * 10_001}, "at most 10000 characters"),
    ],
)
def test_bad_question_is_refused_with_the_text_kept(client, data, message):
    asker = UserFactory()
    other_actor = ActorFactory()
    client.force_login(asker)
    form = {"theme": smart_theme().pk, "title": "Mano klausimas apie PVM", "body": "Tekstas"}
    form |= data
    if form.get("theme") == "training":
        form["theme"] = theme("marketing").pk
    if form.get("actor") == "other":
        form["actor"] = other_actor.pk
    response = client.post("/en/consultations/ask/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Tekstas" in page or "y" * 50 in page
    assert not Question.objects.exists()


def test_service_refuses_training_topics_and_other_peoples_actors():
    person = UserFactory()
    with pytest.raises(services.ConsultationError):
        services.question_create(author=person, theme=theme("marketing"), title="Kaip?")
    with pytest.raises(services.ConsultationError):
        services.question_create(
            author=person, theme=smart_theme(), title="Kaip?", actor=ActorFactory()
        )
    with pytest.raises(services.ConsultationError):
        services.question_create(author=person, theme=smart_theme(), title="   ")
    assert not Question.objects.exists()


def test_asking_is_rate_limited_by_rows_in_the_database():
    person = UserFactory()
    for n in range(services.QUESTIONS_PER_HOUR):
        services.question_create(author=person, theme=smart_theme(), title=f"Klausimas {n}")
    with pytest.raises(services.ConsultationError, match="last hour"):
        services.question_create(author=person, theme=smart_theme(), title="Dar vienas")
    assert Question.objects.count() == services.QUESTIONS_PER_HOUR


def test_ask_page_needs_login(client):
    response = client.get("/en/consultations/ask/")
    assert response.status_code == 302 and "/login" in response["Location"]


# --- Reading --------------------------------------------------------------------------------


def test_public_question_is_readable_by_everyone_without_csrf(client):
    question = QuestionFactory(title="Viešas klausimas", body="Tekstas su <script>x()</script>")
    AnswerFactory(question=question, body="Atsakymas **svarbus**")
    for address in (url(), url(question.pk)):
        response = client.get(address)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Viešas klausimas" in page
        assert "csrfmiddlewaretoken" not in page
    page = client.get(url(question.pk)).content.decode()
    assert "<strong>svarbus</strong>" in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    "who, visible",
    [
        ("asker", True),
        ("fellow", True),
        ("consultant", True),
        ("coordinator", True),
        ("other_coordinator", False),
        ("stranger", False),
        (None, False),
    ],
)
def test_private_question_only_for_its_circle(client, who, visible):
    question, people = private_setup()
    if who:
        client.force_login(people[who])
    response = client.get(url(question.pk))
    assert response.status_code == (200 if visible else 404)
    listed = "Slaptas" in client.get(url()).content.decode()
    assert listed == visible


def test_list_filters_by_theme_search_and_state(client):
    answered = QuestionFactory(
        title="Saulės elektrinė sandėliui", theme=smart_theme("renewable-energy")
    )
    AnswerFactory(question=answered)
    QuestionFactory(title="Kompostas po mugės", theme=smart_theme("circular-economy"))
    page = client.get(url() + "?theme=renewable-energy").content.decode()
    assert "Saulės elektrinė" in page and "Kompostas" not in page
    page = client.get(url() + "?q=saules+SANDELIUI").content.decode()  # folded search
    assert "Saulės elektrinė" in page and "Kompostas" not in page
    page = client.get(url() + "?state=open").content.decode()
    assert "Saulės elektrinė" not in page and "Kompostas" in page
    page = client.get(url() + "?state=answered").content.decode()
    assert "Saulės elektrinė" in page and "Kompostas" not in page


@pytest.mark.parametrize("query", ["?theme=nera", "?state=bad", "?theme=marketing", "?page=x"])
def test_bad_filters_never_500(client, query):
    QuestionFactory()
    response = client.get(url() + query)
    assert response.status_code in (200, 400)
    if query != "?page=x":
        assert response.status_code == 400
        assert "not valid" in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_question_list_queries_are_constant(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    QuestionFactory(actor=ActorFactory())
    one = count_queries(client, url())
    for _n in range(12):
        question = QuestionFactory(actor=ActorFactory(), theme=smart_theme("digital-skills"))
        AnswerFactory.create_batch(2, question=question, accepted=False)
    assert count_queries(client, url()) == one


@pytest.mark.parametrize("who", [None, "asker", "consultant"])
def test_question_page_queries_constant_in_answers(client, who):
    question, people = private_setup()
    question.is_public = True
    question.save()
    if who:
        client.force_login(people[who])
    AnswerFactory(question=question)
    one = count_queries(client, url(question.pk))
    AnswerFactory.create_batch(10, question=question)
    assert count_queries(client, url(question.pk)) == one


# --- Answering ------------------------------------------------------------------------------


def test_consultant_answers_and_the_asker_is_told(client):
    question = QuestionFactory()
    consultant = ConsultantFactory(full_name="Giedrius Urbonas")
    client.force_login(consultant)
    page = client.get(url(question.pk)).content.decode()
    assert 'name="body"' in page
    response = client.post(url(question.pk, "answer/"), {"body": "Patikrinkite įstatus."})
    answer = Answer.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#answer-{answer.pk}")
    note = Notification.objects.get(kind=Kind.CONSULTATION_ANSWER)
    assert note.recipient == question.author
    assert "Giedrius Urbonas" in note.title


@pytest.mark.parametrize("who, may", [("consultant", True), ("coordinator", True),
                                      ("other_coordinator", False), ("fellow", False),
                                      ("asker", False), ("stranger", False)])  # fmt: skip
def test_who_may_answer_a_private_question(client, who, may):
    question, people = private_setup()
    client.force_login(people[who])
    response = client.post(url(question.pk, "answer/"), {"body": "Atsakymas"})
    assert Answer.objects.exists() == may
    if not may:
        # Those who cannot read it get 404; members who can read it get 403.
        assert response.status_code == (403 if who in ("fellow", "asker") else 404)


def test_any_coordinator_may_answer_a_public_question(client):
    question = QuestionFactory()
    client.force_login(make_coordinator(LagFactory()))
    assert client.post(url(question.pk, "answer/"), {"body": "Atsakymas"}).status_code == 302
    assert Answer.objects.filter(question=question).count() == 1


def test_member_may_not_answer(client):
    question = QuestionFactory()
    client.force_login(UserFactory())
    page = client.get(url(question.pk)).content.decode()
    assert 'name="body"' not in page
    assert client.post(url(question.pk, "answer/"), {"body": "Atsakymas"}).status_code == 403
    assert not Answer.objects.exists()


def test_empty_answer_is_refused_and_long_text_kept(client):
    question = QuestionFactory()
    client.force_login(ConsultantFactory())
    response = client.post(url(question.pk, "answer/"), {"body": "   "})
    assert response.status_code == 400 and "Write your answer" in response.content.decode()
    long = "ilgas " * 2000  # 12 000 characters
    response = client.post(url(question.pk, "answer/"), {"body": long})
    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode()
    assert "ilgas ilgas" in response.content.decode()
    assert not Answer.objects.exists()


def test_answer_to_missing_question_is_404(client):
    client.force_login(ConsultantFactory())
    assert client.post(url(999999, "answer/"), {"body": "Atsakymas"}).status_code == 404


# --- The answer that helped -----------------------------------------------------------------


def test_asker_marks_and_moves_the_helpful_answer(client):
    question = QuestionFactory()
    first, second = AnswerFactory(question=question), AnswerFactory(question=question)
    client.force_login(question.author)
    response = client.post(url(question.pk, f"answers/{second.pk}/accept/"))
    assert response.status_code == 302
    assert list(Answer.objects.filter(accepted=True)) == [second]
    page = client.get(url(question.pk)).content.decode()
    assert page.index(f'id="answer-{second.pk}"') < page.index(f'id="answer-{first.pk}"')
    assert "This answer helped the asker" in page
    client.post(url(question.pk, f"answers/{first.pk}/accept/"))
    assert list(Answer.objects.filter(accepted=True)) == [first]
    client.post(url(question.pk, f"answers/{first.pk}/accept/"), {"accepted": "0"})
    assert not Answer.objects.filter(accepted=True).exists()


@pytest.mark.parametrize("who", ["consultant", "fellow", "coordinator"])
def test_only_the_asker_marks(client, who):
    question, people = private_setup()
    answer = AnswerFactory(question=question)
    client.force_login(people[who])
    response = client.post(url(question.pk, f"answers/{answer.pk}/accept/"))
    assert response.status_code == 403
    assert not Answer.objects.filter(accepted=True).exists()


def test_marking_an_answer_of_another_question_is_404(client):
    mine, other = QuestionFactory(), QuestionFactory()
    foreign = AnswerFactory(question=other)
    client.force_login(mine.author)
    assert client.post(url(mine.pk, f"answers/{foreign.pk}/accept/")).status_code == 404
    assert not Answer.objects.filter(accepted=True).exists()


def test_database_allows_one_helpful_answer_per_question():
    question = QuestionFactory()
    AnswerFactory(question=question, accepted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(question=question, accepted=True)


def test_consultant_chooses_themes(client):
    consultant = ConsultantFactory()
    client.force_login(consultant)
    themes = [smart_theme("rural-jobs").pk, smart_theme("digital-skills").pk]
    assert client.post("/en/consultations/schedule/themes/", {"themes": themes}).status_code == 302
    assert set(ConsultantTheme.objects.values_list("theme", flat=True)) == set(themes)
    response = client.post("/en/consultations/schedule/themes/", {"themes": ["x"]})
    assert response.status_code == 400
    assert ConsultantTheme.objects.count() == 2
    client.force_login(UserFactory())
    assert client.post("/en/consultations/schedule/themes/", {"themes": themes}).status_code == 403


def test_cached_public_page_goes_stale_when_an_answer_comes(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    question = QuestionFactory()
    assert "Naujas atsakymas" not in client.get(url(question.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(
            question=question, author=ConsultantFactory(), body="Naujas atsakymas"
        )
    assert "Naujas atsakymas" in client.get(url(question.pk)).content.decode()


def test_pages_and_messages_in_lithuanian(client):
    with translation.override("lt"):
        page = client.get("/lt/consultations/").content.decode()
        assert "Klauskite konsultanto" in page
        client.force_login(UserFactory())
        response = client.post("/lt/consultations/ask/", {"theme": smart_theme().pk})
        assert response.status_code == 400
        assert "Parašykite savo klausimą" in response.content.decode()
        with pytest.raises(services.ConsultationError, match="sumanaus kaimo temų"):
            services.question_create(author=UserFactory(), theme=theme("marketing"), title="?")
