"""Opening a register paper whose stored copy is missing (#13.1 in the window): the window
says which paper, closes the paper shown before (it is not the one asked for), and offers
to locate the original; a file with the right hash puts the copy back and opens it, a file
with other contents is refused plainly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from mopac_desk.files import file_sha256
from tests.helpers.register_window import IAM_REPORT, PCD977
from tests.ui.trust.conftest import trust_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _row_of(browser, reference: str) -> int:
    """The table row (as the clerk sees it, sorted) showing ``reference``."""
    view = browser.table.model()
    return next(r for r in range(view.rowCount()) for c in range(view.columnCount())
                if view.index(r, c).data() == reference)


def _open_row(qtbot, browser, row: int) -> None:
    """The clerk selects the row and presses Enter (as a double-click does)."""
    index = browser.table.model().index(row, 0)
    browser.table.setCurrentIndex(index)
    browser.table.activated.emit(index)


def _stored(register, reference: str) -> Path:
    paper = next(p for p in register.list_papers() if p.reference == reference)
    return Path(paper.stored_path)


@pytest.fixture
def missing(qtbot, settings, tmp_path: Path):
    """A window showing the IAM report, PCD 977's stored copy deleted."""
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [PCD977, IAM_REPORT]) as (
            window, browser):
        register = window.workspace.register
        row = _row_of(browser, "PCD 977")
        stored = _stored(register, "PCD 977")
        _open_row(qtbot, browser, 1 - row)  # the IAM report
        assert window.document is not None and window.document.path != stored
        stored.unlink()
        yield window, browser, register, stored


def test_the_window_says_which_paper_and_closes_the_one_before(qtbot, missing) -> None:
    window, browser, _register, stored = missing
    with qtbot.waitSignal(window.trust.missing.offered) as offered:
        _open_row(qtbot, browser, _row_of(browser, "PCD 977"))
    text = offered.args[0]
    assert text.startswith("The register's copy of PCD 977 "
                           "(pcd-977-end-user-device-refresh.pdf) is missing")
    assert "Locate the original" in text and "could not be found" not in text
    assert "02db3d" not in text and stored.name not in text
    assert window.document is None  # the IAM report is not left on screen as if it were it
    assert window.windowTitle() == "mopac-desk"


def test_the_original_puts_the_copy_back_and_opens_it(qtbot, missing, tmp_path: Path) -> None:
    window, browser, _register, stored = missing
    original = tmp_path / "clerk" / "PCD 977 as emailed.pdf"
    original.parent.mkdir()
    shutil.copy(PCD977, original)
    window.trust.missing.choose_file = lambda _parent, caption: original
    window.trust.missing.interactive = True
    with qtbot.waitSignal(window.trust.missing.offered):
        _open_row(qtbot, browser, _row_of(browser, "PCD 977"))
    box = window.trust.missing.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    locate = next(b for b in box.findChildren(QPushButton) if "Locate" in b.text())
    with qtbot.waitSignal(window.trust.missing.restored, timeout=30_000) as restored:
        qtbot.mouseClick(locate, Qt.MouseButton.LeftButton)
    assert restored.args[0] == stored
    assert stored.is_file() and file_sha256(stored) == file_sha256(PCD977)
    qtbot.waitUntil(lambda: window.document is not None, timeout=10_000)
    assert window.document.path == stored
    assert original.is_file()  # the clerk's own file is left where it was


def test_a_file_with_other_contents_is_refused(qtbot, missing) -> None:
    window, browser, register, stored = missing
    window.trust.missing.choose_file = lambda _parent, caption: IAM_REPORT
    with qtbot.waitSignal(window.trust.missing.offered):
        _open_row(qtbot, browser, _row_of(browser, "PCD 977"))
    papers_before = len(register.list_papers())
    with qtbot.waitSignal(window.trust.missing.refused, timeout=30_000) as refused:
        window.trust.missing.choose_and_locate(window.trust.missing.last)
    text = refused.args[0]
    assert text == (f"“{IAM_REPORT.name}” is not the file PCD 977 was imported from (its "
                    "contents differ), so it was not used. Choose the original PDF.")
    assert not stored.exists()
    assert len(register.list_papers()) == papers_before  # nothing imported in its place
    assert window.document is None

