import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Homework files go to a temporary folder, never the data directory."""
    settings.HOMEWORK_FILES_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english(english):
    """Every homework test matches messages in English (tests/conftest.py)."""
