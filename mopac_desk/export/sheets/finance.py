"""The Finance sheet: each paper's financial summary, the figures every total adds up.

One row per paper: capital and revenue (spend), the value of its contracts (never added to
spend), conflicts where the paper states one sum differently (the figure that stands and the
others, with pages), notes (yearly sums over a period, headroom) and the paper's cost tags.
The figures are the register's summary by the one rule; the totals below are live SUMs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column, make_cell, money_value
from ..context import PackContext
from ..figures import paper_money
from ..printing import print_setup
from ..table import write_table

COLUMNS = [
    Column("No.", "int", 6), Column("Paper", "wrap", 28), Column("Capital", "money", 15),
    Column("Revenue", "money", 15), Column("Contracts (not spend)", "money", 15),
    Column("Contract values", "wrap", 15), Column("Conflicts", "wrap", 32),
    Column("Notes", "wrap", 26), Column("Cost tags", "wrap", 12),
]


def _pounds(pence: int | None) -> Any:
    return None if pence is None else money_value(pence)


def write_finance(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    """The per-paper table, then a totals row of SUMs under it."""
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        m = paper_money(p.summary)
        tags = sorted({t for c in p.costs for t in c.tags})
        rows.append((no, ctx.labels[no - 1], _pounds(m.capital_pence), _pounds(m.revenue_pence),
                     _pounds(m.contracts_pence), m.contracts, m.conflicts, m.notes,
                     ", ".join(tags)))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Finance", COLUMNS, rows, tick=ctx.tick)
    ws.append([])
    styles = ctx.styles
    ws.append([None, make_cell(styles, "Total", "total_label")]
              + [make_cell(styles, f"=SUM({ctx.finance_range(col)})", "total")
                 for col in ("C", "D", "E")])
