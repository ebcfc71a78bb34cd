"""Compare mode: exporting the changes from the change list (Excel, or the later paper with each
change annotated), off the GUI thread, cancel leaving nothing; and a scanned version compared
with a typeset one, read by OCR or from the register's kept words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pikepdf
import pytest
from PySide6.QtWidgets import QFileDialog, QToolButton

from mopac_desk.files import file_sha256
from tests.helpers import versions
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report
from tests.helpers.register_window import window_with_register
from tests.unit.ocr.scans import make_scan
from ui.compare.export import FILTERS, PDF, XLSX, kind_of
from ui.ocr.settings import NEVER, set_ocr_mode

from .conftest import compared

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _saving_to(monkeypatch, path: Path, chosen: str = "") -> list[str]:
    asked: list[str] = []

    def answer(_parent, _title, start, filters, *a, **k):
        asked.append(filters)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def _annotations(pdf: Path) -> list[dict]:
    out = []
    with pikepdf.open(pdf) as doc:
        for n, page in enumerate(doc.pages, 1):
            for a in page.obj.get("/Annots", []):
                out.append({"page": n, "subtype": str(a.get("/Subtype")),
                            "contents": str(a.get("/Contents", "")),
                            "has_appearance": "/AP" in a})
    return out


def test_change_list_exports_the_annotated_later_paper(qtbot, window, tmp_path, monkeypatch):
    old, new = versions.amounts_changed(tmp_path)
    result = compared(qtbot, window, old, new)
    view = window.compare.view
    changes = view.changes
    # One entry point: the toolbar's Export Changes is a menu of both kinds.
    button = view.export_button
    assert button is not None and button.isEnabled() and button.isVisibleTo(view)
    assert button.menu().actions() == [changes.export_xlsx, changes.export_pdf]
    assert not [b for b in changes.findChildren(QToolButton) if "Export" in b.text()]
    out = tmp_path / "out" / "annotated.pdf"
    out.parent.mkdir()
    asked = _saving_to(monkeypatch, out)
    with qtbot.waitSignal(window.compare.exporter.written, timeout=20_000) as blocker:
        changes.export_pdf.trigger()
    assert asked == [FILTERS[PDF]]
    assert blocker.args[0] == out
    notes = _annotations(out)
    assert len(notes) >= len(result.changes)
    money = [n for n in notes if n["contents"].startswith("Money: ")]
    assert len(money) == len(result.amounts) == 5
    assert all(n["subtype"] == "/Highlight" and n["has_appearance"] for n in money)
    assert "£2.5m" in " ".join(n["contents"] for n in money)  # "was: “£2.5m”"
    assert sorted(p.name for p in out.parent.iterdir()) == ["annotated.pdf"]
    assert new.read_bytes()[:5] == b"%PDF-" and not list(tmp_path.glob("*.part"))


def test_change_list_exports_excel_too(qtbot, window, tmp_path, monkeypatch):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    out = tmp_path / "changes.xlsx"
    _saving_to(monkeypatch, out)
    with qtbot.waitSignal(window.compare.exporter.written, timeout=20_000):
        window.compare.view.changes.export_xlsx.trigger()
    assert openpyxl.load_workbook(out)["Money"].max_row == 6


def test_the_toolbars_export_offers_both_and_goes_by_the_file_type(qtbot, window, tmp_path,
                                                                    monkeypatch):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    out = tmp_path / "changes"  # no extension: the filter chosen decides
    asked = _saving_to(monkeypatch, out, FILTERS[PDF])
    with qtbot.waitSignal(window.compare.exporter.written, timeout=20_000):
        window.actions_by_id["compare.export"].trigger()
    assert asked == [f"{FILTERS[XLSX]};;{FILTERS[PDF]}"]
    assert out.read_bytes()[:5] == b"%PDF-"
    assert kind_of("x.XLSX", FILTERS[PDF]) == XLSX and kind_of("x.pdf") == PDF
    # The name offered (".xlsx") kept, the PDF type picked: a PDF, named so.
    offered = new.with_name(f"{new.stem} changes.xlsx")
    _saving_to(monkeypatch, offered, FILTERS[PDF])
    with qtbot.waitSignal(window.compare.exporter.written, timeout=20_000) as blocker:
        window.actions_by_id["compare.export"].trigger()
    assert blocker.args[0] == offered.with_suffix(".pdf") and not offered.exists()
    assert offered.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def test_a_cancelled_export_writes_nothing(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "annotated.pdf").write_bytes(b"kept")  # an older file there is left as it was
    exporter = window.compare.exporter
    with qtbot.waitSignal(exporter.cancelled, timeout=20_000):
        task = window.compare.export_to(folder / "annotated.pdf", PDF)
        assert task is not None and exporter.running
        assert window.compare.export_to(folder / "other.pdf", PDF) is None  # one at a time
        exporter.cancel()
    assert not exporter.running
    assert [p.name for p in folder.iterdir()] == ["annotated.pdf"]
    assert (folder / "annotated.pdf").read_bytes() == b"kept"


def test_a_failed_export_is_one_plain_message(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    with qtbot.waitSignal(window.messenger.shown, timeout=20_000) as blocker:
        window.compare.export_to(tmp_path / "missing" / "annotated.pdf", PDF)
    level, title, text = blocker.args
    assert (level, title) == ("error", "Cannot export the changes")
    assert "missing" in text and "Traceback" not in text
    assert not (tmp_path / "missing").exists()


def _report(path: Path, spec: ReportSpec) -> Path:
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, spec)
    return flow.save(path)


@pytest.fixture(scope="module")
def scanned_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scan-pair")
    spec = ReportSpec()
    typeset = _report(folder / "typeset.pdf", spec)
    raised = _report(folder / "raised.pdf", ReportSpec(
        financial=spec.financial.replace("£2.025 million", "£2.4 million")))
    return make_scan(typeset, folder / "scan.pdf", dpi=200, lean=0.6), typeset, raised


def test_a_scan_is_compared_in_the_window(qtbot, window, scanned_pair):
    scan, typeset, _raised = scanned_pair
    result = compared(qtbot, window, scan, typeset)
    assert result.old.ocr_pages and len(result.changes) <= 2 and not result.amounts
    changes = window.compare.view.changes
    assert "read by OCR" in changes.heading.text()
    groups = dict(changes.entries())
    noise = [t for t in groups if t.startswith("Read differently by OCR")]
    assert bool(noise) == bool(result.ocr_noise)
    # Marks stand on the scan's page too, where the scan's words are.
    left = window.compare.view.old_view
    assert left.document().path == scan
    # With no register to hold its words, the side takes the words read for the comparison,
    # so find (and selection, the markups) work on the scan as on a typeset page.
    assert set(left.ocr_texts()) == {p - 1 for p in result.old.ocr_pages}
    assert window.compare.view.new_view.ocr_texts() == {}


def test_cancel_stops_the_ocr_of_a_scan(qtbot, window, scanned_pair):
    scan, typeset, _raised = scanned_pair
    c = window.compare
    window.show()
    assert c.open_pair(scan, typeset)
    qtbot.waitUntil(lambda: "by OCR" in c.view.status.text(), timeout=20_000)
    window.actions_by_id["compare.cancel"].trigger()
    qtbot.waitUntil(lambda: not c.running, timeout=30_000)
    assert c.comparison is None and "cancelled" in c.view.status.text()


def test_a_scan_in_the_register_is_compared_from_its_kept_words(qtbot, settings, tmp_path,
                                                                scanned_pair):
    scan, _typeset, raised = scanned_pair
    with window_with_register(qtbot, tmp_path / "register.sqlite", [scan]) as (window, _b):
        window.messenger.interactive = False
        register = window.workspace.register
        ids = [p.document_id for p in register.find_file(file_sha256(scan))]
        assert ids and register.ocr_pages(ids[0])  # the import read it once
        set_ocr_mode(NEVER)  # no OCR now: only the register's words can read the scan
        with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
            assert window.compare.open_pair(scan, raised)
        result = blocker.args[0]
        assert result.old.ocr_pages == [1, 2, 3, 4]
        assert any((a.old_pence, a.new_pence) == (202_500_000, 240_000_000)
                   for a in result.amounts)
        window.compare.close()
