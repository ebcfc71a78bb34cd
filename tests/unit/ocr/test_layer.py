"""``mopac-desk ocr SCAN --out COPY``: a searchable copy whose words PDFium finds where they
stand on the scan; the scan untouched; a cancel or a failure leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.cli import main
from mopac_desk.files import file_sha256
from mopac_desk.ocr.layer import CopyCancelled, write_searchable_copy
from mopac_desk.ocr.reader import OcrCancelled, recognise_pages
from mopac_desk.pdf import PaperDocument, PaperError

from .scans import find_rect, near


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_the_searchable_copy_is_found_where_the_words_stand(scanned, tmp_path):
    out = tmp_path / "searchable.pdf"
    before = file_sha256(scanned.scan)
    write_searchable_copy(scanned.scan, out, scanned.pages)
    assert file_sha256(scanned.scan) == before
    assert _leftovers(tmp_path) == []
    with PaperDocument.open(out) as doc:
        assert doc.has_text_layer
        for needle, page in (("£213,477", 2), ("PCD 1234", 0), ("Custody Estate Renewal", 2)):
            hits = [h for h in doc.find(needle) if h.index == page]
            assert hits, needle
            rect = hits[0].rects[0]
            want = find_rect(scanned.typeset, page, needle)
            assert near((rect.x0, rect.y0, rect.x1, rect.y1), want, lean=0.6, tolerance=2.5), (
                needle, rect, want)
        # Copied text keeps its words apart and its lines in order.
        assert "Custody Estate Renewal 2024/25" in doc.text(2)
    with PaperDocument.open(scanned.scan) as doc:  # the copy still shows the scan's images
        assert not doc.has_text_layer


def test_the_command_writes_the_copy_and_names_doubtful_figures(scanned, tmp_path, capsys):
    out = tmp_path / "copy.pdf"
    assert main(["ocr", str(scanned.scan), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"Wrote {out}: 4 page(s) read by OCR" in said
    with PaperDocument.open(out) as doc:
        assert doc.find("£500,000")


def test_the_command_refuses_plainly(scanned, tmp_path, capsys):
    assert main(["ocr", str(scanned.scan), "--out", str(scanned.scan)]) == 2
    assert "must not replace the scan" in capsys.readouterr().err
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["ocr", str(junk), "--out", str(tmp_path / "o.pdf")]) == 2
    err = capsys.readouterr().err
    assert "is not a PDF" in err and "Traceback" not in err
    assert main(["ocr", str(scanned.typeset), "--out", str(tmp_path / "o.pdf")]) == 0
    assert "already has text on every page" in capsys.readouterr().err
    assert not (tmp_path / "o.pdf").exists()
    assert main(["ocr", str(scanned.scan), "--out", str(tmp_path / "nowhere" / "o.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cancel_leaves_nothing_half_written(scanned, tmp_path):
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(CopyCancelled):
        write_searchable_copy(scanned.scan, out, scanned.pages, cancel=lambda: True)
    assert not out.exists() and _leftovers(tmp_path) == []
    # An existing file at the destination is left as it was.
    out.write_bytes(b"earlier copy")
    with pytest.raises(CopyCancelled):
        write_searchable_copy(scanned.scan, out, scanned.pages, cancel=lambda: True)
    assert out.read_bytes() == b"earlier copy" and _leftovers(tmp_path) == []
    seen: list[tuple[int, int]] = []
    with PaperDocument.open(scanned.scan) as doc, pytest.raises(OcrCancelled):
        recognise_pages(doc, [0, 1, 2], progress=lambda d, n: seen.append((d, n)),
                        cancel=lambda: len(seen) >= 2)
    assert seen == [(0, 3), (1, 3)]  # stopped after the first page, before the second


def test_a_copy_that_cannot_be_written_is_a_plain_error(scanned, tmp_path):
    with pytest.raises(PaperError, match="must not replace"):
        write_searchable_copy(scanned.scan, scanned.scan, scanned.pages)
