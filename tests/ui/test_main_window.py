"""The main window: opening papers (good and bad), messages, recent files, drag and drop."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from mopac_desk.paths import demo_papers
from tests.helpers import bad_pdfs
from ui.app import files_to_open, install_excepthook
from ui.main_window import NO_TEXT_BANNER, MainWindow
from ui.recent import recent_files

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class Prompt:
    """Stands in for the clerk at the password prompt: answers from a list."""

    def __init__(self, *answers: str | None):
        self.answers = list(answers)
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, name: str, retry: bool) -> str | None:
        self.calls.append((name, retry))
        return self.answers.pop(0)


def make_window(qtbot, prompt: Prompt | None = None) -> MainWindow:
    w = MainWindow(password_prompt=prompt or Prompt())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    # These tests are about the pages: the register and review docks would leave the page
    # view a sliver of the 800 x 600 offscreen screen (they have tests of their own).
    w.register_dock.hide()
    w.review_dock.hide()
    w.thumbnails_dock.raise_()
    w.resizeDocks([w.thumbnails_dock], [160], Qt.Orientation.Horizontal)  # one column
    w.layout().activate()  # the window may be narrower at once, not after the next event
    return w


@pytest.fixture
def window(qtbot, settings):
    w = make_window(qtbot)
    yield w
    w.close_document()


def test_opens_each_paper(qtbot, window: MainWindow, paper_path: Path) -> None:
    with qtbot.waitSignal(window.text_layer_checked) as checked:
        assert window.open_path(paper_path)
    assert checked.args == [True]
    n = window.document.page_count
    assert window.windowTitle().startswith(paper_path.name)
    assert window.page_label.text() == f"Page 1 of {n}"
    assert window.zoom_label.text().endswith("%")
    assert window.actions_by_id["edit.find"].isEnabled()
    assert not window.banner.isVisible()
    model = window.thumbnails.thumbnail_model()
    # Thumbnails follow once the first page is on screen.
    qtbot.waitUntil(lambda: model.rowCount() == n and model.is_rendered(0), timeout=10000)
    assert window.thumbnails.currentIndex().row() == 0  # the current page is marked
    window.actions_by_id["go.last"].trigger()
    qtbot.waitUntil(lambda: window.page_label.text() == f"Page {n} of {n}", timeout=5000)
    assert window.page_spin.value() == n
    assert window.thumbnails.currentIndex().row() == n - 1
    window.actions_by_id["file.close"].trigger()
    assert window.document is None and window.windowTitle() == "mopac-desk"
    assert not window.actions_by_id["edit.find"].isEnabled()


def test_thumbnails_follow_the_view_and_lead_it(qtbot, window: MainWindow, pcd977: Path) -> None:
    window.open_path(pcd977)
    thumbs = window.thumbnails
    qtbot.waitUntil(lambda: thumbs.thumbnail_model().rowCount() == 8, timeout=10000)
    window.viewer.scroll_to(3)
    assert thumbs.currentIndex().row() == 3
    thumbs.setFocus()
    qtbot.keyClick(thumbs, Qt.Key.Key_Down)
    assert window.viewer.current_page() == 4
    index = thumbs.thumbnail_model().index(6)
    qtbot.mouseClick(thumbs.viewport(), Qt.MouseButton.LeftButton,
                     pos=thumbs.visualRect(index).center())
    assert window.viewer.current_page() == 6


def test_page_spin_and_go_actions(qtbot, window: MainWindow, pcd977: Path) -> None:
    window.open_path(pcd977)
    window.page_spin.setValue(5)
    assert window.viewer.current_page() == 4
    window.actions_by_id["go.next"].trigger()
    assert window.viewer.current_page() == 5
    window.actions_by_id["go.previous"].trigger()
    window.actions_by_id["go.previous"].trigger()
    assert window.page_label.text() == "Page 4 of 8"
    window.actions_by_id["go.first"].trigger()
    assert window.page_spin.value() == 1


def test_find_action_shows_the_bar_and_counts(qtbot, window: MainWindow, pcd977: Path) -> None:
    window.open_path(pcd977)
    assert window.actions_by_id["edit.find"].shortcut() == QKeySequence("Ctrl+F")
    assert QKeySequence("F3") in window.actions_by_id["edit.find_next"].shortcuts()
    window.actions_by_id["edit.find"].trigger()
    assert window.find_bar.isVisible()
    window.find_bar.search("laptop")
    expected = len(window.document.find("laptop"))
    qtbot.waitUntil(lambda: window.find_bar.label.text() == f"1 of {expected}", timeout=10000)
    window.actions_by_id["edit.find_next"].trigger()
    assert window.find_bar.label.text() == f"2 of {expected}"


@pytest.mark.parametrize("writer, words", [
    (bad_pdfs.text_named_pdf, "is not a PDF"),
    (bad_pdfs.truncated_pdf, "damaged or incomplete"),
    (bad_pdfs.empty_pdf, "is empty"),
])
def test_bad_input_shows_a_plain_message(qtbot, window: MainWindow, tmp_path: Path,
                                         writer, words) -> None:
    path = writer(tmp_path)
    with qtbot.waitSignal(window.messenger.shown) as shown:
        assert not window.open_path(path)
    level, title, text = shown.args
    assert level == "error" and words in text and path.name in text
    assert "Traceback" not in text
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.text() == text]
    assert len(boxes) == 1  # shown without blocking the caller
    boxes[0].accept()
    assert window.document is None


def test_missing_file_message(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.messenger.interactive = False
    with qtbot.waitSignal(window.messenger.shown) as shown:
        window.open_path(tmp_path / "gone.pdf")
    assert "could not be found" in shown.args[2]


def test_password_prompt_asks_again_after_a_wrong_password(qtbot, settings, tmp_path) -> None:
    path = bad_pdfs.encrypted_pdf(tmp_path)
    prompt = Prompt("wrong", bad_pdfs.PASSWORD)
    w = make_window(qtbot, prompt)
    assert w.open_path(path)
    assert prompt.calls == [("protected.pdf", False), ("protected.pdf", True)]
    assert w.document.page_count == 8
    w.close_document()


def test_password_prompt_cancelled(qtbot, settings, tmp_path) -> None:
    path = bad_pdfs.encrypted_pdf(tmp_path)
    w = make_window(qtbot, Prompt(None))
    assert not w.open_path(path)
    assert w.document is None


def test_image_only_paper_shows_the_banner(qtbot, window: MainWindow, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.text_layer_checked) as checked:
        assert window.open_path(bad_pdfs.image_only_pdf(tmp_path))
    assert checked.args == [False]
    assert window.banner.isVisible()
    # OCR (ui/ocr/) reads the blank scan in the background and finds no words on it.
    qtbot.waitUntil(lambda: window.banner.text() == NO_TEXT_BANNER, timeout=30000)
    qtbot.waitUntil(lambda: window.viewer.is_rendered(0), timeout=10000)
    window.close_document()
    assert not window.banner.isVisible()


def test_recent_files_are_persisted_and_pruned(qtbot, window: MainWindow, tmp_path: Path,
                                               paper_path: Path, pcd977: Path) -> None:
    copy = tmp_path / "copy.pdf"
    shutil.copy(paper_path, copy)
    window.open_path(pcd977)
    qtbot.waitUntil(lambda: recent_files()[:1] == [pcd977.resolve()], timeout=3000)
    window.open_path(copy)
    qtbot.waitUntil(lambda: recent_files()[:1] == [copy.resolve()], timeout=3000)
    assert recent_files()[:2] == [copy.resolve(), pcd977.resolve()]
    stored = QSettings().value("recentFiles")
    assert str(copy.resolve()) in stored
    window.recent_menu.aboutToShow.emit()
    names = [a.data() for a in window.recent_menu.actions() if a.data()]
    assert names == [str(copy.resolve()), str(pcd977.resolve())]
    copy.unlink()
    assert recent_files() == [pcd977.resolve()]
    assert QSettings().value("recentFiles") in ([str(pcd977.resolve())], str(pcd977.resolve()))


def test_recent_list_keeps_ten(qtbot, window: MainWindow, tmp_path: Path, pcd977: Path) -> None:
    for n in range(12):
        copy = tmp_path / f"paper-{n}.pdf"
        shutil.copy(pcd977, copy)
        window.open_path(copy)
        qtbot.waitUntil(lambda: recent_files()[:1] == [copy.resolve()], timeout=3000)
    files = recent_files()
    assert len(files) == 10 and files[0].name == "paper-11.pdf"


def _drop_events(path: Path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return mime, enter, drop


def test_drag_and_drop_opens_a_pdf(qtbot, window: MainWindow, pcd977: Path) -> None:
    _mime, enter, drop = _drop_events(pcd977)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert window.document is not None and window.document.path == pcd977


def test_drag_of_a_non_pdf_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    _mime, enter, _drop = _drop_events(other)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_window_geometry_is_restored(qtbot, settings) -> None:
    first = make_window(qtbot)
    first.resize(760, 540)  # within the offscreen screen (800 x 600)
    first.thumbnails_dock.hide()
    first.viewer.set_zoom(1.25)
    first.close()
    second = make_window(qtbot)
    assert (second.width(), second.height()) == (760, 540)
    assert second.thumbnails_dock.isHidden()
    assert not second.actions_by_id["view.thumbnails"].isChecked()
    assert second.viewer.zoom() == 1.25 and second.viewer.fit_mode() == "none"


def test_add_dock_puts_a_toggle_in_the_view_menu(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    dock = window.add_dock(QLabel("fields"), "Fields", Qt.DockWidgetArea.RightDockWidgetArea)
    assert dock.toggleViewAction() in window.menus["View"].actions()
    assert dock.isVisible()


def test_demo_flag_opens_the_first_demo_paper() -> None:
    args = argparse.Namespace(files=[], register=None, demo=True)
    assert files_to_open(args) == demo_papers()[:1]
    assert files_to_open(argparse.Namespace(files=["a.pdf"], register=None, demo=True)) == [
        Path("a.pdf")]


def test_unexpected_errors_show_a_plain_message(qtbot, window: MainWindow, tmp_path) -> None:
    window.messenger.interactive = False
    saved = sys.excepthook
    try:
        install_excepthook(window, tmp_path / "log.txt")
        with qtbot.waitSignal(window.messenger.shown) as shown:
            try:
                raise ZeroDivisionError("division by zero")
            except ZeroDivisionError as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)
        seen = []
        window.messenger.shown.connect(lambda *a: seen.append(a))
        try:
            raise ZeroDivisionError("again")
        except ZeroDivisionError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        assert seen == []  # a repeat straight after is logged, not shown again
    finally:
        sys.excepthook = saved
    text = shown.args[2]
    assert "Something went wrong" in text and "ZeroDivision" not in text


def test_zoom_box_follows_and_sets_the_zoom(qtbot, window: MainWindow, pcd977: Path) -> None:
    window.open_path(pcd977)
    box = window.zoom_box
    window.actions_by_id["view.actual_size"].trigger()
    assert box.currentText() == "100 %" and window.zoom_label.text() == "100 %"
    box.apply("150")
    assert window.viewer.zoom() == 1.5 and box.currentText() == "150 %"
    box.apply("Fit page")
    assert window.viewer.fit_mode() == window.viewer.FIT_PAGE
    before = window.viewer.zoom()
    box.apply("lots")  # not a number: nothing changes
    assert window.viewer.zoom() == before
