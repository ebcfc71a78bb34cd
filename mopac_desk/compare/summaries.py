"""The two versions' financial summaries side by side: capital, revenue and contract values
before and after, with the pages they are stated on. The summary itself is extraction's one
rule (:func:`mopac_desk.extract.summary.summarise`); this only lays the two next to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..extract.model import Paper
from ..money import format_pence
from ..extract.summary import Summary, summarise


@dataclass
class SummaryChange:
    """One line of the summary that differs: ``kind`` is capital, revenue or contracts;
    ``paper`` the paper's index in the file (a meeting pack holds several).
    ``*_conflicting``: the figures of that kind the paper states against the one that stands
    (a revision that raised the sum on the form but not in the report conflicts with itself,
    its standing sum unchanged: that is a change of its summary too)."""

    paper: int
    kind: str
    old_pence: list[int]
    new_pence: list[int]
    old_pages: list[int]
    new_pages: list[int]
    old_conflicting: list[int] = field(default_factory=list)
    new_conflicting: list[int] = field(default_factory=list)

    def stated(self, side: str) -> str:
        """One side's line as a reader says it: "£14,700,000", "none", or
        "£14,700,000, conflicting with £16,900,000"."""
        pence = self.old_pence if side == "old" else self.new_pence
        against = self.old_conflicting if side == "old" else self.new_conflicting
        text = ", ".join(format_pence(p) for p in pence) or "none"
        if against:
            text += ", conflicting with " + ", ".join(format_pence(p) for p in against)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"paper": self.paper, "kind": self.kind, "old_pence": self.old_pence,
                "new_pence": self.new_pence, "old_pages": self.old_pages,
                "new_pages": self.new_pages, "old_conflicting_pence": self.old_conflicting,
                "new_conflicting_pence": self.new_conflicting}


def summaries_of(papers: Sequence[Paper]) -> list[Summary]:
    """Each paper's financial summary."""
    return [summarise(p.costs) for p in papers]


def _values(s: Summary | None, kind: str) -> tuple[list[int], list[int]]:
    if s is None:
        return [], []
    if kind == "contracts":
        figs = s.sources.get("contract", [])
        return list(s.contracts_pence), sorted({pl.page for f in figs for pl in f.places})
    pence = s.spend_pence(kind)
    figs = [f for f in s.sources.get(kind, []) if f.stands]
    pages = sorted({pl.page for f in figs for pl in f.places})
    return ([pence] if pence is not None else []), pages


def _conflicting(s: Summary | None, kind: str) -> list[int]:
    if s is None or kind not in s.conflicts:
        return []
    return sorted({f.pence for f in s.sources.get(kind, []) if not f.stands})


def summary_changes(old: Sequence[Summary], new: Sequence[Summary]) -> list[SummaryChange]:
    """What differs between the summaries, paper by paper in file order."""
    out: list[SummaryChange] = []
    for k in range(max(len(old), len(new))):
        a = old[k] if k < len(old) else None
        b = new[k] if k < len(new) else None
        for kind in ("capital", "revenue", "contracts"):
            (ov, op), (nv, np_) = _values(a, kind), _values(b, kind)
            oc, nc = _conflicting(a, kind), _conflicting(b, kind)
            if ov != nv or oc != nc:
                out.append(SummaryChange(k, kind, ov, nv, op, np_, oc, nc))
    return out
