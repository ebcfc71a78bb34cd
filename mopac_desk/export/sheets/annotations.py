"""The Annotations sheet: one row per comment and one per reply (a reply's Parent is its
comment's thread), private notes never included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..cells import Column
from ..context import PackContext
from ..printing import print_setup
from ..table import write_table

COLUMNS = [
    Column("Thread", "text", 8), Column("Parent", "text", 8), Column("Paper", "wrap", 20),
    Column("Page", "int", 7), Column("Kind", "text", 10), Column("Quote", "wrap", 26),
    Column("Contents", "wrap", 34), Column("Author", "wrap", 12),
    Column("Created", "datetime", 16), Column("Modified", "datetime", 16),
    Column("Status", "text", 10), Column("Tags", "wrap", 12),
]


def write_annotations(ctx: PackContext, ws: WriteOnlyWorksheet) -> None:
    rows: list[Sequence[Any]] = []
    for no, p in enumerate(ctx.pack.papers, start=1):
        for a in p.annotations:
            rows.append((a.thread, a.parent, ctx.labels[no - 1], a.page, a.kind, a.quote,
                         a.contents, a.author, a.created, a.modified, a.status,
                         ", ".join(a.tags)))
    print_setup(ws, ctx.marking, ctx.title)
    ws.freeze_panes = "A2"
    write_table(ws, ctx.styles, "Annotations", COLUMNS, rows, tick=ctx.tick)
