import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The services' messages are matched in English (the Lithuanian catalogue is checked
    by tests/core/test_translations.py); pages choose their language from the URL."""
    with translation.override("en"):
        yield
