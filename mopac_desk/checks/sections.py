"""Rule ``sections``: an IAM report without one of its standard sections."""

from __future__ import annotations

import re

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from .text import PartLines, split_parts

# (heading a clerk expects, loose pattern for the heading as papers write it)
STANDARD_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Financial, Commercial and Procurement Comments", re.compile(r"\bfinanc", re.IGNORECASE)),
    ("Legal Comments", re.compile(r"\blegal\b", re.IGNORECASE)),
    ("Equality Comments", re.compile(r"\bequalit|\bdiversity\b", re.IGNORECASE)),
    ("Privacy Comments", re.compile(r"\bprivacy\b|\bgdpr\b|data\s+protection", re.IGNORECASE)),
    ("Real Estate Implications", re.compile(r"\breal\s+estate|\bestates?\b|\bproperty\b",
                                            re.IGNORECASE)),
    ("Environmental Implications", re.compile(r"\benvironment|\bsustainab", re.IGNORECASE)),
)
# The sections follow this heading; the title block above it may well say "Estate" or "Legal".
_BODY_START = re.compile(r"non-confidential\s+facts|introduction\s+and\s+background", re.IGNORECASE)
# ... and end where the report's author and its Part 2 note begin.
_BODY_END = re.compile(r"^\s*(report\s+author|part\s+2\b)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*\.?\s+")
# A report with fewer of the standard sections than this is not laid out on the IAM template
# (a covering note, a fragment): reporting five missing sections would only be noise.
_MIN_PRESENT = 3


# A run-in heading that starts its paragraph: "Legal Comments. MOPAC is a contracting ..."
_RUN_IN = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:[A-Z][\w,&/()'-]*\s+(?:and\s+|of\s+)?){0,7}"
                     r"(?:Comments|Implications|Considerations|Issues)\b\s*[.:–-]")


_RUN_IN_WORDS = ("Comments", "Implications", "Considerations", "Issues")
_AMOUNT_OR_NUMBER = re.compile(r"£|\d{3}")


def heading_text(line: Line) -> str | None:
    """The heading a line holds, whole or run in at its start (None if it holds none)."""
    if is_heading(line):
        return line.text
    if not any(w in line.text for w in _RUN_IN_WORDS):
        return None  # a run-in heading names one of them: spare the pattern
    m = _RUN_IN.match(line.text)
    return m.group(0) if m else None


def is_heading(line: Line) -> bool:
    """A short line that reads as a heading ("Legal Comments", "4. Legal Comments")."""
    if len(line.text.split(None, 10)) > 10:
        return False  # eleven words or more: ten or more even without a paragraph number
    text = _NUMBER.sub("", line.text).strip()
    words = text.split()
    return (0 < len(words) <= 9 and text[0].isupper() and not text.endswith((".", ",", ";"))
            and ":" not in text.rstrip(":") and not _AMOUNT_OR_NUMBER.search(text))


def missing_sections(part: PartLines) -> list[str]:
    """The standard sections an IAM report part has no heading for (none for other parts,
    or for a report not laid out on the IAM template)."""
    if part.kind != "report" or not part.lines:
        return []
    start = next((i for i, ln in enumerate(part.lines) if _BODY_START.search(ln.text)), 0)
    end = next((i for i, ln in enumerate(part.lines) if i > start and _BODY_END.match(ln.text)),
               len(part.lines))
    headings = [h for h in map(heading_text, part.lines[start:end]) if h]
    missing = [name for name, pattern in STANDARD_SECTIONS
               if not any(pattern.search(h) for h in headings)]
    if len(STANDARD_SECTIONS) - len(missing) < _MIN_PRESENT:
        return []
    return missing


def sections(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Each standard section (financial, legal, equality, privacy, real estate,
    environmental) an IAM report has no heading for."""
    findings = []
    for part in split_parts(paper, lines):
        for name in missing_sections(part):
            last = part.lines[-1]
            findings.append(Finding(
                code="sections", severity="warning",
                message=f"The IAM report has no '{name}' section.",
                page=last.page, quote=name, rects=[]))
    return findings
