"""Text lines with boxes, running header/footer removal, and paper/part segmentation."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..pdf.document import lines_from_boxes, prefetch_boxes
from .model import RectList

if TYPE_CHECKING:
    from ..pdf.document import PageText, TextLine

CharBox = tuple[float, float, float, float]  # (x0, y0, x1, y1), PDF points, origin bottom-left
BoxSource = Callable[[], list[CharBox]]


class _Boxes:
    """``Line.boxes``: a list given outright, or a callable that reads it on first use (the
    character boxes of a line are only needed when something on it is cited)."""

    def __init__(self, attr: str) -> None:
        self._attr = attr

    def __get__(self, obj: object, objtype: type | None = None) -> list[CharBox]:
        if obj is None:
            return self  # type: ignore[return-value]
        value = obj.__dict__[self._attr]
        if callable(value):
            value = value()
            obj.__dict__[self._attr] = value
        return value

    def __set__(self, obj: object, value: "list[CharBox] | BoxSource") -> None:
        obj.__dict__[self._attr] = value if type(value) is list or callable(value) else list(value)


@dataclass
class Line:
    """One visual line of a page.

    ``boxes[i]`` is the box of ``text[i]`` (spaces that PDFium generated get a box squeezed
    between their neighbours), so any substring maps to rectangles with :meth:`rects_for`.
    ``boxes`` may be given as a callable returning that list: it is called on first use.
    """

    page: int  # 1-based
    text: str
    boxes: list[CharBox] = field(default=(), repr=False, compare=False)  # type: ignore[assignment]
    x0: float = 0.0
    y0: float = 0.0  # bottom of the line
    x1: float = 0.0
    y1: float = 0.0  # top of the line
    font_size: float = 0.0
    running: bool = False  # a running header or footer repeated across pages
    footnote: bool = False  # a footnote at the foot of the page (small type, leading number)
    baseline: float = 0.0  # median bottom of the line's characters (descenders aside)

    @property
    def rect(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    def rects_for(self, start: int, end: int) -> RectList:
        """Rectangles covering ``text[start:end]`` (one, since a line is one row)."""
        source = self.__dict__.get("_boxes")
        part = source.span(start, end) if isinstance(source, _SpanBoxes) else None
        if part is None:
            part = self.boxes[max(0, start):min(end, len(self.boxes))]
        seg = [b for b in part if b[2] > b[0] or b[3] > b[1]]
        if not seg:
            return []
        x0s, y0s, x1s, y1s = zip(*seg)
        return [[round(min(x0s), 2), round(min(y0s), 2), round(max(x1s), 2), round(max(y1s), 2)]]

    @property
    def height(self) -> float:
        return self.y1 - self.y0


Line.boxes = _Boxes("_boxes")  # type: ignore[assignment]  # after the dataclass took its default


# -- lines from a page's text layer ------------------------------------------------------

_X_LETTERS = frozenset("acemnorsuvwxz")
_SAMPLES = 5  # character boxes read per line to measure its type size and baseline


def sample_offsets(text: str) -> list[int]:
    """The characters of a (trimmed) line whose boxes give its type size and baseline: one
    in each fifth of the line, a letter without ascenders or descenders ("x", "o", ...)
    when one is among its first few characters."""
    n = len(text)
    out: list[int] = []
    for k in range(_SAMPLES):
        i = n * k // _SAMPLES
        stop = min(n * (k + 1) // _SAMPLES, i + 4)
        j = i
        while j < stop and text[j] not in _X_LETTERS:
            j += 1
        if j < stop:
            out.append(j)
        elif i < n and text[i] != " " and (not out or out[-1] != i):
            out.append(i)
    return out


def _no_box(bx: CharBox) -> bool:
    return bx[2] <= bx[0] and bx[3] <= bx[1]


def _squeeze(text: str, boxes: list[CharBox]) -> list[CharBox]:
    """Spaces PDFium generated have no box: each gets one squeezed between its neighbours."""
    empty = [i for i, bx in enumerate(boxes) if bx[2] <= bx[0] and bx[3] <= bx[1]]
    if not empty or len(empty) == len(boxes):
        return boxes
    empty_set = set(empty)
    for i in empty:
        prev = next((boxes[j] for j in range(i - 1, -1, -1) if j not in empty_set), None)
        nxt = next((boxes[j] for j in range(i + 1, len(boxes)) if j not in empty_set), None)
        ref = prev or nxt
        assert ref is not None
        x0 = prev[2] if prev else ref[0]
        x1 = nxt[0] if nxt and nxt[0] >= x0 else x0
        boxes[i] = (x0, ref[1], x1, ref[3])
    return boxes


class _SpanBoxes:
    """Reads a line's boxes from its page text on first use (a :data:`BoxSource`)."""

    def __init__(self, page_text: "PageText", start: int, end: int, plain: bool) -> None:
        self.page_text, self.start, self.end = page_text, start, end
        self.plain = plain  # no ligatures: offsets in the line are offsets in the page text

    def __call__(self) -> list[CharBox]:
        raw = self.page_text.text[self.start:self.end]
        boxes = self.page_text.char_boxes(self.start, self.end)
        return _squeeze(raw, _expand_ligatures(raw, boxes)[1])

    def sub_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Page-text offsets of the line's ``[start, end)`` when they can be read alone."""
        start, end = max(0, start), min(end, self.end - self.start)
        if not self.plain or start >= end:
            return None
        return self.start + start, self.start + end

    def span(self, start: int, end: int) -> list[CharBox] | None:
        """The boxes of the line's ``[start, end)`` read for that span alone, exactly as the
        whole line's would be; None when it needs the whole line (no ligature-free span, or
        one that starts or ends on a character without a box, whose squeezed box depends on
        neighbours outside it)."""
        sub = self.sub_span(start, end)
        if sub is None:
            return None
        boxes = self.page_text.char_boxes(*sub)
        if _no_box(boxes[0]) or _no_box(boxes[-1]):
            return None
        return _squeeze(self.page_text.text[sub[0]:sub[1]], boxes)


