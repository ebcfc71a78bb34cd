"""Write a meeting pack workbook (.xlsx) from :class:`PackData`.

Sheets (one module each in ``export/sheets``): Summary, Papers, Paper details, Finance,
Recommendations, Costs, Checks, Annotations. The money totals are live formulas over the
Finance sheet, which holds each paper's financial summary by the one rule, so a clerk who
corrects a paper's figure there sees every total follow. The workbook streams out in
openpyxl's write-only mode; it is saved in one step (see :mod:`.saving`), so a failure never
leaves a half-written or clobbered pack.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook

from .cells import MONEY, MONEY_PENCE, add_sheet, clean_text, money_value
from .context import PackContext, Progress
from .pack import PackData
from .part2 import publication_version
from .saving import PackWriteError, check_destination, save_atomically
from .sheets.annotations import write_annotations
from .sheets.checks import write_checks
from .sheets.costs import write_costs
from .sheets.finance import write_finance
from .sheets.papers import write_paper_details, write_papers
from .sheets.recommendations import write_recommendations
from .sheets.summary import write_summary

SHEET_NAMES = ("Summary", "Papers", "Paper details", "Finance", "Recommendations", "Costs",
               "Checks", "Annotations")

__all__ = [
    "MONEY", "MONEY_PENCE", "SHEET_NAMES", "PackWriteError", "build_workbook", "clean_text",
    "money_value", "write_pack",
]


def write_pack(pack: PackData, dest: str | os.PathLike[str], *, publication: bool = False,
               progress: Progress | None = None) -> Path:
    """Write ``pack`` as an .xlsx workbook at ``dest`` and return the path written.

    ``publication`` leaves out everything drawn from Part 2 of a paper and says how much on the
    Summary. ``progress(done, total)`` is called as rows are written (from the calling thread).
    Raises :class:`PackWriteError` with a plain message when the destination cannot be
    written; an existing file there stays intact.
    """
    dest_path = Path(dest)
    check_destination(dest_path)
    wb = build_workbook(pack, publication=publication, progress=progress)
    save_atomically(wb, dest_path)
    return dest_path


def build_workbook(pack: PackData, *, publication: bool = False,
                   progress: Progress | None = None) -> Workbook:
    """Build the workbook in memory (no file is touched). It is write-only: save it once."""
    if publication and not pack.publication:
        pack = publication_version(pack)
    wb = Workbook(write_only=True)
    sheets = {name: add_sheet(wb, name) for name in SHEET_NAMES}
    ctx = PackContext(pack, sheets["Summary"], progress)
    write_summary(ctx, sheets["Summary"], sheets["Finance"])
    write_papers(ctx, sheets["Papers"])
    write_paper_details(ctx, sheets["Paper details"])
    write_finance(ctx, sheets["Finance"])
    write_recommendations(ctx, sheets["Recommendations"])
    write_costs(ctx, sheets["Costs"])
    write_checks(ctx, sheets["Checks"])
    write_annotations(ctx, sheets["Annotations"])
    ctx.finish()
    wb.calculation.fullCalcOnLoad = True
    props = wb.properties
    props.title = clean_text(ctx.title)
    props.creator = clean_text(pack.generated_by or "mopac-desk")
    props.keywords = ctx.marking
    props.category = ctx.marking
    return wb
