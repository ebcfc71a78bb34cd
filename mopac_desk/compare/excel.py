"""The change list as an Excel sheet: kind, old text, new text and their pages, money first;
and a second sheet of the changed £ sums (as written and in exact pence).

Paper text is untrusted: every cell is stored as a string, never a formula, and a string a
spreadsheet would read as one ("=", "+", "-", "@") is quote-prefixed. The workbook is written
beside the destination and moved into place, so a failure leaves no half-written file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ..whole_file import WholeFileError, writing_whole
from .engine import Comparison

HEADINGS = ("Kind", "Money", "Old page", "Old text", "New page", "New text")
MONEY_HEADINGS = ("Kind", "Old", "New", "Old (pence)", "New (pence)", "Old page", "New page")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
_CELL_LIMIT = 32767


class ChangesWriteError(Exception):
    """The sheet could not be written; the message is fit to show a clerk as it is."""


class ChangesCancelled(Exception):
    """The export was cancelled before the file was moved into place (nothing was written)."""


def _text(value: str) -> str:
    value = _XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value[:_CELL_LIMIT]


def _put_text(ws: Worksheet, row: int, col: int, value: str | None) -> None:
    if not value:
        return
    cell = ws.cell(row=row, column=col)
    value = _text(value)
    # Set as a string outright: openpyxl reads a value starting "=" as a formula.
    cell._value = value
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if value.startswith(_FORMULA_LEAD):
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def build_workbook(result: Comparison) -> Workbook:
    """The workbook in memory: one sheet "Changes" (no file is touched)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Changes"
    for col, title in enumerate(HEADINGS, 1):
        ws.cell(row=1, column=col, value=title).font = Font(bold=True)
    for row, c in enumerate(result.money_first(), 2):
        ws.cell(row=row, column=1, value=c.kind)
        ws.cell(row=row, column=2, value="£" if c.money else None)
        if c.old:
            ws.cell(row=row, column=3, value=c.old.page)
            _put_text(ws, row, 4, c.old.text)
        if c.new:
            ws.cell(row=row, column=5, value=c.new.page)
            _put_text(ws, row, 6, c.new.text)
    for col, width in zip("ABCDEF", (11, 7, 9, 60, 9, 60)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{max(1, len(result.changes) + 1)}"
    _money_sheet(wb, result)
    return wb


def _money_sheet(wb: Workbook, result: Comparison) -> None:
    """Every changed £ sum: its kind, as written on each side, exact pence, pages."""
    ws = wb.create_sheet("Money")
    for col, title in enumerate(MONEY_HEADINGS, 1):
        ws.cell(row=1, column=col, value=title).font = Font(bold=True)
    for row, a in enumerate(result.amounts, 2):
        ws.cell(row=row, column=1, value=a.kind)
        _put_text(ws, row, 2, a.old_text)
        _put_text(ws, row, 3, a.new_text)
        for col, value in ((4, a.old_pence), (5, a.new_pence), (6, a.old_page), (7, a.new_page)):
            if value is not None:
                ws.cell(row=row, column=col, value=value)
    for col, width in zip("ABCDEFG", (11, 18, 18, 14, 14, 9, 9)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def write_changes_xlsx(result: Comparison, path: str | os.PathLike[str],
                       cancel: Callable[[], bool] | None = None) -> Path:
    """Write the change list to ``path`` (.xlsx) in one step and return the path; raises
    :class:`ChangesWriteError` with a plain message when it cannot (any file already there
    is left as it was), and :class:`ChangesCancelled` when ``cancel()`` is true once the
    sheet is built (nothing written)."""
    dest = Path(path)
    wb = build_workbook(result)
    try:
        with writing_whole(dest, prefix=".~" + dest.stem + "-", suffix=".xlsx.tmp") as tmp:
            wb.save(tmp)
            if cancel is not None and cancel():
                raise ChangesCancelled()
    except WholeFileError as exc:
        raise ChangesWriteError(str(exc)) from exc
    return dest
