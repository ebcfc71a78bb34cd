"""Reading review annotations out of a PDF made elsewhere (Acrobat, pdf.js, Okular, Preview).

The dictionaries are read with pikepdf; the text under a highlight (its quote) is read through
the PDF layer, whose PDFium calls run on the one PDFium thread. Links, widgets (form fields)
and popups are not review comments and are left out; so are kinds a reviewer does not make
here (stamps, lines, attachments...). Replies (``/IRT`` with ``/RT /R``) become the thread of
the comment they answer, however deep; Acrobat's review states (a reply carrying ``/State``
and ``/StateModel /Review``) become the comment's status, the latest one winning.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import pikepdf

from ..files import openable
from ..pdf import PageText, PaperDocument, PaperError
from ..pdf.page_text import prefetch_boxes
from .model import STATUSES, TEXT_MARKUP, Annotation, Reply, normal_rect

# PDF subtype -> our kind
SUBTYPE_KINDS: dict[str, str] = {
    "/Highlight": "highlight", "/Underline": "underline", "/Squiggly": "underline",
    "/StrikeOut": "strikeout", "/Text": "note", "/Square": "area", "/Circle": "area",
    "/FreeText": "textbox", "/Caret": "insert", "/Ink": "ink",
}


class AnnotationReadError(Exception):
    """A PDF whose annotations cannot be read (the message is for the clerk)."""


@dataclass
class _Raw:
    """One annotation dictionary found on a page, before threads are put together."""

    key: tuple[int, int] | None
    page: int
    obj: pikepdf.Dictionary
    subtype: str
    parent: tuple[int, int] | None = None
    reply_type: str = "/R"
    quads: list[list[float]] = field(default_factory=list)


# -- plain values ----------------------------------------------------------------------------

def _text(obj: Any) -> str:
    if obj is None:
        return ""
    if isinstance(obj, pikepdf.Stream):
        try:
            return obj.read_bytes().decode("utf-8", "replace")
        except pikepdf.PdfError:
            return ""
    try:
        return str(obj)
    except (UnicodeDecodeError, ValueError, TypeError):
        return ""


def clean_text(text: str) -> str:
    """Line breaks as ``\\n`` and no other control characters (a PDF may hold anything)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f").strip()


class _Plain(html.parser.HTMLParser):
    """Rich text (``/RC``, XHTML) as plain text: paragraphs and breaks become line breaks."""

    _BREAKS = {"p", "br", "div", "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag.lower() in self._BREAKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rich_text_plain(rc: str) -> str:
    """The words of an XHTML rich text string, without its markup."""
    parser = _Plain()
    try:
        parser.feed(rc)
        parser.close()
    except (AssertionError, ValueError):
        return clean_text(re.sub(r"<[^>]*>", " ", rc))
    return clean_text("".join(parser.parts))


_PDF_DATE = re.compile(
    r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+\-])?(\d{2})?'?(\d{2})?'?\s*$")


def pdf_date_iso(value: Any) -> str:
    """A PDF date (``D:20240312101500+01'00'``) as ISO 8601 in UTC; "" when unreadable."""
    text = _text(value).strip()
    m = _PDF_DATE.match(text)
    if not m:
        return ""
    year, month, day, hour, minute, second, sign, oh, om = m.groups()
    try:
        when = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                        int(minute or 0), int(second or 0), tzinfo=timezone.utc)
    except ValueError:
        return ""
    if sign in ("+", "-"):
        offset = timedelta(hours=int(oh or 0), minutes=int(om or 0))
        when = when - offset if sign == "+" else when + offset
    return when.isoformat(timespec="seconds")


def _numbers(obj: Any) -> list[float]:
    if not isinstance(obj, pikepdf.Array):
        return []
    out = []
    for v in obj:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            return []
    return out


def _hex(values: Sequence[float]) -> str | None:
    vals = [min(1.0, max(0.0, v)) for v in values]
    if len(vals) == 1:
        vals = vals * 3
    elif len(vals) == 4:  # CMYK, the plain conversion
        c, m, y, k = vals
        vals = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(vals) != 3:
        return None
    return "#" + "".join(f"{round(v * 255):02x}" for v in vals)


