"""A list sheet of the pack: a heading row and one row per item, as an Excel table.

Columns are sized to their content before the first row is streamed out (write-only mode
writes the column widths first); long text wraps, and each row is made tall enough to show it,
because spreadsheet programs do not grow rows for wrapped text in a file they open.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from .cells import (
    Column, Styles, clean_text, converter, display_width, line_count, make_cell,
)

MAX_WIDTH = 60
ROW_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 27


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column's width: its given width, else wide enough for its heading and content."""
    widths = []
    for i, col in enumerate(columns):
        if col.width is not None:
            widths.append(col.width)
            continue
        # the heading wraps onto two lines, and needs room for the filter button
        n = max(len(w) for w in col.title.split()) + 3
        n = max(n, min(len(col.title), 14) + 3)
        for values in rows:
            v = values[i]
            if v is not None and v != "":
                n = max(n, display_width(v, col.kind))
        widths.append(min(n + 2, MAX_WIDTH))
    return widths


def write_table(ws: WriteOnlyWorksheet, styles: Styles, name: str, columns: Sequence[Column],
                rows: Sequence[Sequence[Any]], *, tick: Callable[[], None] | None = None,
                first_row: int = 1) -> int:
    """Append a heading row and ``rows`` (from row ``first_row``, after anything already
    appended) as the table ``name``; return the last row used."""
    widths = column_widths(columns, rows)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    wrapped = [(i, widths[i]) for i, col in enumerate(columns) if col.kind == "wrap"]
    titles = [clean_text(col.title) for col in columns]
    ws.row_dimensions[first_row].height = 30  # room for two-line headings
    ws.append([make_cell(styles, t, "header") for t in titles])
    convert = [converter(styles, col.kind) for col in columns]
    heights: dict[int, dict[str, str]] = {}
    r = first_row
    for values in rows:
        r += 1
        lines = 1
        for i, w in wrapped:
            n = line_count(values[i], w)
            if n > lines:
                lines = n
        if lines > 1:
            # A streaming sheet reads a row's dimensions only as the attributes of its <row>
            # element: one plain mapping per height, shared by every row of that height,
            # costs nothing per row (a RowDimension object is built and iterated per row).
            lines = min(lines, MAX_LINES)
            dim = heights.get(lines)
            if dim is None:
                dim = heights[lines] = dict(RowDimension(ws, ht=ROW_HEIGHT * lines))
            ws.row_dimensions[r] = dim
        ws.append([f(v) for f, v in zip(convert, values)])
        if tick is not None:
            tick()
    last = r
    if last == first_row:
        ws.append([None] * len(columns))  # a table needs at least one body row
        last += 1
    table = Table(displayName=name, ref=f"A{first_row}:{get_column_letter(len(columns))}{last}")
    table.tableColumns = [TableColumn(id=i, name=t) for i, t in enumerate(titles, start=1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns named: they are, above.
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    return r