class _JoinedBoxes:
    """The boxes of two pieces of one line (split at a superscript mark) and the gap between."""

    def __init__(self, prev: Line, gap: CharBox, line: Line) -> None:
        self.prev, self.gap, self.line = prev, gap, line

    def __call__(self) -> list[CharBox]:
        return self.prev.boxes + [self.gap] + self.line.boxes


def _pending_spans(line: Line, start: int | None = None,
                   end: int | None = None) -> Iterator[tuple["PageText", int, int]]:
    source = line.__dict__.get("_boxes")
    if isinstance(source, _SpanBoxes):
        sub = source.sub_span(start, end) if start is not None and end is not None else None
        yield (source.page_text, *sub) if sub else (source.page_text, source.start, source.end)
    elif isinstance(source, _JoinedBoxes):
        yield from _pending_spans(source.prev)
        yield from _pending_spans(source.line)


def load_boxes(lines: Iterable[Line]) -> None:
    """Read the character boxes of all ``lines`` at once (one trip to the PDFium thread
    instead of one a line) before their rects are asked for."""
    prefetch_boxes(span for ln in lines for span in _pending_spans(ln))


def load_spans(pieces: Iterable[tuple[Line, int, int]]) -> None:
    """Read the character boxes that ``line.rects_for(start, end)`` will need for every
    ``(line, start, end)`` at once: one trip to the PDFium thread, and for most lines only
    the boxes of the span itself."""
    prefetch_boxes(span for ln, s, e in pieces for span in _pending_spans(ln, s, e))


