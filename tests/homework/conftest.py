import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Every homework test matches messages in English (tests/conftest.py)."""
