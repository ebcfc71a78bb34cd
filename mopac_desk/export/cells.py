"""Cells of the pack: safe values, number formats, and one shared style record per kind of cell.

The workbook is written in openpyxl's write-only (streaming) mode: each row is appended once,
so every cell's value and style are decided here, before the row goes out. Paper text is
untrusted: it is always stored as a string (never a formula, an error value or an escape),
stripped of characters XML cannot hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterator, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MONEY = "£#,##0"
MONEY_PENCE = "£#,##0.00"
# Totals and per-paper sums: a paper that states no such sum shows a dash, not "£0".
MONEY_TOTAL = '£#,##0;-£#,##0;"–"'
MONEY_TOTAL_PENCE = '£#,##0.00;-£#,##0.00;"–"'
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
EXCEL_CELL_LIMIT = 32767
# Control characters, lone surrogates and the two non-characters that XML 1.0 cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# Anything clean_text would change.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x")
# Leading characters a spreadsheet may read as the start of a formula.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = "1F3864"


@dataclass(frozen=True)
class Column:
    """One table column: heading, kind of cell, width (characters) and whether it prints.

    Kinds: text, wrap (long text, wrapped), money (pounds), total (a money formula), date,
    datetime, int (a count or page), number (an int when the value is one, else text)."""

    title: str
    kind: str = "text"
    width: float | None = None


def clean_text(value: str) -> str:
    """Remove characters XML cannot hold, use Excel's line breaks, and keep within Excel's
    per-cell limit."""
    if "\r" in value:
        # An XML reader turns a stored CR into LF anyway; say so up front, so the cell holds
        # exactly what was written.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _XML_ILLEGAL.sub("", value)
    if "_x" in value:
        # Excel reads "_xHHHH_" in a cell as an escaped character; escape the underscore so
        # paper text such as "_x0041_" shows as written.
        value = _OOXML_ESCAPE.sub(r"_x005F_\1", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def money_value(pence: int) -> int | float:
    """Pounds for a cell: an int when whole, else the exact pence value as the nearest float."""
    if pence % 100 == 0:
        return pence // 100
    return float(Decimal(pence) / 100)


def as_number(value: Any) -> Any:
    """An item or recommendation number as a number when it is one ("3" -> 3), else as it is
    ("1a", "2.1" stay text: they are labels, not quantities)."""
    if isinstance(value, str) and value.isdigit() and len(value) < 10 and value == str(int(value)):
        return int(value)
    return value


def plain_datetime(value: datetime) -> datetime:
    """Excel has no time zones: the clerk's local wall-clock time, to the second."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def header_text(value: str) -> str:
    """Text for a page header: '&' starts a header/footer code in Excel, so it is doubled."""
    return clean_text(value).replace("&", "&&")[:200]


class Styles:
    """One style record per kind of cell, built once and shared by every cell of that kind
    (assigning font/alignment/format objects cell by cell costs far more)."""

    def __init__(self, ws: WriteOnlyWorksheet, pence: bool) -> None:
        self._ws = ws
        self._pence = pence
        self._records: dict[str, tuple[StyleArray, int]] = {}

    def record(self, key: str) -> tuple[StyleArray, int]:
        """The style record for ``key`` and its index in the workbook's list of styles."""
        style = self._records.get(key)
        if style is None:
            array = self._build(key)._style
            style = (array, self._ws.parent._cell_styles.add(array))
            self._records[key] = style
        return style

    def _build(self, key: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._ws)
        base = key.removesuffix("_quoted")
        left = base.endswith("_left")
        base = base.removesuffix("_left")
        right = base in ("money", "money_pence", "total") and not left
        centre = base in ("date", "datetime", "int", "number") and not left
        # Sums keep a character's gap from the text in the next column ("£16,431,000" and
        # "Total" never run together when printed); counts, pages and item numbers sit in
        # the middle of their narrow columns, clear of the text beside them.
        cell.alignment = Alignment(
            vertical="top", wrap_text=base in ("wrap", "header", "label_wrap"),
            horizontal="right" if right else ("center" if centre else "left"),
            # text keeps clear of a wrapped column before it, which fills to its edge
            indent=1 if right or (base in ("text", "wrap") and not left) else 0)
        if key.endswith("_quoted"):
            cell.quotePrefix = True
        if base == "money":
            cell.number_format = MONEY
        elif base == "money_pence":
            cell.number_format = MONEY_PENCE
        elif base == "total":
            cell.number_format = MONEY_TOTAL_PENCE if self._pence else MONEY_TOTAL
        elif base == "date":
            cell.number_format = DATE
        elif base == "datetime":
            cell.number_format = DATETIME
        elif base == "header":
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="left")
        elif base in ("label", "label_wrap"):
            cell.font = Font(bold=True)
        elif base == "title":
            cell.font = Font(bold=True, size=16)
        elif base == "heading":
            cell.font = Font(bold=True, size=12)
        elif base == "note":
            cell.font = Font(italic=True, color="595959")
            cell.alignment = Alignment(vertical="top", wrap_text=False, horizontal="left")
        elif base == "total_label":
            cell.font = Font(bold=True)
            cell.border = Border(top=Side(style="thin"))
        elif base == "marking":
            cell.font = Font(bold=True, size=12)
        elif base == "marking_sensitive":
            cell.font = Font(bold=True, size=12, color="C00000")
        return cell


