"""Rule ``threshold``: the procurement threshold a paper cites against the one in force."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from ..paths import resources_dir

_PROCUREMENT_LAW = re.compile(
    r"public\s+contracts?|contracts?\s+regulations|the\s+regulations|procurement\s+act|\bthe\s+act\b|"
    r"\bPCR\b|procurement\s+threshold|find\s+a\s+tender",
    re.IGNORECASE)
# Goods and services thresholds have stayed within this band (pence); a figure outside it is
# another limit (the £500,000 delegation limit, the works threshold), not this one.
_BAND = (100_000_00, 300_000_00)
_DELEGATION = re.compile(r"scheme\s+of\s+(delegation|consent)|delegated\s+authority|call(ed)?\s+in\b",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Threshold:
    """One threshold period: in force from ``start`` until the next one starts."""

    start: date
    pence: int
    also: tuple[int, ...]  # the same period's ex-VAT figure, which papers sometimes cite
    law: str


@lru_cache(maxsize=1)
def threshold_table() -> tuple[Threshold, ...]:
    """The dated table in ``resources/thresholds.json``, oldest first."""
    data = json.loads((resources_dir() / "thresholds.json").read_text(encoding="utf-8"))
    rows = [Threshold(date.fromisoformat(r["from"]), r["pounds"] * 100,
                      tuple(p * 100 for p in r.get("also", [])), r["law"])
            for r in data["thresholds"]]
    return tuple(sorted(rows, key=lambda t: t.start))


def in_force(on: date) -> Threshold | None:
    """The threshold in force on ``on`` (None before the table starts)."""
    current = None
    for t in threshold_table():
        if t.start <= on:
            current = t
    return current


def paper_date(paper: Paper) -> tuple[date, str] | None:
    """The date a paper's procurement advice must be right on: the meeting it goes to, else
    the Deputy Mayor's signature. A draft with neither has no firm date (None)."""
    for name, label in (("meeting_date", "the meeting"), ("decision_signed_on", "the decision")):
        value = paper.value(name)
        if value:
            try:
                return date.fromisoformat(value), label
            except ValueError:
                continue
    return None


def _fallback_date(paper: Paper) -> date | None:
    value = paper.value("decision_required_by")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}"


def threshold(paper: Paper, lines: list[Line]) -> list[Finding]:
    """A cited procurement threshold that was not the one in force.

    With a firm date (meeting or signature) the figure must be the one in force that day.
    A draft without one is judged on the date its decision is needed by, allowing the figure
    of the period before too (templates lag a revision); with no date at all, only a figure
    that was never a threshold is flagged.
    """
    known = {t.pence for t in threshold_table()} | {p for t in threshold_table() for p in t.also}
    firm = paper_date(paper)
    findings = []
    for c in paper.costs:
        if c.kind != "threshold" or c.amount_pence is None:
            continue
        if not _PROCUREMENT_LAW.search(c.context) or _DELEGATION.search(c.context):
            continue
        if not _BAND[0] <= c.amount_pence <= _BAND[1]:
            continue
        table = threshold_table()
        allowed: set[int]
        message: str
        if firm:
            when, label = firm
            t = in_force(when)
            if t is None:
                continue
            allowed = {t.pence, *t.also}
            message = (f"{c.raw} is cited as the procurement threshold, but on "
                       f"{when:%d %B %Y} ({label}) the threshold under the {t.law} was "
                       f"{_pounds(t.pence)}.")
        else:
            when_or_none = _fallback_date(paper)
            t = in_force(when_or_none) if when_or_none else None
            if t is None:
                allowed = known
                message = f"{c.raw} is cited as the procurement threshold, but it never was one."
            else:
                i = table.index(t)
                earlier = [x for x in table[:i] if x.pence != t.pence][-1:]
                allowed = {x for y in (t, *earlier) for x in (y.pence, *y.also)}
                message = (f"{c.raw} is cited as the procurement threshold, but when this "
                           f"decision is needed ({when_or_none:%B %Y}) it is "
                           f"{_pounds(t.pence)} under the {t.law}.")
        if c.amount_pence not in allowed:
            findings.append(Finding(code="threshold", severity="error", message=message,
                                    page=c.page, quote=c.raw, rects=c.rects))
    return findings
