"""The Papers sheet (what a secretary prints: one line per paper) and the Paper details sheet
(who wrote each paper, its classifications and documents: for the screen, or printed apart)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column
from ..context import PackContext
from ..printing import print_setup
from ..table import write_table


def write_papers(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    """No., item, reference, title, decision date, status, capital, revenue and counts: the
    columns a meeting secretary needs on paper. Capital and revenue are formulas over the
    Finance sheet, so a corrected figure there shows here too."""
    columns = [
        Column("No.", "int", 6), Column("Item", "number", 7), Column("Reference", "text"),
        Column("Title", "wrap", 48), Column("Decision required by", "date", 13),
        Column("Status", "text"), Column("Capital", "total", 15),
        Column("Revenue", "total", 15), Column("Recommendations", "int", 17),
        Column("Open checks", "int", 9),
    ]
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        rows.append((
            no, p.item, p.reference, p.title, p.decision_required_by, p.status,
            _by_paper(ctx, "C", no + 1), _by_paper(ctx, "D", no + 1),
            len(p.recommendations), p.open_checks,
        ))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Papers", columns, rows, tick=ctx.tick)


def _by_paper(ctx: PackContext, col: str, row: int) -> str:
    # Keyed by No., so sorting either sheet keeps each paper's figure with it.
    return f"=SUMIFS({ctx.finance_range(col)},{ctx.finance_range('A')},$A{row})"


def write_paper_details(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    """Report by, on behalf of, classifications and documents of each paper, and for a scan
    how far its OCR-read figures were checked."""
    columns = [
        Column("No.", "int", 6), Column("Reference", "text", 14), Column("Report by", "wrap", 24),
        Column("On behalf of", "wrap", 30), Column("Classification", "wrap", 24),
    ]
    if not ctx.pack.publication:
        columns.append(Column("Part 2 classification", "wrap", 24))
    columns.append(Column("Documents", "int", 11))
    columns.append(Column("Read by OCR", "wrap", 30))
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        values: list[Any] = [no, p.reference, p.report_by, p.on_behalf_of, p.classification]
        if not ctx.pack.publication:
            values.append(p.part2_classification)
        values.append(p.documents)
        values.append(p.ocr_note)
        rows.append(values)
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Paper_details", columns, rows, tick=ctx.tick)
