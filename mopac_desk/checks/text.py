"""Shared helpers for the rules: a paper's body text, its parts, and findings anchored to text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from ..extract.stream import TextStream

_REPORT_HEAD = re.compile(
    r"Investment\s+Advisory\s*(&|and)\s*Monitoring\s+(meeting|board|group)", re.IGNORECASE)
_DECISION_HEAD = re.compile(r"^\s*(DMPC|Deputy\s+Mayor\s+for\s+Policing\s+and\s+Crime)\s+Decision\b",
                            re.IGNORECASE)


def body_lines(lines: list[Line]) -> list[Line]:
    """Lines without running headers and footers (a page number is never a finding)."""
    return [ln for ln in lines if not ln.running]


@dataclass
class PartLines:
    """The body lines of one part of a paper ("decision", "report", ...)."""

    kind: str
    lines: list[Line]


def split_parts(paper: Paper, lines: list[Line]) -> list[PartLines]:
    """The paper's lines cut into its parts by page range.

    Without parts (hand-made papers in tests, or an unrecognised layout) the kind is guessed
    from the text: an IAM meeting line means a report, a DMPC decision heading a decision form.
    """
    body = body_lines(lines)
    if paper.parts:
        out: list[PartLines] = []
        used: set[int] = set()
        for part in paper.parts:
            taken = [ln for ln in body if part.first_page <= ln.page <= part.last_page
                     and id(ln) not in used]
            used.update(id(ln) for ln in taken)
            out.append(PartLines(part.kind, taken))
        return [p for p in out if p.lines]
    decision = any(_DECISION_HEAD.match(ln.text) for ln in body)
    report = any(_REPORT_HEAD.search(ln.text) for ln in body)
    kind = "decision" if decision and not report else "report" if report and not decision else "other"
    return [PartLines(kind, body)] if body else []


def finding_at(code: str, severity: str, message: str, stream: TextStream,
               start: int, end: int, quote: str | None = None) -> Finding:
    """A finding whose quote is ``stream.text[start:end]`` (line breaks read as spaces)."""
    text = quote if quote is not None else " ".join(stream.text[start:end].split())
    return Finding(code=code, severity=severity, message=message, page=stream.page_at(start),
                   quote=text, rects=stream.rects(start, end))


def finding_on_line(code: str, severity: str, message: str, line: Line,
                    start: int = 0, end: int | None = None) -> Finding:
    """A finding quoting ``line.text[start:end]``."""
    end = len(line.text) if end is None else end
    return Finding(code=code, severity=severity, message=message, page=line.page,
                   quote=line.text[start:end].strip(), rects=line.rects_for(start, end))


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: how two mentions are compared."""
    text = text.lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))
