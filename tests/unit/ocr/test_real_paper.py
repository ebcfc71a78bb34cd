"""A real paper (a fixture), scanned: extraction and the readiness checks find on the scan
what they find on the typeset file; what OCR misread is marked, not passed off as read."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from mopac_desk.ocr.figures import LOW_CONFIDENCE
from mopac_desk.pipeline import read_file

from .scans import make_scan

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "papers" / \
    "eus-device-demand-2025-27-draft.pdf"


def _first_pages(src: Path, out: Path, n: int) -> Path:
    with pikepdf.open(src) as pdf:
        del pdf.pages[n:]
        pdf.save(out)
    return out


def test_a_scanned_real_paper_reads_as_the_typeset_one(tmp_path):
    # Its first two pages (the recommendations, the costs, a placeholder): OCR takes about a
    # second a page.
    typeset = _first_pages(FIXTURE, tmp_path / "typeset.pdf", 2)
    scan = make_scan(typeset, tmp_path / "scan.pdf", dpi=200, lean=0.6)
    got = read_file(scan).extraction.papers
    want = read_file(typeset).extraction.papers
    assert len(got) == len(want) == 1
    got, want = got[0], want[0]
    assert len(want.costs) == 4 and len(want.checks) == 3  # the test has something to compare
    assert [(c.raw, c.amount_pence, c.kind, c.page) for c in got.costs] == [
        (c.raw, c.amount_pence, c.kind, c.page) for c in want.costs]
    assert [r.text for r in got.recommendations] == [r.text for r in want.recommendations]
    for name, field in want.fields.items():
        mine = got.fields[name]
        assert (mine is None) == (field is None), name
        if field is None or mine is None:
            continue
        # A field OCR read differently is never shown as read cleanly.
        assert mine.value == field.value or mine.confidence < LOW_CONFIDENCE, (
            name, mine.value, field.value, mine.confidence)
    # The same readiness findings ("£xxxx" is the template's placeholder on both).
    assert sorted((f.code, f.page) for f in got.checks) == sorted(
        (f.code, f.page) for f in want.checks)
