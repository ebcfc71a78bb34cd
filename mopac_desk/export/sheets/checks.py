"""The Checks sheet: the readiness checks' findings, dismissed ones marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column
from ..context import PackContext
from ..printing import print_setup
from ..table import write_table

COLUMNS = [
    Column("No.", "int", 6), Column("Paper", "wrap", 24), Column("Code", "text", 20),
    Column("Severity", "text", 10), Column("Message", "wrap", 66), Column("Page", "int", 7),
    Column("Dismissed", "text", 11),
]


def write_checks(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        for c in p.checks:
            rows.append((no, ctx.labels[no - 1], c.code, c.severity, c.message, c.page,
                         "Yes" if c.dismissed else "No"))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Checks", COLUMNS, rows, tick=ctx.tick)
