"""Every £ amount of a paper, with its kind, role, the financial years beside it and its
sentence. What each amount is comes from its sentence's structure (:mod:`.cost_kinds`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .cost_kinds import Amount, read_sentence
from .lines import load_spans
from .model import Cost
from .money import find_money
from .recommendations import recommendation_lines
from .stream import PartText

# Sentence ends: ". " before a capital/number/bullet, ":" at a line end, or a line that starts
# a list item. (Written to start with the one set of characters any end starts with, so the
# search skips to them instead of trying every alternative at every character.)
_SENTENCE_END = re.compile(
    r"[.;!?:\n](?:(?<=[.;!?])(?=\s+[\"'“‘(]?[A-Z0-9•])|(?<=:)\n|"
    r"(?<=\n)(?=\s*(?:\d{1,2}(?:\.\d+)*\.?|[•●▪\-–])\s))")
# A full stop after these ends no sentence ("£213,477 (inc. VAT) or above").
_ABBREVIATION = re.compile(r"(?:\b(?:inc|incl|excl|ex|approx|c|ca|e\.g|i\.e|no|nos|para|paras|"
                           r"vs|fig|ref|st|min|max|est)|\b[A-Z])$", re.IGNORECASE)
_YEAR = r"(?:FY\s?)?(?:19|20)?\d{2}\s?[/\-–]\s?(?:19|20)?\d{2}\b|FY\s?\d{4}\b"
_YEARS = re.compile(
    r"\b(?:FY\s?(?P<fy4>\d{2})(?P<fy4b>\d{2})\b|(?P<fy>FY\s?)?(?P<a>(?:19|20)?\d{2})\s?[/\-–]\s?(?P<b>(?:20)?\d{2})\b)",
    re.IGNORECASE)
# "FY 23/24 to 27/28", "2024/25 – 2027/28", "from 2024/25 until 2026/27": one range, kept whole.
_RANGE_JOIN = re.compile(r"\s*(?:to|until|through|thru|[-–—])\s*", re.IGNORECASE)


def sentence_ends(text: str) -> list[int]:
    """Every offset where a sentence of ``text`` ends (after its full stop, semicolon, ...),
    found once for all the amounts of the text."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if not _ends_nothing(text, m)]


