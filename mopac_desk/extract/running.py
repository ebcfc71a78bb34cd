"""Running headers and footers, and footnotes: the lines of a page that are not its body."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from .lines import Line, page_lines

if TYPE_CHECKING:
    from ..pdf.page_text import PageText

_PAGE_OF = re.compile(r"^\s*(page\s+\d+(\s*(of|/)\s*\d+)?|\d+\s*(of|/)\s*\d+|-?\s*\d{1,3}\s*-?)\s*$",
                      re.IGNORECASE)
_DIGITS = re.compile(r"\d+")

# The first line of a paper; each paper of a pack starts the same way, at the same height.
_PAPER_HEAD = re.compile(
    r"^\s*((DMPC|Deputy\s+Mayor).{0,40}Decision\b|(MOPAC\s+)?Investment\s+Advisory|"
    r"Report\s+by\b|Title\s*:)", re.IGNORECASE)


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
