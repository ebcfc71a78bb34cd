"""Part 2 and the protective marking: what a publication version leaves out, and how a pack is
marked.

Part 2 of a paper (the confidential business case: bidders, bids, commercial terms) is
OFFICIAL-SENSITIVE and exempt from publication. The publication version of a pack leaves out
every item drawn from it (recommendations, costs, checks and annotations on Part 2 pages, the
fields read there, the Part 2 classification) and works each paper's financial summary out
again, by the one rule, from the costs that remain; the Summary sheet says how many items went.
"""

from __future__ import annotations

from dataclasses import replace

from ..extract.summary import summarise
from .pack import PackData, rule_input

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

#: sheet name -> the items of that sheet a publication version counts as left out
LEFT_OUT_LABELS: dict[str, tuple[str, str]] = {
    "recommendations": ("recommendation", "recommendations"),
    "costs": ("cost", "costs"),
    "checks": ("check", "checks"),
    "annotations": ("annotation", "annotations"),
    "fields": ("field", "fields"),
}


def is_sensitive(marking: str | None) -> bool:
    """True for any OFFICIAL-SENSITIVE variant ("OFFICIAL-SENSITIVE [COMMERCIAL]", "Official Sensitive")."""
    if not marking:
        return False
    squashed = "".join(ch for ch in marking.upper() if ch.isalpha())
    return "SENSITIVE" in squashed or "SECRET" in squashed


def has_part2(pack: PackData) -> bool:
    """Whether any paper in the pack holds content drawn from Part 2."""
    return any(p.part2_items or p.part2_fields for p in pack.papers)


def publication_version(pack: PackData) -> PackData:
    """A copy of ``pack`` without anything drawn from Part 2 of a paper, fit for publication;
    its ``left_out`` counts what went, by kind of item. ``pack`` itself is left alone."""
    left = dict.fromkeys(LEFT_OUT_LABELS, 0)
    papers = []
    for p in pack.papers:
        costs = [c for c in p.costs if not c.from_part2]
        money = p.money
        if len(costs) != len(p.costs) or money is None:
            # The register's summary counted Part 2's sums: work it out again without them.
            money = summarise([rule_input(c) for c in costs], p.choices or None)
        left["recommendations"] += sum(r.from_part2 for r in p.recommendations)
        left["costs"] += len(p.costs) - len(costs)
        left["checks"] += sum(c.from_part2 for c in p.checks)
        left["annotations"] += sum(a.from_part2 for a in p.annotations)
        left["fields"] += len(p.part2_fields)
        blank = {name: None for name in p.part2_fields
                 if name in ("reference", "title", "report_by", "on_behalf_of",
                             "decision_required_by", "classification")}
        papers.append(replace(
            p, part2_classification=None, part2_fields=[],
            recommendations=[r for r in p.recommendations if not r.from_part2],
            costs=costs, money=money,
            checks=[c for c in p.checks if not c.from_part2],
            annotations=[a for a in p.annotations if not a.from_part2], **blank))
    return replace(pack, papers=papers, publication=True,
                   left_out={k: n for k, n in left.items() if n})


def protective_marking(pack: PackData) -> str:
    """OFFICIAL-SENSITIVE if any paper is, or if any Part 2 content is in the pack; else OFFICIAL."""
    for p in pack.papers:
        if is_sensitive(p.classification) or p.part2_items or p.part2_fields:
            return OFFICIAL_SENSITIVE
    return OFFICIAL


def version_text(pack: PackData) -> str:
    """What the Summary sheet says this version of the pack holds."""
    if pack.publication:
        n = sum(pack.left_out.values())
        if not n:
            return "Publication version: these papers hold no Part 2 content, nothing left out"
        return f"Publication version: {_count(n, 'Part 2 item')} left out ({left_out_text(pack)})"
    items = sum(p.part2_items for p in pack.papers)
    with_part2 = sum(1 for p in pack.papers if p.part2_items or p.part2_fields)
    if not with_part2:
        return "Full version: these papers hold no Part 2 content"
    return (f"Full version: includes Part 2 content ({_count(items, 'item')} from "
            f"{_count(with_part2, 'paper')}); not for publication")


def left_out_text(pack: PackData) -> str:
    """"2 recommendations, 3 costs" — the Part 2 items a publication version left out."""
    return ", ".join(_count(n, *LEFT_OUT_LABELS[k]) for k, n in pack.left_out.items() if n)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
