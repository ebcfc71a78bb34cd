"""Readiness checks: Qt-free rules that read one extracted paper and report what a clerk
should fix before the paper goes to its meeting.

``run_checks(paper, lines)`` is called for each paper by ``mopac_desk.pipeline``, after
extraction; ``finding_key`` gives a dismissal a key that survives re-extraction.
"""

from __future__ import annotations

import logging
import re

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from .registry import RULES, Rule

__all__ = ["RULES", "Rule", "finding_key", "run_checks"]

_log = logging.getLogger(__name__)


def finding_key(finding: Finding) -> str:
    """A stable key for a finding: its code, page and quote with case, spacing and
    punctuation differences removed, so a dismissal still matches after re-extraction."""
    quote = " ".join(re.findall(r"[0-9a-z£%]+", finding.quote.lower()))
    return f"{finding.code}:{finding.page}:{quote}"


def run_checks(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Every rule's findings for one paper (``lines``: the paper's lines in reading order,
    ``paper``'s fields, recommendations, costs and parts filled). One finding per key."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for rule in RULES:
        try:
            found = rule(paper, lines)
        except Exception:  # one faulty rule must not cost the clerk the paper's extraction
            _log.exception("readiness rule %s failed", getattr(rule, "__name__", rule))
            continue
        for f in found:
            key = finding_key(f)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return findings
