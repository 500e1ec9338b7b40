"""Every password rule on sign-up, and every refusal, in Lithuanian (issue 9)."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = ("password", "Your", "This", "must")


def _refusals(password, user=None):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return refused.value.messages


def test_password_rules_are_all_lithuanian():
    with translation.override("lt"):
        texts = [
            *password_validators_help_texts(),
            *_refusals("abc"),
            *_refusals("12345678901"),
            *_refusals("ona.petraitiene", UserFactory(email="ona.petraitiene@example.lt")),
        ]

    assert len(texts) >= 8
    for text in texts:
        assert not any(word in text for word in ENGLISH_WORDS), text
    assert "Šis slaptažodis per trumpas. Jame turi būti bent 8 simboliai." in texts
