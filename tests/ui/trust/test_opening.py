"""Opening files in the window (#13.2, #13.7): a protected file asks for its password once
(not again when the same file, or its stored copy, is opened later; again only after a
wrong try); a zero-page file opened after it never asks; a file that cannot be read gets its
own plain reason, not the generic "unexpected problem" box."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import bad_pdfs
from tests.ui.trust.conftest import obeying_file_modes
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class Prompt:
    """Stands in for the clerk at the password prompt: answers from a list."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, name: str, retry: bool) -> str | None:
        self.calls.append((name, retry))
        return self.answers.pop(0) if self.answers else None


def make_window(qtbot, prompt: Prompt) -> MainWindow:
    window = MainWindow(password_prompt=prompt)
    window.messenger.interactive = False
    qtbot.addWidget(window)
    return window


def test_a_protected_file_asks_once_and_a_zero_page_file_after_it_never(
        qtbot, settings, tmp_path: Path) -> None:
    prompt = Prompt(bad_pdfs.PASSWORD)
    window = make_window(qtbot, prompt)
    protected = bad_pdfs.encrypted_pdf(tmp_path)
    assert window.open_path(protected)
    assert prompt.calls == [("protected.pdf", False)]
    assert window.document.page_count == 8
    # The same file again, and a copy of it elsewhere (as the register stores it): no prompt.
    assert window.open_path(protected)
    stored = tmp_path / "store" / "1f.pdf"
    stored.parent.mkdir()
    shutil.copy(protected, stored)
    assert window.open_path(stored)
    assert prompt.calls == [("protected.pdf", False)]
    # A zero-page file after it is damaged, not "protected": no prompt, one plain message.
    with qtbot.waitSignal(window.messenger.shown) as shown:
        assert not window.open_path(bad_pdfs.zero_page_pdf(tmp_path))
    assert prompt.calls == [("protected.pdf", False)]
    level, title, text = shown.args
    assert level == "error" and "has no pages" in text and "password" not in text
    window.close_document()


def test_a_wrong_password_asks_again_saying_so(qtbot, settings, tmp_path: Path) -> None:
    prompt = Prompt("wrong", bad_pdfs.PASSWORD)
    window = make_window(qtbot, prompt)
    assert window.open_path(bad_pdfs.encrypted_pdf(tmp_path))
    assert prompt.calls == [("protected.pdf", False), ("protected.pdf", True)]
    window.close_document()


def test_a_remembered_password_is_not_used_for_another_file(qtbot, settings,
                                                            tmp_path: Path) -> None:
    prompt = Prompt(bad_pdfs.PASSWORD, None)
    window = make_window(qtbot, prompt)
    assert window.open_path(bad_pdfs.encrypted_pdf(tmp_path))
    other = tmp_path / "other"
    other.mkdir()
    assert not window.open_path(bad_pdfs.encrypted_pdf(other, password="another-one"))
    assert prompt.calls == [("protected.pdf", False), ("protected.pdf", False)]


def test_a_folder_named_like_a_paper_is_said_plainly(qtbot, settings, tmp_path: Path) -> None:
    window = make_window(qtbot, Prompt())
    folder = tmp_path / "pcd-977.pdf"
    folder.mkdir()
    with qtbot.waitSignal(window.messenger.shown) as shown:
        assert not window.open_path(folder)
    level, title, text = shown.args
    assert (level, title) == ("error", "Cannot open paper")
    assert text == "“pcd-977.pdf” is not a file."


def test_a_file_that_may_not_be_read_gets_its_reason(qtbot, settings, tmp_path: Path,
                                                     pcd977: Path) -> None:
    window = make_window(qtbot, Prompt())
    locked = tmp_path / "locked.pdf"
    shutil.copy(pcd977, locked)
    locked.chmod(0)
    try:
        with obeying_file_modes():
            try:
                locked.read_bytes()
            except PermissionError:
                pass
            else:
                pytest.skip("file modes do not bind this user here")
            with qtbot.waitSignal(window.messenger.shown) as shown:
                assert not window.open_path(locked)
    finally:
        locked.chmod(0o644)
    level, title, text = shown.args
    assert (level, title) == ("error", "Cannot open paper")
    assert text == "“locked.pdf” cannot be read: permission denied."
    assert "Unexpected" not in title and "Traceback" not in text
    assert window.document is None


def test_a_protected_paper_reopened_from_the_register_is_not_asked_again(
        qtbot, settings, tmp_path: Path) -> None:
    from ui.workspace import Workspace

    prompt = Prompt(bad_pdfs.PASSWORD)
    workspace = Workspace()
    window = MainWindow(workspace, password_prompt=prompt)
    window.messenger.interactive = False
    qtbot.addWidget(window)
    browser = window.register_browser
    assert browser.open_register(tmp_path / "reg" / "register.sqlite")
    try:
        assert window.open_path(bad_pdfs.encrypted_pdf(tmp_path))
        # the review panel imports it with the password the window was given
        qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=30_000)
        paper = workspace.register.list_papers()[0]
        assert Path(paper.stored_path).is_file()
        browser.open_paper_requested.emit(paper.id, str(paper.stored_path), 0)
        assert window.document is not None and window.document.path == Path(paper.stored_path)
        # the stored copy is named by its hash: the title gives the name it was imported under
        assert window.windowTitle() == "protected.pdf — mopac-desk"
        assert prompt.calls == [("protected.pdf", False)]
    finally:
        window.close_document()
        browser.shutdown()
        workspace.close()
