"""What extraction produces: plain dataclasses, serialised as ``mopac-desk/extraction@1``.

Pages are 1-based; rects are ``[x0, y0, x1, y1]`` in PDF points, origin bottom-left.
Amounts are integer pence, never floats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from .summary import summarise

SCHEMA = "mopac-desk/extraction@1"

FIELD_NAMES: tuple[str, ...] = (
    "reference", "title", "meeting_date", "decision_required_by", "decision_signed_on",
    "report_by", "on_behalf_of", "report_author", "classification", "part2_classification",
    "report_title",
)
DATE_FIELDS = frozenset({"meeting_date", "decision_required_by", "decision_signed_on"})
#: Plain-English names of the fields, in FIELD_NAMES order, for clerks.
FIELD_LABELS: dict[str, str] = {
    "reference": "Reference",
    "title": "Title",
    "meeting_date": "Meeting date",
    "decision_required_by": "Decision required by",
    "decision_signed_on": "Decision signed on",
    "report_by": "Report by",
    "on_behalf_of": "On behalf of",
    "report_author": "Report author",
    "classification": "Classification",
    "part2_classification": "Part 2 classification",
    "report_title": "Report title",
}
PART_KINDS: tuple[str, ...] = ("decision", "report", "cover", "other", "part2")
ACTIONS: tuple[str, ...] = ("approve", "delegate", "note", "agree", "award", "other")
COST_KINDS: tuple[str, ...] = (
    "capital", "revenue", "total", "contract", "headroom", "threshold", "placeholder", "other",
)
# Kinds that never add into a paper's totals.
UNCOUNTED_KINDS = frozenset({"threshold", "placeholder"})
#: What an amount is to the paper's ask: asked for (or a contract's value), a part of a total
#: stated beside it, or merely mentioned (a wider budget, history, savings).
COST_ROLES: tuple[str, ...] = ("ask", "component", "mention")
COST_BASES: tuple[str, ...] = ("whole", "per_annum")

RectList = list[list[float]]


@dataclass
class FieldValue:
    """One extracted field: ``value`` as text (dates ISO ``YYYY-MM-DD``) and where it stands."""

    value: str
    page: int
    quote: str
    rects: RectList = field(default_factory=list)
    confidence: float | None = None  # lowest OCR word confidence 0-100; None: not read by OCR


@dataclass
class Recommendation:
    """One item of a recommendations list; ``parent`` indexes the paper's list."""

    part: str
    number: str | None
    text: str
    action: str
    parent: int | None
    page: int
    rects: RectList = field(default_factory=list)
    confidence: float | None = None  # lowest OCR word confidence 0-100; None: not read by OCR


@dataclass
class Cost:
    """One occurrence of a £ amount; ``amount_pence`` is None for a placeholder.

    ``role`` is one of :data:`COST_ROLES`. A per-annum amount (``basis`` "per_annum") over
    ``period_years`` stands for ``whole_pence`` over the whole period (None: the amount
    itself). ``in_recommendation``: stated inside a recommendation, whose figure stands where
    the paper disagrees with itself. ``funded_from`` ("capital"/"revenue"): a contract paid from
    that budget. ``headroom_pence``: the headroom included in a contract value.
    """

    amount_pence: int | None
    raw: str
    kind: str
    years: list[str]
    part: str
    page: int
    context: str
    rects: RectList = field(default_factory=list)
    role: str = "ask"
    basis: str = "whole"
    period_years: int | None = None
    whole_pence: int | None = None
    in_recommendation: bool = False
    funded_from: str | None = None
    headroom_pence: int | None = None
    confidence: float | None = None  # lowest OCR word confidence 0-100; None: not read by OCR


@dataclass
class Finding:
    """A readiness-check finding (filled by ``mopac_desk.checks``)."""

    code: str
    severity: str
    message: str
    page: int
    quote: str
    rects: RectList = field(default_factory=list)
    # Other places the finding is about (the first of two definitions, the other figure):
    # each {"page": int, "quote": str, "rects": RectList}.
    also: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Part:
    """A part of a paper (one of :data:`PART_KINDS`) and its pages."""

    kind: str
    first_page: int
    last_page: int


@dataclass
class Paper:
    """One paper of a file: its parts, fields, recommendations, costs and check findings."""

    first_page: int
    last_page: int
    parts: list[Part] = field(default_factory=list)
    fields: dict[str, FieldValue | None] = field(
        default_factory=lambda: {name: None for name in FIELD_NAMES}
    )
    recommendations: list[Recommendation] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    checks: list[Finding] = field(default_factory=list)
    ocr: bool = False  # some of its pages were read by OCR

    def value(self, name: str) -> str | None:
        """The value of field ``name``, or None."""
        f = self.fields.get(name)
        return f.value if f else None


@dataclass
class Extraction:
    """Everything extracted from one PDF file (several papers in a meeting pack)."""

    name: str
    sha256: str
    pages: int
    papers: list[Paper] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``mopac-desk/extraction@1`` JSON object."""
        return {
            "schema": SCHEMA,
            "file": {"name": self.name, "sha256": self.sha256, "pages": self.pages},
            "papers": [paper_to_dict(p) for p in self.papers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        """Read back :meth:`to_dict`'s output; ValueError for another schema."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document")
        papers = [paper_from_dict(p) for p in data["papers"]]
        f = data["file"]
        return cls(f["name"], f["sha256"], f["pages"], papers)


def paper_to_dict(paper: Paper) -> dict[str, Any]:
    """A paper's JSON object, with its financial summary (see :mod:`.summary`)."""
    out = asdict(paper)
    out["summary"] = summarise(paper.costs).to_dict()
    return out


def paper_from_dict(p: dict[str, Any]) -> Paper:
    """A :class:`Paper` from its JSON object."""
    fields = {
        name: (FieldValue(**p["fields"][name]) if p["fields"].get(name) else None)
        for name in FIELD_NAMES
    }
    return Paper(
        first_page=p["first_page"],
        last_page=p["last_page"],
        parts=[Part(**x) for x in p.get("parts", [])],
        fields=fields,
        recommendations=[Recommendation(**r) for r in p.get("recommendations", [])],
        costs=[Cost(**{k: v for k, v in c.items() if k in _COST_FIELDS})
               for c in p.get("costs", [])],
        checks=[Finding(**c) for c in p.get("checks", [])],
        ocr=bool(p.get("ocr", False)),
    )


_COST_FIELDS = frozenset(f.name for f in dataclass_fields(Cost))
