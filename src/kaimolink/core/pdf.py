"""PDF documents (attendance lists, certificates) with a font that has Lithuanian letters.

The PDF core fonts (Helvetica…) know only Latin-1, so ą č ę ė į š ų ū ž would be lost.
DejaVu Sans is bundled in core/fonts/ (licence in core/fonts/LICENSE) rather than read from
the system: the documents look the same on every server and need no system package.
fpdf2 embeds only the glyphs a document uses, with a ToUnicode map, so the files stay
small and their text can be searched, copied and extracted.
"""

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"


class Document(FPDF):
    """An FPDF whose pages end with `footer_text` and "page / pages", when it has some."""

    footer_text = ""

    def footer(self):
        if not self.footer_text:
            return
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 8)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="R")


def new_pdf(
    *, title: str = "", orientation: str = "portrait", font_size: float = 10, footer: str = ""
) -> Document:
    """An empty A4 document (millimetres) with DejaVu Sans, regular and bold, selected.

    `footer`: a short text printed with the page number at the foot of every page.
    Call `pdf.add_page()` before writing, `bytes(pdf.output())` for the file.
    """
    pdf = Document(orientation=orientation, unit="mm", format="A4")
    pdf.footer_text = footer
    pdf.add_font(FONT_FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT_FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_font(FONT_FAMILY, size=font_size)
    pdf.set_creator("kaimolink")
    pdf.set_lang("lt")
    if title:
        pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def fit_text(pdf: FPDF, text: str, width: float) -> str:
    """`text` shortened with an ellipsis so that it fits `width` in the current font."""
    text = " ".join((text or "").split())
    padding = 2 * pdf.c_margin
    if pdf.get_string_width(text) + padding <= width:
        return text
    while text and pdf.get_string_width(text + "…") + padding > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""
