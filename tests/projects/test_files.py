"""Document uploads: PDF, DOCX, XLSX, ODT only, checked by name, content and size."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kaimolink.projects.files import MAX_DOCUMENT_BYTES, validate_document
from tests.projects.factories import odt_bytes, pdf_bytes, png_bytes, xlsx_bytes, zip_bytes


def upload(name, content):
    return SimpleUploadedFile(name, content)


def file_id(value) -> str:
    """A test's id names the file, never its bytes: a PDF's bytes hold the time it was made,
    and xdist's workers must collect the same ids."""
    return value if isinstance(value, str) else "content"


@pytest.mark.parametrize(
    "name,content",
    [("sutartis.pdf", pdf_bytes()), ("rodikliai.xlsx", xlsx_bytes()), ("tekstas.odt", odt_bytes()),
     ("SUTARTIS.PDF", pdf_bytes())],
    ids=file_id,
)  # fmt: skip
def test_real_documents_are_accepted(name, content):
    validate_document(upload(name, content))


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("nuotrauka.pdf", png_bytes(), "file_content"),  # a PNG renamed .pdf
        ("nuotrauka.png", png_bytes(), "file_type"),
        ("archyvas.docx", zip_bytes(), "file_content"),  # a ZIP that is no Word document
        ("rodikliai.xlsx", pdf_bytes(), "file_content"),
        ("tekstas.odt", xlsx_bytes(), "file_content"),  # a ZIP of the wrong kind
        ("programa.exe", b"MZ\x90\x00", "file_type"),
        ("be-pletinio", pdf_bytes(), "file_type"),
    ],
    ids=file_id,
)
def test_wrong_documents_are_refused(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_document(upload(name, content))
    assert exc.value.code == code


def test_oversized_document_is_refused_with_sizes_in_lithuanian():
    big = upload("didelis.pdf", pdf_bytes() + b"0" * (MAX_DOCUMENT_BYTES + 1))
    with translation.override("lt"), pytest.raises(ValidationError) as exc:
        validate_document(big)
    assert exc.value.code == "file_size"
    message = exc.value.messages[0]
    assert "20,0\xa0MB" in message and "daugiausia" in message


def test_service_refuses_a_png_renamed_pdf_and_saves_nothing(db):
    from kaimolink.projects.models import ProjectDocument
    from kaimolink.projects.services import ProjectError, document_add
    from tests.projects.factories import ProjectFactory

    project = ProjectFactory()
    with translation.override("lt"), pytest.raises(ProjectError) as exc:
        document_add(project=project, title="Nuotrauka", filename="a.pdf", content=png_bytes())
    assert "nėra PDF failas" in str(exc.value)
    assert not ProjectDocument.objects.exists()
    document = document_add(project=project, title="PDF", filename="a.pdf", content=pdf_bytes())
    assert document.size == len(pdf_bytes()) or document.size > 100
