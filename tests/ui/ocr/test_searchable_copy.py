"""File › Save Searchable Copy… from the window: off the GUI thread, found where the words
stand by any reader (PDFium here), the scan untouched; a cancel leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.files import file_sha256
from mopac_desk.pdf import PaperDocument
from tests.unit.ocr.scans import find_rect, near
from ui.ocr.searchable import NOTHING_TO_ADD, default_name

from .windows import open_window, wait_idle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
OCR_MS = 60000


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_the_copy_of_a_scan_read_in_the_window_is_searchable(qtbot, window, scan, tmp_path):
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(scan.scan)
    before = file_sha256(scan.scan)
    out = tmp_path / "searchable.pdf"
    copy = window.ocr.searchable
    with qtbot.waitSignal(copy.saved, timeout=OCR_MS) as saved:
        assert copy.save_to(out) is not None
    assert saved.args == [out]
    assert file_sha256(scan.scan) == before and _leftovers(tmp_path) == []
    with PaperDocument.open(out) as doc:
        hits = doc.find("Custody Estate Renewal")
        assert hits and hits[0].index == 0
        r = hits[0].rects[0]
        want = find_rect(scan.typeset, 0, "Custody Estate Renewal")
        assert near((r.x0, r.y0, r.x1, r.y1), want, lean=0.6, tolerance=3.0)


def test_a_cancelled_copy_leaves_nothing(qtbot, settings, scan, tmp_path):
    from ui.ocr.settings import NEVER, set_ocr_mode

    set_ocr_mode(NEVER)  # the window holds no words: the copy must read the scan itself
    window = open_window(qtbot)
    with qtbot.waitSignal(window.text_layer_checked):
        window.open_path(scan.scan)
    out = tmp_path / "out" / "searchable.pdf"
    out.parent.mkdir()
    copy = window.ocr.searchable
    with qtbot.waitSignal(copy.cancelled, timeout=OCR_MS):
        task = copy.save_to(out)
        assert task is not None
        task.cancel()
    wait_idle(qtbot)
    assert list(out.parent.iterdir()) == []
    window.close_document()


def test_a_typeset_paper_has_nothing_to_add(qtbot, settings, scan, tmp_path):
    window = open_window(qtbot)
    with qtbot.waitSignal(window.text_layer_checked):
        window.open_path(scan.typeset)
    window.messenger.interactive = False
    messages: list[tuple[str, str]] = []
    window.ocr.problem.connect(lambda title, text: messages.append((title, text)))
    out = tmp_path / "copy.pdf"
    with qtbot.waitSignal(window.ocr.searchable.failed, timeout=OCR_MS) as failed:
        window.ocr.searchable.save_to(out)
    assert failed.args == [NOTHING_TO_ADD]
    assert messages == [("Cannot save a searchable copy", NOTHING_TO_ADD)]
    assert not out.exists()
    window.close_document()


def test_the_copy_is_offered_beside_the_scan() -> None:
    assert default_name(Path("/papers/PCD 1234.pdf")) == Path("/papers/PCD 1234 (searchable).pdf")
