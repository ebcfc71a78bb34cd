"""The export dialog: choices become a request, the pack is written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from mopac_desk.register import Register
from tests.unit.export.sample_register import build_register
from ui.export_dialog import ALL, MEETING, SELECTED, ExportDialog, ExportThread


@pytest.fixture
def reg_path(tmp_path: Path) -> Path:
    return build_register(tmp_path / "register.sqlite")


@pytest.fixture
def dialog(qtbot, reg_path):
    with Register(reg_path) as reg:
        ids = [p.id for p in reg.list_papers()]
        dlg = ExportDialog.for_register(reg, selected_paper_ids=[ids[2]])
    qtbot.addWidget(dlg)
    return dlg


def test_defaults_and_request(dialog, tmp_path):
    assert dialog.meeting_radio.isChecked()
    assert dialog.meeting_combo.count() == 1 and "IAM April" in dialog.meeting_combo.itemText(0)
    assert not dialog.export_button.isEnabled()  # no path yet
    dialog.path_edit.setText(str(tmp_path / "pack"))
    assert dialog.export_button.isEnabled()
    req = dialog.request()
    assert req.scope == MEETING and req.meeting_id == dialog.meeting_combo.currentData()
    assert req.out == tmp_path / "pack.xlsx"
    dialog.selected_radio.setChecked(True)
    dialog.publication_box.setChecked(True)
    req = dialog.request()
    assert req.scope == SELECTED and len(req.paper_ids) == 1 and req.publication
    assert dialog.suggested_name() == "selected-papers-pack-publication.xlsx"
    dialog.all_radio.setChecked(True)
    assert dialog.request().scope == ALL and not dialog.meeting_combo.isEnabled()


def test_no_selection_disables_selected(qtbot, reg_path):
    dlg = ExportDialog(reg_path, meetings=[], selected_paper_ids=[])
    qtbot.addWidget(dlg)
    assert not dlg.selected_radio.isEnabled() and not dlg.meeting_radio.isEnabled()
    assert dlg.all_radio.isChecked()


def test_export_meeting_runs_on_worker_thread(qtbot, dialog, tmp_path):
    out = tmp_path / "pack.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.start_export()
    assert dialog.is_running() and not dialog.export_button.isEnabled()
    assert not dialog.close_button.isEnabled()
    assert isinstance(dialog.thread, ExportThread)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        pass
    assert blocker.args == [str(out)]
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.progress_bar.value() == 100
    assert "Saved the pack" in dialog.status_label.text()
    assert dialog.export_button.isEnabled()
    wb = openpyxl.load_workbook(out)
    assert [wb["Papers"].cell(row=r, column=3).value for r in (2, 3)] == ["PCD 978", "PCD 977"]


def test_failure_shows_plain_message_and_keeps_old_file(qtbot, dialog, tmp_path):
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")
    dialog.path_edit.setText(str(tmp_path / "missing-folder" / "pack.xlsx"))
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert dialog.last_error and "does not exist" in dialog.last_error
    assert dialog.status_label.text() == dialog.last_error
    assert "Traceback" not in dialog.last_error
    assert old.read_bytes() == b"previous pack"


def test_broken_register_is_a_plain_message(qtbot, tmp_path):
    bad = tmp_path / "not-a-register.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    dlg = ExportDialog(bad, meetings=[], selected_paper_ids=[])
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "pack.xlsx"))
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=20000)
    assert dlg.last_error and "not-a-register.sqlite" in dlg.last_error
    assert not (tmp_path / "pack.xlsx").exists()


def test_choose_path_uses_save_dialog(qtbot, dialog, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = {}

    def fake_save(parent, caption, start, filters):
        asked.update(start=start, filters=filters)
        return str(tmp_path / "chosen.xlsx"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog.default_dir = tmp_path
    dialog.choose_path()
    assert asked["start"] == str(tmp_path / "meeting-pack-2021-04-09.xlsx")
    assert "*.xlsx" in asked["filters"]
    assert dialog.path_edit.text() == str(tmp_path / "chosen.xlsx")
