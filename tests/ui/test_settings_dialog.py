"""Preferences: the clerk's name and the tag vocabulary, edited from the keyboard and saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from mopac_desk.review import tags as T
from mopac_desk.clerk import default_clerk_name
from ui.settings_dialog import (
    CLERK_KEY, SettingsDialog, current_clerk,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def no_saved_name():
    QSettings().remove(CLERK_KEY)
    yield
    QSettings().remove(CLERK_KEY)


@pytest.fixture
def vocab_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "tags.json"


@pytest.fixture
def dialog(qtbot, vocab_path):
    dlg = SettingsDialog(None, vocab_path)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    return dlg


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def _type_name(qtbot, dlg, text):
    """Type into the open name editor and press Return (the list commits it queued)."""
    editor = dlg.tag_list.findChild(QLineEdit)
    assert editor is not None, "the name editor is open"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    _key(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.tag_list.state() != QAbstractItemView.State.EditingState)


def _rename_current(qtbot, dlg, text):
    dlg.tag_list.setFocus()
    _key(qtbot, dlg.tag_list, Qt.Key.Key_F2)
    _type_name(qtbot, dlg, text)


def test_starts_with_defaults_and_login_name_as_placeholder(dialog):
    assert dialog.name_edit.text() == "" and dialog.name_edit.placeholderText() == default_clerk_name()
    assert [t.name for t in dialog.tags()] == [t.name for t in T.default_tags()]
    assert not dialog.problem_label.isVisible()
    assert dialog.name_edit.accessibleName() == "Your name"
    assert dialog.tag_list.accessibleName() == "Tags"
    assert dialog.tag_list.item(0).data(Qt.ItemDataRole.AccessibleTextRole).endswith("Ctrl+1")


def test_tab_order_runs_name_list_buttons_ok_cancel(dialog):
    chain, widget = [], dialog.name_edit
    for _ in range(10):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    assert chain[:8] == [dialog.name_edit, dialog.tag_list, dialog.add_button,
                         dialog.rename_button, dialog.remove_button, dialog.up_button,
                         dialog.down_button, dialog.colour_button]


def test_keyboard_edits_then_ok_save_name_and_vocabulary(qtbot, dialog, vocab_path):
    qtbot.keyClicks(dialog.name_edit, "  Ada   Lovelace ")
    dialog.tag_list.setFocus()
    dialog.tag_list.setCurrentRow(2)
    _key(qtbot, dialog.tag_list, Qt.Key.Key_Insert)  # a new tag after the third, name editor open
    _type_name(qtbot, dialog, "  Crime   prevention ")
    assert dialog.tag_list.currentRow() == 3
    for _ in range(3):  # up to the top: it becomes Ctrl+1
        _key(qtbot, dialog.tag_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    dialog.tag_list.setCurrentRow(dialog.tag_list.count() - 1)
    _key(qtbot, dialog.tag_list, Qt.Key.Key_Delete)  # the last default goes
    dialog.set_colour(0, "#00AA00")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.button_box.button(dialog.button_box.StandardButton.Ok).click()
    names = [t.name for t in saved.args[0]]
    defaults = [t.name for t in T.default_tags()]
    assert names == ["Crime prevention", *defaults[:-1]]
    assert QSettings().value(CLERK_KEY) == "Ada Lovelace" and current_clerk() == "Ada Lovelace"
    stored = json.loads(vocab_path.read_text(encoding="utf-8"))
    assert stored["tags"][0] == {"name": "Crime prevention", "colour": "#00aa00"}
    assert T.load_vocabulary(vocab_path).names() == names
    assert not dialog.isVisible()


def test_rename_with_f2(qtbot, dialog, vocab_path):
    dialog.tag_list.setCurrentRow(1)
    _rename_current(qtbot, dialog, "Digital")
    dialog.accept()
    assert T.load_vocabulary(vocab_path).names()[1] == "Digital"


def test_duplicate_names_keep_the_dialog_open_with_the_reason(qtbot, dialog, vocab_path):
    dialog.tag_list.setCurrentRow(1)
    _rename_current(qtbot, dialog, "CAPITAL")
    dialog.accept()
    assert dialog.isVisible() and dialog.problem_label.isVisible()
    assert "two tags called 'capital'" in dialog.problem_label.text()
    assert not vocab_path.exists()


def test_empty_name_falls_back_to_the_login_name(qtbot, dialog):
    QSettings().setValue(CLERK_KEY, "Someone Else")
    dialog.name_edit.clear()
    dialog.accept()
    assert QSettings().value(CLERK_KEY) is None and current_clerk() == default_clerk_name()


def test_a_damaged_vocabulary_file_is_explained_not_fatal(qtbot, vocab_path):
    vocab_path.parent.mkdir(parents=True)
    vocab_path.write_text("{oops", encoding="utf-8")
    dlg = SettingsDialog(None, vocab_path)
    qtbot.addWidget(dlg)
    assert "could not be used" in dlg.problem_label.text()
    assert [t.name for t in dlg.tags()] == [t.name for t in T.default_tags()]
    dlg.accept()  # saving replaces the damaged file
    assert T.load_vocabulary(vocab_path).problem is None


def test_cancel_changes_nothing(qtbot, dialog, vocab_path):
    qtbot.keyClicks(dialog.name_edit, "Nobody")
    dialog.remove_tag()
    dialog.reject()
    assert QSettings().value(CLERK_KEY) is None and not vocab_path.exists()


def test_edit_preferences_action_opens_it_and_announces_the_save(qtbot, vocab_path,
                                                                monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setattr(T, "vocabulary_path", lambda: vocab_path)
    window = MainWindow()
    qtbot.addWidget(window)
    action = window.actions_by_id["edit.preferences"]
    assert action in window.menus["Edit"].actions()
    assert "Ctrl+," in [k.toString() for k in action.shortcuts()]
    action.trigger()
    dlg = window.findChild(SettingsDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowModality() == Qt.WindowModality.WindowModal
    bus = window.workspace.preferences
    dlg.tag_list.setCurrentRow(0)
    dlg.remove_tag()
    with qtbot.waitSignal(bus.vocabulary_changed) as changed, \
            qtbot.waitSignal(bus.clerk_changed) as clerk:
        dlg.accept()
    assert [t.name for t in changed.args[0]] == [t.name for t in T.default_tags()][1:]
    assert clerk.args[0] == default_clerk_name()
    assert T.load_vocabulary().names() == [t.name for t in changed.args[0]]
    QApplication.processEvents()


def test_colour_button_opens_a_chooser_that_sets_the_tag_colour(qtbot, dialog):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    dialog.tag_list.setCurrentRow(2)
    dialog.colour_button.click()
    chooser = dialog.findChild(QColorDialog)
    assert chooser is not None and chooser.isVisible()
    chooser.setCurrentColor(QColor("#123456"))
    chooser.accept()
    assert dialog.tags()[2].colour == "#123456"
    assert "#123456" in dialog.tag_list.item(2).toolTip()
