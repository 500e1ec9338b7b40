"""core.search: stems of folded text, and the word-form match every app's search uses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kaimolink.consultations.selectors import questions_list
from kaimolink.contactfair.selectors import fair_participants
from kaimolink.core.search import search_copies, stems_of
from kaimolink.partnerships.selectors import posts_on_board
from kaimolink.projects.selectors import public_projects
from tests.consultations.factories import QuestionFactory
from tests.contactfair.factories import fair_event, participant
from tests.partnerships.factories import PostFactory
from tests.projects.factories import ProjectFactory


def test_stems_of_keeps_each_stem_once_between_spaces():
    assert stems_of("kedainiu medus, kedainiai medaus") == " ked med "


def test_stems_of_nothing_is_empty():
    assert stems_of("") == "" and stems_of(" - ") == ""


def test_search_copies_fold_before_stemming():
    assert search_copies("Ūkininkų TURIZMAS") == ("ukininku turizmas", " ukinink turizm ")


@pytest.mark.django_db
def test_partnership_board_search_finds_another_form():
    post = PostFactory(description="Parduodame liepų medų.")
    PostFactory(description="Siuvame lininius maišelius.")
    assert list(posts_on_board(q="medus")) == [post]


@pytest.mark.django_db
def test_project_search_finds_another_form():
    project = ProjectFactory(summary="Kaimo turizmo sodybų tinklas.")
    ProjectFactory(summary="Jaunimo užimtumas.")
    assert list(public_projects(q="turizmas")) == [project]


@pytest.mark.django_db
def test_consultation_search_finds_another_form():
    question = QuestionFactory(body="Kaip registruoti amatų dirbtuves?")
    QuestionFactory(body="Kaip gauti paramą?")
    assert list(questions_list(user=AnonymousUser(), q="amatai")) == [question]


@pytest.mark.django_db
def test_fair_search_finds_another_form():
    event = fair_event()
    wanted = participant(event, pitch="Siūlome ūkininkų sūrius.")
    participant(event, pitch="Ieškome salės.")
    assert list(fair_participants(event=event, q="ukininkas suris")) == [wanted]