# A prepared cell is (value, openpyxl data type, style record, its index), or None for an
# empty cell.
_TEXT_KINDS = frozenset({"plain", "wrap", "label", "label_wrap", "note", "header", "title", "heading",
                         "total_label", "marking", "marking_sensitive"})


def make_cell(styles: Styles, value: Any, kind: str = "text") -> Any:
    """The prepared cell for ``value`` shown as ``kind`` (see :class:`PackSheet`).

    Text is always a string cell, whatever it starts with: openpyxl would otherwise read
    "=..." as a formula and "#N/A" as an error. Text starting with a formula character is
    also quote-prefixed so that editing the cell in Excel keeps it text. ``kind`` "formula"
    and "total" are our own formulas, never paper text."""
    if value is None or value == "":
        return None
    if kind == "number":
        value = as_number(value)
    if isinstance(value, str):
        if kind == "total" or kind == "formula":
            return (value, "f", *styles.record("total"))
        value = clean_text(value)
        key = "wrap_left" if kind == "left" else kind if kind in _TEXT_KINDS else "text"
        if value.startswith(_FORMULA_LEAD):
            key += "_quoted"
        return (value, "s", *styles.record(key))
    side = "_left" if kind == "left" else ""
    if isinstance(value, datetime):
        return (plain_datetime(value), "d", *styles.record("datetime" + side))
    if isinstance(value, date):
        return (value, "d", *styles.record("date" + side))
    if isinstance(value, bool):
        return make_cell(styles, "Yes" if value else "No", kind)
    if isinstance(value, (int, float)):
        if kind == "money":
            key = "money" if isinstance(value, int) else "money_pence"
        elif kind == "total":
            key = "total"
        else:
            key = "int" + side
        return (value, "n", *styles.record(key))
    return make_cell(styles, str(value), kind)


def converter(styles: Styles, kind: str) -> Callable[[Any], Any]:
    """:func:`make_cell` for one column, with the column's usual case (a whole number in a
    count column, short text in a text column) decided once for the column instead of once
    per cell; anything else goes through :func:`make_cell`."""
    if kind in ("int", "money"):
        style, sid = styles.record(kind)

        def number(value: Any) -> Any:
            if type(value) is int:
                return (value, "n", style, sid)
            return make_cell(styles, value, kind)
        return number
    if kind in ("text", "wrap"):
        style, sid = styles.record(kind)

        def text(value: Any) -> Any:
            if type(value) is str and value and not value.startswith(_FORMULA_LEAD):
                if _NEEDS_CLEANING.search(value) is None and len(value) <= EXCEL_CELL_LIMIT:
                    return (value, "s", style, sid)
            return make_cell(styles, value, kind)
        return text
    return lambda value: make_cell(styles, value, kind)


class _ScratchCell(Cell):
    """The one cell a :class:`PackSheet` writes through; its style's index is known already
    (openpyxl would look it up, hashing the style, for every cell)."""

    __slots__ = ("_style_id",)

    @property
    def style_id(self) -> int:
        return self._style_id

    @property
    def has_style(self) -> bool:
        return self._style_id != 0


class PackSheet(WriteOnlyWorksheet):
    """A streaming sheet whose rows are prepared cells (see :func:`make_cell`).

    openpyxl's own ``append`` first tries every value as a plain value and, for a styled cell,
    fails and formats an error message before taking it: most of the time of a large pack.
    Here each prepared cell is put into one scratch cell, written at once, and reused."""

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        self._scratch = _ScratchCell(self, row=1, column=1)

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
        cell = self._scratch
        for col_idx, item in enumerate(values, 1):
            if item is None:
                continue
            cell._value, cell.data_type, cell._style, cell._style_id = item
            cell.column = col_idx
            cell.row = row_idx
            yield cell  # written before the next is prepared


def add_sheet(wb: Workbook, title: str) -> PackSheet:
    """A new :class:`PackSheet` at the end of the write-only workbook ``wb``."""
    ws = PackSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


def line_count(value: Any, width: float) -> int:
    """Roughly how many lines ``value`` wraps to in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    # text averages narrower than the "0" unit; less the indent keeping it off its neighbour
    per_line = max(int(width * 1.2) - 3, 8)
    if len(value) <= per_line and "\n" not in value:
        return 1
    total = 0
    for part in value.splitlines() or [""]:
        # Words wrap whole: count words onto lines rather than dividing the length.
        lines, used = 1, 0
        for word in part.split():
            n = len(word)
            if used and used + 1 + n > per_line:
                lines += 1
                used = 0
            used += n + (1 if used else 0)
            while used > per_line:
                lines += 1
                used -= per_line
        total += lines
    return total


def display_width(value: Any, kind: str) -> int:
    """How many characters wide a value shows (for sizing columns to their content)."""
    if kind in ("money", "total"):
        return 13
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 11
    if isinstance(value, str):
        return min(len(value), 60)
    return len(str(value))
