"""Rule ``acronym_mismatch``: an acronym or short name defined two different ways in one
paper ("Police Cloud Gateway (PCG)" and, later, "Police Criminal Gateway the (PCG)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.lines import Line, load_spans
from ..extract.model import Finding, Paper
from ..extract.stream import TextStream
from .text import body_lines

# "(PCG)", "(the PCG)", "(CJX)", "(MoPAC)", "(G4S)": two or more capitals among letters/digits.
_ACRONYM = re.compile(r"\(\s*(?:the\s+)?(?P<ab>(?=[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z])"
                      r"[A-Za-z][A-Za-z0-9&]{1,9})\s*\)")
# '(the "Gateway")', '(hereafter “the Programme”)': a short name in quotes.
_SHORT_NAME = re.compile(r"\(\s*(?:hereafter\s+|together\s+|jointly\s+)?(?:the\s+)?[\"“‘']"
                         r"(?:the\s+)?(?P<name>[A-Za-z][\w &-]{1,30}?)[\"”’']\s*\)")
_WORD = re.compile(r"[A-Za-z][\w'’&-]*|&")
_STOP = frozenset({"the", "of", "and", "for", "&", "a", "an", "in", "on", "to", "at", "by"})
# Small words that may stand inside a name ("Office for Policing and Crime"); "the" starts one.
_INSIDE = frozenset({"of", "and", "for", "&"})
_MAX_WORDS = 14


@dataclass
class _Definition:
    short: str
    expansion: str
    start: int  # of the expansion in the stream
    end: int  # of the bracket


def _words_before(text: str, at: int) -> list[re.Match[str]]:
    """The words of the clause before ``at`` (no further back than its sentence)."""
    start = max(0, at - 200)
    clause = text[start:at]
    stop = max(clause.rfind(c) for c in ".;:()[]\"“”")
    if stop >= 0:
        start += stop + 1
    return list(_WORD.finditer(text, start, at))[-_MAX_WORDS:]


def _capitals(word: str) -> str:
    caps = "".join(ch for ch in word if ch.isupper() or ch.isdigit())
    return caps if len(caps) > 1 else word[0].upper()


def _spell(words: list[str], letters: str) -> int | None:
    """How many of the last ``words`` spell ``letters`` by their initials (stop words may
    be skipped or give a letter), or None when they do not."""
    def go(i: int, j: int) -> int | None:
        if j == 0:
            return i
        if i == 0:
            return None
        word = words[i - 1]
        caps = _capitals(word)
        for piece in dict.fromkeys((caps, caps[0])):
            if letters[:j].endswith(piece):
                got = go(i - 1, j - len(piece))
                if got is not None:
                    return got
        if word.lower() in _STOP or word[0].islower():
            return go(i - 1, j)  # "and", "the", "meeting": words that give no letter
        return None

    first = go(len(words), len(letters))
    if first is None:
        return None
    while first < len(words) and words[first].lower() in _STOP:
        first += 1  # the expansion starts at a word of its own, not "the"
    return first


def _norm(text: str) -> str:
    """The words that make a definition, compared: small words, plurals and trailing
    lower-case words ("Investment Advisory and Monitoring meeting") left out."""
    words = _WORD.findall(text.replace("-", " "))
    while words and words[-1][0].islower():
        words.pop()
    return " ".join(w.lower().rstrip("s") for w in words if w.lower() not in _STOP)


def _alike(a: str, b: str) -> bool:
    """Two definitions that are one name written differently: word for word the same stem
    ("Finance"/"Financial Officer"), or one with a trailing word more ("... Monitoring Board")."""
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    if n == 0 or abs(len(wa) - len(wb)) > 1:
        return a == b
    return all(x == y or (len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5])
               for x, y in zip(wa[:n], wb[:n]))


def _definitions(text: str) -> list[_Definition]:
    out: list[_Definition] = []
    for m in _ACRONYM.finditer(text):
        short = m.group("ab")
        letters = "".join(ch for ch in short if ch.isupper() or ch.isdigit())
        words = _words_before(text, m.start())
        first = _spell([w.group(0) for w in words], letters)
        if first is None or first >= len(words):
            continue
        start = words[first].start()
        out.append(_Definition(short, " ".join(text[start:m.start()].split()), start, m.end()))
    for m in _SHORT_NAME.finditer(text):
        words = _words_before(text, m.start())
        # The name is the run of capitalised words (with small words inside) before it.
        k = len(words)
        while k > 0 and (words[k - 1].group(0)[0].isupper() or (
                words[k - 1].group(0).lower() in _INSIDE and k < len(words))):
            k -= 1
        while k < len(words) and words[k].group(0).lower() in _STOP:
            k += 1
        if k >= len(words):
            continue
        start = words[k].start()
        out.append(_Definition(" ".join(m.group("name").split()),
                               " ".join(text[start:m.start()].split()), start, m.end()))
    return out


def acronym_mismatch(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Each acronym or short name the paper defines in two different ways: the later
    definition is quoted, the first one given in ``also``."""
    body = body_lines(lines)
    stream = TextStream(body)
    by_short: dict[str, list[_Definition]] = {}
    for d in _definitions(stream.text):
        by_short.setdefault(d.short, []).append(d)
    pairs: list[tuple[_Definition, _Definition]] = []
    for defs in by_short.values():
        first = defs[0]
        seen = [_norm(first.expansion)]
        for d in defs[1:]:
            norm = _norm(d.expansion)
            if not any(_alike(norm, s) for s in seen):
                seen.append(norm)
                pairs.append((first, d))
    load_spans(piece for a, b in pairs for d in (a, b) for piece in stream.pieces(d.start, d.end))
    findings = []
    for first, later in pairs:
        p1, p2 = stream.page_at(first.start), stream.page_at(later.start)
        findings.append(Finding(
            code="acronym_mismatch", severity="warning",
            message=f"'{later.short}' is defined as '{first.expansion}' (page {p1}) and as "
                    f"'{later.expansion}' (page {p2}).",
            page=p2, quote=" ".join(stream.text[later.start:later.end].split()),
            rects=stream.rects(later.start, later.end),
            also=[{"page": p1, "quote": " ".join(stream.text[first.start:first.end].split()),
                   "rects": stream.rects(first.start, first.end)}]))
    return findings
