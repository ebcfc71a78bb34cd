"""PaperDocument on the real papers and on every kind of bad input a clerk may be handed."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from mopac_desk.pdf import (
    DamagedPdfError,
    EmptyFileError,
    FileMissingError,
    NoTextLayerError,
    NotAPdfError,
    PaperDocument,
    PasswordRequiredError,
    WrongPasswordError,
)
from tests.conftest import PAPERS, truth_for
from tests.helpers import bad_pdfs

PAGE_COUNTS = {
    "eus-device-demand-2025-27-draft": 4,
    "onedrive-migration-iam-report": 4,
    "pcd-977-end-user-device-refresh": 8,
}
A4 = (595.3, 841.9)


@pytest.fixture
def doc(paper_path: Path):
    with PaperDocument.open(paper_path) as d:
        yield d


def test_page_count_and_a4_sizes(doc: PaperDocument, paper_path: Path) -> None:
    assert doc.page_count == PAGE_COUNTS[paper_path.stem]
    assert len(doc.page_sizes) == doc.page_count
    for w, h in doc.page_sizes:
        assert (round(w, 1), round(h, 1)) == A4


def test_text_holds_the_title_and_marking(doc: PaperDocument, paper_path: Path) -> None:
    first = doc.text(0)
    assert first.startswith("OFFICIAL – PUBLIC")
    title = truth_for(paper_path)["fields"]["title"]
    flat = " ".join(" ".join(doc.text(i) for i in range(doc.page_count)).split())
    assert title.lower() in flat.lower()
    assert doc.has_text_layer
    doc.require_text_layer()  # does not raise


def test_text_and_boxes_stay_aligned(doc: PaperDocument) -> None:
    for i in range(doc.page_count):
        pt = doc.page_text(i)
        assert len(pt.text) == len(pt.boxes)
        w, h = doc.page_size(i)
        for ch, (l, b, r, t) in zip(pt.text, pt.boxes):
            if ch.strip() and r > l:
                assert -1 <= l <= w + 1 and -1 <= b <= h + 1


def test_find_counts_every_occurrence(doc: PaperDocument, paper_path: Path) -> None:
    expected = sum(len(re.findall("mopac", doc.text(i), re.IGNORECASE))
                   for i in range(doc.page_count))
    hits = doc.find("MOPAC")
    assert len(hits) == expected > 0
    for hit in hits:
        pt = doc.page_text(hit.index)
        assert pt.text[hit.start:hit.end].lower() == "mopac"
        assert hit.rects and all(r.x1 > r.x0 and r.y1 > r.y0 for r in hit.rects)
    assert doc.find("   ") == []
    assert doc.find("zebra crossing in Narnia") == []


def test_find_matches_a_phrase_across_a_line_break(pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        hits = doc.find("capital cost of £14,700,000")
        assert [h.index for h in hits] == [0]
        hits = doc.find("MPS officers and staff")  # broken across two lines on page 1
        assert hits and len(hits[0].rects) == 2


def test_render_dimensions(doc: PaperDocument) -> None:
    page = doc.render(0, 1.0)
    w, h = doc.page_size(0)
    # PDFium rounds a fractional page edge up to a whole pixel.
    assert (page.width, page.height) == (math.ceil(w), math.ceil(h)) == (596, 842)
    assert page.stride >= page.width * 4
    assert len(page.data) == page.stride * page.height
    big = doc.render_async(doc.page_count - 1, 2.0).result(timeout=30)
    assert (big.width, big.height) == (1191, 1684)
    assert big.index == doc.page_count - 1
    # A real page is not blank: some pixels are dark (text).
    assert min(page.data[0::4]) < 100


def test_char_lookup_round_trips(pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        pt = doc.page_text(0)
        i = pt.text.index("PCD 977")
        box = pt.box(i)
        assert box is not None
        assert pt.index_at((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) == i
        assert pt.index_at(-500, -500) is None


# ----- bad inputs ----------------------------------------------------------------------------
@pytest.mark.parametrize("writer, error", [
    (bad_pdfs.text_named_pdf, NotAPdfError),
    (bad_pdfs.truncated_pdf, DamagedPdfError),
    (bad_pdfs.empty_pdf, EmptyFileError),
    (bad_pdfs.encrypted_pdf, PasswordRequiredError),
])
def test_bad_input_raises_its_typed_error(tmp_path: Path, writer, error) -> None:
    path = writer(tmp_path)
    with pytest.raises(error) as info:
        PaperDocument.open(path)
    message = str(info.value)
    assert path.name in message
    assert "Traceback" not in message and "pdfium" not in message.lower()
    assert info.value.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="could not be found"):
        PaperDocument.open(tmp_path / "nowhere.pdf")


def test_password_opens_with_the_right_password_only(tmp_path: Path) -> None:
    path = bad_pdfs.encrypted_pdf(tmp_path)
    with pytest.raises(WrongPasswordError, match="password does not open"):
        PaperDocument.open(path, password="wrong")
    with PaperDocument.open(path, password=bad_pdfs.PASSWORD) as doc:
        assert doc.page_count == 8
        assert "PCD 977" in doc.text(0)


def test_image_only_paper_opens_but_has_no_text(tmp_path: Path) -> None:
    path = bad_pdfs.image_only_pdf(tmp_path)
    with PaperDocument.open(path) as doc:
        assert doc.page_count == 2
        assert not doc.has_text_layer
        assert doc.find("MOPAC") == []
        with pytest.raises(NoTextLayerError, match="no text layer"):
            doc.require_text_layer()
        page = doc.render(0, 0.5)
        assert page.width == 298


def test_work_queued_before_close_fails_cleanly(pcd977: Path) -> None:
    from mopac_desk.pdf import PaperError

    doc = PaperDocument.open(pcd977)
    doc.page_text(0)
    queued = [doc.render_async(i, 1.0) for i in range(doc.page_count)]
    doc.close()
    for fut in queued:  # each either rendered before the close or failed plainly
        try:
            assert fut.result(timeout=30).width > 0
        except PaperError as exc:
            assert "has been closed" in str(exc)
    with pytest.raises(PaperError, match="has been closed"):
        doc.render(0)
    with pytest.raises(PaperError, match="has been closed"):
        doc.find("MOPAC")  # page 1's text is cached, page 2's is not


def test_turned_page_reports_its_rotation(tmp_path: Path, pcd977: Path) -> None:
    import pikepdf

    turned = tmp_path / "turned.pdf"
    with pikepdf.open(pcd977) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(turned)
    with PaperDocument.open(turned) as doc, PaperDocument.open(pcd977) as plain:
        assert [doc.page_rotation(i) for i in range(3)] == [90, 0, 0]
        w, h = doc.page_size(0)
        assert w > h  # sizes are as displayed
        # ... while text boxes stay in the unturned page space
        a, b = doc.page_text(0), plain.page_text(0)
        assert a.boxes[a.text.index("PCD 977")] == b.boxes[b.text.index("PCD 977")]


def test_first_page_first_reads_the_other_sizes_when_asked(tmp_path: Path) -> None:
    path = bad_pdfs.landscape_page_pdf(tmp_path)
    with PaperDocument.open(path) as whole:
        sizes = whole.page_sizes
        assert whole.sizes_read and sizes[2][0] > sizes[2][1]
    with PaperDocument.open(path, check_later=True) as doc:
        assert not doc.sizes_read and doc.page_count == len(sizes)
        assert doc.page_size(0) == sizes[0]  # known at once
        assert doc.read_sizes_async().result(timeout=10) == sizes
        assert doc.sizes_read and doc.page_sizes == sizes
    with PaperDocument.open(path, check_later=True) as doc:
        assert doc.page_size(2) == sizes[2]  # read on first use
        assert doc.read_sizes_async().result(timeout=1) == sizes
    with PaperDocument.open(path, check_later=True) as doc:
        page = doc.render(2, 0.2)
        assert page.width > page.height  # drawn at its own size, not page 1's


def test_a_page_drawn_top_first_then_the_rest_is_the_whole_page_pixel_for_pixel() -> None:
    for path in PAPERS:
        with PaperDocument.open(path) as doc:
            for scale in (1.0, 1.6227, 2.3333):
                whole = doc.render(0, scale)
                part = doc.render(0, scale, rows=333)
                assert whole.whole and not part.whole and part.height == 333
                top = part.stride * 333
                assert bytes(part.data[:top]) == bytes(whole.data[:top])
                rest = doc.render_rest_async(part).result()
                assert rest.whole and rest.height == whole.height
                assert rest.data.obj is part.data.obj  # drawn into the part's own pixels
                assert bytes(rest.data) == bytes(whole.data)
            # as many rows as the page has, or more, or none: the whole page at once
            for rows in (10_000, 0):
                assert doc.render(0, 1.0, rows=rows).whole