def _colour(annot: pikepdf.Dictionary, subtype: str) -> str | None:
    found = _hex(_numbers(annot.get("/C")))
    if found is None and subtype == "/FreeText":
        # a text box without /C takes its colour from the text's: "... r g b rg" in /DA
        m = re.search(r"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+rg", _text(annot.get("/DA")))
        if m:
            found = _hex([float(g) for g in m.groups()])
    return found


def _rect(annot: pikepdf.Dictionary) -> list[float] | None:
    """``/Rect``, less the ``/RD`` margins a square, circle or text box may have inside it."""
    nums = _numbers(annot.get("/Rect"))
    if len(nums) != 4:
        return None
    x0, y0, x1, y1 = normal_rect(nums)
    rd = _numbers(annot.get("/RD"))
    if len(rd) == 4 and rd[0] + rd[2] < x1 - x0 and rd[1] + rd[3] < y1 - y0:
        x0, y0, x1, y1 = x0 + rd[0], y0 + rd[1], x1 - rd[2], y1 - rd[3]
    return normal_rect([x0, y0, x1, y1])


def _quads(annot: pikepdf.Dictionary) -> list[list[float]]:
    """Each QuadPoints quadrilateral as the rectangle around it."""
    nums = _numbers(annot.get("/QuadPoints"))
    out = []
    for i in range(0, len(nums) - 7, 8):
        xs, ys = nums[i:i + 8:2], nums[i + 1:i + 8:2]
        out.append(normal_rect([min(xs), min(ys), max(xs), max(ys)]))
    return out


def _ink(annot: pikepdf.Dictionary) -> list[list[list[float]]]:
    paths: list[list[list[float]]] = []
    strokes = annot.get("/InkList")
    if not isinstance(strokes, pikepdf.Array):
        return paths
    for stroke in strokes:
        nums = _numbers(stroke)
        pts = [[round(nums[i], 2), round(nums[i + 1], 2)] for i in range(0, len(nums) - 1, 2)]
        if pts:
            paths.append(pts)
    return paths


def _contents(annot: pikepdf.Dictionary) -> str:
    plain = clean_text(_text(annot.get("/Contents")))
    if plain:
        return plain
    rc = _text(annot.get("/RC"))
    return rich_text_plain(rc) if rc else ""


def _name(annot: pikepdf.Dictionary, key: str) -> str:
    value = annot.get(key)
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _key(obj: Any) -> tuple[int, int] | None:
    return obj.objgen if getattr(obj, "is_indirect", False) else None


# -- reading ---------------------------------------------------------------------------------

def _collect(pdf: pikepdf.Pdf) -> list[_Raw]:
    found: list[_Raw] = []
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = _name(annot, "/Subtype")
            irt = annot.get("/IRT")
            if subtype not in SUBTYPE_KINDS and not (irt is not None and "/State" in annot):
                continue  # links, widgets, popups and kinds not made here
            raw = _Raw(_key(annot), number, annot, subtype)
            if irt is not None:
                raw.parent = _key(irt)
                raw.reply_type = _name(annot, "/RT") or "/R"
            if SUBTYPE_KINDS.get(subtype) in TEXT_MARKUP:
                raw.quads = _quads(annot)
            found.append(raw)
    return found


def _comment(raw: _Raw) -> Annotation | None:
    a = raw.obj
    kind = SUBTYPE_KINDS[raw.subtype]
    rect = _rect(a)
    rects = raw.quads or ([rect] if rect else [])
    ink = _ink(a) if kind == "ink" else []
    if not rects and not ink:
        return None  # nowhere on the page
    modified = pdf_date_iso(a.get("/M"))
    return Annotation(
        kind=kind, page=raw.page, rects=rects, ink=ink, contents=_contents(a),
        author=clean_text(_text(a.get("/T"))),
        created=pdf_date_iso(a.get("/CreationDate")) or modified, modified=modified,
        colour=_colour(a, raw.subtype) or "", pdf_name=clean_text(_text(a.get("/NM"))) or None,
        origin="imported")


