"""Turning what a clerk types into a safe SQLite FTS5 query, and the hits it returns.

Supported: plain words (all must appear), prefixes (``devic*``), phrases (``"end user"``) and
the operators OR / NOT between terms. Anything else (a stray quote, brackets, a colon that
FTS5 would read as a column filter) is neutralised by quoting, so a query never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_WORD = re.compile(r"^\w+$")
_OPERATORS = {"OR", "NOT", "AND"}


#: FTS5 snippet() marks: control characters page text never carries (the text layer is
#: normalised on import), so the marks can be told from the words around them.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


@dataclass
class SearchHit:
    """One search result: which paper, which page (1-based; None if unknown), a snippet
    with the match in [brackets], and where the hit came from (``page``, ``field:<name>``,
    ``recommendation``). ``parts`` is the snippet as (text, is_match) runs, for a view that
    marks the words itself; ``cover`` is True for a hit on a meeting pack's agenda cover,
    which belongs to the pack's file, not to the paper filed first in it. ``places`` is how
    many places of the paper hold the words (set by ``paper_hits``)."""

    paper_id: int
    page: int | None
    source: str
    snippet: str
    reference: str | None
    title: str | None
    stored_path: Path
    parts: list[tuple[str, bool]] = field(default_factory=list)
    cover: bool = False
    file_name: str = ""
    places: int = 1

    @property
    def words(self) -> list[str]:
        """The words matched in the snippet, each once, as written on the page."""
        seen: dict[str, str] = {}
        for text, hit in self.parts:
            if hit and text.strip():
                seen.setdefault(text.strip().lower(), text.strip())
        return list(seen.values())

    @property
    def label(self) -> str:
        """Who the hit is credited to: the paper, or the pack's agenda for a cover page."""
        if self.cover:
            return f"Agenda ({self.file_name} p. {self.page})"
        return self.reference or self.title or f"paper {self.paper_id}"


@dataclass
class PaperMatches:
    """Papers matching a search: ``paper_ids`` best first (bm25 on the paper index), and
    ``covers``, the search rows of hits on meeting packs' agenda covers (credited to the
    pack). The hit shown for a paper comes from ``paper_hits(query, ids)``, asked only for
    the papers on screen."""

    paper_ids: list[int]
    covers: list[int] = field(default_factory=list)


def snippet_parts(marked: str) -> list[tuple[str, bool]]:
    """Split an FTS5 snippet made with :data:`MARK_OPEN`/:data:`MARK_CLOSE` into runs."""
    out: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{MARK_OPEN}{MARK_CLOSE}]", " ".join(marked.split()))):
        if chunk:
            out.append((chunk, i % 2 == 1))
    return out


def bracketed(parts: list[tuple[str, bool]]) -> str:
    """The snippet as one line with the matches in [brackets] (the command line's form)."""
    return "".join(f"[{t}]" if hit else t for t, hit in parts)


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression for ``text`` (empty if there is nothing to search for)."""
    return " ".join(_parts(text))


def _parts(text: str) -> list[str]:
    """The quoted terms and the operators between them."""
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
    return parts


def any_word_query(text: str) -> str:
    """An FTS5 expression for places holding any of the words sought (the words after a
    NOT are not sought): where to show a paper whose words are spread over several places."""
    terms: list[str] = []
    skip = False
    for part in _parts(text):
        if part in _OPERATORS:
            skip = part == "NOT"
            continue
        if not skip:
            terms.append(part)
        skip = False
    return " OR ".join(dict.fromkeys(terms))


def quoted_terms(text: str) -> str:
    """The fallback: every word quoted, all required."""
    words = [w for w in re.findall(r"\w+", text)]
    return " ".join(_quote(w) for w in words) or '""'
