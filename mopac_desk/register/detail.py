"""One paper whole, as :meth:`Register.get_paper` reads it: :class:`PaperDetail` and the typed
rows it holds (fields, parts, recommendations, costs, findings, meetings).

The register stores rectangles and years as JSON text and flags as 0/1; each row is decoded
here, once, when it is read (``from_row``), so no view, command or export parses a column
again. The two rows a clerk can delete and get back (recommendations, costs) also say how the
table stores them (``to_columns``), which is what :meth:`Register.restore_item` writes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..annotations.model import Annotation
from ..extract.model import RectList
from ..extract.summary import Summary
from .records import DocumentRecord, PaperSummary

Row = Mapping[str, Any]


def _decoded(value: Any) -> list:
    """A JSON list column (``rects``, ``years``) as a list ([] when empty)."""
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value or [])


def _encoded(value: Sequence[Any]) -> str:
    return json.dumps(list(value), separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class PaperRow:
    """What the ``papers`` table holds beyond the register table's row
    (:class:`PaperSummary`): the current file's hash and size, when it was last read, and the
    figures a clerk picked where the paper's money conflicts (kind → pence)."""

    id: int
    sha256: str
    file_pages: int
    extracted_at: str
    money_choices: dict[str, int]

    @classmethod
    def from_row(cls, row: Row) -> "PaperRow":
        try:
            picked = json.loads(row.get("money_choices") or "{}")
            choices = {str(k): int(v) for k, v in picked.items() if v is not None}
        except (ValueError, TypeError, AttributeError):
            choices = {}  # a damaged column means no picks, not an unreadable paper
        return cls(id=row["id"], sha256=row["sha256"], file_pages=row["file_pages"],
                   extracted_at=row["extracted_at"], money_choices=choices)


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One header field (reference, title, dates…): the clerk's value, what extraction last
    said, and where the paper states it. ``id`` is None for a field the register has no row
    for (:meth:`PaperDetail.field` gives such a blank)."""

    name: str
    id: int | None = None
    paper_id: int | None = None
    value: str | None = None
    page: int | None = None
    quote: str | None = None
    rects: RectList = field(default_factory=list)
    confirmed: bool = False
    edited_by: str | None = None
    edited_at: str | None = None
    extracted_value: str | None = None
    confidence: float | None = None  # lowest OCR word confidence; None: not read by OCR

    @classmethod
    def from_row(cls, row: Row) -> "FieldRow":
        return cls(name=row["name"], id=row["id"], paper_id=row["paper_id"],
                   value=row["value"], page=row["page"], quote=row["quote"],
                   rects=_decoded(row["rects"]), confirmed=bool(row["confirmed"]),
                   edited_by=row["edited_by"], edited_at=row["edited_at"],
                   extracted_value=row.get("extracted_value"),
                   confidence=row.get("confidence"))


@dataclass(frozen=True, slots=True)
class PartRow:
    """A part of the paper (decision, report, part2, cover…) and its pages."""

    kind: str
    first_page: int
    last_page: int

    def holds(self, page: int) -> bool:
        """True when ``page`` (1-based, of the file) is one of this part's pages."""
        return self.first_page <= page <= self.last_page


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    """One recommendation (``parent_id``: the item it is a sub-item of), with its tags."""

    id: int
    paper_id: int
    position: int
    part: str
    number: str | None
    text: str
    action: str
    parent_id: int | None
    page: int | None
    rects: RectList
    outcome: str | None
    manual: bool
    needs_review: bool
    confidence: float | None
    tags: list[str]

    @classmethod
    def from_row(cls, row: Row, tags: Sequence[str] = ()) -> "RecommendationRow":
        return cls(id=row["id"], paper_id=row["paper_id"], position=row["position"],
                   part=row["part"], number=row["number"], text=row["text"],
                   action=row["action"], parent_id=row["parent_id"], page=row["page"],
                   rects=_decoded(row["rects"]), outcome=row["outcome"],
                   manual=bool(row["manual"]), needs_review=bool(row.get("needs_review")),
                   confidence=row.get("confidence"), tags=list(tags))

    def to_columns(self) -> dict[str, Any]:
        """The row as the ``recommendations`` table stores it (JSON text, 0/1), tags apart."""
        values = asdict(self)
        del values["tags"]
        values["rects"] = _encoded(self.rects)
        for key in ("manual", "needs_review"):
            values[key] = int(values[key])
        return values


