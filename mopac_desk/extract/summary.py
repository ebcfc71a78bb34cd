"""The paper's financial summary: what it asks the DMPC to approve. One rule, used by the
register list, the review panel, the Excel pack and ``extract --json`` alike.

* *capital* and *revenue* are spend; revenue counts over the whole period asked for (a
  per-annum figure over four years counts four times, and says so);
* *contracts* are the values of contracts to be awarded or used, headroom included; they are
  never added to spend, except that a contract funded from a revenue (or capital) budget, when
  the paper gives no separate figure of that spend, counts as that spend;
* a sum stated several times counts once, with every place it is stated;
* where the paper states one sum differently in different places, the recommendation's figure
  stands (or the clerk's pick), the kind is listed in ``conflicts`` and both figures are kept;
* thresholds, delegation limits, placeholders and amounts merely mentioned are never spend;
* amounts on a confidential Part 2 form (part "part2": bids, prices) are never counted.

The input is any sequence of objects with :class:`CostItem`'s attributes: the extraction's
:class:`~mopac_desk.extract.model.Cost` objects, or the register's rows as a clerk corrected
them (kind changed, deleted, added by hand). Attributes beyond the required ones may be
missing on older rows; they read as their defaults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol, Sequence

from .money import tolerance

SPEND_KINDS: tuple[str, ...] = ("capital", "revenue")
SUMMARY_KINDS: tuple[str, ...] = ("capital", "revenue", "contract")
#: Parts whose amounts never enter a summary (a paper's confidential Part 2 form).
CONFIDENTIAL_PARTS = frozenset({"part2"})


class CostItem(Protocol):
    """What the rule reads of one cost. Optional (read with defaults when absent): ``role``
    ("ask"), ``basis`` ("whole"), ``period_years``, ``whole_pence``, ``in_recommendation``
    (False), ``funded_from``, ``headroom_pence``, ``years`` ([])."""

    @property
    def amount_pence(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def raw(self) -> str: ...
    @property
    def part(self) -> str: ...
    @property
    def page(self) -> int: ...
    @property
    def context(self) -> str: ...
    @property
    def rects(self) -> Any: ...


@dataclass
class Place:
    """One place a figure is stated: its page, part, the amount as written, its sentence."""

    page: int
    part: str
    quote: str
    context: str
    rects: list[list[float]] = field(default_factory=list)


@dataclass
class Figure:
    """One sum of one kind and every place the paper states it. ``stands``: counted in the
    summary (False for a figure that gave way in a conflict, or for the parts of a total stated
    elsewhere). ``per_annum_pence``/``period_years``: a whole-period sum worked out from (or
    stated beside) a yearly figure."""

    kind: str
    pence: int
    places: list[Place] = field(default_factory=list)
    stands: bool = True
    in_recommendation: bool = False
    per_annum_pence: int | None = None
    period_years: int | None = None
    headroom_pence: int | None = None
    funded_from: str | None = None
    # Half a unit of the most precise way the figure is written, in pence.
    tolerance: int = field(default=100, repr=False, compare=False)
    # The financial years the asks of this figure name.
    years: set[str] = field(default_factory=set, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pence": self.pence, "stands": self.stands,
            "in_recommendation": self.in_recommendation,
            "per_annum_pence": self.per_annum_pence, "period_years": self.period_years,
            "headroom_pence": self.headroom_pence, "funded_from": self.funded_from,
            "places": [{"page": p.page, "part": p.part, "quote": p.quote, "context": p.context,
                        "rects": p.rects} for p in self.places],
        }

    @classmethod
    def from_dict(cls, kind: str, d: Mapping[str, Any]) -> "Figure":
        return cls(kind=kind, pence=d["pence"], stands=d.get("stands", True),
                   in_recommendation=d.get("in_recommendation", False),
                   per_annum_pence=d.get("per_annum_pence"), period_years=d.get("period_years"),
                   headroom_pence=d.get("headroom_pence"), funded_from=d.get("funded_from"),
                   places=[Place(**p) for p in d.get("places", [])])


@dataclass
class Summary:
    """A paper's ask. ``sources`` maps "capital", "revenue" and "contract" to their figures
    (a conflicting kind has several, one of which ``stands``); ``chosen_by_clerk`` lists the
    conflicting kinds a clerk settled."""

    capital_pence: int | None = None
    revenue_pence: int | None = None
    contracts_pence: list[int] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    sources: dict[str, list[Figure]] = field(default_factory=dict)
    chosen_by_clerk: list[str] = field(default_factory=list)

    def spend_pence(self, kind: str) -> int | None:
        """``capital_pence`` or ``revenue_pence`` by name."""
        return self.capital_pence if kind == "capital" else self.revenue_pence

    def to_dict(self) -> dict[str, Any]:
        """The ``"summary"`` object of a paper in ``mopac-desk/extraction@1``."""
        return {
            "capital_pence": self.capital_pence,
            "revenue_pence": self.revenue_pence,
            "contracts_pence": list(self.contracts_pence),
            "conflicts": list(self.conflicts),
            "chosen_by_clerk": list(self.chosen_by_clerk),
            "sources": {k: [f.to_dict() for f in figs] for k, figs in self.sources.items()},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Summary":
        return cls(
            capital_pence=d.get("capital_pence"), revenue_pence=d.get("revenue_pence"),
            contracts_pence=list(d.get("contracts_pence", [])),
            conflicts=list(d.get("conflicts", [])),
            chosen_by_clerk=list(d.get("chosen_by_clerk", [])),
            sources={k: [Figure.from_dict(k, f) for f in figs]
                     for k, figs in d.get("sources", {}).items()})


def _opt(cost: object, name: str, default: Any) -> Any:
    # Register rows from before these attributes existed lack them: read their defaults.
    value = getattr(cost, name, default)
    return default if value is None and default is not None else value


def value_of(cost: CostItem) -> int | None:
    """The sum a cost stands for: its whole-period sum when it is a yearly figure over a
    known period, else its amount."""
    whole = _opt(cost, "whole_pence", None)
    return whole if whole is not None else cost.amount_pence


def _tolerance(cost: CostItem) -> int:
    return tolerance(cost.raw) * max(1, _opt(cost, "period_years", None) or 1)


def _plain_list(value: Any) -> list[Any]:
    # A register row may hold a list as its JSON text.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, (list, tuple)) else []


def _place(cost: CostItem) -> Place:
    return Place(page=cost.page, part=cost.part, quote=cost.raw, context=cost.context or "",
                 rects=[list(r) for r in _plain_list(cost.rects)])


def _figures(kind: str, asks: Sequence[CostItem]) -> list[Figure]:
    """The distinct sums among ``asks`` (one kind), alike within the precision each is
    written to, in the order first stated. Sorting first keeps this near-linear."""
    order = {id(c): i for i, c in enumerate(asks)}
    tol = {id(c): _tolerance(c) for c in asks}
    ranked = sorted(asks, key=lambda c: value_of(c) or 0)
    groups: list[list[CostItem]] = []
    for c in ranked:
        if groups:
            last = groups[-1][-1]
            if abs((value_of(c) or 0) - (value_of(last) or 0)) <= max(tol[id(c)], tol[id(last)]):
                groups[-1].append(c)
                continue
        groups.append([c])
    groups.sort(key=lambda g: min(order[id(c)] for c in g))
    out = []
    for g in groups:
        g.sort(key=lambda c: order[id(c)])
        precise = min(g, key=lambda c: tol[id(c)])
        yearly = next((c for c in g if _opt(c, "basis", "whole") == "per_annum"), None)
        out.append(Figure(
            kind=kind, pence=value_of(precise) or 0, places=[_place(c) for c in g],
            in_recommendation=any(_opt(c, "in_recommendation", False) for c in g),
            per_annum_pence=yearly.amount_pence if yearly is not None else None,
            period_years=next((_opt(c, "period_years", None) for c in g
                               if _opt(c, "period_years", None)), None),
            headroom_pence=next((_opt(c, "headroom_pence", None) for c in g
                                 if _opt(c, "headroom_pence", None)), None),
            funded_from=next((_opt(c, "funded_from", None) for c in g
                              if _opt(c, "funded_from", None)), None),
            tolerance=tol[id(precise)],
            years={y for c in g for y in _plain_list(_opt(c, "years", []))}))
    return out


def _parts_of_one_sum(figs: list[Figure], years: list[set[str]]) -> bool:
    """Whether several figures are the parts of one ask rather than one sum stated
    differently: each for its own financial years."""
    if not all(years):
        return False
    seen: set[str] = set()
    for y in years:
        if seen & y:
            return False
        seen |= y
    return True


def _standing(figs: list[Figure]) -> Figure:
    """The figure that stands where the paper disagrees with itself: the recommendation's
    (the decision form's first), else the one stated in most places, else the first."""
    in_recs = [f for f in figs if f.in_recommendation]
    pool = in_recs or figs
    order = {id(f): i for i, f in enumerate(figs)}

    def rank(f: Figure) -> tuple[int, int, int]:
        decision = any(p.part == "decision" for p in f.places)
        return (int(decision and bool(in_recs)), len(f.places), -order[id(f)])

    return max(pool, key=rank)


def _spend(kind: str, figs: list[Figure], years: list[set[str]],
           choice: int | None) -> tuple[int | None, bool]:
    """The sum of one spend kind and whether the paper conflicts on it."""
    if not figs:
        return (choice, False)
    if len(figs) == 1:
        return (choice if choice is not None else figs[0].pence, False)
    biggest = max(figs, key=lambda f: f.pence)
    rest = [f for f in figs if f is not biggest]
    if len(rest) > 1 and abs(sum(f.pence for f in rest) - biggest.pence) <= biggest.tolerance + sum(
            f.tolerance for f in rest):
        # A total with its breakdown stated elsewhere: the total is the ask.
        for f in rest:
            f.stands = False
        return (choice if choice is not None else biggest.pence, False)
    if _parts_of_one_sum(figs, years):
        return (choice if choice is not None else sum(f.pence for f in figs), False)
    stands = _standing(figs)
    if choice is not None:
        stands = min(figs, key=lambda f: abs(f.pence - choice))
    for f in figs:
        f.stands = f is stands
    return (choice if choice is not None else stands.pence, True)


def _fold_yearly(figs: list[Figure]) -> list[Figure]:
    """A yearly figure stated without its period ("£410k per annum") and, elsewhere, a whole
    sum that is a whole number of years of it ("£1.64m over four years") are one sum."""
    out = list(figs)
    for f in figs:
        if f.per_annum_pence != f.pence or f.period_years or not f.pence:
            continue
        for t in out:
            if t is f or t.pence <= f.pence:
                continue
            n = round(t.pence / f.pence)
            if 2 <= n <= 30 and abs(t.pence - n * f.pence) <= t.tolerance + n * f.tolerance:
                t.places.extend(f.places)
                t.per_annum_pence, t.period_years = f.pence, t.period_years or n
                t.in_recommendation = t.in_recommendation or f.in_recommendation
                out.remove(f)
                break
    return out


def _fold_bases(figs: list[Figure]) -> list[Figure]:
    """A contract value shown with its headroom and, elsewhere, its base alone ("the £1.2m
    contract") are one contract."""
    out = list(figs)
    for f in figs:
        if not f.headroom_pence:
            continue
        base = f.pence - f.headroom_pence
        for g in list(out):
            if g is not f and not g.headroom_pence and abs(g.pence - base) <= g.tolerance:
                f.places.extend(g.places)
                f.in_recommendation = f.in_recommendation or g.in_recommendation
                out.remove(g)
    return out


def summarise(costs: Iterable[CostItem], choices: Mapping[str, int] | None = None) -> Summary:
    """The summary of one paper's costs. ``choices`` maps a conflicting kind ("capital",
    "revenue") to the pence a clerk picked; it overrides the recommendation's figure."""
    choices = dict(choices or {})
    # Part 2 is confidential (bids, prices): the summary is what Part 1 asks, and is published.
    items = [c for c in costs if c.amount_pence is not None and c.kind in SUMMARY_KINDS
             and c.part not in CONFIDENTIAL_PARTS]
    summary = Summary()
    for kind in SUMMARY_KINDS:
        of_kind = [c for c in items if c.kind == kind]
        asks = [c for c in of_kind if _opt(c, "role", "ask") == "ask"]
        figs = _figures(kind, asks)
        # Other statements of the same sum (a yearly figure beside its total, a passing
        # mention of the very sum) are places of it too.
        for c in of_kind:
            if _opt(c, "role", "ask") == "ask":
                continue
            v = value_of(c)
            for f in figs:
                if v is not None and abs(v - f.pence) <= max(f.tolerance, _tolerance(c)):
                    f.places.append(_place(c))
                    if _opt(c, "basis", "whole") == "per_annum" and f.per_annum_pence is None:
                        f.per_annum_pence = c.amount_pence
                        f.period_years = _opt(c, "period_years", None)
                    break
        figs = _fold_bases(_fold_yearly(figs))
        for f in figs:
            f.places.sort(key=lambda p: (p.page, -(p.rects[0][3] if p.rects else 0)))
        if figs or kind in choices:
            summary.sources[kind] = figs
    summary.contracts_pence = [f.pence for f in summary.sources.get("contract", [])]
    for kind in SPEND_KINDS:
        figs = summary.sources.get(kind, [])
        years = [f.years for f in figs]
        pence, conflict = _spend(kind, figs, years, choices.get(kind))
        if pence is None:
            funded = [f for f in summary.sources.get("contract", []) if f.funded_from == kind]
            if funded:
                # A contract paid from this budget with no separate figure is that spend.
                pence = sum(f.pence for f in funded)
                summary.sources[kind] = [Figure(kind=kind, pence=f.pence, places=list(f.places),
                                                in_recommendation=f.in_recommendation,
                                                funded_from=kind, tolerance=f.tolerance)
                                         for f in funded]
        if conflict:
            summary.conflicts.append(kind)
            if kind in choices:
                summary.chosen_by_clerk.append(kind)
        if kind == "capital":
            summary.capital_pence = pence
        else:
            summary.revenue_pence = pence
    return summary