def _word(obj: Any) -> str:
    """A name or text string as a bare word (Acrobat writes /State as a string, some
    writers as a name)."""
    return _text(obj).strip().lstrip("/").lower()


def _state(raw: _Raw) -> tuple[str, str] | None:
    """(status, when) of a review-state reply; None for other state models."""
    model = _word(raw.obj.get("/StateModel"))
    if model and model != "review":
        return None  # the Marked/Unmarked model is a reviewer's own tick, not a status
    status = _word(raw.obj.get("/State"))
    if status not in STATUSES:
        return None
    return status, pdf_date_iso(raw.obj.get("/M")) or pdf_date_iso(raw.obj.get("/CreationDate"))


def annotations_from_pdf(pdf: pikepdf.Pdf) -> tuple[list[Annotation], list[list[list[float]]]]:
    """Every review comment of an open PDF, with its thread and status, in page order.

    Also returns, for each comment, the rectangles whose text is its quote (empty unless
    it is text markup); :func:`read_annotations` fills the quotes from them.
    """
    raws = _collect(pdf)
    by_key = {r.key: r for r in raws if r.key is not None}

    def root_of(raw: _Raw) -> _Raw | None:
        seen = set()
        while raw.parent is not None:
            if raw.parent in seen or raw.parent not in by_key:
                return None  # a loop, or an answer to something not imported
            seen.add(raw.parent)
            raw = by_key[raw.parent]
        return raw

    comments: dict[int, Annotation] = {}
    order: list[_Raw] = []
    for raw in raws:
        if raw.parent is None and raw.subtype in SUBTYPE_KINDS:
            try:
                made = _comment(raw)
            except (pikepdf.PdfError, TypeError, ValueError):
                made = None  # one malformed comment does not cost the others
            if made is not None:
                comments[id(raw)] = made
                order.append(raw)
    states: dict[int, tuple[str, str]] = {}
    for raw in raws:
        if raw.parent is None or raw.reply_type != "/R":
            continue  # /RT /Group: part of its parent's drawing, not a reply
        root = root_of(raw)
        if root is None or id(root) not in comments:
            continue
        if "/State" in raw.obj:
            # a status set on a reply is that reply's, not the comment's
            state = _state(raw) if raw.parent == root.key else None
            if state is not None and (id(root) not in states
                                      or state[1] >= states[id(root)][1]):
                states[id(root)] = state
            continue
        modified = pdf_date_iso(raw.obj.get("/M"))
        comments[id(root)].replies.append(Reply(
            author=clean_text(_text(raw.obj.get("/T"))), contents=_contents(raw.obj),
            created=pdf_date_iso(raw.obj.get("/CreationDate")) or modified,
            modified=modified, pdf_name=clean_text(_text(raw.obj.get("/NM"))) or None))
    for key, (status, _when) in states.items():
        comments[key].status = status
    for made in comments.values():
        made.replies.sort(key=lambda r: r.created)
    return [comments[id(r)] for r in order], [r.quads for r in order]


def _inside(box: Sequence[float], areas: Sequence[Sequence[float]]) -> bool:
    l, b, r, t = box
    if r <= l or t <= b:
        return False  # generated characters (line breaks) have no box
    cx, cy = (l + r) / 2, (b + t) / 2
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in areas)


def _touches(bounds: Sequence[float], areas: Sequence[Sequence[float]]) -> bool:
    return any(bounds[0] <= x1 and x0 <= bounds[2] and bounds[1] <= y1 and y0 <= bounds[3]
               for x0, y0, x1, y1 in areas)


