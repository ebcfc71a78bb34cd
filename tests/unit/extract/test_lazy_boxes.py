"""Character boxes are read only for cited spans: the rects of what extraction cites must
still be exactly those of every character's box, as the PDF layer reads them eagerly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mopac_desk.extract import extract_file, read_lines
from mopac_desk.extract.lines import _BOXES, load_boxes
from mopac_desk.pdf import PageText, PaperDocument, PaperError


def _span_rects(pt: PageText, start: int, end: int) -> list[list[float]]:
    """Rectangles of ``pt.text[start:end]`` from the eagerly read boxes, each line of it
    trimmed as lines of text are."""
    rects = []
    pos = start
    for piece in pt.text[start:end].split("\r\n"):
        lead = len(piece) - len(piece.lstrip())
        rects += [r.as_list() for r in pt.rects_for_span(pos + lead, pos + len(piece.rstrip()))]
        pos += len(piece) + 2
    return rects


def _expected(doc: PaperDocument, page: int, quote: str) -> list[list[list[float]]]:
    """For every place ``quote`` stands on ``page`` (1-based): the rectangles covering it,
    one per line."""
    pt = doc.page_text(page - 1)
    pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
    return [_span_rects(pt, m.start(), m.end()) for m in pattern.finditer(pt.text)]


def test_cited_rects_equal_the_eager_character_boxes(paper_path: Path) -> None:
    extraction = extract_file(paper_path)
    checked = 0
    with PaperDocument.open(paper_path) as doc:
        for paper in extraction.papers:
            cited = [(c.page, c.raw, c.rects) for c in paper.costs]
            cited += [(f.page, f.quote, f.rects) for f in paper.fields.values() if f]
            cited += [(f.page, f.quote, f.rects) for f in paper.checks if f.rects]
            for page, quote, rects in cited:
                candidates = _expected(doc, page, quote)
                if len(quote) < 60:  # short quotes stand on the page as printed
                    assert candidates, quote
                if candidates:
                    assert rects in candidates, quote
                    checked += 1
    assert checked >= 10


def test_recommendation_rects_cover_its_lines_exactly(paper_path: Path) -> None:
    extraction = extract_file(paper_path)
    checked = 0
    with PaperDocument.open(paper_path) as doc:
        for rec in (r for p in extraction.papers for r in p.recommendations):
            pt = doc.page_text(rec.page - 1)
            # The item's first line: from its first words to the end of that line.
            words = rec.text.split()[:3]
            found = re.search(r"\s+".join(re.escape(w) for w in words), pt.text)
            if not found:
                continue  # first words split by a line break or a list marker
            end = pt.text.find("\r\n", found.start())
            assert rec.rects[0] == _span_rects(pt, found.start(), end)[0], rec.text
            checked += 1
    assert checked >= 1


def test_lines_read_boxes_only_when_asked(pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        lines = read_lines(doc)
        title = next(ln for ln in lines if ln.text.startswith("Title:"))
        assert callable(_BOXES.source(title))
        eager = doc.page_text(title.page - 1)
        start = eager.text.index(title.text)
        assert title.rects_for(0, len(title.text)) == [
            eager.rects_for_span(start, start + len(title.text))[0].as_list()]
        assert len(title.boxes) == len(title.text)
        others = [ln for ln in lines if ln.page == 2][:5]
        load_boxes(others)  # one trip for all of them ...
        expected = [eager_line_rects(doc, ln) for ln in others]
        assert [ln.rects_for(0, len(ln.text)) for ln in others] == expected  # ... same rects


def eager_line_rects(doc: PaperDocument, line) -> list[list[float]]:
    pt = doc.page_text(line.page - 1)
    start = pt.text.index(line.text)
    return _span_rects(pt, start, start + len(line.text))


def test_lines_kept_past_close_still_have_their_boxes(pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        lines = read_lines(doc)
        expected = [ln.rects_for(0, len(ln.text)) for ln in lines[::7]]
    # The document is closed: boxes were read at the close, so rects still work.
    assert [ln.rects_for(0, len(ln.text)) for ln in lines[::7]] == expected
    fresh = lines[3]
    assert fresh.boxes and len(fresh.boxes) == len(fresh.text)


def test_a_closed_document_refuses_lazy_reads_plainly(pcd977: Path) -> None:
    doc = PaperDocument.open(pcd977)
    pt = doc.page_lines(0)
    assert pt.lines and pt.lines[0].bounds is not None
    doc.close()
    # Its page text was still in use at the close, so it got its boxes then.
    assert len(pt.boxes) == len(pt.text)
    with pytest.raises(PaperError, match="has been closed"):
        doc.page_lines(1)


def test_pages_closed_to_save_memory_reopen_for_their_boxes(pcd977: Path, monkeypatch) -> None:
    from mopac_desk.pdf import document

    expected = extract_file(pcd977).to_dict()
    monkeypatch.setattr(document, "_OPEN_TEXT_PAGES", 1)  # every earlier page closed again
    assert extract_file(pcd977).to_dict() == expected


def _spans_of(line) -> list[tuple[int, int]]:
    """Spans a citation may take of a line: the whole line, each word, the text from
    each space to the end (a span that starts on a space PDFium may have generated)."""
    spans = [(0, len(line.text))]
    for m in re.finditer(r"\S+", line.text):
        spans += [(m.start(), m.end()), (max(0, m.start() - 1), len(line.text))]
    return spans


def test_span_rects_from_pdfium_rectangles_equal_those_from_every_box(paper_path: Path) -> None:
    # A span's rect is read as PDFium's text rectangles over it plus its two end boxes;
    # it must be exactly the rect of its every character's box, as read eagerly.
    from mopac_desk.extract.lines import load_spans

    with PaperDocument.open(paper_path) as doc:
        lazy = read_lines(doc)
        pieces = [(ln, s, e) for ln in lazy for s, e in _spans_of(ln)]
        load_spans(pieces)
        by_bounds = [ln.rects_for(s, e) for ln, s, e in pieces]
        untouched = [ln for ln in lazy if callable(_BOXES.source(ln))]
        assert len(untouched) > len(lazy) // 2  # no line's every box was read for that
    with PaperDocument.open(paper_path) as doc:
        eager = read_lines(doc)
        load_boxes(eager)
        for ln in eager:
            assert len(ln.boxes) == len(ln.text)
        by_boxes = [ln.rects_for(s, e) for ln in eager for s, e in _spans_of(ln)]
    assert len(by_bounds) > 500
    assert by_bounds == by_boxes


def test_read_lines_leave_few_objects_for_the_cycle_collector(tmp_path):
    # A long paper's lines stay in memory while it is open (a comparison holds two), and
    # every full pass of the cycle collector walks what they keep tracked, on the GUI
    # thread: a line and its box source, not PDFium's line records besides (a tuple
    # subclass each, which CPython never stops tracking: 3.6 objects a line, not 2.4).
    import gc

    from tests.helpers import versions

    paper = versions.long_paper(tmp_path, "long.pdf", 600)
    gc.collect()
    before = len(gc.get_objects())
    with PaperDocument.open(paper) as doc:
        lines = read_lines(doc)
        gc.collect()
        tracked = len(gc.get_objects()) - before
        assert len(lines) > 1_000
        assert tracked < 2.6 * len(lines)
