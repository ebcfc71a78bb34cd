"""Dates as papers write them, read day-first (UK) into ISO ``YYYY-MM-DD``.

"9th April 2021", "31st Oct 2019", "19/04/21", "28/4/2021", "by the end of May 2025"
(last day of May), "by April 2025" (last day of April). "[Date]" and friends are placeholders.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as du_parser

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY_MONTH_YEAR = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}\s?(?:st|nd|rd|th)?"
                   r"(?:\s+of)?\s+" + _MONTHS + r"\.?,?\s+\d{4}")
_MONTH_DAY_YEAR = _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
_NUMERIC = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
_MONTH_YEAR = r"(?:(?:the\s+)?end\s+of\s+)?" + _MONTHS + r"\.?,?\s+\d{4}"
_ISO = r"\d{4}-\d{2}-\d{2}"

_DATE = re.compile(
    r"(?<![\w/])(?:(?P<iso>" + _ISO + r")|(?P<dmy>" + _DAY_MONTH_YEAR + r")|(?P<mdy>"
    + _MONTH_DAY_YEAR + r")|(?P<num>" + _NUMERIC + r")|(?P<my>" + _MONTH_YEAR + r"))(?![\w/])",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"\[\s*(?:date|dd[/.\-]mm[/.\-]yy(?:yy)?|insert\s+date|tbc|day\s+month\s+year)\s*\]"
    r"|\bdd[/.\-]mm[/.\-]yy(?:yy)?\b|\bxx[/.\-]xx[/.\-]xx(?:xx)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """One date in text; ``iso`` is None for a placeholder such as "[Date]"."""

    start: int
    end: int
    raw: str
    iso: str | None


def _month_end(d: datetime) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def parse_date(raw: str) -> str | None:
    """ISO date for one written date, or None (placeholders, nonsense, impossible dates)."""
    m = _DATE.fullmatch(raw.strip())
    if not m:
        return None
    return _iso(m)


def _iso(m: re.Match[str]) -> str | None:
    # A paper writes the same few dates again and again, and dateutil takes a fifth of a
    # millisecond each: each written form is read once (today's date is in the key, as it
    # fills what a date leaves out).
    return _iso_of(m.group(0), bool(m.group("my")), bool(m.group("iso")),
                   bool(m.group("num")), date.today())


@lru_cache(maxsize=1024)
def _iso_of(text: str, month_year: bool, iso: bool, numeric: bool,
            today: date) -> str | None:
    try:
        if month_year:
            # A month alone means "by the end of that month".
            core = re.sub(r"^(?:the\s+)?end\s+of\s+", "", text, flags=re.IGNORECASE)
            parsed = du_parser.parse(core, dayfirst=True, default=datetime(2000, 1, 1))
            return _month_end(parsed).isoformat()
        if iso:
            return date.fromisoformat(text).isoformat()
        core = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text.replace(" of ", " "))
        parsed = du_parser.parse(core, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if numeric and len(re.split(r"[/.\-]", text)[-1]) == 2:
        # Two-digit years are this century in papers.
        parsed = parsed.replace(year=2000 + parsed.year % 100)
    return parsed.date().isoformat()


def find_dates(text: str) -> list[DateMatch]:
    """Every date and date placeholder in ``text``, in order. Never raises."""
    found = [DateMatch(m.start(), m.end(), m.group(0), _iso(m)) for m in _DATE.finditer(text)]
    found = [f for f in found if f.iso is not None]
    found += [DateMatch(m.start(), m.end(), m.group(0), None) for m in _PLACEHOLDER.finditer(text)]
    found.sort(key=lambda f: f.start)
    return found
