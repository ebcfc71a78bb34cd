"""Tools › Check Register: the check runs off the GUI thread with progress, reports in plain
words, offers Repair… when something can be repaired, and puts missing copies back from a
folder of originals; a damaged register is reported, never repaired, never a traceback."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from mopac_desk.files import file_sha256
from tests.helpers.register_window import IAM_REPORT, PCD977
from tests.ui.trust.conftest import trust_window
from ui.trust import CheckRegisterDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _checked(qtbot, dialog: CheckRegisterDialog):
    qtbot.waitUntil(lambda: not dialog.running and dialog.report is not None, timeout=30_000)
    return dialog.report


def _stored(register) -> dict[int, Path]:
    return {d.paper_id: Path(d.stored_path)
            for p in register.list_papers() for d in register.documents(p.id)}


def test_a_sound_register_is_all_well(qtbot, settings, tmp_path: Path) -> None:
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [PCD977, IAM_REPORT]) as (
            window, _browser):
        action = window.actions_by_id["tools.check_register"]
        assert action in window.menus["Tools"].actions()
        with qtbot.waitSignal(window.trust.check_opened) as opened:
            action.trigger()
        dialog = opened.args[0]
        with qtbot.waitSignal(dialog.reported, timeout=30_000) as reported:
            pass
        report = reported.args[0]
        assert report.ok
        text = dialog.text.toPlainText()
        assert text.startswith("All is well: 2 paper(s), 2 stored copies checked")
        assert not dialog.repair_button.isEnabled() and dialog.close_button.isEnabled()
        assert dialog.progress.value() == dialog.progress.maximum()
        dialog.reject()


def test_a_missing_copy_and_an_orphan_are_reported_and_repaired(qtbot, settings,
                                                                 tmp_path: Path) -> None:
    originals = tmp_path / "originals"
    originals.mkdir()
    shutil.copy(PCD977, originals / "from-the-clerks-folder.pdf")
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [PCD977, IAM_REPORT]) as (
            window, _browser):
        register = window.workspace.register
        stored = _stored(register)
        pcd = next(pid for pid, p in stored.items() if file_sha256(p) == file_sha256(PCD977))
        gone = stored[pcd]
        gone.unlink()  # a stored copy lost
        orphan = gone.parent / "0000-left-by-a-stopped-import.pdf"
        orphan.write_bytes(b"%PDF-1.4 not named by any paper")
        old = time.time() - 3600
        os.utime(orphan, (old, old))  # older than any import still running
        asked: list[object] = []

        def choose(parent):
            asked.append(parent)
            return originals

        dialog = window.trust.check_register()
        dialog.choose_folder = choose
        report = _checked(qtbot, dialog)
        assert not report.ok and not report.damaged
        text = dialog.text.toPlainText()
        assert "1 stored copy is missing: PCD 977" in text
        assert "choose Repair after locating them" in text
        assert "1 file in store/ belongs to no paper" in text
        assert "Traceback" not in text and "--repair" not in text
        assert dialog.repair_button.isEnabled()
        with qtbot.waitSignal(dialog.reported, timeout=30_000) as repaired:
            dialog.repair_button.click()
        assert asked == [dialog]
        after = repaired.args[0]
        assert after.ok
        assert gone.is_file() and file_sha256(gone) == file_sha256(PCD977)
        assert not orphan.exists()
        text = dialog.text.toPlainText()
        assert "Put back 1 stored copy: PCD 977" in text
        assert "Removed 1 file(s) from store/" in text
        assert not dialog.repair_button.isEnabled()
        dialog.reject()


def test_repair_waits_for_the_originals_folder(qtbot, settings, tmp_path: Path) -> None:
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [PCD977]) as (window, _b):
        gone = next(iter(_stored(window.workspace.register).values()))
        gone.unlink()
        dialog = window.trust.check_register()
        dialog.choose_folder = lambda _parent: None  # the clerk cancels the folder chooser
        _checked(qtbot, dialog)
        dialog.repair_button.click()
        assert not dialog.running and not gone.exists()
        assert dialog.repair_button.isEnabled()  # still on offer
        dialog.reject()


def test_cancel_stops_the_check_and_says_so(qtbot, settings, tmp_path: Path) -> None:
    with trust_window(qtbot, tmp_path / "reg" / "register.sqlite", [PCD977, IAM_REPORT]) as (
            window, _browser):
        dialog = window.trust.check_register()
        assert dialog.running and dialog.cancel_button.isEnabled()
        assert not dialog.close_button.isEnabled()
        dialog.cancel_button.click()
        _checked(qtbot, dialog)
        assert dialog.text.toPlainText().startswith("The check was stopped")
        assert dialog.close_button.isEnabled() and not dialog.cancel_button.isEnabled()
        dialog.reject()


def test_a_damaged_register_is_reported_not_repaired(qtbot, settings, tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    with trust_window(qtbot, folder / "register.sqlite", [PCD977, IAM_REPORT]) as (window, _b):
        pass
    register = folder / "register.sqlite"
    os.truncate(register, register.stat().st_size // 2 | 1)
    with trust_window(qtbot, tmp_path / "other" / "register.sqlite") as (window, _browser):
        dialog = window.trust.check_register(register)
        report = _checked(qtbot, dialog)
        assert report.damaged
        text = dialog.text.toPlainText()
        assert text.startswith("The register file is damaged")
        assert "restore it from a backup" in text and "Traceback" not in text
        assert not dialog.repair_button.isEnabled()
        dialog.reject()
    QApplication.processEvents()
