"""Rule ``placeholder``: template text left in a paper."""

from __future__ import annotations

import re

from ..extract.lines import Line, load_spans
from ..extract.model import Finding, Paper
from ..extract.stream import TextStream
from .text import body_lines, finding_at, finding_on_line

# Bracketed words that belong in a finished paper: security classification descriptors
# ("OFFICIAL-SENSITIVE [COMMERCIAL]"), editorial marks, and footnote or list markers.
_LEGIT_BRACKETED = frozenset({
    "commercial", "personal", "legal", "security", "sensitive", "official", "official sensitive",
    "restricted", "confidential", "secret", "top secret", "locsen", "sic", "redacted", "exempt",
    "operational", "contracts", "investigation", "medical", "staff", "hr", "appointments",
    "budget", "policy", "uk eyes only", "recipients only",
})
# A caveat in brackets right after a protective marking ("OFFICIAL-SENSITIVE [OPERATIONAL]")
# is part of the marking, whatever its word.
_MARKING_BEFORE = re.compile(r"\b(?:OFFICIAL|SENSITIVE|SECRET|PUBLIC|RESTRICTED)\s*[-–—:]?\s*$")
_CAVEAT = re.compile(r"^[A-Z][A-Z \-/&]{1,40}$")
# One line break allowed inside: a bracketed role can wrap.
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,80}?(?:\n[^\[\]\n]{0,60}?)?)\]")
_FOOTNOTE_MARK = re.compile(r"^\s*(\d{1,3}|[a-z]|[ivxlc]{1,5})\s*$", re.IGNORECASE)
# Each pattern with a piece of text (case-folded) that any match holds: a paper without
# it is not searched, which spares scanning every paper with every pattern.
_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"£\s?[xX]+(?:[.,][xX]+)*(?:\s?(?:m|k|bn|million)\b)?"), "£",
     "An amount is still the template's '{q}'."),
    (re.compile(r"(?<![£A-Za-z0-9/])(?:\d{1,4})?[xX]{2,}(?:[/.\-](?:[xX]{2,4}|\d{2,4}))*(?![A-Za-z])"),
     "xx", "'{q}' looks like template text that was never filled in."),
    (re.compile(r"\bTB[CAD]\b"), "tb", "'{q}' (to be confirmed) is still in the paper."),
    (re.compile(r"\bYES\s*/\s*NO\b", re.IGNORECASE), "yes", "The choice '{q}' was never resolved."),
)
_DEFERRED_YES = re.compile(r"\bdeferred\b[^\n]*?\?\s*[-–:]?\s*YES\b", re.IGNORECASE)
_UNTIL = re.compile(r"^\s*Until\s+what\s+date\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_NO_DATE = re.compile(r"^(n/?a|none|-|–|\.+|_+)?$", re.IGNORECASE)
_DATE_START = re.compile(r"^\s*(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
                         re.IGNORECASE)


def _bracket_is_placeholder(inner: str) -> bool:
    words = " ".join(inner.replace("-", " ").split()).lower()
    if not re.search(r"[A-Za-z]", inner) or _FOOTNOTE_MARK.match(inner):
        return False
    return words not in _LEGIT_BRACKETED


def placeholder(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Template placeholders: "[Date]", "[Name]", a bracketed role, "£xxxx", "XX", "TBC",
    an unresolved "YES/NO", and an empty "Until what date:" after a YES to deferral."""
    body = body_lines(lines)
    stream = TextStream(body)
    text = stream.text
    spans: list[tuple[str, int, int]] = []  # (message, start, end)
    for m in _BRACKETED.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _CAVEAT.match(m.group(1)) and _MARKING_BEFORE.search(text, line_start, m.start()):
            continue
        if _bracket_is_placeholder(m.group(1)):
            q = " ".join(m.group(0).split())
            spans.append((f"'{q}' is a template placeholder that was never filled in.",
                          m.start(), m.end()))
    taken: list[tuple[int, int]] = []
    folded = text.casefold()
    for pattern, needle, message in _PATTERNS:
        if needle not in folded:
            continue
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue  # "£xxxx" is one finding, not also an "XX" one
            taken.append((m.start(), m.end()))
            q = " ".join(m.group(0).split())
            spans.append((message.format(q=q), m.start(), m.end()))
    load_spans(piece for _, start, end in spans for piece in stream.pieces(start, end))
    found = [finding_at("placeholder", "error", message, stream, start, end)
             for message, start, end in spans]
    if "deferred" in folded and _DEFERRED_YES.search(text):
        for i, ln in enumerate(body):
            m = _UNTIL.match(ln.text)
            nxt = body[i + 1].text if i + 1 < len(body) else ""
            if m and _NO_DATE.match(m.group("rest").strip()) and not _DATE_START.match(nxt):
                found.append(finding_on_line(
                    "placeholder", "error",
                    "Publication is deferred but no date is given after 'Until what date:'.", ln))
    found.sort(key=lambda f: (f.page, -f.rects[0][3] if f.rects else 0))
    return found
