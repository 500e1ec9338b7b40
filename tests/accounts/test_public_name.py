"""Public pages name people by their full name, never by their e-mail address."""

import pytest
from django.utils import translation

from tests.consultations.factories import QuestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_name_falls_back_to_a_word_not_the_address():
    nameless = UserFactory(full_name="", email="slaptas@example.lt")
    with translation.override("lt"):
        assert nameless.public_name == "narys"
    assert UserFactory(full_name="Ona Onaitė").public_name == "Ona Onaitė"
    assert str(nameless) == "slaptas@example.lt"  # organisers and the admin still see it


def test_a_public_question_of_a_nameless_person_shows_no_address(client):
    question = QuestionFactory(author=UserFactory(full_name="", email="slaptas@example.lt"))
    page = client.get(question.get_absolute_url()).content.decode()
    assert "slaptas@example.lt" not in page and "narys" in page