def _sentence_bounds(text: str, start: int, end: int, paragraphs: list[int],
                     ends: list[int] | None = None) -> tuple[int, int]:
    if ends is None:
        ends = sentence_ends(text)
    i = bisect_right(ends, start)
    s = ends[i - 1] if i > 0 and ends[i - 1] >= start - 800 else 0
    j = bisect_left(ends, end + 1)
    e = ends[j] if j < len(ends) and ends[j] <= end + 800 else len(text)
    i = bisect_right(paragraphs, start)
    if i > 0:
        s = max(s, paragraphs[i - 1])
    if i < len(paragraphs):
        e = min(e, paragraphs[i])
    # A blank line between paragraphs ends a sentence too; keep contexts short. The cut of a
    # run-on "sentence" (a long table row) falls on a grid, so neighbouring amounts share it
    # and it is read once for all of them.
    s = max(s, (start // _GRID - 1) * _GRID)
    e = min(e, (end // _GRID + 2) * _GRID)
    return s, e


_GRID = 600


def _ends_nothing(text: str, m: re.Match[str]) -> bool:
    """A match that is an abbreviation's full stop, or falls inside brackets."""
    s = m.start()
    if text[s] != ".":
        return False
    # After seven letters or digits no abbreviation can end here (each starts at a word
    # boundary, and its longest is six letters): the common case needs no search.
    if (s < 7 or not text[s - 7:s].isalnum()) and _ABBREVIATION.search(text, max(0, s - 6), s):
        return True
    lo = max(0, s - 60)
    return text.rfind("(", lo, s) > text.rfind(")", lo, s)


def _year_at(m: re.Match[str], bare_ok: bool = False) -> bool:
    """Whether a year match is a financial year ("2025/26", "FY 23/24", "FY2122")."""
    if m.group("fy4"):
        return (int(m.group("fy4")) + 1) % 100 == int(m.group("fy4b"))
    a_s, b_s = m.group("a"), m.group("b")
    if not m.group("fy") and len(a_s) != 4 and not bare_ok:
        return False
    return (int(a_s) + 1) % 100 == int(b_s) % 100


def _first_year(m: re.Match[str]) -> int:
    return int(m.group("fy4") if m.group("fy4") else m.group("a")) % 100


def years_in(text: str) -> list[str]:
    """Financial years named in ``text`` ("2025/26", "FY 23/24", "FY2122"), as written; a
    range ("FY 23/24 to 27/28") is one entry, kept whole."""
    return list(_years(text))


@lru_cache(maxsize=2048)
def _years(text: str) -> tuple[str, ...]:
    # Every amount of a sentence asks for the same sentence's years.
    out: list[str] = []
    pos = 0
    for m in _YEARS.finditer(text):
        if m.start() < pos or not _year_at(m):
            continue
        raw_end = m.end()
        join = _RANGE_JOIN.match(text, m.end())
        if join:
            m2 = _YEARS.match(text, join.end())
            if m2 and _year_at(m2, bare_ok=True) and _first_year(m2) > _first_year(m):
                raw_end = m2.end()
        pos = raw_end
        raw = re.sub(r"\s+", " ", text[m.start():raw_end])
        if raw not in out:
            out.append(raw)
    return tuple(out)


def range_length(years: list[str]) -> int | None:
    """How many financial years the first range among ``years`` spans ("2024/25 to
    2027/28" is 4), or None without a range."""
    for y in years:
        found = list(_YEARS.finditer(y))
        if len(found) == 2:
            n = (_first_year(found[1]) - _first_year(found[0])) % 100 + 1
            return n if 2 <= n <= 30 else None
    return None


def _read(text: str, paragraphs: list[int]) -> list[tuple[Amount, tuple[int, int]]]:
    """Every amount of ``text`` read in its sentence."""
    found = find_money(text)
    amounts = [Amount(mm.start, mm.end, mm.raw, mm.amount_pence) for mm in found]
    by_sentence: dict[tuple[int, int], list[Amount]] = {}
    sents: list[tuple[int, int]] = []
    ends = sentence_ends(text) if amounts else []
    for a in amounts:
        sent = _sentence_bounds(text, a.start, a.end, paragraphs, ends)
        by_sentence.setdefault(sent, []).append(a)
        sents.append(sent)
    for sent, group in by_sentence.items():
        years = years_in(text[sent[0]:sent[1]])
        read_sentence(text, sent, group, range_length(years))
        if len(group) > 1 and len(years) > 1:
            _own_years(text, sent, group)
    return list(zip(amounts, sents))


def _own_years(text: str, sent: tuple[int, int], group: list[Amount]) -> None:
    """In a sentence naming several years and amounts ("£1.2m in 2025/26 and £0.8m in
    2026/27"), each amount's years are the nearest ones in its own clause."""
    for k, a in enumerate(group):
        lo = group[k - 1].end if k else sent[0]
        hi = group[k + 1].start if k + 1 < len(group) else sent[1]
        before = list(_YEARS.finditer(text, lo, a.start))
        after = list(_YEARS.finditer(text, a.end, hi))
        gap_before = a.start - before[-1].end() if before else None
        gap_after = after[0].start() - a.end if after else None
        if gap_after is not None and (gap_before is None or gap_after < gap_before):
            a.years = years_in(text[after[0].start():hi])[:1]
        elif gap_before is not None:
            # The years just before the amount, with a range or "&" list they close.
            seg = text[lo:a.start]
            a.years = years_in(seg)[-1:] if seg else None
        if a.years == []:
            a.years = None


def classify_text(text: str) -> list[tuple[str, int | None, str]]:
    """``(raw, pence, kind)`` for every amount of a plain text (one paragraph); for tests and
    for callers without page geometry."""
    return [(a.raw, a.pence, a.kind) for a, _ in _read(text, [0])]


def read_text(text: str) -> list[Cost]:
    """Every amount of a plain text as a :class:`Cost` (page 1, part "other", no rects): the
    whole reading (role, basis, period, headroom) for callers without page geometry."""
    out = []
    contexts: dict[tuple[int, int], str] = {}
    for a, sent in _read(text, [0]):
        out.append(_cost(a, _context(text, sent, contexts), "other", 1))
    return out


def _context(text: str, sent: tuple[int, int], seen: dict[tuple[int, int], str]) -> str:
    """The sentence as one line of text (made once for all its amounts)."""
    if sent not in seen:
        seen[sent] = _SPACES.sub(" ", text[sent[0]:sent[1]]).strip()
    return seen[sent]


_SPACES = re.compile(r"\s+")


def _cost(a: Amount, context: str, part: str, page: int) -> Cost:
    return Cost(
        amount_pence=a.pence, raw=a.raw.replace("\n", " "), kind=a.kind,
        years=a.years if a.years is not None else years_in(context),
        part=part, page=page, context=context, rects=[], role=a.role, basis=a.basis,
        period_years=a.period_years, whole_pence=a.whole_pence, funded_from=a.funded_from,
        headroom_pence=a.headroom_pence)


def extract_costs(parts: list[PartText], in_recs: set[int] | None = None) -> list[Cost]:
    """Every amount in the paper's parts in reading order; one amount keeps one kind.
    ``in_recs``: :func:`.recommendations.recommendation_lines` of ``parts`` when the caller
    has it already."""
    costs: list[Cost] = []
    spans: list[tuple[PartText, int, int]] = []
    if in_recs is None:
        in_recs = recommendation_lines(parts)
    for part in parts:
        stream = part.stream
        contexts: dict[tuple[int, int], str] = {}
        for a, sent in _read(stream.text, stream.paragraph_starts()):
            cost = _cost(a, _context(stream.text, sent, contexts), part.kind,
                         stream.page_at(a.start))
            cost.in_recommendation = bool(stream.lines) and id(
                stream.lines[stream.line_index(a.start)]) in in_recs
            costs.append(cost)
            spans.append((part, a.start, a.end))
    # Every amount's boxes in one trip to the PDFium thread, then its rects.
    load_spans(piece for part, start, end in spans for piece in part.stream.pieces(start, end))
    for cost, (part, start, end) in zip(costs, spans):
        cost.rects = part.stream.rects(start, end)
    _harmonise(costs)
    return costs


# Kinds that say nothing of what an amount is: a restatement takes the telling kind.
_UNTELLING = frozenset({"other", "total"})


def _harmonise(costs: list[Cost]) -> None:
    """An amount restated without a telling word ("the £14.7M will ...") takes the kind its
    other statements give it (the most common; a named kind is never overwritten)."""
    by_amount: dict[int, list[Cost]] = {}
    for c in costs:
        if c.amount_pence is not None:
            by_amount.setdefault(c.amount_pence, []).append(c)
    for group in by_amount.values():
        telling = [c.kind for c in group if c.kind not in _UNTELLING and c.kind != "headroom"]
        if not telling:
            continue
        chosen = max(set(telling), key=lambda k: (telling.count(k), k))
        for c in group:
            if c.kind in _UNTELLING and c.role != "component":
                c.kind = chosen
                if chosen == "threshold":
                    c.role = "mention"
