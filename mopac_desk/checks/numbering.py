"""Rule ``numbering``: a numbered paragraph whose predecessor is missing."""

from __future__ import annotations

import re

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from .sections import is_heading, missing_sections
from .text import split_parts

_NUMBERED = re.compile(r"^\s*(?P<major>\d{1,2})\.(?:(?P<minor>\d{1,2})\.?)?\s+\S")
# How far right of the part's left margin a paragraph number may start (continuation lines
# are indented further, and a year or count at their start is not a paragraph number).
_MARGIN = 12.0


class _Run:
    """Numbers in reading order. A restart at 1, or a return to a number whose predecessor
    came earlier (templates pasted together restart or resume their numbering), is allowed;
    a jump forward over a number that never appeared is a skip."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.prev: int | None = None

    def skipped(self, n: int) -> bool:
        bad = (self.prev is not None and n > self.prev + 1 and n != 1
               and (n - 1) not in self.seen)
        self.seen.add(n)
        self.prev = n
        return bad


def numbering(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Paragraph numbers that skip ("4." then "6."), per part, and sub-numbers ("2.1." then
    "2.3.") within their section. Restarts are not findings: the fixture papers restart in
    their Legal Comments and that is how the IAM template is used."""
    findings = []
    for part in split_parts(paper, lines):
        if not part.lines:
            continue
        margin = min(ln.x0 for ln in part.lines)
        # A section cut out whole takes its paragraph numbers with it: the gap after the
        # heading that follows it is the same problem, which ``sections`` already reports.
        section_gone = bool(missing_sections(part))
        majors = _Run()
        minors: dict[int, _Run] = {}
        for i, ln in enumerate(part.lines):
            m = _NUMBERED.match(ln.text)
            if not m or ln.x0 > margin + _MARGIN or ln.footnote:
                continue
            major = int(m.group("major"))
            if m.group("minor") is None:
                bad, label = majors.skipped(major), f"{major}."
                expected = f"{major - 1}."
            else:
                minor = int(m.group("minor"))
                run = minors.setdefault(major, _Run())
                bad, label = run.skipped(minor), f"{major}.{minor}."
                expected = f"{major}.{minor - 1}."
            if bad and section_gone and i > 0 and is_heading(part.lines[i - 1]):
                continue
            if bad:
                findings.append(Finding(
                    code="numbering", severity="warning",
                    message=f"Paragraph {label} follows a gap: paragraph {expected} is missing.",
                    page=ln.page, quote=ln.text.strip(), rects=ln.rects_for(0, len(ln.text))))
    return findings

