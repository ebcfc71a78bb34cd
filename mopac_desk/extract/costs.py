"""Every £ amount of a paper, with its kind, the financial years beside it and its sentence."""

from __future__ import annotations

import re
from bisect import bisect_right

from .lines import load_spans
from .model import Cost
from .money import find_money
from .stream import PartText

# Sentence ends: ". " before a capital/number/bullet, or a line that starts a list item.
_SENTENCE_END = re.compile(r"[.;!?](?=\s+[\"'“‘(]?[A-Z0-9•])|:\n|\n(?=\s*(?:\d{1,2}(?:\.\d+)*\.?|[•●▪\-–])\s)")
_YEARS = re.compile(
    r"\b(?:FY\s?(?P<fy4>\d{2})(?P<fy4b>\d{2})\b|(?P<fy>FY\s?)?(?P<a>(?:19|20)?\d{2})\s?[/\-–]\s?(?P<b>(?:20)?\d{2})\b)",
    re.IGNORECASE)
_THRESHOLD_SENTENCE = re.compile(
    r"public\s+contracts?\s+regulations|the\s+regulations|scheme\s+of\s+(delegation|consent)|"
    r"procurement\s+threshold|call\s+in\b|called\s+in\b|financial\s+regulations|"
    r"contract\s+regulations|standing\s+orders", re.IGNORECASE)
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:or|and)\s+(?:above|over|more|greater)|^\s*(?:threshold|limit)\b",
    re.IGNORECASE)
_THRESHOLD_BEFORE = re.compile(
    r"(?:above|exceed(?:ing|s)?|over|in\s+excess\s+of|threshold\s+of|limit\s+of)\s*(?:the\s+)?$",
    re.IGNORECASE)
_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("headroom", re.compile(r"headroom|contingency|risk\s+allowance|optimism\s+bias", re.IGNORECASE)),
    ("contract", re.compile(r"contract(?:s|\(s\))?\b", re.IGNORECASE)),
    ("capital", re.compile(r"capital|capex", re.IGNORECASE)),
    ("revenue", re.compile(r"revenue|opex|running\s+costs?|operating\s+costs?", re.IGNORECASE)),
    ("total", re.compile(r"\btotal|overall|whole[\s-]life|in\s+all\b", re.IGNORECASE)),
)
_BEFORE, _AFTER = 60, 50
# When one amount got different kinds in different sentences, the more telling one wins.
_PRIORITY = ("threshold", "contract", "capital", "revenue", "headroom", "total", "other")


def _sentence_bounds(text: str, start: int, end: int, paragraphs: list[int]) -> tuple[int, int]:
    s = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 800), start):
        s = m.end()
    m2 = _SENTENCE_END.search(text, end, end + 800)
    e = m2.end() if m2 else len(text)
    i = bisect_right(paragraphs, start)
    if i > 0:
        s = max(s, paragraphs[i - 1])
    if i < len(paragraphs):
        e = min(e, paragraphs[i])
    # A blank line between paragraphs ends a sentence too; keep contexts short.
    s = max(s, start - 600)
    e = min(e, end + 600)
    return s, e


def years_in(text: str) -> list[str]:
    """Financial years named in ``text`` ("2025/26", "FY 23/24", "FY2122"), as written."""
    out: list[str] = []
    for m in _YEARS.finditer(text):
        if m.group("fy4"):
            a, b = int(m.group("fy4")), int(m.group("fy4b"))
            ok = (a + 1) % 100 == b
        else:
            a_s, b_s = m.group("a"), m.group("b")
            if not m.group("fy") and len(a_s) != 4:
                continue
            ok = (int(a_s) + 1) % 100 == int(b_s) % 100
        raw = re.sub(r"\s+", " ", m.group(0))
        if ok and raw not in out:
            out.append(raw)
    return out


