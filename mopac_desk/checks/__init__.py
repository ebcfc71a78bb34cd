"""Readiness checks: Qt-free rules that read one extracted paper and report what a clerk
should fix before the paper goes to its meeting.

``run_checks(paper, lines)`` is called for each paper by ``mopac_desk.pipeline``, after
extraction; ``finding_key`` gives a dismissal a key that survives re-extraction.
"""

from __future__ import annotations

import hashlib
import logging

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from .registry import RULES, Rule

__all__ = ["RULES", "Rule", "finding_key", "run_checks"]

_log = logging.getLogger(__name__)


def finding_key(code: str, quote: str) -> str:
    """The one key of a finding: its rule and the words it quotes, spacing and case aside (not
    its page or order), so a dismissal kept under it survives re-extraction and a new version
    that moves the words to another page."""
    norm = " ".join(quote.split()).lower()
    return f"{code}:{hashlib.sha1(norm.encode('utf-8')).hexdigest()[:12]}"


def run_checks(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Every rule's findings for one paper (``lines``: the paper's lines in reading order,
    ``paper``'s fields, recommendations, costs and parts filled). One finding per key and
    page (the same words flagged on two pages are two findings: twins)."""
    findings: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for rule in RULES:
        try:
            found = rule(paper, lines)
        except Exception:  # one faulty rule must not cost the clerk the paper's extraction
            _log.exception("readiness rule %s failed", getattr(rule, "__name__", rule))
            continue
        for f in found:
            key = (finding_key(f.code, f.quote), f.page)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return findings
