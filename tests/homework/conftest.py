import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Homework files go to a temporary folder, never the data directory."""
    settings.HOMEWORK_FILES_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English whatever language an earlier test left active."""
    with translation.override("en"):
        yield
