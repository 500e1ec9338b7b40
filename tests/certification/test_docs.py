"""docs/certification.md shows the workflow table as the code has it."""

from pathlib import Path

from kaimolink.certification import workflow

DOC = Path(__file__).resolve().parents[2] / "docs" / "certification.md"


def test_the_docs_table_is_the_codes_table():
    text = DOC.read_text(encoding="utf-8")
    begin, end = "<!-- workflow table: begin -->\n", "<!-- workflow table: end -->"
    shown = text[text.index(begin) + len(begin) : text.index(end)]
    assert shown == workflow.table_markdown().rstrip() + "\n"
