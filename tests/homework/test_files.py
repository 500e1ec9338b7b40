"""Homework files: a document's extension and content must agree; pictures are re-encoded."""

import pytest
from django.core.exceptions import ValidationError

from kaimolink.homework.files import check_upload, submission_upload_to
from kaimolink.homework.models import Submission
from tests.files import DOCX, EXE, ODT, PDF, PNG, XLSX, upload


@pytest.mark.parametrize(
    ("name", "expected", "content"),
    [
        ("darbas.pdf", "pdf", None),
        ("DARBAS.PDF", "pdf", None),
        ("planas.docx", "docx", None),
        ("lentelė.xlsx", "xlsx", None),
        ("tekstas.odt", "odt", None),
        ("nuotrauka.jpg", "jpg", None),
        ("nuotrauka.jpeg", "jpg", None),
        ("schema.png", "png", None),
        ("schema.jpg", "png", PNG),  # a picture is read by content and re-encoded
    ],
)
def test_check_upload_accepts_real_files(name, expected, content):
    assert check_upload(upload(name, content)).type == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virusas.pdf", EXE),  # a program renamed .pdf
        ("schema.docx", PNG),  # a picture renamed .docx
        ("planas.xlsx", DOCX),  # a Word document renamed .xlsx
        ("lentelė.docx", XLSX),
        ("tekstas.odt", DOCX),  # a zip, but not an OpenDocument text
        ("planas.docx", ODT),
        ("sugadintas.docx", b"PK\x03\x04 not really a zip"),
    ],
    ids=["exe-pdf", "png-docx", "docx-xlsx", "xlsx-docx", "docx-odt", "odt-docx", "broken-zip"],
)
def test_check_upload_refuses_content_that_does_not_match_the_name(name, content):
    with pytest.raises(ValidationError, match="content is not a"):
        check_upload(upload(name, content))


@pytest.mark.parametrize("name", ["nuotrauka.png", "nuotrauka.jpg"])
def test_check_upload_refuses_a_picture_that_is_not_one(name):
    with pytest.raises(ValidationError, match="not a picture we can read"):
        check_upload(upload(name, PDF))


@pytest.mark.parametrize("name", ["programa.exe", "be-galūnės", "puslapis.html", "a.pdf.exe"])
def test_check_upload_refuses_other_types(name):
    with pytest.raises(ValidationError, match="Upload a PDF"):
        check_upload(upload(name, PDF))


def test_check_upload_refuses_oversized_and_empty_files(settings):
    settings.HOMEWORK_MAX_FILE_BYTES = 1024
    with pytest.raises(ValidationError, match="may be at most 1.0"):
        check_upload(upload("didelis.pdf", PDF + b"x" * 1024))
    assert check_upload(upload("mažas.pdf", PDF)).type == "pdf"
    with pytest.raises(ValidationError, match="empty"):
        check_upload(upload("tuščias.pdf", b""))


def test_stored_name_is_random_and_never_the_persons():
    submission = Submission(file_type="pdf")
    first = submission_upload_to(submission, "../../Mano slaptas darbas.pdf")
    second = submission_upload_to(submission, "../../Mano slaptas darbas.pdf")
    assert first.startswith("homework/") and first.endswith(".pdf")
    assert "slaptas" not in first and ".." not in first
    assert first != second