@dataclass(frozen=True, slots=True)
class CostRow:
    """One sum of money the paper states, as the summary rule reads it (kind, role, basis),
    with where it stands and its tags."""

    id: int
    paper_id: int
    position: int
    amount_pence: int | None
    raw: str
    kind: str
    years: list[str]
    part: str
    page: int | None
    context: str
    rects: RectList
    manual: bool
    kind_edited: bool
    needs_review: bool
    role: str
    basis: str
    period_years: int | None
    whole_pence: int | None
    in_recommendation: bool
    funded_from: str | None
    headroom_pence: int | None
    confidence: float | None
    tags: list[str]

    @classmethod
    def from_row(cls, row: Row, tags: Sequence[str] = ()) -> "CostRow":
        return cls(id=row["id"], paper_id=row["paper_id"], position=row["position"],
                   amount_pence=row["amount_pence"], raw=row["raw"], kind=row["kind"],
                   years=_decoded(row["years"]), part=row["part"], page=row["page"],
                   context=row["context"] or "", rects=_decoded(row["rects"]),
                   manual=bool(row["manual"]), kind_edited=bool(row["kind_edited"]),
                   needs_review=bool(row.get("needs_review")),
                   role=row.get("role") or "ask", basis=row.get("basis") or "whole",
                   period_years=row.get("period_years"), whole_pence=row.get("whole_pence"),
                   in_recommendation=bool(row.get("in_recommendation")),
                   funded_from=row.get("funded_from"),
                   headroom_pence=row.get("headroom_pence"),
                   confidence=row.get("confidence"), tags=list(tags))

    def to_columns(self) -> dict[str, Any]:
        """The row as the ``costs`` table stores it (JSON text, 0/1), tags apart."""
        values = asdict(self)
        del values["tags"]
        values["rects"] = _encoded(self.rects)
        values["years"] = _encoded(self.years)
        for key in ("manual", "kind_edited", "needs_review", "in_recommendation"):
            values[key] = int(values[key])
        return values


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One readiness check found on the paper (``key``: the one finding key, numbered
    ``key#2`` for a repeat), open or dismissed with a reason."""

    id: int
    paper_id: int
    key: str
    code: str
    severity: str
    message: str
    page: int | None
    quote: str
    rects: RectList
    current: bool
    dismissed: bool
    reason: str | None
    dismissed_by: str | None
    dismissed_at: str | None

    @classmethod
    def from_row(cls, row: Row) -> "FindingRow":
        return cls(id=row["id"], paper_id=row["paper_id"], key=row["key"], code=row["code"],
                   severity=row["severity"], message=row["message"], page=row["page"],
                   quote=row["quote"] or "", rects=_decoded(row["rects"]),
                   current=bool(row["current"]), dismissed=bool(row["dismissed"]),
                   reason=row["reason"], dismissed_by=row["dismissed_by"],
                   dismissed_at=row["dismissed_at"])


@dataclass(frozen=True, slots=True)
class MeetingLink:
    """A meeting the paper is on the agenda of, and its place there (0 first)."""

    id: int
    date: str
    name: str
    position: int

    @classmethod
    def from_row(cls, row: Row) -> "MeetingLink":
        return cls(id=row["id"], date=row["date"], name=row["name"], position=row["position"])


@dataclass(frozen=True, slots=True)
class PaperDetail:
    """Everything about one paper: its register row (``summary``), the rest of its paper row,
    header fields by name, parts, recommendations and costs (with tags), current findings,
    comments (each with its replies and tags, private ones included), the financial summary
    the register keeps (``money``, by the one rule with the clerk's picks in), the files it
    arrived in, its own tags and its meetings."""

    summary: PaperSummary
    paper: PaperRow
    fields: dict[str, FieldRow]
    parts: list[PartRow]
    recommendations: list[RecommendationRow]
    costs: list[CostRow]
    findings: list[FindingRow]
    annotations: list[Annotation]
    money: Summary
    documents: list[DocumentRecord]
    tags: list[str]
    meetings: list[MeetingLink]

    @property
    def id(self) -> int:
        """The paper's register id."""
        return self.summary.id

    def field(self, name: str) -> FieldRow:
        """Field ``name``; a blank one (no value, no place) when the register has none."""
        return self.fields.get(name) or FieldRow(name=name, paper_id=self.id)

    def recommendation(self, rec_id: int) -> RecommendationRow | None:
        """Recommendation ``rec_id`` of this paper (None: not one of its own)."""
        return next((r for r in self.recommendations if r.id == rec_id), None)

    def cost(self, cost_id: int) -> CostRow | None:
        """Cost ``cost_id`` of this paper (None: not one of its own)."""
        return next((c for c in self.costs if c.id == cost_id), None)

    def finding(self, finding_id: int) -> FindingRow | None:
        """Current finding ``finding_id`` of this paper (None: not one of its own)."""
        return next((f for f in self.findings if f.id == finding_id), None)

    def part_at(self, page: int) -> str:
        """The kind of the part that holds ``page`` ("decision" when none says)."""
        return next((p.kind for p in self.parts if p.holds(page)), "decision")

    def to_dict(self) -> dict[str, Any]:
        """The paper as JSON-ready data (paths as text, the summary and comments in their own
        JSON shapes)."""
        return {
            "summary": _plain(asdict(self.summary)),
            "paper": asdict(self.paper),
            "fields": {name: asdict(f) for name, f in self.fields.items()},
            "parts": [asdict(p) for p in self.parts],
            "recommendations": [asdict(r) for r in self.recommendations],
            "costs": [asdict(c) for c in self.costs],
            "findings": [asdict(f) for f in self.findings],
            "annotations": [a.to_dict() for a in self.annotations],
            "money": self.money.to_dict(),
            "documents": [_plain(asdict(d)) for d in self.documents],
            "tags": list(self.tags),
            "meetings": [asdict(m) for m in self.meetings],
        }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Path) else v for k, v in data.items()}
