"""Cutting a document's lines into papers and their parts (decision form, report, cover)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line

_DECISION_HEAD = re.compile(
    r"^\s*(DMPC|Deputy\s+Mayor(\s+for\s+Policing\s+and\s+Crime)?)\s+Decision\b", re.IGNORECASE)
_REPORT_HEAD = re.compile(
    r"^\s*(MOPAC\s+)?Investment\s+Advisory\s*(&|and)\s*Monitoring\s+(meeting|board|group)\b",
    re.IGNORECASE)
_REPORT_BY = re.compile(r"^\s*Report\s+by\s+.+\s+on\s+behalf\s+of\b", re.IGNORECASE)
_NOT_A_HEADER = re.compile(r"\b(is|are|asked|via|will|to|was|for)\b|\(IAM\)", re.IGNORECASE)


def is_meeting_line(text: str) -> bool:
    """True for a report's meeting line ("MOPAC Investment Advisory & Monitoring meeting
    9th April 2021"), not a sentence that names the meeting ("... meeting (IAM), is asked")."""
    m = _REPORT_HEAD.match(text)
    if not m:
        return False
    rest = text[m.end():]
    return len(rest.strip()) <= 30 and not _NOT_A_HEADER.search(rest)


_AGENDA = re.compile(r"^\s*(agenda|meeting\s+pack|contents)\b", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\s*Title\s*:\s*(.+)$", re.IGNORECASE)
# The heading of a paper's confidential Part 2 form ("PART 2 – CONFIDENTIAL FACTS AND ADVICE
# TO THE DMPC"); Part 1's note about Part 2 ("Part 2 – This section refers to ...", "Part 2
# Confidentiality: ...") is not one.
_PART2_HEAD = re.compile(
    r"^\s*PART\s*(?:2|II|TWO)\b\s*[-–—:.]?\s*CONFIDENTIAL\b(?!ITY)", re.IGNORECASE)


# Every header and marker above starts with one of these words: a line that does not cannot
# be any of them (most lines), so it is passed over with one match instead of five.
_MAY_BE_HEAD = re.compile(
    r"\s*(?:DMPC|Deputy|MOPAC|Investment|Report|PART|agenda|meeting|contents)", re.IGNORECASE)


@dataclass
class PartSpan:
    """One part of a paper as a slice ``[start, end)`` of the document's lines."""

    kind: str
    start: int
    end: int


@dataclass
class PaperSpan:
    """One paper: its parts in order, each a slice of the document's lines."""

    parts: list[PartSpan]

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _similar(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _report_title_near(lines: list[Line], i: int) -> str | None:
    page = lines[i].page
    j = i - 1
    picked: list[str] = []
    while j >= 0 and lines[j].page == page and len(picked) < 3:
        ln = lines[j]
        if ln.running or ln.text.isupper() and _words(ln.text) <= _words(
                "mayor of london office for policing and crime mopac"):
            break
        picked.insert(0, ln.text)
        j -= 1
    return " ".join(picked) or None


def _report_start(lines: list[Line], i: int) -> int:
    """The first line of the header block (logo, title) above a paper's header line
    ``lines[i]``: lines above it on its page up to the last finished sentence."""
    page = lines[i].page
    j = i
    while j - 1 >= 0 and lines[j - 1].page == page and i - (j - 1) <= 8:
        prev = lines[j - 1]
        if not prev.running and prev.text.rstrip().endswith((".", ";", ":")):
            break
        j -= 1
    while j < i and lines[j].running:
        j += 1
    return j


def segment(lines: list[Line]) -> list[PaperSpan]:
    """Cut the document's lines (reading order) into papers and parts.

    A DMPC decision form or an IAM report header starts a part, and so does the heading of
    a confidential Part 2 form (kind ``part2``, part of the paper before it, running to the
    next paper's header; the headers on its own pages belong to it); a report joins the paper
    of a decision form just before it when their titles agree or the page numbering runs on.
    Pages before the first paper (an agenda or cover) become a ``cover`` part of it.
    """
    markers: list[tuple[int, str, str | None]] = []  # (line index, kind, title)
    seen_report_page: set[int] = set()
    # An agenda cover may name the meeting and list decisions: there a header only counts
    # when the page also carries what a paper has ("Title:", "Report by").
    heads = [i for i, ln in enumerate(lines) if not ln.running and _MAY_BE_HEAD.match(ln.text)]
    agenda_pages = {lines[i].page for i in heads if _AGENDA.match(lines[i].text)}
    report_by_pages = {lines[i].page for i in heads if _REPORT_BY.match(lines[i].text)}
    part2_pages: set[int] = set()
    for i in heads:
        ln = lines[i]
        if _PART2_HEAD.match(ln.text):
            markers.append((_report_start(lines, i), "part2", None))
            part2_pages.add(ln.page)
            continue
        if ln.page in part2_pages:
            continue  # a Part 2 form may repeat its paper's decision or report header
        if _DECISION_HEAD.match(ln.text):
            title = None
            for k in range(i + 1, min(i + 8, len(lines))):
                if lines[k].page != ln.page:
                    break
                m = _TITLE_LINE.match(lines[k].text)
                if m:
                    title = m.group(1)
                    break
            if title is None and ln.page in agenda_pages:
                continue
            markers.append((_report_start(lines, i), "decision", title))
        elif is_meeting_line(ln.text) and ln.page in agenda_pages and \
                ln.page not in report_by_pages:
            continue
        elif (is_meeting_line(ln.text) or _REPORT_BY.match(ln.text)) and \
                ln.page not in seen_report_page:
            seen_report_page.add(ln.page)
            markers.append((_report_start(lines, i), "report", _report_title_near(lines, i)))
    if not lines:
        return []
    if not markers:
        return [PaperSpan([PartSpan("other", 0, len(lines))])]
    papers: list[PaperSpan] = []
    titles: list[dict[str, str | None]] = []
    for n, (start, kind, title) in enumerate(markers):
        end = markers[n + 1][0] if n + 1 < len(markers) else len(lines)
        part = PartSpan(kind, start, end)
        if papers and kind == "part2":
            papers[-1].parts.append(part)  # the confidential part of the paper before it
            continue
        if papers:
            kinds = {p.kind for p in papers[-1].parts}
            other = "report" if kind == "decision" else "decision"
            if kind not in kinds and other in kinds and (
                _similar(title, titles[-1].get(other)) or not _page_restarts(lines, start)
            ):
                papers[-1].parts.append(part)
                titles[-1][kind] = title
                continue
        papers.append(PaperSpan([part]))
        titles.append({kind: title})
    first = papers[0].start
    if any(not ln.running for ln in lines[:first]):
        papers[0].parts.insert(0, PartSpan("cover", 0, first))
    else:
        papers[0].parts[0].start = 0
    return papers


_PAGE_NUM = re.compile(r"page\s+(\d+)", re.IGNORECASE)


def _page_restarts(lines: list[Line], start: int) -> bool:
    """True when the page where ``lines[start]`` stands is numbered 1 (a new paper)."""
    page = lines[start].page
    for ln in lines[start:]:
        if ln.page != page:
            break
        if ln.running:
            m = _PAGE_NUM.search(ln.text)
            if m:
                return m.group(1) == "1"
    return False
