"""Turning what a clerk types into a safe SQLite FTS5 query, and the hits it returns.

Supported: plain words (all must appear), prefixes (``devic*``), phrases (``"end user"``) and
the operators OR / NOT between terms. Anything else (a stray quote, brackets, a colon that
FTS5 would read as a column filter) is neutralised by quoting, so a query never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_WORD = re.compile(r"^\w+$")
_OPERATORS = {"OR", "NOT", "AND"}


@dataclass
class SearchHit:
    """One search result: which paper, which page (1-based; None if unknown), a snippet
    with the match in [brackets], and where the hit came from (``page``, ``field:<name>``,
    ``recommendation``)."""

    paper_id: int
    page: int | None
    source: str
    snippet: str
    reference: str | None
    title: str | None
    stored_path: Path


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression for ``text`` (empty if there is nothing to search for)."""
    parts: list[str] = []
    for raw in _TOKEN.findall(text):
        if raw.startswith('"'):
            inner = raw.strip('"').strip()
            if re.search(r"\w", inner):
                parts.append(_quote(inner))
            continue
        if raw in _OPERATORS:
            # an operator needs a term on both sides
            if parts and parts[-1] not in _OPERATORS:
                parts.append(raw)
            continue
        if raw.endswith("*") and _WORD.match(raw.rstrip("*")):
            parts.append(_quote(raw.rstrip("*")) + "*")
        elif re.search(r"\w", raw):
            parts.append(_quote(raw))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts)


def quoted_terms(text: str) -> str:
    """The fallback: every word quoted, all required."""
    words = [w for w in re.findall(r"\w+", text)]
    return " ".join(_quote(w) for w in words) or '""'
