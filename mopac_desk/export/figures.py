"""The pack's words for a paper's financial summary: conflicts, notes, and how each statement
of a sum counts. Nothing here adds money up: the sums are the summary's
(:func:`mopac_desk.extract.summary.summarise`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.summary import CONFIDENTIAL_PARTS, Figure, Summary
from ..money import format_pence
from .pack import PackCost

KIND_LABELS = {
    "capital": "Capital", "revenue": "Revenue", "total": "Total", "contract": "Contract",
    "headroom": "Headroom", "threshold": "Threshold", "placeholder": "Placeholder",
    "other": "Other",
}


@dataclass(frozen=True)
class PaperMoney:
    """One row of the Finance sheet, in pence (None: the paper states no such sum)."""

    capital_pence: int | None
    revenue_pence: int | None
    contracts_pence: int | None
    contracts: str
    conflicts: str
    notes: str


def pages_text(pages: Sequence[int]) -> str:
    """"p. 3" or "pp. 1, 5"."""
    unique = sorted({p for p in pages if p})
    if not unique:
        return ""
    return ("p. " if len(unique) == 1 else "pp. ") + ", ".join(str(p) for p in unique)


def _where(f: Figure) -> str:
    where = pages_text([p.page for p in f.places])
    return f" ({where})" if where else ""


def conflict_texts(summary: Summary) -> list[str]:
    """"capital conflict: £3,200,000 stands (p. 1), also stated £3,400,000 (p. 7)"."""
    out = []
    for kind in summary.conflicts:
        figs = summary.sources.get(kind, [])
        stands = [f for f in figs if f.stands]
        others = [f for f in figs if not f.stands]
        if not stands:
            continue
        text = f"{kind} conflict: {format_pence(stands[0].pence)} stands{_where(stands[0])}"
        if others:
            text += ", also stated " + "; ".join(
                f"{format_pence(o.pence)}{_where(o)}" for o in others)
        if kind in summary.chosen_by_clerk:
            text += " (the clerk's choice)"
        out.append(text)
    return out


def note_texts(summary: Summary) -> list[str]:
    """Yearly sums over a period, headroom inside contract values, contracts that are spend."""
    notes = []
    for kind in ("capital", "revenue"):
        for f in summary.sources.get(kind, []):
            if not f.stands:
                continue
            if f.per_annum_pence and f.period_years:
                notes.append(f"{kind} {format_pence(f.pence)} is {format_pence(f.per_annum_pence)}"
                             f" a year for {f.period_years} years")
            if f.funded_from == kind and summary.spend_pence(kind) is not None:
                notes.append(f"{kind} is the contract of {format_pence(f.pence)} paid from the "
                             f"{kind} budget")
    for f in summary.sources.get("contract", []):
        if f.headroom_pence:
            notes.append(f"contract {format_pence(f.pence)} includes "
                         f"{format_pence(f.headroom_pence)} headroom")
    return notes


def paper_money(summary: Summary) -> PaperMoney:
    """The Finance sheet's row for one paper's summary."""
    contracts = list(summary.contracts_pence)
    return PaperMoney(
        capital_pence=summary.capital_pence, revenue_pence=summary.revenue_pence,
        contracts_pence=sum(contracts) if contracts else None,
        contracts="; ".join(format_pence(c) for c in contracts) if len(contracts) > 1 else "",
        conflicts="; ".join(conflict_texts(summary)), notes="; ".join(note_texts(summary)))


def counts_as(costs: Sequence[PackCost], summary: Summary) -> list[str]:
    """For each of a paper's costs, in a few words, how the summary counts it."""
    placed: dict[tuple[int, str, str], Figure] = {}
    for figs in summary.sources.values():
        for f in figs:
            for place in f.places:
                placed.setdefault((place.page, place.quote, place.part), f)
    first_seen: dict[int, int] = {}
    out = []
    for cost in costs:
        f = placed.get((cost.page or 0, cost.raw, cost.part))
        if f is None:
            out.append(_uncounted(cost))
            continue
        if f.kind == "contract":
            text = "Contract value (not spend)"
        elif not f.stands:
            text = (f"Not counted: {f.kind} conflict, another figure stands"
                    if f.kind in summary.conflicts else f"Not counted: part of the {f.kind} total")
        else:
            text = KIND_LABELS.get(f.kind, f.kind)
        if cost.basis == "per_annum" and cost.period_years and cost.amount_pence is not None:
            text += (f": {format_pence(cost.amount_pence)} a year for {cost.period_years} "
                     f"years, {format_pence(f.pence)}")
        if id(f) in first_seen:
            text += f", same sum as {pages_text([first_seen[id(f)]]) or 'above'} (counted once)"
        else:
            first_seen[id(f)] = cost.page or 0
        out.append(text)
    return out


def _uncounted(cost: PackCost) -> str:
    if cost.part in CONFIDENTIAL_PARTS and cost.amount_pence is not None:
        return "Not counted: Part 2 (confidential)"
    if cost.kind == "threshold":
        return "Not counted: threshold"
    if cost.kind == "placeholder" or cost.amount_pence is None:
        return "Not counted: no figure given"
    if cost.role == "mention":
        return "Not counted: mentioned only"
    if cost.role == "component":
        return "Not counted: part of a total"
    return "Not counted"
