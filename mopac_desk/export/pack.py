"""What a meeting pack holds: plain dataclasses, filled from the register, written by ``excel``.

Kept free of the register and of openpyxl so that either side can change without the other, and
so the workbook writer can be tested from hand-built data. Money is integer pence; pages 1-based.

A paper's money is its financial summary by the one rule
(:func:`mopac_desk.extract.summary.summarise`): the register keeps it per paper and the pack
shows it as it is; the pack never adds up costs by a rule of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..extract.summary import Summary, summarise
from ..ocr.reading import OCR_FIGURE_CODE


@dataclass
class PackRecommendation:
    """One recommendation as the pack shows it."""

    part: str
    number: str | None
    text: str
    action: str
    tags: list[str] = field(default_factory=list)
    outcome: str | None = None
    from_part2: bool = False
    page: int | None = None


@dataclass
class PackCost:
    """One statement of a sum of money, with what the summary rule reads of it.

    ``amount_pence`` is None when the paper gives no figure (e.g. "£TBC"). The attributes after
    ``from_part2`` are :class:`~mopac_desk.extract.model.Cost`'s, so the rule can read a pack's
    costs as it reads the extraction's (the publication version recomputes the summary without
    Part 2's costs)."""

    amount_pence: int | None
    kind: str
    years: list[str] = field(default_factory=list)
    context: str = ""
    page: int | None = None
    part: str = ""
    from_part2: bool = False
    raw: str = ""
    role: str = "ask"
    basis: str = "whole"
    period_years: int | None = None
    whole_pence: int | None = None
    in_recommendation: bool = False
    funded_from: str | None = None
    headroom_pence: int | None = None
    rects: list[list[float]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class PackCheck:
    """A readiness-check finding; dismissed ones are listed but not counted as open."""

    code: str
    severity: str
    message: str
    page: int | None = None
    dismissed: bool = False
    from_part2: bool = False


@dataclass
class PackAnnotation:
    """One comment or reply (``parent`` is the thread it answers; empty for a comment)."""

    page: int | None
    author: str
    contents: str
    created: datetime | None = None
    thread: str = ""
    parent: str = ""
    kind: str = "Note"
    quote: str = ""
    modified: datetime | None = None
    status: str = ""
    tags: list[str] = field(default_factory=list)
    from_part2: bool = False


@dataclass
class PackPaper:
    """One paper in the pack, in agenda order (``item`` is the agenda item number, if any).

    ``money`` is the paper's financial summary as the register keeps it (with the clerk's picks
    in); when absent (a hand-built pack) it is worked out from ``costs`` by the same rule."""

    item: int | str | None
    reference: str | None
    title: str | None
    report_by: str | None = None
    on_behalf_of: str | None = None
    decision_required_by: date | None = None
    status: str | None = None
    classification: str | None = None
    part2_classification: str | None = None
    recommendations: list[PackRecommendation] = field(default_factory=list)
    costs: list[PackCost] = field(default_factory=list)
    checks: list[PackCheck] = field(default_factory=list)
    annotations: list[PackAnnotation] = field(default_factory=list)
    money: Summary | None = None
    #: a clerk's pick where the paper conflicts: {"capital": pence}
    choices: dict[str, int] = field(default_factory=dict)
    documents: int = 1
    #: fields read from a Part 2 page (left blank in the publication version)
    part2_fields: list[str] = field(default_factory=list)
    #: the current document is a scan read by OCR
    read_by_ocr: bool = False

    @property
    def open_checks(self) -> int:
        return sum(1 for c in self.checks if not c.dismissed)

    @property
    def ocr_note(self) -> str:
        """"" for a typeset paper; for a scan, how many of its OCR-read figures were doubtful
        and how many of those a clerk has checked against the page (dismissed the check)."""
        if not self.read_by_ocr:
            return ""
        doubtful = [c for c in self.checks if c.code == OCR_FIGURE_CODE]
        checked = sum(1 for c in doubtful if c.dismissed)
        if not doubtful:
            return "Read by OCR: no doubtful figures"
        return (f"Read by OCR: {len(doubtful)} doubtful figure{'s' if len(doubtful) != 1 else ''}"
                f", {checked} checked by a clerk")

    @property
    def summary(self) -> Summary:
        """The paper's financial summary (see the class docstring)."""
        if self.money is None:
            self.money = summarise([rule_input(c) for c in self.costs], self.choices or None)
        return self.money

    @property
    def part2_items(self) -> int:
        """How many of the paper's items come from Part 2."""
        return (sum(r.from_part2 for r in self.recommendations)
                + sum(c.from_part2 for c in self.costs)
                + sum(c.from_part2 for c in self.checks)
                + sum(a.from_part2 for a in self.annotations))


@dataclass
class PackData:
    """Everything one workbook shows. ``meeting_name``/``meeting_date`` are None for an export of
    chosen papers or of the whole register. ``left_out`` counts, by sheet, the Part 2 items a
    publication version left out (empty for the full version)."""

    meeting_name: str | None
    meeting_date: date | None
    generated_at: datetime
    generated_by: str
    papers: list[PackPaper] = field(default_factory=list)
    publication: bool = False
    left_out: dict[str, int] = field(default_factory=dict)


def rule_input(cost: PackCost) -> PackCost:
    # The rule sorts places by page: a cost the paper placed nowhere reads as page 0.
    return replace(cost, page=0) if cost.page is None else cost
