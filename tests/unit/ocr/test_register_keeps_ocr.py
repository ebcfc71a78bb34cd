"""A scan imported into the register keeps what OCR read, page by page, so the paper is
not read again when it is opened; the stored copy of the scan is the file as it came."""

from __future__ import annotations

import json

import pytest

from mopac_desk.ocr.engine import OcrPage
from mopac_desk.ocr.text import page_text
from mopac_desk.register import Register
from mopac_desk.register.importer import IMPORTED, import_paths


def test_a_reading_round_trips_through_json(scanned):
    page = scanned.pages[0]
    back = OcrPage.from_dict(json.loads(json.dumps(page.to_dict())))
    assert back.index == page.index and len(back.words) == len(page.words)
    assert page_text(back).text == page_text(page).text
    w, v = page.words[3], back.words[3]
    # kept to a hundredth of a point
    assert v.text == w.text and v.box == pytest.approx(w.box, abs=0.01)
    assert all(c == pytest.approx(d, abs=0.01) for c, d in zip(v.chars, w.chars))


def test_an_imported_scan_keeps_its_words_with_its_document(scanned, tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        [outcome] = import_paths(reg, [scanned.scan])
        assert outcome.status == IMPORTED, outcome.message
        paper = outcome.papers[0]
        assert paper.reference == "PCD 1234"
        kept = reg.ocr_pages(paper.document_id)
        assert sorted(kept) == [p.index for p in scanned.pages]
        first = kept[0]
        assert page_text(first).text == scanned.texts[0].text
        # the register's copy is the scan as it came
        [doc] = reg.documents(paper.id)
        assert doc.stored_path.read_bytes() == scanned.scan.read_bytes()


def test_the_pack_says_which_papers_were_read_by_ocr_and_what_a_clerk_checked(scanned,
                                                                              tmp_path):
    from openpyxl import load_workbook

    from mopac_desk.export.excel import write_pack
    from mopac_desk.export.from_register import pack_for_papers

    with Register(tmp_path / "r.sqlite") as reg:
        [scan] = import_paths(reg, [scanned.scan])
        [typeset] = import_paths(reg, [_retitled(scanned.typeset, tmp_path)])
        pid = scan.papers[0].id
        doubtful = [f for f in reg.get_paper(pid).findings if f.code == "ocr_figure"]
        if doubtful:
            reg.dismiss_finding(doubtful[0].id, "compared with the page")
        ids = [pid, typeset.papers[0].id]
        out = write_pack(pack_for_papers(reg, ids), tmp_path / "pack.xlsx")
    ws = load_workbook(out)["Paper details"]
    header = [c.value for c in ws[1]]
    col = header.index("Read by OCR")
    notes = [row[col].value for row in ws.iter_rows(min_row=2, max_row=3)]
    if doubtful:
        assert notes[0].startswith(f"Read by OCR: {len(doubtful)} doubtful figure")
        assert notes[0].endswith(", 1 checked by a clerk")
    else:
        assert notes[0] == "Read by OCR: no doubtful figures"
    assert not notes[1]  # the typeset paper


def _retitled(typeset, tmp_path):
    """Another typeset paper (its own reference), so it is not taken for the scan's copy."""
    from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, \
        write_report

    flow = Flow()
    write_decision(flow, DecisionSpec(reference="PCD 4321", title="Another paper"))
    write_report(flow, ReportSpec(title="Another paper"))
    return flow.save(tmp_path / "typeset.pdf")


def test_items_read_by_ocr_keep_their_confidence_in_the_register(scanned, tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        [outcome] = import_paths(reg, [scanned.scan])
        detail = reg.get_paper(outcome.papers[0].id)
        assert detail.costs and all(c.confidence is not None for c in detail.costs)
        assert detail.fields["reference"].confidence is not None
        assert all(r.confidence is not None for r in detail.recommendations)
