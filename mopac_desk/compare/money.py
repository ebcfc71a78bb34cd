"""What a reviewer reads first: £ sums that changed, and recommendations added, removed or
reworded.

A money change is found in the word changes (so it has both places), its amounts parsed
exactly with extraction's own money reader and its kind (capital, revenue, contract...) taken
from the extraction of the side it stands on. Recommendations are compared as extraction
lists them, by their words (a renumbered recommendation is not reworded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..extract.model import Cost, Paper, Recommendation
from ..extract.money import find_money
from .classify import Change
from .words import RectList, Words

_REWORDED = 60.0  # rapidfuzz similarity (0-100) from which a changed item is the same item


@dataclass
class AmountChange:
    """One £ sum changed (``None`` on the side where there is none: added or removed)."""

    old_pence: int | None
    new_pence: int | None
    kind: str
    old_page: int | None
    new_page: int | None
    old_text: str | None
    new_text: str | None
    change: int  # index of the word change it stands in
    old_rects: RectList = field(default_factory=list)  # where the sum stands, on its page
    new_rects: RectList = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"old_pence": self.old_pence, "new_pence": self.new_pence, "kind": self.kind,
                "old_page": self.old_page, "new_page": self.new_page,
                "old_text": self.old_text, "new_text": self.new_text,
                "old_rects": self.old_rects, "new_rects": self.new_rects}

    def describe(self) -> str:
        """"capital £3.2m → £3.6m", "revenue £277.5k added"."""
        if self.old_text is None:
            return f"{self.kind} {self.new_text} added"
        if self.new_text is None:
            return f"{self.kind} {self.old_text} removed"
        return f"{self.kind} {self.old_text} → {self.new_text}"


_Sum = tuple[str, int, int]  # as written, pence, index of its word


def _amounts(words: Words, rng: tuple[int, int]) -> list[_Sum]:
    """Sums in a change, read with a word either side ("£2.025" + "million"), each with the
    word it starts on (every sum starts with "£", so the n-th sum is on the n-th "£" word)."""
    i, j = rng
    lo, hi = max(0, i - 1), min(len(words), j + 1)
    marks = [k for k in range(lo, hi) if "£" in words.texts[k]]
    out: list[_Sum] = []
    for n, m in enumerate(find_money(words.text(lo, hi))):
        if m.amount_pence is not None:
            out.append((m.raw, m.amount_pence, marks[min(n, len(marks) - 1)] if marks else i))
    return out


def _where(words: Words, s: _Sum | None) -> tuple[int | None, RectList]:
    if s is None:
        return None, []
    side = words.side(s[2], s[2] + 1)
    return (side.page, side.rects) if side else (None, [])


def _kind(costs: Sequence[Cost], page: int | None, pence: int | None) -> str | None:
    for c in costs:
        if c.amount_pence == pence and c.page == page:
            return c.kind
    for c in costs:
        if c.amount_pence == pence:
            return c.kind
    return None


def money_changes(changes: list[Change], old: Words, new: Words, old_costs: Sequence[Cost],
                  new_costs: Sequence[Cost]) -> list[AmountChange]:
    """Every changed £ sum, in reading order; marks the changes that hold one."""
    out: list[AmountChange] = []
    for index, ch in enumerate(changes):
        if ch.kind not in ("insert", "delete", "replace"):
            continue
        olds = _amounts(old, ch.old_range) if ch.old else []
        news = _amounts(new, ch.new_range) if ch.new else []
        # A sum on both sides (read in the word either side) did not change.
        common = [s[1] for s in olds if s[1] in [t[1] for t in news]]
        for p in common:
            olds = _without(olds, p)
            news = _without(news, p)
        if not olds and not news:
            continue
        ch.money = True
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            (o_page, o_rects), (n_page, n_rects) = _where(old, o), _where(new, n)
            kind = (_kind(new_costs, n_page, n[1]) if n else None) or (
                _kind(old_costs, o_page, o[1]) if o else None) or "other"
            ch.amounts.append((o[0] if o else None, n[0] if n else None))
            out.append(AmountChange(o[1] if o else None, n[1] if n else None, kind, o_page,
                                    n_page, o[0] if o else None, n[0] if n else None, index,
                                    o_rects, n_rects))
    return out


def _without(items: list[_Sum], pence: int) -> list[_Sum]:
    for k, item in enumerate(items):
        if item[1] == pence:
            return items[:k] + items[k + 1:]
    return items


# -- recommendations ---------------------------------------------------------------------

@dataclass
class RecommendationChange:
    """A recommendation ``added``, ``removed`` or ``reworded``."""

    change: str
    old: Recommendation | None
    new: Recommendation | None

    def to_dict(self) -> dict[str, object]:
        def side(r: Recommendation | None) -> dict[str, object] | None:
            if r is None:
                return None
            return {"number": r.number, "text": r.text, "page": r.page, "rects": r.rects}
        return {"change": self.change, "old": side(self.old), "new": side(self.new)}


def _rec_key(r: Recommendation) -> str:
    return " ".join(r.text.casefold().replace("\ufffe", "").replace("\u00ad", "").split())


def recommendation_changes(old: Sequence[Paper], new: Sequence[Paper]) -> list[RecommendationChange]:
    """Recommendations of every paper of the old file against those of the new one."""
    a = [r for p in old for r in p.recommendations]
    b = [r for p in new for r in p.recommendations]
    ka, kb = [_rec_key(r) for r in a], [_rec_key(r) for r in b]
    out: list[RecommendationChange] = []
    for op in Levenshtein.opcodes(ka, kb):
        if op.tag == "equal":
            continue
        olds = list(range(op.src_start, op.src_end))
        news = list(range(op.dest_start, op.dest_end))
        out.extend(_pair(a, b, ka, kb, olds, news))
    return out


def _pair(a: list[Recommendation], b: list[Recommendation], ka: list[str], kb: list[str],
          olds: list[int], news: list[int]) -> list[RecommendationChange]:
    """Within a changed stretch, items alike enough are one item reworded (best pairs first,
    in order); the rest were removed or added."""
    scores = sorted(((fuzz.token_sort_ratio(ka[i], kb[j]), i, j) for i in olds for j in news),
                    reverse=True)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scores:
        if score < _REWORDED or i in pairs or j in used:
            continue
        # Keep pairs in order: an item cannot be reworded into one before an earlier pair.
        if any((i < pi) != (j < pj) for pi, pj in pairs.items()):
            continue
        pairs[i] = j
        used.add(j)
    # In reading order: an item removed stands before the next item that stayed (paired).
    ordered: list[tuple[float, RecommendationChange]] = []
    by_new = {j: i for i, j in pairs.items()}
    for k, i in enumerate(olds):
        if i not in pairs:
            # Where it stood: before the item now in its place, and before any later pair.
            spots = [pairs[p] for p in pairs if p > i]
            spots.append(news[min(k, len(news) - 1)] if news else 0)
            ordered.append((min(spots) - 0.5, RecommendationChange("removed", a[i], None)))
    for j in news:
        if j in by_new:
            ordered.append((j, RecommendationChange("reworded", a[by_new[j]], b[j])))
        else:
            ordered.append((j, RecommendationChange("added", None, b[j])))
    ordered.sort(key=lambda t: t[0])
    out = [rc for _, rc in ordered]
    return out
