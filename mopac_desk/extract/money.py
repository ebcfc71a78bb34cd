"""Sterling amounts in paper text, parsed exactly into integer pence.

"£14,700,000", "£14.7M", "£0.830m", "£16,431k", "£277.5k", "£2.025 million", "£1.2bn", "£25m".
Amounts written as placeholders ("£xxxx", "£XXm", "£[x]", "£TBC") are found with no value.
Arithmetic is Decimal throughout: a float would turn "£0.830m" into 829,999.99.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SCALES: dict[str, Decimal] = {
    "k": Decimal(1_000), "thousand": Decimal(1_000),
    "m": Decimal(1_000_000), "mn": Decimal(1_000_000), "mil": Decimal(1_000_000),
    "million": Decimal(1_000_000), "millions": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000), "b": Decimal(1_000_000_000), "billion": Decimal(1_000_000_000),
}

# A number: grouped thousands ("14,700,000"), plain digits, optional decimals.
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# Word scales may follow a space ("£2.025 million"); letter scales stick to the number.
_SCALE = r"(?:\s?(?P<word>thousand|millions?|billion)\b|\s?(?P<abbr>bn|mn|mil|m|k|b)(?![a-z]))"
_AMOUNT = re.compile(r"£\s?" + _NUMBER + r"(?:" + _SCALE + r")?", re.IGNORECASE)
# "£xxxx", "£XXm", "£x.xm", "£[x]", "£[amount]", "£TBC", "£?", "£__", "£ TBC", "£…"
_PLACEHOLDER = re.compile(
    r"£\s?(?:\[[^\]\n]{0,30}\]|\(?(?:tbc|tbd|tba)\)?\b|[x?_#*…]+(?:[.,][x?_#*]+)*"
    r"(?:\s?(?:thousand|million|billion)\b|(?:bn|mn|m|k)(?![a-z]))?)",
    re.IGNORECASE,
)

_PARTLY_FILLED = re.compile(r"£\s?\d[\d,.]*[x?]+\w*", re.IGNORECASE)


@dataclass(frozen=True)
class MoneyMatch:
    """One sterling amount found in text: ``amount_pence`` is None for a placeholder."""

    start: int
    end: int
    raw: str
    amount_pence: int | None

    @property
    def is_placeholder(self) -> bool:
        return self.amount_pence is None


def parse_amount(raw: str) -> int | None:
    """Exact pence for one written amount ("£14.7M" -> 1_470_000_000); None if not an amount."""
    m = _AMOUNT.fullmatch(raw.strip())
    if not m:
        return None
    return _pence(m)


def _pence(m: re.Match[str]) -> int | None:
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    scale = (m.group("word") or m.group("abbr") or "").lower()
    value *= _SCALES.get(scale, Decimal(1))
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def find_money(text: str) -> list[MoneyMatch]:
    """Every sterling amount and placeholder in ``text``, in order. Never raises."""
    found: list[MoneyMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _AMOUNT.finditer(text):
        raw = m.group(0).rstrip()
        # "£1,2" style broken grouping is still a number, but a trailing placeholder letter
        # ("£1xx") means the writer has not filled it in yet.
        if re.match(r"[x?]", text[m.end():m.end() + 1], re.IGNORECASE) and not m.group("abbr") \
                and not m.group("word"):
            continue
        pence = _pence(m)
        if pence is None:
            continue
        found.append(MoneyMatch(m.start(), m.start() + len(raw), raw, pence))
        taken.append((m.start(), m.end()))
    for m in _PLACEHOLDER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        raw = m.group(0).rstrip()
        found.append(MoneyMatch(m.start(), m.start() + len(raw), raw, None))
    starts = {f.start for f in found}
    for m in _PARTLY_FILLED.finditer(text):
        # "£1xx": digits then placeholder letters.
        if m.start() not in starts and not any(s <= m.start() < e for s, e in taken):
            found.append(MoneyMatch(m.start(), m.end(), m.group(0), None))
    found.sort(key=lambda f: f.start)
    return found


def format_pence(pence: int, notation: str = "full") -> str:
    """Write ``pence`` as a paper would: notation is full ("£14,700,000"), m, M, k, bn,
    million or plain ("£14700000"). Used by tests and summaries."""
    value = Decimal(pence) / 100
    if notation == "full":
        return f"£{value:,.2f}".replace(".00", "") if pence % 100 == 0 else f"£{value:,.2f}"
    if notation == "plain":
        return f"£{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"£{value:f}"
    scale = {"m": "m", "M": "M", "k": "k", "bn": "bn", "million": " million"}[notation]
    divisor = _SCALES[notation.lower()]
    num = format((value / divisor).normalize(), "f")
    return f"£{num}{scale}"


_SCALED = re.compile(r"(?P<int>\d[\d,]*)(?:\.(?P<dec>\d+))?\s?(?P<scale>bn|billion|m|mn|mil|million|k|thousand)\b",
                     re.IGNORECASE)
_SCALE_PENCE = {"b": 100_000_000_000, "m": 100_000_000, "k": 100_000, "t": 100_000}


def tolerance(raw: str) -> int:
    """Half a unit of the last digit ``raw`` states, in pence: "£1.2m" is right to £50,000."""
    m = _SCALED.search(raw)
    if not m:
        return 100
    scale = _SCALE_PENCE[m.group("scale")[0].lower()]
    if not m.group("dec"):
        # "£47m" may round £46.763m, but "£5m" is seldom a rounded £5.4m: allow 2.5%.
        return int(m.group("int").replace(",", "")) * scale // 40
    return scale // (10 ** len(m.group("dec"))) // 2
