"""The Costs sheet: every statement of a sum of money, and how the summary counts it.

Nothing sums this sheet: a sum stated in several places is one figure, a threshold or a
placeholder is never spend, and the paper's summary (the Finance sheet) says what it asks.
"Counts as" tells a reader, row by row, why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column, money_value
from ..context import PackContext, part_label
from ..figures import KIND_LABELS, counts_as
from ..printing import print_setup
from ..table import write_table

COLUMNS = [
    Column("No.", "int", 6), Column("Paper", "wrap", 24), Column("Amount", "money", 15),
    Column("Kind", "text", 12), Column("Counts as", "wrap", 26),
    Column("Financial years", "wrap", 13), Column("Context", "wrap", 56),
    Column("Page", "int", 7), Column("Part", "text", 10), Column("Tags", "wrap", 16),
]


def write_costs(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        how = counts_as(p.costs, p.summary)
        for cost, counted in zip(p.costs, how):
            rows.append((
                no, ctx.labels[no - 1],
                None if cost.amount_pence is None else money_value(cost.amount_pence),
                KIND_LABELS.get(cost.kind, cost.kind), counted, ", ".join(cost.years),
                cost.context or cost.raw, cost.page, part_label(cost.part, cost.from_part2),
                ", ".join(cost.tags),
            ))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Costs", COLUMNS, rows, tick=ctx.tick)
