"""What a meeting pack holds: plain dataclasses, filled from the register, written by ``excel``.

Kept free of the register and of openpyxl so that either side can change without the other, and
so the workbook writer can be tested from hand-built data. Money is integer pence; pages 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..extract.model import UNCOUNTED_KINDS

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


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


@dataclass
class PackCost:
    """One sum of money; ``amount_pence`` is None when the paper gives no figure (e.g. "£TBC")."""

    amount_pence: int | None
    kind: str
    years: list[str] = field(default_factory=list)
    context: str = ""
    page: int | None = None
    part: str = ""
    from_part2: bool = False
    also_on: list[int] = field(default_factory=list)  # other pages stating the same sum

    @property
    def counted(self) -> bool:
        """Thresholds and placeholders are listed but never added into totals."""
        return self.kind not in UNCOUNTED_KINDS and self.amount_pence is not None


@dataclass
class PackCheck:
    """A readiness-check finding; dismissed ones are listed but not counted as open."""

    code: str
    severity: str
    message: str
    page: int | None = None
    dismissed: bool = False


@dataclass
class PackAnnotation:
    """A clerk's note on a page of a paper."""

    page: int | None
    author: str
    text: str
    created: datetime | None = None


@dataclass
class PackPaper:
    """One paper in the pack, in agenda order (``item`` is the agenda item label, if any)."""

    item: str | None
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

    @property
    def open_checks(self) -> int:
        return sum(1 for c in self.checks if not c.dismissed)

    def total_pence(self, kind: str) -> int:
        """Sum of this paper's counted costs of one kind (what the workbook's formulas compute)."""
        return sum(c.amount_pence or 0 for c in self.costs if c.kind == kind and c.counted)


@dataclass
class PackData:
    """Everything one workbook shows. ``meeting_name``/``meeting_date`` are None for an export of
    chosen papers or of the whole register."""

    meeting_name: str | None
    meeting_date: date | None
    generated_at: datetime
    generated_by: str
    papers: list[PackPaper] = field(default_factory=list)


def is_sensitive(marking: str | None) -> bool:
    """True for any OFFICIAL-SENSITIVE variant ("OFFICIAL-SENSITIVE [COMMERCIAL]", "Official Sensitive")."""
    if not marking:
        return False
    squashed = "".join(ch for ch in marking.upper() if ch.isalpha())
    return "SENSITIVE" in squashed or "SECRET" in squashed


def publication_version(pack: PackData) -> PackData:
    """A copy of ``pack`` without anything drawn from Part 2 of a paper, fit for publication."""
    papers = []
    for p in pack.papers:
        papers.append(PackPaper(
            item=p.item, reference=p.reference, title=p.title, report_by=p.report_by,
            on_behalf_of=p.on_behalf_of, decision_required_by=p.decision_required_by,
            status=p.status, classification=p.classification, part2_classification=None,
            recommendations=[r for r in p.recommendations if not r.from_part2],
            costs=[c for c in p.costs if not c.from_part2],
            checks=list(p.checks), annotations=list(p.annotations),
        ))
    return PackData(pack.meeting_name, pack.meeting_date, pack.generated_at, pack.generated_by,
                    papers)


def protective_marking(pack: PackData) -> str:
    """OFFICIAL-SENSITIVE if any paper is, or if any Part 2 content is in the pack; else OFFICIAL."""
    for p in pack.papers:
        if is_sensitive(p.classification):
            return OFFICIAL_SENSITIVE
        if any(r.from_part2 for r in p.recommendations) or any(c.from_part2 for c in p.costs):
            return OFFICIAL_SENSITIVE
    return OFFICIAL


def merge_repeated_costs(costs: list[PackCost]) -> list[PackCost]:
    """One entry per distinct sum of money in a paper.

    Papers restate their figures: PCD 977 gives "£14.7M" capital on its decision form and
    again in its report, six mentions of one spend. Totals must count it once, so mentions of
    the same kind and amount merge (their other pages go to ``also_on``) unless both name
    financial years and the years differ, which marks genuinely separate sums. Amountless
    placeholders never merge.
    """
    out: list[PackCost] = []
    for cost in costs:
        twin = None
        if cost.amount_pence is not None:
            for kept in out:
                if (kept.kind == cost.kind and kept.amount_pence == cost.amount_pence
                        and kept.from_part2 == cost.from_part2
                        and (not kept.years or not cost.years
                             or set(kept.years) & set(cost.years))):
                    twin = kept
                    break
        if twin is None:
            out.append(PackCost(cost.amount_pence, cost.kind, list(cost.years), cost.context,
                                cost.page, cost.part, cost.from_part2, list(cost.also_on)))
            continue
        twin.years += [y for y in cost.years if y not in twin.years]
        for page in [cost.page, *cost.also_on]:
            if page is not None and page != twin.page and page not in twin.also_on:
                twin.also_on.append(page)
    return out
