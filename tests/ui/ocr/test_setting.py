"""Preferences › Scanned papers: automatically (the default), ask, never; kept across
sessions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.ocr.settings import ASK, AUTOMATIC, NEVER, OCR_MODE_KEY, ocr_mode, set_ocr_mode
from ui.settings_dialog import SettingsDialog


def test_automatic_is_the_default_and_a_bad_value_reads_as_it(settings) -> None:
    assert ocr_mode() == AUTOMATIC
    QSettings().setValue(OCR_MODE_KEY, "sometimes")
    assert ocr_mode() == AUTOMATIC
    with pytest.raises(ValueError):
        set_ocr_mode("sometimes")


def test_preferences_keep_the_choice(qtbot, settings, tmp_path) -> None:
    dialog = SettingsDialog(vocabulary_path=tmp_path / "tags.json")
    qtbot.addWidget(dialog)
    box = dialog.ocr_box
    assert box.mode() == AUTOMATIC
    box.combo.setCurrentIndex(box.combo.findData(NEVER))
    dialog.accept()
    assert ocr_mode() == NEVER
    again = SettingsDialog(vocabulary_path=tmp_path / "tags.json")
    qtbot.addWidget(again)
    assert again.ocr_box.mode() == NEVER
    again.ocr_box.combo.setCurrentIndex(again.ocr_box.combo.findData(ASK))
    again.reject()  # Cancel keeps what was saved
    assert ocr_mode() == NEVER
