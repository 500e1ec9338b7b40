"""A report's tables (indicators.reports) as an XLSX workbook and as a PDF document.

Both write the cells of the same `ReportTable`s as the page: the PDF their text exactly
as the page shows it, the XLSX the numbers as numbers (the unit in the cell's number
format, so the office can sum them), texts escaped against formula injection.
"""

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from kaimolink.actors.exporting import sheet_title, xlsx_cell_text
from kaimolink.core.units import unit_word
from kaimolink.indicators.reports import Cell, ReportTable

Facts = Sequence[tuple[str, str]]


def _unit_word(cell: Cell) -> str:
    if hasattr(cell.unit, "unit_word"):
        return cell.unit.unit_word(cell.value)
    return unit_word(cell.value, cell.unit or "")


def _number_format(cell: Cell) -> str:
    whole = cell.value == int(cell.value)
    number = "#,##0" if whole else "#,##0.0#"
    word = _unit_word(cell).replace('"', "")
    return f'{number} "{word}"' if word else number


def report_xlsx(*, title: str, facts: Facts, tables: list[ReportTable]) -> bytes:
    """One sheet: the title, the facts (LAG, period, date made), then each table with its
    heading row, rows, total row and note."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet_title(title)
    workbook.properties.title = title[:255]
    workbook.properties.creator = "kaimolink"
    bold = Font(bold=True)
    ws.append([xlsx_cell_text(title)])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in facts:
        ws.append([xlsx_cell_text(label), xlsx_cell_text(value)])
        ws.cell(ws.max_row, 1).font = bold
    widest = 2
    for table in tables:
        ws.append([])
        ws.append([xlsx_cell_text(table.title)])
        ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
        if not table.rows:
            ws.append([xlsx_cell_text(table.empty)])
            continue
        ws.append([xlsx_cell_text(column) for column in table.columns])
        for cell in ws[ws.max_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widest = max(widest, len(table.columns))
        for row in table.rows + ([table.total] if table.total else []):
            ws.append([_xlsx_value(cell) for cell in row])
            for number, cell in enumerate(row, start=1):
                if not cell.is_text and cell.value is not None:
                    ws.cell(ws.max_row, number).number_format = _number_format(cell)
        if table.total:
            for cell in ws[ws.max_row]:
                cell.font = bold
        if table.note:
            ws.append([xlsx_cell_text(table.note)])
    ws.column_dimensions["A"].width = 36
    for index in range(2, widest + 1):
        ws.column_dimensions[get_column_letter(index)].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: Cell):
    if cell.is_text:
        return xlsx_cell_text(cell.text)
    return cell.value  # a number (int or Decimal, stored as a number), or None: empty


def report_pdf(*, title: str, facts: Facts, tables: list[ReportTable]) -> bytes:
    """A4 portrait: the title, the facts, then each table (headings repeated on a new page)
    with its note. The cells' text is the page's (`Cell.display`)."""
    from fpdf.fonts import FontFace

    from kaimolink.core.pdf import new_pdf

    pdf = new_pdf(title=title, footer=title[:90])
    pdf.add_page()
    pdf.set_font(style="B", size=14)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for label, value in facts:
        pdf.set_font(style="B", size=10)
        pdf.cell(32, 6, f"{label}:")
        pdf.set_font(style="", size=10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    bold = FontFace(emphasis="BOLD")
    for table in tables:
        pdf.ln(4)
        pdf.set_font(style="B", size=12)
        pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(style="", size=9)
        if not table.rows:
            pdf.multi_cell(0, 5, table.empty, new_x="LMARGIN", new_y="NEXT")
            continue
        with pdf.table(
            col_widths=_col_widths(table),
            text_align=_aligns(table),
            line_height=5,
            padding=1,
            repeat_headings=1,
        ) as pdf_table:
            pdf_table.row(table.columns)
            for row in table.rows:
                pdf_table.row([cell.display for cell in row])
            if table.total:
                total = pdf_table.row()
                for cell in table.total:
                    total.cell(cell.display, style=bold)
        if table.note:
            pdf.ln(1)
            pdf.set_font(style="", size=8)
            pdf.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")
    if not tables:
        pdf.multi_cell(0, 6, _("Nothing to report."), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _text_columns(table: ReportTable) -> list[bool]:
    """Which columns hold text (judged by the first row)."""
    return [cell.is_text for cell in table.rows[0]]


def _col_widths(table: ReportTable) -> list[float]:
    """The column that names the rows gets the most room, every other column the same."""
    return [8.0 if n == table.name_column else 3.0 for n in range(len(table.columns))]


def _aligns(table: ReportTable) -> list[str]:
    return ["LEFT" if is_text else "RIGHT" for is_text in _text_columns(table)]
