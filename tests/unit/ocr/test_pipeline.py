"""The pipeline reads a scan by OCR by default: the same findings' rules run on it, doubtful
figures become findings, and ``--no-ocr`` restores the plain message and exit 2."""

from __future__ import annotations

import json

from mopac_desk.cli import main
from mopac_desk.ocr.reading import OCR_FIGURE_CODE
from mopac_desk.pipeline import read_file

from .scans import find_rect, make_scan


def test_a_scan_is_read_by_ocr_by_default(scanned):
    r = read_file(scanned.scan)
    assert r.ocr_pages == [0, 1, 2, 3]
    paper = r.extraction.papers[0]
    assert paper.ocr is True and paper.value("reference") == "PCD 1234"
    assert [c.code for c in paper.checks if c.code == OCR_FIGURE_CODE] == []
    assert "£213,477" in r.page_texts[2]
    typeset = read_file(scanned.typeset)
    assert typeset.ocr_pages == []
    assert sorted(f.code for f in paper.checks) == sorted(f.code for f in typeset.extraction.papers[0].checks)


def test_a_smudged_figure_becomes_a_finding(scanned, tmp_path):
    l, b, r, t = find_rect(scanned.typeset, 2, "£1.8m")
    w = (r - l) / 5
    # The report alone (its two pages) keeps the test short: OCR takes about a second a page.
    scan = make_scan(scanned.typeset, tmp_path / "smudged.pdf", pages=[2, 3],
                     smudges={2: [(l + 1.2 * w, b + 1, l + 2.6 * w, t - 1)]})
    paper = read_file(scan).extraction.papers[0]
    flagged = [f for f in paper.checks if f.code == OCR_FIGURE_CODE]
    assert flagged and all(f.page == 1 and f.message.startswith("Read by OCR: compare")
                           for f in flagged)
    # The amount is never silently wrong: what was read there is flagged or is right.
    contract = [c for c in paper.costs if c.page == 1 and c.kind == "contract"]
    assert all(c.amount_pence == 180_000_000 or any(c.raw in f.quote for f in flagged)
               for c in contract)


def test_no_ocr_gives_the_plain_message_and_json_marks_what_ocr_read(scanned, capsys):
    assert main(["extract", "--no-ocr", str(scanned.scan)]) == 2
    err = capsys.readouterr().err
    assert "has no text layer" in err and "Traceback" not in err
    assert main(["extract", "--json", str(scanned.scan)]) == 0
    data = json.loads(capsys.readouterr().out)
    (paper,) = data["papers"]
    assert paper["ocr"] is True and paper["fields"]["reference"]["value"] == "PCD 1234"
    assert paper["fields"]["reference"]["confidence"] >= 80
    assert all(c["confidence"] is not None for c in paper["costs"])
    assert all(r["confidence"] is not None for r in paper["recommendations"])
    assert main(["extract", "--json", str(scanned.typeset)]) == 0
    typeset = json.loads(capsys.readouterr().out)["papers"][0]
    assert typeset["ocr"] is False
    assert all(c["confidence"] is None for c in typeset["costs"])


def test_scanned_pages_inside_a_typeset_paper_are_read_by_ocr(scanned, tmp_path):
    import pikepdf

    mixed = tmp_path / "mixed.pdf"
    with pikepdf.open(scanned.typeset) as typeset, pikepdf.open(scanned.scan) as scan:
        del typeset.pages[2:]  # the decision form typeset, its report scanned
        typeset.pages.extend(scan.pages[2:])
        typeset.save(mixed)
    r = read_file(mixed)
    assert r.ocr_pages == [2, 3]
    paper = r.extraction.papers[0]
    assert paper.ocr is True
    assert paper.fields["reference"].confidence is None  # typeset: not read by OCR
    assert paper.fields["meeting_date"].value == "2024-03-12"
    assert paper.fields["meeting_date"].confidence >= 80  # on a scanned page
    want = read_file(scanned.typeset).extraction.papers[0]
    assert [(c.raw, c.amount_pence, c.page) for c in paper.costs] == [
        (c.raw, c.amount_pence, c.page) for c in want.costs]
