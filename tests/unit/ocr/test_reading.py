"""A scanned paper reads as the typeset one: the same reference, title, dates,
recommendations and every £ amount, each item at its place and with its confidence."""

from __future__ import annotations

from dataclasses import asdict

from mopac_desk.extract import extract_file
from mopac_desk.ocr.reading import mark_ocr, read_papers_ocr
from mopac_desk.ocr.reader import image_only_pages
from mopac_desk.pdf import PaperDocument

from .scans import find_rect, near


def _without_places(d: object) -> object:
    """An item as compared across the two readings: its words and values, not its rects."""
    if isinstance(d, dict):
        return {k: _without_places(v) for k, v in d.items()
                if k not in ("rects", "confidence")}
    if isinstance(d, list):
        return [_without_places(x) for x in d]
    return d


def _read_scan(scanned):
    with PaperDocument.open(scanned.scan) as doc:
        assert image_only_pages(doc) == [0, 1, 2, 3]
        read = read_papers_ocr(doc, "scan.pdf", None, scanned.texts)
        findings = mark_ocr(read.extraction, read.paper_lines, scanned.texts)
    return read, findings


def test_scan_reads_as_the_typeset_paper(scanned):
    typeset = extract_file(scanned.typeset)
    read, findings = _read_scan(scanned)
    assert len(read.extraction.papers) == len(typeset.papers) == 1
    got, want = read.extraction.papers[0], typeset.papers[0]
    assert want.value("reference") == "PCD 1234"
    for name in ("reference", "title", "meeting_date", "decision_required_by",
                 "decision_signed_on", "classification", "report_author"):
        assert got.value(name) == want.value(name), name
    assert [r.text for r in got.recommendations] == [r.text for r in want.recommendations]
    assert [(c.raw, c.amount_pence, c.kind) for c in got.costs] == [
        (c.raw, c.amount_pence, c.kind) for c in want.costs]
    assert len(want.costs) >= 6
    assert _without_places(asdict(got)["fields"]) == _without_places(asdict(want)["fields"])
    assert findings == [[]]  # a clean scan: no figure to compare with the page


def test_items_stand_where_the_typeset_ones_do_and_carry_confidence(scanned):
    typeset = extract_file(scanned.typeset).papers[0]
    got = _read_scan(scanned)[0].extraction.papers[0]
    assert got.ocr is True
    for mine, theirs in zip(got.costs, typeset.costs):
        assert mine.page == theirs.page
        assert near(mine.rects[0], theirs.rects[0], lean=0.6), (mine.raw, mine.rects, theirs.rects)
        assert mine.confidence is not None and mine.confidence >= 80
    assert got.fields["reference"].confidence >= 80


def test_word_boxes_land_on_the_typeset_words(scanned):
    for needle, page in (("£213,477", 2), ("PCD", 0), ("Approve", 2)):
        want = find_rect(scanned.typeset, page, needle)
        word = next(w for w in scanned.pages[page].words if w.text.startswith(needle))
        assert near(word.box, want, lean=0.6), (needle, word.box, want)


def test_page_text_has_the_shape_of_a_typeset_page(scanned):
    pt = scanned.texts[2]
    assert len(pt.boxes) == len(pt.text)
    assert "\r\n" in pt.text and "\n\n" not in pt.text
    first_line = pt.text.split("\r\n")[0]
    assert first_line == "OFFICIAL – PUBLIC"  # the lone dash read as the en dash it is
    i = pt.text.index("£213,477")
    assert pt.span_confidence(i, i + 8) >= 80
    assert pt.boxes[pt.text.index(" ")] == (0.0, 0.0, 0.0, 0.0)
    hit = pt.rects_for_span(i, i + 8)
    assert len(hit) == 1 and hit[0].x1 > hit[0].x0


def test_find_on_a_scan_gives_the_hits_a_typeset_page_gives(scanned):
    from mopac_desk.ocr.text import find

    hits = find(scanned.texts.values(), "custody estate renewal")
    with PaperDocument.open(scanned.typeset) as doc:
        want = doc.find("custody estate renewal")
    assert [h.index for h in hits] == [h.index for h in want]
    for got, typeset in zip(hits, want):
        r, t = got.rects[0], typeset.rects[0]
        assert near((r.x0, r.y0, r.x1, r.y1), (t.x0, t.y0, t.x1, t.y1), lean=0.6, tolerance=2.5)
    assert find(scanned.texts.values(), "  ") == []


def test_what_ocr_read_keeps_as_json_and_reads_back_the_same(scanned):
    import json

    from mopac_desk.ocr.engine import OcrPage
    from mopac_desk.ocr.text import page_text

    page = scanned.pages[2]
    back = OcrPage.from_dict(json.loads(json.dumps(page.to_dict())))
    assert [w.text for w in back.words] == [w.text for w in page.words]
    assert [w.confidence for w in back.words] == [w.confidence for w in page.words]
    again = page_text(back)
    assert again.text == scanned.texts[2].text
    assert all(abs(a - b) < 0.01 for x, y in zip(again.boxes, scanned.texts[2].boxes)
               for a, b in zip(x, y))