def _candidates(page_text: PageText, areas: Sequence[Sequence[float]]
                ) -> list[tuple[int, Sequence[float]]]:
    """(index, box) of the characters that may lie under ``areas``: only those of the lines
    that touch them when the page was read by lines (its other boxes are never read)."""
    if page_text.lines is None or page_text.boxes_loaded:
        return list(enumerate(page_text.boxes))
    spans = [(ln.start, ln.end) for ln in page_text.lines
             if ln.bounds is not None and _touches(ln.bounds, areas)]
    prefetch_boxes([(page_text, s, e) for s, e in spans])
    out: list[tuple[int, Sequence[float]]] = []
    for s, e in spans:
        out += zip(range(s, e), page_text.char_boxes(s, e))
    return out


def quote_under(page_text: PageText, rects: Iterable[Sequence[float]]) -> str:
    """The words whose characters' centres lie inside any of ``rects`` (reading order)."""
    areas = [tuple(r) for r in rects]
    if not areas:
        return ""
    text = page_text.text
    parts: list[str] = []
    last = -1
    for i, box in _candidates(page_text, areas):
        if not _inside(box, areas):
            continue
        if parts and any(ch.isspace() for ch in text[last + 1:i]):
            parts.append(" ")
        parts.append(text[i])
        last = i
    return " ".join("".join(parts).split())


def fill_quotes(path: Path, annotations: Sequence[Annotation],
                quads: Sequence[Sequence[Sequence[float]]], password: str | None = None) -> None:
    """Set the quote of every text markup from the text under its rectangles (each page's
    lines read once; only the boxes of lines under a mark are read)."""
    wanted = [(a, q) for a, q in zip(annotations, quads) if a.kind in TEXT_MARKUP and q]
    if not wanted:
        return
    with PaperDocument.open(path, password) as doc:
        pages: dict[int, PageText] = {}
        for annotation, rects in wanted:
            if annotation.page <= doc.page_count:
                if annotation.page not in pages:
                    pages[annotation.page] = doc.page_lines(annotation.page - 1)
                annotation.quote = quote_under(pages[annotation.page], rects)


def open_pdf(path: Path, password: str | None = None) -> pikepdf.Pdf:
    """Open ``path`` with pikepdf; a clerk-ready :class:`AnnotationReadError` if it cannot."""
    try:
        return pikepdf.open(openable(path), password=password or "")
    except pikepdf.PasswordError:
        raise AnnotationReadError(
            f"“{path.name}” is protected by a password"
            + (" that does not open it." if password else ".")) from None
    except FileNotFoundError:
        raise AnnotationReadError(f"“{path.name}” could not be found.") from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise AnnotationReadError(
            f"“{path.name}” is damaged or not a PDF, so its annotations cannot be read "
            f"({str(exc).splitlines()[0] if str(exc) else 'unreadable'}).") from None


def read_annotations(path: str | Path, password: str | None = None, *,
                     quotes: bool = True) -> list[Annotation]:
    """The review annotations of the PDF at ``path`` (page order), quotes filled in."""
    p = Path(path)
    with open_pdf(p, password) as pdf:
        try:
            found, quads = annotations_from_pdf(pdf)
        except pikepdf.PdfError as exc:
            raise AnnotationReadError(
                f"The annotations of “{p.name}” cannot be read ({exc}).") from None
    if quotes:
        try:
            fill_quotes(p, found, quads, password)
        except PaperError as exc:
            raise AnnotationReadError(str(exc)) from None
    return found


def has_review_annotations(path: str | Path, password: str | None = None) -> bool:
    """Whether the PDF holds anything :func:`read_annotations` reads (a review comment, or a
    reply or review state answering one): a file without, as most are, need not be read
    once per paper it holds. Raises :class:`AnnotationReadError` as it does."""
    p = Path(path)
    with open_pdf(p, password) as pdf:
        try:
            return bool(_collect(pdf))
        except pikepdf.PdfError as exc:
            raise AnnotationReadError(
                f"The annotations of “{p.name}” cannot be read ({exc}).") from None


def page_labels(path: str | Path, password: str | None = None) -> dict[int, str]:
    """Each page's label (``/PageLabels``: "iv", "A-3"), by 1-based page number."""
    with open_pdf(Path(path), password) as pdf:
        return {i: str(page.label) for i, page in enumerate(pdf.pages, start=1)}