def _make_line(page: int, page_text: "PageText", tl: "TextLine") -> Line | None:
    if tl.bounds is None:
        return None
    raw = page_text.text[tl.start:tl.end]
    plain = not _LIGATURE_CHARS.search(raw)
    text = raw if plain else _expand_ligatures(raw, [])[0]
    x0, y0, x1, y1 = tl.bounds
    full = page_text.text
    # Type size from the height of letters without ascenders or descenders (about half the
    # size in common faces), else capitals (about 0.7 of it).
    real = [(full[i], bx) for i, bx in tl.samples if bx[2] > bx[0] or bx[3] > bx[1]]
    xs = sorted([bx[3] - bx[1] for ch, bx in real if ch in _X_LETTERS])
    if xs:
        font_size = xs[len(xs) // 2] / 0.5
    else:
        caps = sorted([bx[3] - bx[1] for ch, bx in real if ch.isupper()])
        font_size = caps[len(caps) // 2] / 0.7 if caps else y1 - y0
    bottoms = sorted([bx[1] for ch, bx in real if ch != " "])
    return Line(
        page=page, text=text, boxes=_SpanBoxes(page_text, tl.start, tl.end, plain),
        x0=x0, y0=y0, x1=x1, y1=y1,
        font_size=round(font_size, 2),
        baseline=bottoms[len(bottoms) // 2] if bottoms else y0,
    )


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\u00a0": " ", "\u2009": " ", "\u202f": " "}
_LIGATURE_CHARS = re.compile("[" + "".join(_LIGATURES) + "]")


def _expand_ligatures(text: str, boxes: list[CharBox]) -> tuple[str, list[CharBox]]:
    """Typeset ligatures ("ﬁ") become their letters, each with a share of the glyph's box, so
    that words match and text stays aligned with boxes; odd spaces become plain ones.
    With no boxes given, only the text is expanded."""
    if not _LIGATURE_CHARS.search(text):
        return text, boxes
    out_text: list[str] = []
    out_boxes: list[CharBox] = []
    for k0, ch in enumerate(text):
        box = boxes[k0] if boxes else (0.0, 0.0, 0.0, 0.0)
        rep = _LIGATURES.get(ch)
        if rep is None or len(rep) == 1:
            out_text.append(rep or ch)
            out_boxes.append(box)
            continue
        l, b, r, t = box
        w = (r - l) / len(rep)
        for k, c in enumerate(rep):
            out_text.append(c)
            out_boxes.append((l + k * w, b, l + (k + 1) * w, t))
    return "".join(out_text), out_boxes


def page_lines(page_text: "PageText", page: int) -> list[Line]:
    """The visual lines of one page in reading order (``page`` is 1-based).

    PDFium's own line breaks are the first cut; consecutive pieces that sit on the same
    baseline (a superscript footnote mark can split a line) are joined again. Character
    boxes are read only for a sample of each line; the rest load when a span is cited.
    """
    lines: list[Line] = []
    for tl in lines_from_boxes(page_text, sample_offsets):
        line = _make_line(page, page_text, tl)
        if line is None:
            continue
        if lines:
            prev = lines[-1]
            tol = max(2.0, min(prev.font_size, line.font_size) * 0.5)
            if abs(prev.baseline - line.baseline) < tol and line.x0 >= prev.x1 - 1:
                gap_box = (prev.x1, prev.y0, line.x0, prev.y1)
                merged = Line(
                    page=page, text=prev.text + " " + line.text,
                    boxes=_JoinedBoxes(prev, gap_box, line),
                    x0=prev.x0, y0=min(prev.y0, line.y0), x1=line.x1, y1=max(prev.y1, line.y1),
                    font_size=max(prev.font_size, line.font_size), baseline=prev.baseline,
                )
                lines[-1] = merged
                continue
        lines.append(line)
    return lines


# -- running headers and footers ---------------------------------------------------------

_PAGE_OF = re.compile(r"^\s*(page\s+\d+(\s*(of|/)\s*\d+)?|\d+\s*(of|/)\s*\d+|-?\s*\d{1,3}\s*-?)\s*$",
                      re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def mark_running(lines: list[Line], page_heights: dict[int, float]) -> None:
    """Flag running headers/footers: page numbers, and lines repeated at the same height
    near the top or bottom of most pages."""
    pages = sorted({ln.page for ln in lines})
    # Most pages of the file, or three pages of one paper in a meeting pack.
    need = min(max(2, int(len(pages) * 0.5 + 0.5)), 3) if len(pages) > 1 else 10**9
    # Headers and footers are the outermost lines of a page; body text that happens to
    # repeat (one template's boilerplate in several papers) sits further in.
    outer: set[int] = set()
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page_lines_ in by_page.values():
        ordered = sorted(page_lines_, key=lambda x: -x.y0)
        outer.update(id(x) for x in ordered[:2] + ordered[-2:])
    candidates: list[Line] = []
    for ln in lines:
        height = page_heights.get(ln.page, 842.0)
        in_margin = ln.y0 > height * 0.85 or ln.y1 < height * 0.12
        if not in_margin:
            continue
        if _PAGE_OF.match(ln.text):
            ln.running = True
        elif id(ln) in outer and not _PAPER_HEAD.match(ln.text):
            # (each paper of a pack starts the same way, at the same height: not running)
            candidates.append(ln)
    # Where a text repeats, at the heights of the candidates (and a bucket either side:
    # the same header may sit a fraction of a point lower).
    near = {int(round(ln.y0 / 4.0)) + dk for ln in candidates for dk in (-1, 0, 1)}
    by_key: dict[tuple[str, int], set[int]] = {}
    for ln in lines:
        bucket = int(round(ln.y0 / 4.0))
        if bucket in near:
            by_key.setdefault((_shape(ln.text), bucket), set()).add(ln.page)
    for ln in candidates:
        key = (_shape(ln.text), int(round(ln.y0 / 4.0)))
        seen = set().union(*(by_key.get((key[0], key[1] + dk), set()) for dk in (-1, 0, 1)))
        # A running header also runs on from one page to the next.
        if len(seen) >= need and any(p + 1 in seen for p in seen):
            ln.running = True


# -- a run of lines read as one text ----------------------------------------------------

class TextStream:
    """Lines joined by ``"\\n"`` so patterns can run across line and page breaks, with every
    offset mapping back to its line (and so to rectangles on the page)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        pos = 0
        for ln in lines:
            self.starts.append(pos)
            pos += len(ln.text) + 1
        self.text = "\n".join(ln.text for ln in lines)

    def line_index(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a separator belongs to the line before)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def page_at(self, offset: int) -> int:
        """The 1-based page where ``text[offset]`` stands."""
        return self.lines[self.line_index(offset)].page if self.lines else 1

    def pieces(self, start: int, end: int) -> list[tuple[Line, int, int]]:
        """``(line, start, end)`` for every line that ``text[start:end]`` touches."""
        out = []
        if not self.lines or end <= start:
            return out
        for i in range(self.line_index(start), self.line_index(max(start, end - 1)) + 1):
            ln, s0 = self.lines[i], self.starts[i]
            s, e = max(start - s0, 0), min(end - s0, len(ln.text))
            if e > s:
                out.append((ln, s, e))
        return out

    def paragraph_starts(self) -> list[int]:
        """Offsets where a paragraph (or heading) starts: after a wider gap than the usual
        line pitch, or on a new page after a finished sentence."""
        pitches = sorted(a.y0 - b.y0 for a, b in zip(self.lines, self.lines[1:])
                         if a.page == b.page and 0 < a.y0 - b.y0 < 80)
        pitch = pitches[len(pitches) // 3] if pitches else 14.0
        out = [0]
        right = max((ln.x1 for ln in self.lines), default=0.0)
        for i in range(1, len(self.lines)):
            a, b = self.lines[i - 1], self.lines[i]
            # A short line without closing punctuation before a capital is a heading.
            if (a.x1 < right - 0.35 * (right - a.x0) and not a.text.rstrip().endswith(
                    (".", ",", ";", ":", "-", "–", "&")) and b.text.lstrip()[:1].isupper()):
                out.append(self.starts[i])
                continue
            if a.page != b.page:
                if a.text.rstrip().endswith((".", ":", ";")):
                    out.append(self.starts[i])
                continue
            gap = a.y0 - b.y0
            if gap > pitch * 1.4 or gap < -1:
                out.append(self.starts[i])
        return out

    def rects(self, start: int, end: int) -> RectList:
        """Rectangles covering ``text[start:end]`` on the page where it starts."""
        pieces = self.pieces(start, end)
        if not pieces:
            return []
        page = pieces[0][0].page
        rects: RectList = []
        for ln, s, e in pieces:
            if ln.page == page:
                rects.extend(ln.rects_for(s, e))
        return rects


# -- papers and parts --------------------------------------------------------------------

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
_PAPER_HEAD = re.compile(
    r"^\s*((DMPC|Deputy\s+Mayor).{0,40}Decision\b|(MOPAC\s+)?Investment\s+Advisory|"
    r"Report\s+by\b|Title\s*:)", re.IGNORECASE)
_AGENDA = re.compile(r"^\s*(agenda|meeting\s+pack|contents)\b", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\s*Title\s*:\s*(.+)$", re.IGNORECASE)


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

    A DMPC decision form or an IAM report header starts a part; a report joins the paper
    of a decision form just before it when their titles agree or the page numbering runs on.
    Pages before the first paper (an agenda or cover) become a ``cover`` part of it.
    """
    markers: list[tuple[int, str, str | None]] = []  # (line index, kind, title)
    seen_report_page: set[int] = set()
    # An agenda cover may name the meeting and list decisions: there a header only counts
    # when the page also carries what a paper has ("Title:", "Report by").
    agenda_pages = {ln.page for ln in lines if not ln.running and _AGENDA.match(ln.text)}
    report_by_pages = {ln.page for ln in lines if not ln.running and _REPORT_BY.match(ln.text)}
    for i, ln in enumerate(lines):
        if ln.running:
            continue
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


_FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+\S")


def body_font_size(lines: list[Line]) -> float:
    """The most common type size of body text."""
    sizes: dict[float, int] = {}
    for ln in lines:
        if not ln.running:
            key = round(ln.font_size, 1)
            sizes[key] = sizes.get(key, 0) + len(ln.text)
    return max(sizes, key=lambda k: sizes[k]) if sizes else 0.0


def mark_footnotes(lines: list[Line], page_heights: dict[int, float]) -> None:
    """Flag footnotes: small numbered lines in the lower part of a page, below the body."""
    body = body_font_size(lines)
    if body <= 0:
        return
    for ln in lines:
        height = page_heights.get(ln.page, 842.0)
        if (not ln.running and ln.y1 < height * 0.3 and ln.font_size < body * 0.85
                and _FOOTNOTE.match(ln.text)):
            ln.footnote = True


def document_lines(page_texts: "Iterable[PageText]", page_heights: dict[int, float]) -> list[Line]:
    """Every line of the document in reading order, running headers/footers and footnotes
    flagged (``page_texts[i]`` is page ``i + 1``)."""
    lines: list[Line] = []
    for i, pt in enumerate(page_texts):
        lines.extend(page_lines(pt, i + 1))
    mark_running(lines, page_heights)
    mark_footnotes(lines, page_heights)
    return lines


@dataclass
class PartText:
    """The body of one part: its lines without running headers/footers or footnotes."""

    kind: str
    lines: list[Line]
    stream: TextStream

    @classmethod
    def of(cls, kind: str, lines: list[Line]) -> "PartText":
        """A part of ``kind`` from its lines, running headers/footers and footnotes left out."""
        body = [ln for ln in lines if not ln.running and not ln.footnote]
        return cls(kind, body, TextStream(body))

    @property
    def first_page(self) -> int:
        return self.lines[0].page if self.lines else 1

    @property
    def last_page(self) -> int:
        return self.lines[-1].page if self.lines else 1
