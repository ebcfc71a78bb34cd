"""Rules ``amount_mismatch`` and ``arithmetic``, over the costs extraction found."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from ..extract.lines import Line
from ..extract.model import Cost, Finding, Paper
from ..extract.money import tolerance

__all__ = ["amount_mismatch", "arithmetic", "tolerance"]

# Kinds that name one sum of money the paper asks for, so every headline mention must agree.
_COMPARED = ("capital", "revenue", "total", "contract")
# A rate ("per annum", "per device", "each year") is not the sum itself.
_PER_PERIOD = re.compile(r"\bper\s+(?!cent\b)\w+|\bp\.?\s?a\b|annual(ly)?|\beach\b|a\s+year\b",
                         re.IGNORECASE)
# Sums that are not this paper's ask: the wider plan or budget it comes from, or history.
_WIDER = re.compile(r"(plan|programme|portfolio|envelope|budget|allocation|spent|to\s+date)"
                    r"\s*(of|is|was|totals?|totalling|stands\s+at)?\s*(up\s+to\s+)?$", re.IGNORECASE)
_HISTORY = re.compile(r"\b(previous(ly)?|prior|last\s+year|to\s+date|original(ly)?|"
                      r"spent|forecast\s+outturn)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?%")


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}" + (f".{pence % 100:02d}" if pence % 100 else "")


def _sentences(costs: list[Cost]) -> dict[tuple[str, int, str], list[Cost]]:
    groups: dict[tuple[str, int, str], list[Cost]] = defaultdict(list)
    for c in costs:
        # A Part 2 form's bids are not the sums Part 1 asks for, and a finding must not
        # quote them.
        if c.amount_pence is not None and c.part != "part2":
            groups[(c.part, c.page, c.context)].append(c)
    return groups


def _headlines(costs: list[Cost]) -> dict[str, list[Cost]]:
    """Per kind, the mentions that state a whole sum: alone of their kind in the sentence,
    not split by year and not a yearly rate."""
    out: dict[str, list[Cost]] = defaultdict(list)
    for group in _sentences(costs).values():
        by_kind = Counter(c.kind for c in group)
        for c in group:
            if c.kind not in _COMPARED or by_kind[c.kind] > 1 or _PER_PERIOD.search(c.context):
                continue
            if c.role != "ask" or c.basis != "whole":
                continue  # a part of a total, a yearly figure or a passing mention
            if "headroom" in c.context.lower() or "contingency" in c.context.lower():
                continue  # a contract with headroom is checked on its own terms below
            at = c.context.find(c.raw)
            if _HISTORY.search(c.context) or (at >= 0 and _WIDER.search(c.context[max(0, at - 40):at])):
                continue
            out[c.kind].append(c)
    return out


def _mismatch_finding(kind: str, odd: list[Cost], others: list[Cost], tie: bool) -> Finding:
    first = odd[0]
    other = others[0]
    where = "the decision form" if other.part == "decision" else "elsewhere in the paper"
    if tie:
        quote = f"{other.raw} vs {first.raw}"
        message = (f"The {kind} amount is given as {other.raw} (page {other.page}) and as "
                   f"{first.raw} (page {first.page}).")
    else:
        quote = first.raw
        message = (f"The {kind} amount {first.raw} here disagrees with {other.raw} given "
                   f"{where} (page {other.page}).")
    return Finding(code="amount_mismatch", severity="error", message=message, page=first.page,
                   quote=quote, rects=first.rects,
                   also=[{"page": c.page, "quote": c.raw, "rects": c.rects} for c in others[:3]])


def _headroom_findings(costs: list[Cost]) -> list[Finding]:
    """A contract value stated with its base and headroom must be their sum."""
    out = []
    for group in _sentences(costs).values():
        context = group[0].context
        if "headroom" not in context.lower():
            continue
        values = sorted({c.amount_pence for c in group if c.kind != "threshold"}, reverse=True)
        values = [v for v in values if v is not None]
        total = next(c for c in group if c.amount_pence == values[0]) if values else None
        if total is None:
            continue
        expected: int | None = None
        if len(values) == 3:
            expected = values[1] + values[2]
        elif len(values) == 2:
            pct = _PERCENT.search(context)
            if pct:
                expected = round(values[1] * (1 + float(pct.group(1)) / 100))
        if expected is not None and abs(expected - values[0]) > tolerance(total.raw):
            out.append(Finding(
                code="amount_mismatch", severity="error",
                message=f"{total.raw} should be the base plus its stated headroom, which comes "
                        f"to {_pounds(expected)}.",
                page=total.page, quote=total.raw, rects=total.rects))
    return out


def _round_alike(mentions: list[Cost]) -> None:
    """Give amounts equal within the precision they are written to one value ("£46.763m"
    and "£46,763,120" agree): the value of the first stated of each run of alike amounts.
    Sorted once, so a page of thousands of amounts stays near-linear."""
    if len(mentions) < 2:
        return
    tol = [tolerance(c.raw) for c in mentions]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].amount_pence or 0)
    runs: list[list[int]] = [[order[0]]]
    for prev, i in zip(order, order[1:]):
        gap = (mentions[i].amount_pence or 0) - (mentions[prev].amount_pence or 0)
        if gap <= max(tol[i], tol[prev]):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        first = min(run)
        value = mentions[first].amount_pence
        for i in run:
            c = mentions[i]
            if c.amount_pence != value:
                mentions[i] = replace(c, amount_pence=value)


_LOT = re.compile(r"\blots?\b|\bphase\s+\d|\btranche\b", re.IGNORECASE)


def _could_be_one_sum(mentions: list[Cost]) -> bool:
    """Whether two single mentions that disagree can be about the same sum: not amounts for
    different financial years, lots, phases or tranches."""
    years = [set(c.years) for c in mentions]
    if all(years) and not set.intersection(*years):
        return False
    return not any(_LOT.search(c.context) for c in mentions)


def amount_mismatch(paper: Paper, lines: list[Line]) -> list[Finding]:
    """The same sum given different amounts in different places.

    Only whole-sum mentions are compared (one amount of its kind in its sentence, not per
    year, not split across years), so a breakdown never reads as a disagreement. When most
    mentions agree, the odd ones are quoted; a one-to-one disagreement quotes both.
    """
    findings: list[Finding] = []
    for kind, mentions in _headlines(paper.costs).items():
        _round_alike(mentions)
        values = Counter(c.amount_pence for c in mentions)
        if len(values) != 2:
            continue  # one value agrees; three or more is a breakdown we cannot pair up
        (common, n_common), (rare, n_rare) = values.most_common()
        if n_common > n_rare:
            others = [c for c in mentions if c.amount_pence == common]
            findings.extend(_mismatch_finding(kind, [c], others, tie=False)
                            for c in mentions if c.amount_pence == rare)
        elif _could_be_one_sum(mentions):
            # Neither side outnumbers the other: quote both, pointing at the later one.
            last = mentions[-1].amount_pence
            findings.append(_mismatch_finding(
                kind, [c for c in mentions if c.amount_pence == last],
                [c for c in mentions if c.amount_pence != last], tie=True))
    findings.extend(_headroom_findings(paper.costs))
    return findings


_PART_WORD = re.compile(r"\b(total|overall|whole[\s-]life|in\s+all|capital|revenue)\b", re.IGNORECASE)


def _word_kind(word: str) -> str:
    word = word.lower()
    return word if word in ("capital", "revenue") else "total"


_TAIL_WORD = re.compile(r"\s*(?:of\s+|in\s+)?(total|capital|revenue)\b", re.IGNORECASE)


def _sentence_kinds(group: list[Cost]) -> list[tuple[Cost, str | None]]:
    """Each amount of one sentence with the kind its own clause gives it: a kind word right
    after it ("£5m capital", "£6m in total"), else the last such word between the previous
    amount (and the word that belongs to it) and this one ("capital of £5m")."""
    context = group[0].context
    spans: list[tuple[Cost, int, int]] = []
    pos = 0
    for c in group:
        i = context.find(c.raw, pos)
        if i < 0:
            return []
        spans.append((c, i, i + len(c.raw)))
        pos = i + len(c.raw)
    out: list[tuple[Cost, str | None]] = []
    lead_from = 0
    for c, start, end in spans:
        tail = _TAIL_WORD.match(context, end)
        words = _PART_WORD.findall(context[lead_from:start])
        if tail:
            out.append((c, _word_kind(tail.group(1))))
            lead_from = tail.end()
        else:
            out.append((c, _word_kind(words[-1]) if words else None))
            lead_from = end
    return out


def arithmetic(paper: Paper, lines: list[Line]) -> list[Finding]:
    """A stated total that is not the sum of the capital and revenue parts beside it (in one
    sentence, each amount's kind read from its own clause)."""
    findings = []
    for group in _sentences(paper.costs).values():
        if len(group) < 3 or _PER_PERIOD.search(group[0].context):
            continue  # a yearly revenue figure beside a total is not one of its addends
        kinds = _sentence_kinds(group)
        totals = [c for c, k in kinds if k == "total"]
        parts = [c for c, k in kinds if k in ("capital", "revenue")]
        if len(totals) != 1 or {k for _, k in kinds if k in ("capital", "revenue")} != {
                "capital", "revenue"}:
            continue
        total = totals[0]
        assert total.amount_pence is not None
        added = sum(c.amount_pence or 0 for c in parts)
        if abs(added - total.amount_pence) > tolerance(total.raw):
            findings.append(Finding(
                code="arithmetic", severity="error",
                message=f"The total {total.raw} is not the sum of its capital and revenue parts "
                        f"({' + '.join(c.raw for c in parts)} = {_pounds(added)}).",
                page=total.page, quote=total.raw, rects=total.rects))
    return findings
