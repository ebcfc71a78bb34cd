"""Evaluate the pack's own formulas (SUM, SUMIFS over ranges, A+B) with openpyxl, so a test
can check what a spreadsheet will show without a spreadsheet program."""

from __future__ import annotations

import re
from decimal import Decimal

_RANGE = r"(?:(\w+)!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"


def _cells(wb, ws, ref: str) -> list:
    m = re.fullmatch(_RANGE, ref)
    assert m, ref
    sheet, c0, r0, c1, r1 = m.groups()
    target = wb[sheet] if sheet else ws
    assert c0 == c1, "single-column ranges only"
    return [target[f"{c0}{r}"].value for r in range(int(r0), int(r1) + 1)]


def evaluate(wb, ws, value):
    """The value a cell shows: numbers as they are, our formula shapes worked out."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    body = value[1:]
    m = re.fullmatch(r"SUM\((.+)\)", body)
    if m:
        return sum(Decimal(str(v)) for v in _cells(wb, ws, m.group(1))
                   if isinstance(v, (int, float)))
    m = re.fullmatch(r"SUMIFS\(([^,]+),([^,]+),(.+)\)", body)
    if m:
        values = _cells(wb, ws, m.group(1))
        keys = _cells(wb, ws, m.group(2))
        want = evaluate(wb, ws, ws[m.group(3).replace("$", "")].value)
        return sum((Decimal(str(v)) for v, k in zip(values, keys)
                    if k == want and isinstance(v, (int, float))), Decimal(0))
    m = re.fullmatch(r"([A-Z]+\d+)\+([A-Z]+\d+)", body)
    if m:
        return sum(evaluate(wb, ws, ws[ref].value) for ref in m.groups())
    raise AssertionError(f"formula the test does not know: {value}")


def evaluate_summary_totals(wb) -> dict[str, Decimal]:
    """The Summary sheet's totals table, worked out: {"Capital": pounds, ...}."""
    ws = wb["Summary"]
    out = {}
    for label, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(value, str) and value.startswith("="):
            out[label] = evaluate(wb, ws, value)
    return out
