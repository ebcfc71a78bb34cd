"""A damaged, a read-only register and a repaired document in the window (#13.4, #13.8): one
plain message naming Tools › Check Register and `mopac-desk verify`; a banner for a
read-only register, whose edits are refused plainly; "repaired on opening: check it against
the original" where the clerk reviews a repaired document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mopac_desk.cli import main
from tests.helpers import bad_pdfs
from tests.helpers.register_window import IAM_REPORT, PCD977
from tests.ui.trust.conftest import read_only_copy, trust_window
from ui.trust import window_words

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    register = tmp_path / "sound" / "register.sqlite"
    assert main(["import", str(PCD977), "--register", str(register)]) == 0
    return register


def _cut(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2 | 1)


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_cut, _emptied], ids=["cut_short", "emptied"])
def test_a_damaged_register_is_one_plain_message(qtbot, settings, sound: Path, damage) -> None:
    damage(sound)
    before = sound.read_bytes()
    with trust_window(qtbot, sound.parent.parent / "other.sqlite") as (window, browser):
        shown: list[tuple[str, str]] = []
        browser.message_shown.connect(lambda level, text: shown.append((level, text)))
        assert not browser.open_register(sound)
        text = browser.banner.text()  # the one message shown, in the window's words
        assert ("error", text) in shown
        assert "Tools › Check Register" in text and "`mopac-desk verify`" in text
        assert "Traceback" not in text and text.count("\n") == 0
        assert window.workspace.register is None
        dialog = window.trust.check_register(sound)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
        assert dialog.report.damaged and not dialog.repair_button.isEnabled()
        dialog.reject()
    assert sound.read_bytes() == before  # nothing written to it


def test_the_window_words_keep_the_sentence() -> None:
    text = ("The register r.sqlite is damaged (the file is malformed); nothing was written to "
            "it. Run `mopac-desk verify` to see what is wrong.")
    assert window_words(text) == (
        "The register r.sqlite is damaged (the file is malformed); nothing was written to it. "
        "Choose Tools › Check Register (or run `mopac-desk verify`) to see what is wrong.")
    assert window_words("Restore it from a backup, or run `mopac-desk verify` to see what is "
                        "wrong.").endswith(", or choose Tools › Check Register (or run "
                                           "`mopac-desk verify`) to see what is wrong.")
    assert window_words("All is well.") == "All is well."


def test_a_read_only_register_has_a_banner_and_refuses_edits(qtbot, settings,
                                                              sound: Path) -> None:
    with read_only_copy(sound.parent) as folder:
        register = folder / sound.name
        with trust_window(qtbot, register) as (window, browser):
            reg = window.workspace.register
            assert reg.read_only
            banner = window.trust.banner
            assert not banner.isHidden()
            assert banner.text() == (f"This register is read-only: {reg.read_only}; you can "
                                     "read, search and export, not edit.")
            qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=10_000)
            assert window.open_path(PCD977)  # reading works
            panel = window.review_panel
            qtbot.waitUntil(lambda: panel.paper_id is not None, timeout=20_000)
            status = panel.header.status_combo
            other = next(i for i in range(status.count()) if i != status.currentIndex())
            with qtbot.waitSignal(window.workspace.refused, timeout=10_000) as refused:
                status.setCurrentIndex(other)
            text = refused.args[0]
            assert "read-only" in text and "Traceback" not in text
            assert reg.get_paper(panel.paper_id).summary.status == "new"
            assert not window.workspace.undo_stack.canUndo()
            dialog = window.trust.check_register()
            qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
            assert dialog.report.ok and not dialog.repair_button.isEnabled()
            dialog.reject()
            # a paper the register does not hold is shown, not imported: the panel says why
            states: list[str] = []
            panel.file_papers.state.connect(states.append)
            assert window.open_path(IAM_REPORT)
            qtbot.waitUntil(lambda: any("read-only" in s for s in states), timeout=20_000)
            assert len(reg.list_papers()) == 1
            window.close_document()
        # a writable register takes the banner away
        with trust_window(qtbot, sound) as (window, _browser):
            assert window.trust.banner.isHidden()


def test_a_repaired_document_says_so_where_it_is_reviewed(qtbot, settings,
                                                          tmp_path: Path) -> None:
    garbled = bad_pdfs.garbled_xref_pdf(tmp_path)
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [garbled]) as (
            window, browser):
        reg = window.workspace.register
        repaired = [d for p in reg.list_papers() for d in reg.documents(p.id) if d.repaired]
        assert len(repaired) == 1
        panel, banner = window.review_panel, window.trust.banner
        stored = repaired[0].stored_path
        with qtbot.waitSignal(panel.paper_changed, timeout=20_000):
            assert window.open_path(stored)
        qtbot.waitUntil(lambda: "repaired on opening" in banner.text(), timeout=10_000)
        assert banner.text().endswith("was repaired on opening: check it against the "
                                      "original.")
        assert not banner.isHidden()
        with qtbot.waitSignal(panel.paper_changed, timeout=20_000):
            assert window.open_path(PCD977)
        qtbot.waitUntil(lambda: banner.isHidden(), timeout=10_000)
