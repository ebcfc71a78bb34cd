"""Rule ``dates``: a decision due, or signed, before the meeting that considers it."""

from __future__ import annotations

from datetime import date

from ..extract.lines import Line
from ..extract.model import Finding, Paper


def _when(paper: Paper, name: str) -> date | None:
    value = paper.value(name)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def dates(paper: Paper, lines: list[Line]) -> list[Finding]:
    """The decision required by a date before its IAM meeting, or the Deputy Mayor's
    signature dated before that meeting."""
    meeting = _when(paper, "meeting_date")
    if meeting is None:
        return []
    findings = []
    checks = (
        ("decision_required_by", "The decision is required by {d}, before the meeting on {m}."),
        ("decision_signed_on", "The Deputy Mayor's signature is dated {d}, before the meeting "
                               "on {m} that considers the paper."),
    )
    for name, message in checks:
        when = _when(paper, name)
        fv = paper.fields.get(name)
        if when is None or fv is None or when >= meeting:
            continue
        findings.append(Finding(
            code="dates", severity="warning",
            message=message.format(d=f"{when:%d %B %Y}", m=f"{meeting:%d %B %Y}"),
            page=fv.page, quote=fv.quote, rects=list(fv.rects)))
    return findings
