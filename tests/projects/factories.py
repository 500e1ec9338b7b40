"""Real projects, partners and agreements for the tests (rows through the models)."""

import io
import zipfile
from decimal import Decimal

import factory

from kaimolink.core.pdf import new_pdf
from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.models import Agreement, Indicator, Project, ProjectPartner


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Bendradarbiavimo projektas {n}")
    slug = factory.Sequence(lambda n: f"projektas-{n}")
    number = factory.Sequence(lambda n: f"44TT-KK-21-1-{n:05d}-PR001")
    programme = "LEADER"
    start_year = 2021
    end_year = 2023
    budget = Decimal("1000.00")
    status = ProjectStatus.PUBLISHED


def add_partner(project, *, lag=None, name="", role=PartnerRole.PARTNER, country="LT", **kw):
    return ProjectPartner.objects.create(
        project=project, lag=lag, name=name, role=role, country=country, **kw
    )


def add_indicator(project, code, target="10", unit="piece", **kw):
    return Indicator.objects.create(
        project=project, code=code, name=f"Rodiklis {code}", unit=unit,
        target=Decimal(target), **kw,
    )  # fmt: skip


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Sutartis {n}")
    lag = factory.SubFactory("tests.factories.LagFactory")
    purpose = "Keistis gerąja patirtimi."


# --- Real files made here: what an upload would carry ---------------------------------------


def pdf_bytes(text: str = "Sutartis") -> bytes:
    pdf = new_pdf(title=text)
    pdf.add_page()
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def png_bytes() -> bytes:
    """A real 1×1 PNG image."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Rodiklis"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
        package.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    return out.getvalue()


def zip_bytes() -> bytes:
    """A ZIP archive that is not an office document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("readme.txt", "labas")
    return out.getvalue()
