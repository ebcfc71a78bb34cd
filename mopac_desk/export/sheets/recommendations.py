"""The Recommendations sheet: one row per recommendation, with its tags and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column
from ..context import PackContext, part_label
from ..printing import print_setup
from ..table import write_table

COLUMNS = [
    Column("No.", "int", 6), Column("Paper", "wrap", 24), Column("Part", "text", 10),
    Column("Number", "number", 9), Column("Recommendation", "wrap", 68),
    Column("Action", "text", 11), Column("Tags", "wrap", 18), Column("Outcome", "text", 12),
    Column("Page", "int", 7),
]


def write_recommendations(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        for r in p.recommendations:
            rows.append((no, ctx.labels[no - 1], part_label(r.part, r.from_part2), r.number,
                         r.text, r.action, ", ".join(r.tags), r.outcome, r.page))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Recommendations", COLUMNS, rows, tick=ctx.tick)
