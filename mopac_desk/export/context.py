"""What every sheet of one workbook shares: the pack, its marking and title, the papers'
short names, the shared cell styles, and progress."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .cells import Styles
from .pack import PackData, PackPaper
from .part2 import protective_marking

Progress = Callable[[int, int], None]
FINANCE = "Finance"


class PackContext:
    """State for writing one workbook (one per :func:`~mopac_desk.export.excel.build_workbook`)."""

    def __init__(self, pack: PackData, first_sheet: WriteOnlyWorksheet,
                 progress: Progress | None) -> None:
        self.pack = pack
        self.marking = protective_marking(pack)
        self.title = pack_title(pack)
        self.labels = paper_labels(pack.papers)
        self.has_pence = any(
            v is not None and v % 100
            for p in pack.papers
            for v in (p.summary.capital_pence, p.summary.revenue_pence,
                      *p.summary.contracts_pence))
        self.styles = Styles(first_sheet, self.has_pence)
        self.progress = progress
        self.total_rows = max(1, len(pack.papers) * 3 + sum(
            len(p.recommendations) + len(p.costs) + len(p.checks) + len(p.annotations)
            for p in pack.papers))
        self.done = 0

    def tick(self) -> None:
        """One row written: report progress every 500 rows and at the end."""
        self.done += 1
        if self.progress is not None and (self.done % 500 == 0 or self.done >= self.total_rows):
            self.progress(min(self.done, self.total_rows), self.total_rows)

    def finish(self) -> None:
        if self.progress is not None and self.done < self.total_rows:
            self.progress(self.total_rows, self.total_rows)

    @property
    def finance_last_row(self) -> int:
        """The last body row of the Finance table (row 2 when there are no papers)."""
        return max(len(self.pack.papers) + 1, 2)

    def finance_range(self, col: str) -> str:
        """An absolute reference to one column of the Finance table's body."""
        return f"{FINANCE}!${col}$2:${col}${self.finance_last_row}"


def pack_title(pack: PackData) -> str:
    """"IAM April – 09/04/2021", or "MOPAC papers" for a pack that is not one meeting's."""
    if pack.meeting_name or pack.meeting_date:
        when = pack.meeting_date.strftime("%d/%m/%Y") if pack.meeting_date else ""
        return " – ".join(x for x in (pack.meeting_name or "Meeting", when) if x)
    return "MOPAC papers"


def paper_labels(papers: Sequence[PackPaper]) -> list[str]:
    """A short, unique name per paper for the detail sheets (reference, else title, else item)."""
    seen: dict[str, int] = {}
    labels = []
    for no, p in enumerate(papers, start=1):
        base = (p.reference or p.title or (f"Item {p.item}" if p.item else f"Paper {no}")).strip()
        base = re.sub(r"\s+", " ", base)[:80]
        count = seen.get(base, 0) + 1
        seen[base] = count
        labels.append(base if count == 1 else f"{base} ({count})")
    return labels


def part_label(part: str, from_part2: bool) -> str:
    """"Decision", "Report", "Part 2"."""
    if from_part2:
        return "Part 2"
    return (part or "").capitalize()
