"""What each £ amount of one sentence is, read from the sentence's structure rather than the
nearest keyword: a threshold ("valued at £213,477 (inc. VAT) or above"), a contract's value
("a call-off contract … with a total value of £4.84m", "up to the value of £140,000"), spend
(capital, revenue), headroom, a total and what it is made of ("£410k per annum for four years
(£1.64m in total)" is one revenue ask of £1.64m), or a sum merely mentioned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..paths import resources_dir
from .money import tolerance


@dataclass
class Amount:
    """One amount of a sentence while it is being read (offsets into the text)."""

    start: int
    end: int
    raw: str
    pence: int | None
    kind: str = "other"
    role: str = "ask"
    basis: str = "whole"
    period_years: int | None = None
    whole_pence: int | None = None
    funded_from: str | None = None
    headroom_pence: int | None = None
    years: list[str] | None = None  # its own financial years, when the sentence names several


_BEFORE, _AFTER = 60, 50
_I = re.IGNORECASE

# -- thresholds and delegation limits --------------------------------------------------------

_THRESHOLD_SENTENCE = re.compile(
    r"public\s+contracts?\s+regulations|the\s+regulations|scheme\s+of\s+(delegation|consent)|"
    r"procurement\s+threshold|call\s+in\b|called\s+in\b|financial\s+regulations|"
    r"contract\s+regulations|standing\s+orders|procurement\s+act", _I)
_NOTE = r"(?:\([^)]{0,60}\)\s*|(?:inc(?:l(?:uding|usive\s+of)?)?|ex(?:cl(?:uding|usive\s+of)?)?)\.?\s+VAT,?\s*)?"
_LIMIT_WORDS = (r"(?:(?:DMPC|MOPAC|CFO|OJEU|FTS|PCR|EU|UK|approval|delegation|delegated|"
                r"procurement|financial|spending|decision|key|statutory|reporting)\s+){0,3}")
_THRESHOLD_AFTER = re.compile(
    r"^\s*" + _NOTE + r"(?:or|and)\s+(?:above|over|more|greater|upwards|higher)|"
    r"^\s*" + _NOTE + _LIMIT_WORDS + r"(?:threshold|limit)s?\b", _I)
_THRESHOLD_BEFORE = re.compile(
    r"(?:above|exceed(?:ing|s)?|over|in\s+excess\s+of|more\s+than|greater\s+than|at\s+least|"
    r"threshold\s+(?:of|is|at)|limit\s+(?:of|is|at)|thresholds?|limits?)\s*(?:the\s+)?$", _I)
# A standing power ("has delegated authority", "may approve"), not a decision asked for.
_STANDING = re.compile(r"\b(?:has|have|holds?|holding|with)\s+(?:the\s+)?delegated\s+authority\b|"
                       r"\b(?:may|can|could)\s+(?:approve|authorise|sign|award)\b|"
                       r"\bdelegation\s+limits?\b", _I)
_VAT_NOTE = re.compile(r"^\s*\(?\s*(?:inc|incl|including|inclusive\s+of|ex|excl|excluding|"
                       r"exclusive\s+of|net\s+of)\.?\s+VAT", _I)
_PROCUREMENT = re.compile(r"procur|regulations|public\s+contracts|tender|procurement\s+act", _I)


@lru_cache(maxsize=1)
def known_thresholds() -> frozenset[int]:
    """Every procurement threshold in ``resources/thresholds.json`` (with and without VAT),
    in pence."""
    try:
        data = json.loads((resources_dir() / "thresholds.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    out = set()
    for row in data.get("thresholds", []):
        out.add(int(row["pounds"]) * 100)
        out.update(int(p) * 100 for p in row.get("also", []))
    return frozenset(out)


@dataclass(frozen=True)
class _Sentence:
    """What a whole sentence says, read once for all its amounts."""

    legal: bool  # the Regulations', the Scheme of Delegation's boilerplate
    procurement: bool
    standing: bool  # a standing power: "has delegated authority", "may approve"

    @classmethod
    def of(cls, text: str, s: int, e: int) -> "_Sentence":
        return cls(bool(_THRESHOLD_SENTENCE.search(text, s, e)),
                   bool(_PROCUREMENT.search(text, s, e)), bool(_STANDING.search(text, s, e)))


def _is_threshold(a: Amount, sentence: _Sentence, before: str, after: str) -> bool:
    if _THRESHOLD_AFTER.match(after) or _THRESHOLD_BEFORE.search(before):
        return True
    if sentence.standing and re.search(r"\bup\s+to\s*$", before, _I):
        return True  # "has delegated authority to approve contracts up to £1m": a limit
    # A threshold of the table cited beside a VAT note or procurement law is that threshold,
    # whatever sits near it ("valued at £213,477 (inc. VAT) ...").
    return a.pence in known_thresholds() and bool(_VAT_NOTE.match(after) or sentence.procurement)


# -- contract values and headroom -------------------------------------------------------------

_CONTRACT_WORD = re.compile(r"\bcontract(?:s|\(s\))?\b|\bframework\b|\bcall[\s-]?off\b|"
                            r"\bagreement\b|\baward\w*\b|\bsupplier\b", _I)
_VALUE_LEAD = re.compile(
    r"\b(?:value[ds]?|worth|priced)\b(?:\s+(?:of|at|is|was|will\s+be))?"
    r"(?:\s+(?:up\s+to|not\s+exceeding|a\s+maximum\s+of|approximately|around|c\.))?"
    r"(?:\s+the\s+value\s+of)?\s*$", _I)
_CONTRACT_LEAD = re.compile(
    r"\bcontracts?(?:\(s\))?\s+(?:sum\s+|price\s+|value\s+)?(?:of|for|at|totalling|worth|"
    r"valued\s+at)?\s*(?:up\s+to\s+|a\s+maximum\s+of\s+)?$", _I)
_COST_LEAD = re.compile(r"\b(?:at|for)\s+an?\s+(?:total\s+|overall\s+|whole[\s-]life\s+|"
                        r"estimated\s+)?(?:cost|price)\s+of\s*(?:up\s+to\s+)?$", _I)
_CONTRACT_AFTER = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:[\w-]+\s+){0,2}?(?:call[\s-]?off\s+)?"
                             r"contracts?\b", _I)
_HEADROOM_WORD = r"(?:headroom|contingency|risk\s+allowance|optimism\s+bias)"
_HEADROOM_LEAD = re.compile(_HEADROOM_WORD + r"\s*(?:of|is|at|totalling)?\s*(?:up\s+to\s+)?$", _I)
_HEADROOM_AFTER = re.compile(r"^\s*(?:\([^)]{0,30}\)\s*)?(?:of\s+)?" + _HEADROOM_WORD, _I)
_HEADROOM_PCT = re.compile(r"(?P<p>\d{1,2}(?:\.\d+)?)\s?%\s+(?:\w+\s+)?" + _HEADROOM_WORD + r"|"
                           + _HEADROOM_WORD + r"\s+of\s+(?P<q>\d{1,2}(?:\.\d+)?)\s?%", _I)
_INCLUDING = re.compile(r"\binclu(?:d(?:ing|es|ed)|sive\s+of)\b|\bof\s+which\b|\bwithin\b", _I)


def _is_contract_value(text: str, a: Amount, s: int, before: str, after: str) -> bool:
    if _CONTRACT_LEAD.search(before):
        return True
    if _COST_LEAD.search(before):
        # "a contract with Capita for vetting services at a total cost of £3.6m"
        m = None
        for m in _CONTRACT_WORD.finditer(text, max(s, a.start - 250), a.start):
            pass
        if m and not re.search(r"capital|revenue", text[m.end():a.start], _I):
            return True
    if _VALUE_LEAD.search(before) and _CONTRACT_WORD.search(text[max(s, a.start - 250):a.start]):
        return True
    return bool(_CONTRACT_AFTER.match(after))


_BOTH_KINDS = re.compile(r"\b(?:capital\s+(?:and|&|\+|/)\s+revenue|revenue\s+(?:and|&|\+|/)\s+"
                         r"capital)\b[^£.;]{0,30}$", _I)
_KIND_AFTER = re.compile(r"^\s*\(?(?:of\s+|in\s+)?(capital|revenue)\b(?!\s+(?:plan|programme|"
                         r"portfolio|envelope|allocation|receipts?|income|grant)\b)", _I)

# -- spend by keyword -------------------------------------------------------------------------

_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("contract", re.compile(r"contract(?:s|\(s\))?\b", _I)),
    ("capital", re.compile(r"capital|capex", _I)),
    ("revenue", re.compile(r"revenue|opex|running\s+costs?|operating\s+costs?", _I)),
    ("total", re.compile(r"\btotal|overall|whole[\s-]life|in\s+all\b", _I)),
)


_NEXT_CLAUSE = re.compile(r"\band\b|\bor\b|;|\bplus\b|\bwhile\b|\bwhilst\b", _I)


def _nearest_keyword(text: str, start: int, end: int, sent: tuple[int, int], prev_end: int,
                     next_start: int) -> tuple[float, str] | None:
    s, e = sent
    after = text[end:min(e, end + _AFTER, next_start)]
    # "£1.2m and revenue expenditure of £480,000": a word after a conjunction leads the next
    # clause, not this amount's.
    after = _NEXT_CLAUSE.split(after, maxsplit=1)[0]
    before = text[max(s, start - _BEFORE, prev_end):start]
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
    return best


def kind_of(text: str, a: Amount, sent: tuple[int, int], prev_end: int, next_start: int,
            sentence: _Sentence | None = None) -> str:
    """The kind of one amount from its clause (never reading past a neighbouring amount)."""
    s, e = sent
    sentence = sentence or _Sentence.of(text, s, e)
    after = text[a.end:min(e, a.end + _AFTER, next_start)]
    before = text[max(s, a.start - _BEFORE, prev_end):a.start]
    if _is_threshold(a, sentence, before, after):
        return "threshold"
    if _HEADROOM_LEAD.search(before) or _HEADROOM_AFTER.match(after):
        return "headroom"
    if _is_contract_value(text, a, s, before, after):
        return "contract"
    tail = _KIND_AFTER.match(after)
    if tail:
        return tail.group(1).lower()  # "£3m capital", "£2m of revenue"
    if _BOTH_KINDS.search(before):
        return "total"  # "capital and revenue costs of £5m": both, not the nearer word
    best = _nearest_keyword(text, a.start, a.end, sent, prev_end, next_start)
    # Legal boilerplate (the Regulations, the Scheme of Delegation) quotes limits, unless the
    # amount is plainly named as a cost of this paper.
    if sentence.legal and (best is None or best[0] > 15):
        return "threshold"
    if best is None and prev_end > max(s, a.start - _BEFORE):
        # A table row ("Capital  £1.2m  £0.8m"): the row's label names every amount in it.
        row = text[max(s, a.start - _BEFORE):a.start]
        if "\n" not in row and not re.search(r"[.;](?=\s)", row):
            return kind_of(text, a, sent, s, next_start, sentence)
    return best[1] if best else "other"


# -- the sentence's structure -----------------------------------------------------------------

_PER_ANNUM_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:of\s+)?(?:\w+\s+){0,2}?)?(?:per\s+(?:annum|year|financial\s+year)|"
    r"p\.?\s?a\b\.?|a\s+year|each\s+year|every\s+year|annually|yearly)", _I)
_PER_ANNUM_BEFORE = re.compile(r"\b(?:annual(?:ly)?|yearly|recurring)\s+(?:[\w-]+\s+){0,3}"
                               r"(?:of|is|at)?\s*(?:up\s+to\s+)?$", _I)
_COUNT = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_PERIOD = re.compile(
    r"\b(?:for|over|across|during)\s+(?:a\s+(?:period|term)\s+of\s+|the\s+(?:next\s+)?)?"
    r"(?P<n>" + _COUNT + r")\s+(?:\(\d+\)\s+)?(?:financial\s+)?years?\b|"
    r"\b(?P<m>" + _COUNT + r")[\s-]years?\s+(?:period|term|contract|deal|programme)", _I)
_TOTAL_WORD = re.compile(r"\btotal|\bin\s+all\b|\boverall\b|\bwhole\b|\baltogether\b|"
                         r"\bover\s+the\s+(?:\w+\s+){0,2}(?:period|term|years?)\b", _I)
_SPEND_WORD = re.compile(r"\bcosts?\b|\bspend\b|\bexpenditure\b|\bcharges?\b|\bfees?\b|"
                         r"\blicen[cs]es?\b|\bsubscriptions?\b|\bfunding\b", _I)
_FUNDED_FROM = re.compile(
    r"\b(?:funded|met|paid|financed|covered|resourced)\s+(?:for\s+)?(?:from|by|through|within|"
    r"out\s+of)\s+(?:the\s+)?(?:[\w&/()-]+\s+){0,5}?(?P<k>revenue|capital)\b|"
    r"\bfrom\s+(?:the\s+|its\s+)?(?:[\w&/()-]+\s+){0,4}?(?P<j>revenue|capital)\s+budgets?\b", _I)
_WIDER_LEAD = re.compile(r"\b(?:plan|programme|portfolio|envelope|allocation)\s*(?:of|is|was|"
                         r"totals?|totalling|stands\s+at)?\s*(?:up\s+to\s+)?$", _I)
# "from the £20m Technology Capital Plan allocation", "against a budget of £500k".
_SOURCE_LEAD = re.compile(r"\b(?:from|within|of)\s+(?:the|its|an?|our)\s*$", _I)
_SOURCE_AFTER = re.compile(r"^\s*(?:[\w&/()-]+\s+){0,4}?(?:plan|programme|portfolio|envelope|"
                           r"allocation|budget|fund)s?\b", _I)
_BUDGET_LEAD = re.compile(r"\bagainst\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}budget\s+of\s*$", _I)
# Money coming in is not spend: a grant accepted, income, receipts from a sale.
_INCOME_LEAD = re.compile(r"\b(?:receipts?\s+of|income\s+of|grant\s+(?:funding\s+|income\s+|"
                          r"award\s+)?of|awarded\s+to\s+MOPAC)\b[^£]{0,60}$", _I)
# "accept", "receive" only of money given: a tender accepted is spend.
_TAKING_LEAD = re.compile(r"\b(?:receive[ds]?|receiving|receipt|accept(?:s|ed|ing|ance)?)\b[^£]{0,60}$",
                          _I)
_GIVEN = re.compile(r"\b(?:grants?|funding|income|donations?|contributions?|sponsorship)\b", _I)
_INCOME_AFTER = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:grant\s+(?:funding\s+)?from|"
                           r"income|receipts?\b|from\s+the\s+(?:Home\s+Office|Ministry|"
                           r"Government|Department|Mayor's\s+Office\s+for\s+Policing)\b)", _I)
_HISTORY_AFTER = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,3}?(?:has|have|had|was|were)\s+(?:already\s+)?(?:been\s+)?"
    r"(?:spent|approved|agreed|allocated|committed)\b|(?:already\s+|previously\s+)?"
    r"(?:spent|approved|agreed|committed)\s+(?:to\s+date|previously|under|in|by)\b|"
    r"(?:already|previously)\s+(?:spent|approved|agreed|committed)\b|to\s+date\b)", _I)
_HISTORY_LEAD = re.compile(
    r"\b(?:previously|prior|last\s+year|to\s+date|already|original(?:ly)?|outturn|"
    r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:approved|spent|agreed)|"
    r"(?:under|in|by)\s+(?:PCD|DMPCD)\s*\d+)\b", _I)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _period(text: str) -> int | None:
    m = _PERIOD.search(text)
    if not m:
        return None
    n = _count(m.group("n") or m.group("m"))
    return n if 1 <= n <= 30 else None


def _alike(a: int, b: int, tol: int) -> bool:
    return abs(a - b) <= tol


# A unit rate ("£800 per device", "£45 each", "the unit cost of £800") is not a sum asked for.
_RATE_AFTER = re.compile(r"^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:per|a)\s+(?!annum\b|year\b|financial\b|"
                         r"cent\b|total\b|period\b|term\b)[a-z]+\b|each\b|apiece\b|monthly\b|"
                         r"weekly\b)", _I)
_RATE_BEFORE = re.compile(r"\b(?:per\s+(?!annum\b|year\b)[a-z]+|unit\s+(?:cost|price)|each)\s+"
                          r"(?:\w+\s+)?(?:is|of|at|was|will\s+be)\s*(?:around\s+|about\s+)?$", _I)


def _rates(text: str, sent: tuple[int, int], amounts: list[Amount]) -> None:
    for k, a in enumerate(amounts):
        if a.pence is None or a.kind in ("threshold", "placeholder"):
            continue
        nxt = amounts[k + 1].start if k + 1 < len(amounts) else sent[1]
        prev = amounts[k - 1].end if k else sent[0]
        if _RATE_AFTER.match(text[a.end:nxt]) or _RATE_BEFORE.search(text[max(prev, a.start - 60):a.start]):
            a.role = "mention"


def _per_annum(text: str, sent: tuple[int, int], amounts: list[Amount],
               range_years: int | None) -> None:
    """Yearly amounts, their period, and the whole-period total stated beside them."""
    s, e = sent
    for k, a in enumerate(amounts):
        if a.pence is None or a.kind in ("threshold", "placeholder"):
            continue
        nxt = amounts[k + 1].start if k + 1 < len(amounts) else e
        prev = amounts[k - 1].end if k else s
        if not (_PER_ANNUM_AFTER.match(text[a.end:nxt])
                or _PER_ANNUM_BEFORE.search(text[max(prev, a.start - 60):a.start])):
            continue
        a.basis = "per_annum"
        a.period_years = _period(text[a.end:e]) or _period(text[prev:a.start]) or range_years
        if a.kind in ("other", "total") and _SPEND_WORD.search(text[s:e]):
            a.kind = "revenue"  # a yearly cost of running something is revenue
    for a in amounts:
        if a.basis != "per_annum" or not a.pence:
            continue
        tol = tolerance(a.raw)
        for t in amounts:
            if t is a or t.pence is None or t.basis == "per_annum" or t.pence <= a.pence \
                    or t.kind in ("threshold", "placeholder", "headroom"):
                continue
            n = a.period_years or round(t.pence / a.pence)
            if not 2 <= n <= 30 or not _alike(t.pence, n * a.pence, tolerance(t.raw) + n * tol):
                continue
            lo, hi = min(a.end, t.end), max(a.start, t.start)
            if not (_TOTAL_WORD.search(text[lo:hi]) or _TOTAL_WORD.search(
                    text[t.end:min(e, t.end + 30)]) or a.period_years):
                continue
            # "£410k per annum for four years (£1.64m in total)": one ask, the total.
            spend = a.kind if a.kind in ("capital", "revenue", "contract") else t.kind
            t.kind = spend if spend not in ("total", "other") else "revenue"
            a.kind = t.kind
            t.role, t.period_years = "ask", n
            a.role, a.period_years, a.whole_pence = "component", n, t.pence
            break
        else:
            if a.period_years:
                a.whole_pence = a.pence * a.period_years


def _breakdown(amounts: list[Amount]) -> None:
    """A total stated with the parts it is made of: the parts are components when they are
    all of one kind (a mixed capital + revenue total stays a total of both)."""
    asks = [a for a in amounts if a.pence and a.role == "ask" and a.basis == "whole"
            and a.kind in ("capital", "revenue", "contract", "total", "other")]
    if not 3 <= len(asks) <= 12:
        return
    for t in sorted(asks, key=lambda a: -(a.pence or 0)):
        rest = [a for a in asks if a is not t and (a.pence or 0) < (t.pence or 0)]
        total = sum(a.pence or 0 for a in rest)
        if len(rest) < 2 or not _alike(total, t.pence or 0,
                                       tolerance(t.raw) + sum(tolerance(a.raw) for a in rest)):
            continue
        kinds = {a.kind for a in rest} - {"other", "total"}
        if not kinds and t.kind in ("capital", "revenue", "contract"):
            kinds = {t.kind}  # "£1.2m and £0.8m, a total of £2m of revenue"
        if len(kinds) == 1 and t.kind in ("total", "other", *kinds):
            t.kind = kinds.pop()
            for a in rest:
                a.kind, a.role = t.kind, "component"
        return


def _headroom(text: str, sent: tuple[int, int], amounts: list[Amount]) -> None:
    """A contract value with its headroom: the value shown with the headroom it includes."""
    s, e = sent
    heads = [a for a in amounts if a.kind == "headroom" and a.pence]
    contracts = [a for a in amounts if a.kind == "contract" and a.pence]
    for h in heads:
        h.role = "component"
    if not heads:
        m = _HEADROOM_PCT.search(text, s, e)
        if not m or not contracts:
            return
        pct = float(m.group("p") or m.group("q"))
        priced = [a for a in amounts if a.pence and a.kind not in ("threshold", "placeholder")]
        for t in priced:
            for b in priced:
                if b is not t and _alike(round((b.pence or 0) * (1 + pct / 100)), t.pence or 0,
                                         tolerance(t.raw) + tolerance(b.raw)):
                    # "£273,000 (£227,500 plus 20% headroom)": the value and its base.
                    t.kind, t.role, t.headroom_pence = "contract", "ask", (t.pence or 0) - (b.pence or 0)
                    b.kind, b.role = "contract", "component"
                    return
        c = contracts[0]
        assert c.pence is not None
        if _INCLUDING.search(text, s, e):
            c.headroom_pence = c.pence - round(c.pence / (1 + pct / 100))
        else:
            c.headroom_pence = round(c.pence * pct / 100)
            c.whole_pence = c.pence + c.headroom_pence
        return
    h = heads[0]
    assert h.pence is not None
    others = [a for a in amounts if a.pence and a is not h and a.kind not in ("threshold",)]
    for t in others:
        for b in others:
            if b is not t and _alike((b.pence or 0) + h.pence, t.pence or 0,
                                     tolerance(t.raw) + tolerance(b.raw) + tolerance(h.raw)):
                t.kind, t.role, t.headroom_pence = "contract", "ask", h.pence
                b.kind, b.role = "contract", "component"
                return
    before = [c for c in contracts if c.start < h.start]
    c = before[-1] if before else (contracts[0] if contracts else None)
    if c is None or c.pence is None:
        return
    between = text[min(c.end, h.end):max(c.start, h.start)]
    c.headroom_pence = h.pence
    if not _INCLUDING.search(between):
        c.whole_pence = c.pence + h.pence  # "£1.2m plus £120k headroom": worth £1.32m


def _funded(text: str, sent: tuple[int, int], amounts: list[Amount]) -> None:
    m = _FUNDED_FROM.search(text, sent[0], sent[1])
    if not m:
        return
    for a in amounts:
        if a.kind == "contract" and a.role == "ask":
            a.funded_from = (m.group("k") or m.group("j")).lower()


def _mentions(text: str, sent: tuple[int, int], amounts: list[Amount]) -> None:
    """Amounts that are the wider plan or history, not this paper's ask."""
    s, _ = sent
    for k, a in enumerate(amounts):
        if a.kind not in ("capital", "revenue", "contract", "total", "other") or a.role != "ask":
            continue
        lead = text[max(s, a.start - 80, amounts[k - 1].end if k else s):a.start]
        lead = lead[max(lead.rfind(";"), lead.rfind(":")) + 1:]  # its own clause
        tail = text[a.end:amounts[k + 1].start if k + 1 < len(amounts) else sent[1]][:60]
        tail = re.split(r"[;:]", tail, maxsplit=1)[0]
        was = bool(re.search(r"\bfrom\s*$", lead, _I) and re.match(r"\s*to\s*$", tail)
                   and k + 1 < len(amounts))  # "from £1.1m to £1.45m": the old value
        if _WIDER_LEAD.search(lead) or _HISTORY_LEAD.search(lead) or _BUDGET_LEAD.search(lead) \
                or _HISTORY_AFTER.match(tail) or was or (_SOURCE_LEAD.search(lead)
                                                         and _SOURCE_AFTER.match(tail)) \
                or _INCOME_LEAD.search(lead) or _INCOME_AFTER.match(tail) \
                or (_TAKING_LEAD.search(lead) and _GIVEN.search(lead + tail[:40])):
            a.role = "mention"


def read_sentence(text: str, sent: tuple[int, int], amounts: list[Amount],
                  range_years: int | None = None) -> None:
    """Fill in kind, role, basis, period, whole sum, headroom and funding of every amount of
    one sentence (``amounts`` in order, all inside ``text[sent[0]:sent[1]]``).
    ``range_years``: how many financial years a year range in the sentence spans."""
    s, e = sent
    whole = _Sentence.of(text, s, e)
    for k, a in enumerate(amounts):
        if a.pence is None:
            a.kind, a.role = "placeholder", "mention"
            continue
        prev_end = amounts[k - 1].end if k else s
        next_start = amounts[k + 1].start if k + 1 < len(amounts) else e
        a.kind = kind_of(text, a, sent, prev_end, next_start, whole)
        if a.kind == "threshold":
            a.role = "mention"
    if len(amounts) > 40:
        return  # a table of figures: no sentence structure to read
    _rates(text, sent, amounts)
    _per_annum(text, sent, amounts, range_years)
    _headroom(text, sent, amounts)
    _breakdown(amounts)
    _funded(text, sent, amounts)
    _mentions(text, sent, amounts)