def _kind(text: str, start: int, end: int, sent: tuple[int, int],
          prev_end: int = 0, next_start: int | None = None) -> str:
    """The kind of the amount at ``text[start:end]`` from the words around it in its sentence
    (never reaching past a neighbouring amount)."""
    s, e = sent
    sentence = text[s:e]
    after = text[end:min(e, end + _AFTER, next_start if next_start is not None else e)]
    before = text[max(s, start - _BEFORE, prev_end):start]
    if _THRESHOLD_AFTER.match(after) or _THRESHOLD_BEFORE.search(before):
        return "threshold"
    best: tuple[float, str] | None = None
    for kind, pat in _KEYWORDS:
        for m in pat.finditer(before):
            d = float(len(before) - m.end())
            if best is None or d < best[0]:
                best = (d, kind)
        m = pat.search(after)
        if m:
            d = m.start() * 1.5 + 2  # a word before the amount says more than one after it
            if best is None or d < best[0]:
                best = (d, kind)
    # Legal boilerplate (the Regulations, the Scheme of Delegation) quotes limits, unless the
    # amount is plainly named as a cost of this paper.
    if _THRESHOLD_SENTENCE.search(sentence) and (best is None or best[0] > 15):
        return "threshold"
    if best is None and prev_end > max(s, start - _BEFORE):
        # A table row ("Capital  £1.2m  £0.8m"): the row's label names every amount in it.
        row = text[max(s, start - _BEFORE):start]
        if "\n" not in row and not re.search(r"[.;](?=\s)", row):
            return _kind(text, start, end, sent, 0, next_start)
    return best[1] if best else "other"


def classify_text(text: str) -> list[tuple[str, int | None, str]]:
    """``(raw, pence, kind)`` for every amount of a plain text (one paragraph); for tests and
    for callers without page geometry."""
    found = find_money(text)
    out = []
    for k, mm in enumerate(found):
        sent = _sentence_bounds(text, mm.start, mm.end, [0])
        kind = "placeholder" if mm.amount_pence is None else _kind(
            text, mm.start, mm.end, sent, found[k - 1].end if k else 0,
            found[k + 1].start if k + 1 < len(found) else None)
        out.append((mm.raw, mm.amount_pence, kind))
    return out


def extract_costs(parts: list[PartText]) -> list[Cost]:
    """Every amount in the paper's parts in reading order; one amount keeps one kind."""
    costs: list[Cost] = []
    spans: list[tuple[PartText, int, int]] = []
    for part in parts:
        text = part.stream.text
        paragraphs = part.stream.paragraph_starts()
        found = find_money(text)
        for k, mm in enumerate(found):
            sent = _sentence_bounds(text, mm.start, mm.end, paragraphs)
            context = re.sub(r"\s+", " ", text[sent[0]:sent[1]]).strip()
            kind = "placeholder" if mm.amount_pence is None else _kind(
                text, mm.start, mm.end, sent, found[k - 1].end if k else 0,
                found[k + 1].start if k + 1 < len(found) else None)
            costs.append(Cost(
                amount_pence=mm.amount_pence,
                raw=mm.raw.replace("\n", " "),
                kind=kind,
                years=years_in(context),
                part=part.kind,
                page=part.stream.page_at(mm.start),
                context=context,
                rects=[],
            ))
            spans.append((part, mm.start, mm.end))
    # Every amount's boxes in one trip to the PDFium thread, then its rects.
    load_spans(piece for part, start, end in spans for piece in part.stream.pieces(start, end))
    for cost, (part, start, end) in zip(costs, spans):
        cost.rects = part.stream.rects(start, end)
    _harmonise(costs)
    return costs


def _harmonise(costs: list[Cost]) -> None:
    """Give every occurrence of one amount the same kind: the most common telling kind."""
    by_amount: dict[int, list[Cost]] = {}
    for c in costs:
        if c.amount_pence is not None:
            by_amount.setdefault(c.amount_pence, []).append(c)
    for group in by_amount.values():
        kinds = [c.kind for c in group]
        telling = [k for k in kinds if k != "other"] or kinds
        chosen = max(set(telling), key=lambda k: (telling.count(k), -_PRIORITY.index(k)))
        for c in group:
            c.kind = chosen
