"""Rule ``title_mismatch``: the paper called by another name somewhere inside it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rapidfuzz import fuzz

from ..extract.lines import Line
from ..extract.model import Finding, Paper, RectList
from ..extract.stream import TextStream
from .text import normalise, split_parts

# "Title: …", "Decision title: …", or a form's "Title" cell read with the title beside it.
_TITLE_LINE = re.compile(r"^\s*(?:(?:decision|paper)\s+)?title\s*(?::\s*|\s+(?=[A-Z(]))"
                         r"(?P<title>\S.*?)\s*$", re.IGNORECASE)
_TITLE_ALONE = re.compile(r"^\s*(?:(?:decision|paper)\s+)?title\s*:?\s*$", re.IGNORECASE)
_MEETING_LINE = re.compile(
    r"Investment\s+Advisory\s*(&|and)\s*Monitoring\s+(meeting|board|group)", re.IGNORECASE)
_LETTERHEAD = re.compile(r"^(mopac|mayor of london|office for policing and crime|official\b.*)$",
                         re.IGNORECASE)
_PART2 = re.compile(r"\bPart\s+2\s+of\s+(?:the\s+)?(?P<title>.{3,200}?)\s+(?:is|are)\s+exempt\b",
                    re.IGNORECASE | re.DOTALL)
_NOT_A_TITLE = re.compile(r"^(this|the|that)?\s*(report|paper|decision|form|business case|bjp)s?$",
                          re.IGNORECASE)
# At or above this rapidfuzz ratio two normalised titles are the same title written differently.
_SAME = 85


@dataclass
class Mention:
    """One place where the paper names itself."""

    where: str
    title: str
    page: int
    locate: Callable[[], RectList]  # its rects, read only for a mention that is reported


# Words around a title that are not part of it ("the OneDrive Migration paper").
_GENERIC = re.compile(r"^(the )|( (paper|report|business case|business justification paper|bjp|"
                      r"decision|form|project|programme))+$")


def _core(title: str) -> str:
    return _GENERIC.sub("", normalise(title)).strip()


def _same(a: str, b: str) -> bool:
    na, nb = _core(a), _core(b)
    if not na or not nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    if long_.startswith(short) or (len(short.split()) >= 3 and short in long_):
        return True  # cut short by a line break, or with a word or two around it
    return fuzz.ratio(na, nb) >= _SAME


def _decision_title(body: list[Line]) -> Mention | None:
    for i, ln in enumerate(body):
        m = _TITLE_LINE.match(ln.text)
        if m and not (m.group("title")[:1].islower() and ":" not in ln.text):
            start, end = m.start("title"), m.end("title")
            return Mention("decision form title", m.group("title"), ln.page,
                           lambda: ln.rects_for(start, end))
        if _TITLE_ALONE.match(ln.text) and i + 1 < len(body) and body[i + 1].text.strip():
            nxt = body[i + 1]  # the label alone, the title on the line below
            return Mention("decision form title", nxt.text.strip(), nxt.page,
                           lambda: nxt.rects_for(0, len(nxt.text)))
    return None


def _report_heading(body: list[Line]) -> Mention | None:
    """The heading above the "MOPAC Investment Advisory & Monitoring meeting" line."""
    for i, ln in enumerate(body):
        if not _MEETING_LINE.search(ln.text):
            continue
        picked: list[Line] = []
        j = i - 1
        while j >= 0 and body[j].page == ln.page and len(picked) < 3:
            if _LETTERHEAD.match(body[j].text.strip()) or body[j].text.rstrip().endswith((".", ":")):
                break
            picked.insert(0, body[j])
            j -= 1
        if not picked:
            continue
        return Mention("report heading", " ".join(p.text.strip() for p in picked), ln.page,
                       lambda: [r for p in picked for r in p.rects_for(0, len(p.text))])
    return None


def _part2_names(body: list[Line]) -> list[Mention]:
    stream = TextStream(body)
    out = []
    for m in _PART2.finditer(stream.text):
        title = " ".join(m.group("title").split())
        if _NOT_A_TITLE.match(title):
            continue
        start, end = m.start("title"), m.end("title")
        out.append(Mention("Part 2 exemption", title, stream.page_at(start),
                           lambda start=start, end=end: stream.rects(start, end)))
    return out


def title_mismatch(paper: Paper, lines: list[Line]) -> list[Finding]:
    """Compare the decision form's "Title:", the report heading and the name in the
    "Part 2 of ... is exempt" sentence; quote whichever disagrees with the rest."""
    parts = [p for p in split_parts(paper, lines) if p.kind != "cover"]
    mentions: list[Mention] = []
    for kind, find in (("decision", _decision_title), ("report", _report_heading)):
        for part in parts:
            if part.kind in (kind, "other"):
                found = find(part.lines)
                if found:
                    mentions.append(found)
                    break
    mentions += _part2_names([ln for p in parts for ln in p.lines])
    if len(mentions) < 2:
        return []
    # Group mentions that name the same title; the largest group (the earliest on a tie,
    # since the decision form and the heading come first) is the paper's title.
    groups: list[list[Mention]] = []
    for m in mentions:
        for g in groups:
            if _same(g[0].title, m.title):
                g.append(m)
                break
        else:
            groups.append([m])
    main = max(groups, key=len)
    findings = []
    for g in groups:
        if g is main:
            continue
        for m in g:
            findings.append(Finding(
                code="title_mismatch", severity="warning",
                message=f"The {m.where} names the paper '{m.title}', but the {main[0].where} "
                        f"calls it '{main[0].title}'.",
                page=m.page, quote=m.title, rects=m.locate()))
    return findings
