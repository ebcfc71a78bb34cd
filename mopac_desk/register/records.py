"""Typed records the register hands out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PaperSummary:
    """A row of the register table."""

    id: int
    reference: str | None
    title: str | None
    file_name: str
    stored_path: Path
    first_page: int
    last_page: int
    status: str
    meeting_id: int | None
    meeting: str | None
    decision_required_by: str | None
    totals: dict[str, int]
    recommendations: int
    open_checks: int
    imported_at: str

    @property
    def capital_pence(self) -> int:
        return self.totals.get("capital", 0)

    @property
    def revenue_pence(self) -> int:
        return self.totals.get("revenue", 0)

    @property
    def label(self) -> str:
        return self.reference or self.title or self.file_name


@dataclass
class ImportedPaper:
    """A paper written by :meth:`Register.add_extraction`."""

    id: int
    reference: str | None
    first_page: int
    title: str | None = None
