"""Homework files: the extension and the content must both be an accepted type."""

import pytest
from django.core.exceptions import ValidationError

from kaimolink.homework.files import check_upload, submission_upload_to
from kaimolink.homework.models import Submission
from tests.homework.factories import DOCX, EXE, ODT, PDF, PNG, XLSX, upload


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("darbas.pdf", "pdf"),
        ("DARBAS.PDF", "pdf"),
        ("planas.docx", "docx"),
        ("lentelė.xlsx", "xlsx"),
        ("tekstas.odt", "odt"),
        ("nuotrauka.jpg", "jpg"),
        ("nuotrauka.jpeg", "jpg"),
        ("schema.png", "png"),
    ],
)
def test_check_upload_accepts_real_files(name, expected):
    assert check_upload(upload(name)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virusas.pdf", EXE),  # a program renamed .pdf
        ("schema.docx", PNG),  # a picture renamed .docx
        ("planas.xlsx", DOCX),  # a Word document renamed .xlsx
        ("lentelė.docx", XLSX),
        ("tekstas.odt", DOCX),  # a zip, but not an OpenDocument text
        ("planas.docx", ODT),
        ("nuotrauka.png", PDF),
        ("nuotrauka.jpg", PNG),
        ("sugadintas.docx", b"PK\x03\x04 not really a zip"),
    ],
    ids=[
        "exe-pdf",
        "png-docx",
        "docx-xlsx",
        "xlsx-docx",
        "docx-odt",
        "odt-docx",
        "pdf-png",
        "png-jpg",
        "broken-zip",
    ],
)
def test_check_upload_refuses_content_that_does_not_match_the_name(name, content):
    with pytest.raises(ValidationError, match="content is not a"):
        check_upload(upload(name, content))


@pytest.mark.parametrize("name", ["programa.exe", "be-galūnės", "puslapis.html", "a.pdf.exe"])
def test_check_upload_refuses_other_types(name):
    with pytest.raises(ValidationError, match="Upload a PDF"):
        check_upload(upload(name, PDF))


def test_check_upload_refuses_oversized_and_empty_files(settings):
    settings.HOMEWORK_MAX_FILE_BYTES = 1024
    with pytest.raises(ValidationError, match="too large"):
        check_upload(upload("didelis.pdf", PDF + b"x" * 1024))
    assert check_upload(upload("mažas.pdf", PDF)) == "pdf"
    with pytest.raises(ValidationError, match="empty"):
        check_upload(upload("tuščias.pdf", b""))


def test_stored_name_is_random_and_never_the_persons():
    submission = Submission(file_type="pdf")
    first = submission_upload_to(submission, "../../Mano slaptas darbas.pdf")
    second = submission_upload_to(submission, "../../Mano slaptas darbas.pdf")
    assert first.startswith("homework/") and first.endswith(".pdf")
    assert "slaptas" not in first and ".." not in first
    assert first != second
