"""Typed records the register hands out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

# What importing a document did to the register's papers.
NEW, COPY, VERSION = "new", "copy", "version"


@dataclass
class PaperSummary:
    """A row of the register table. The money columns are the paper's financial summary
    (:func:`mopac_desk.extract.summary.summarise`): what it asks the DMPC to approve."""

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
    capital_pence: int | None
    revenue_pence: int | None
    contracts_pence: list[int]
    conflicts: list[str]
    recommendations: int
    open_checks: int
    imported_at: str
    documents: int = 1

    @property
    def totals(self) -> dict[str, int]:
        """Spend by kind (capital, revenue), as the summary states it."""
        return {k: v for k, v in (("capital", self.capital_pence),
                                  ("revenue", self.revenue_pence)) if v is not None}

    @property
    def label(self) -> str:
        return self.reference or self.title or self.file_name


@dataclass
class ImportedPaper:
    """A paper a file was written into by :meth:`Register.add_extraction`: ``role`` says
    whether the file made a new paper, is another copy of one, or a new version of it."""

    id: int
    reference: str | None
    first_page: int
    title: str | None = None
    role: str = NEW
    document_id: int | None = None
    stored_path: str | None = None
    version: int = 1
    similarity: float | None = None
    starts_at: int | None = None  # where its own text starts (a pack's cover is the pack's)

    def __post_init__(self) -> None:
        if self.starts_at is None:
            self.starts_at = self.first_page


@dataclass
class DocumentRecord:
    """One file a paper arrived in."""

    id: int
    paper_id: int
    file_name: str
    stored_path: Path
    sha256: str
    first_page: int
    last_page: int
    file_pages: int
    imported_at: str
    role: str
    version: int
    current: bool
    repaired: bool
    has_text: bool = True  # False for a document registered before its words were kept
    ocr_pages: int = 0  # pages of it read by OCR (a scan)

    @classmethod
    def from_row(cls, row: Mapping[str, Any], root: Path) -> "DocumentRecord":
        return cls(id=row["id"], paper_id=row["paper_id"], file_name=row["file_name"],
                   stored_path=root / row["stored_path"], sha256=row["sha256"],
                   first_page=row["first_page"], last_page=row["last_page"],
                   file_pages=row["file_pages"], imported_at=row["imported_at"],
                   role=row["role"], version=row["version"], current=bool(row["current"]),
                   repaired=bool(row["repaired"]), has_text=bool(row.get("text")),
                   ocr_pages=int(row.get("ocr_pages") or 0))

    @property
    def label(self) -> str:
        """"version 2", "version 1 (copy)" — how the register names it to a clerk."""
        return f"version {self.version}" + (" (copy)" if self.role == "copy" else "")
