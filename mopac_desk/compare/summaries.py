"""The two versions' financial summaries side by side: capital, revenue and contract values
before and after, with the pages they are stated on. The summary itself is extraction's one
rule (:func:`mopac_desk.extract.summary.summarise`); this only lays the two next to each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ..extract.model import Paper
from ..extract.summary import Summary, summarise


@dataclass
class SummaryChange:
    """One line of the summary that differs: ``kind`` is capital, revenue or contracts;
    ``paper`` the paper's index in the file (a meeting pack holds several)."""

    paper: int
    kind: str
    old_pence: list[int]
    new_pence: list[int]
    old_pages: list[int]
    new_pages: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {"paper": self.paper, "kind": self.kind, "old_pence": self.old_pence,
                "new_pence": self.new_pence, "old_pages": self.old_pages,
                "new_pages": self.new_pages}


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


def summary_changes(old: Sequence[Summary], new: Sequence[Summary]) -> list[SummaryChange]:
    """What differs between the summaries, paper by paper in file order."""
    out: list[SummaryChange] = []
    for k in range(max(len(old), len(new))):
        a = old[k] if k < len(old) else None
        b = new[k] if k < len(new) else None
        for kind in ("capital", "revenue", "contracts"):
            (ov, op), (nv, np_) = _values(a, kind), _values(b, kind)
            if ov != nv:
                out.append(SummaryChange(k, kind, ov, nv, op, np_))
    return out
