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
from typing import Any

from openpyxl.cell import WriteOnlyCell
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
        self._records: dict[str, Any] = {}

    def record(self, key: str) -> Any:
        style = self._records.get(key)
        if style is None:
            style = self._build(key)._style
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
            indent=1 if right else 0)
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


def make_cell(ws: WriteOnlyWorksheet, styles: Styles, value: Any, kind: str = "text") -> Any:
    """The cell (or bare value) to append for ``value`` shown as ``kind``.

    Text is always a string cell, whatever it starts with: openpyxl would otherwise read
    "=..." as a formula and "#N/A" as an error. Text starting with a formula character is
    also quote-prefixed so that editing the cell in Excel keeps it text. ``kind`` "formula"
    and "total" are our own formulas, never paper text."""
    if value is None or value == "":
        return None
    if kind == "number":
        value = as_number(value)
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        if kind == "total" or kind == "formula":
            cell.value = value
            cell._style = styles.record("total")
            return cell
        value = clean_text(value)
        cell._value = value
        cell.data_type = "s"
        key = "wrap" if kind == "left" else kind if kind in ("wrap", "label", "label_wrap", "note", "header", "title",
                               "heading", "total_label", "marking",
                               "marking_sensitive") else "text"
        if value.startswith(_FORMULA_LEAD):
            key += "_quoted"
        cell._style = styles.record(key)
        return cell
    side = "_left" if kind == "left" else ""
    if isinstance(value, datetime):
        cell.value = plain_datetime(value)
        cell._style = styles.record("datetime" + side)
        return cell
    if isinstance(value, date):
        cell.value = value
        cell._style = styles.record("date" + side)
        return cell
    if isinstance(value, bool):
        return make_cell(ws, styles, "Yes" if value else "No", kind)
    if isinstance(value, (int, float)):
        cell._value = value  # a number needs none of openpyxl's type sniffing
        cell.data_type = "n"
        if kind == "money":
            cell._style = styles.record("money" if isinstance(value, int) else "money_pence")
        elif kind == "total":
            cell._style = styles.record("total")
        else:
            cell._style = styles.record("int" + side)
        return cell
    return make_cell(ws, styles, str(value), kind)


def line_count(value: Any, width: float) -> int:
    """Roughly how many lines ``value`` wraps to in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width * 1.2) - 1, 8)  # text averages narrower than the "0" unit
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
