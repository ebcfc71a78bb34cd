"""Tags on the review panel: Ctrl+1..9 on several selected items, undo, the Tag menu, and the
shortcuts following the clerk's vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication

from mopac_desk.review import tags as T
from tests.helpers.register_window import review_window
from ui.panels.tagging import TaggingController
from ui.settings_dialog import CLERK_KEY, open_preferences

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

@pytest.fixture(autouse=True)
def own_vocabulary(tmp_path, monkeypatch):
    """Each test starts from the shipped vocabulary in its own config folder."""
    monkeypatch.setattr(T, "vocabulary_path", lambda: tmp_path / "config" / "tags.json")
    QSettings().remove(CLERK_KEY)
    yield
    QSettings().remove(CLERK_KEY)


def review(qtbot, tmp_path: Path):
    return review_window(qtbot, tmp_path, shown=True)


def select_rows(panel, view, rows: list[int]) -> list[tuple[str, int]]:
    from ui.panels.sections import RECOMMENDATIONS, COSTS

    panel.show_section(RECOMMENDATIONS if view is panel.recommendations_view else COSTS)
    model, sel = view.model(), view.selectionModel()
    sel.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        sel.select(model.index(row, 0), flags)
    return panel.selected_items()


def press(qtbot, panel, key):
    qtbot.keyClick(panel.recommendations_view, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_1_tags_three_recommendations_at_once_and_undo_untags(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        items = select_rows(panel, panel.recommendations_view, [0, 1, 2])
        assert len(items) == 3 and all(e == "recommendation" for e, _ in items)
        first = T.default_tags()[0].name
        press(qtbot, panel, Qt.Key.Key_1)
        assert [reg.tags_of(e, i) for e, i in items] == [[first]] * 3
        assert panel.undo_stack.count() == 1
        assert f"“{first}”" in panel.undo_stack.undoText()
        assert [r["name"] for r in reg.tags()] == [first]  # created on first use
        audit = [a for a in reg.audit_for(panel.paper_id) if a["what"] == "tagged"]
        assert len(audit) == 3
        panel.undo_stack.undo()
        assert [reg.tags_of(e, i) for e, i in items] == [[], [], []]
        panel.undo_stack.redo()
        assert [reg.tags_of(e, i) for e, i in items] == [[first]] * 3


def test_toggle_adds_to_those_lacking_then_removes_from_all(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        second = T.default_tags()[1].name
        only = select_rows(panel, panel.recommendations_view, [1])
        press(qtbot, panel, Qt.Key.Key_2)
        assert reg.tags_of(*only[0]) == [second]
        items = select_rows(panel, panel.recommendations_view, [0, 1, 2])
        press(qtbot, panel, Qt.Key.Key_2)  # some lack it: add to those
        assert all(reg.tags_of(e, i) == [second] for e, i in items)
        press(qtbot, panel, Qt.Key.Key_2)  # all have it: take it off all
        assert all(reg.tags_of(e, i) == [] for e, i in items)
        panel.undo_stack.undo()  # exactly the inverse: all three tagged again
        assert all(reg.tags_of(e, i) == [second] for e, i in items)
        panel.undo_stack.undo()  # back to only the middle one
        assert [reg.tags_of(e, i) for e, i in items] == [[], [second], []]


def test_costs_are_tagged_from_the_tag_menu_which_ticks_what_all_have(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        tagging = panel.findChild(TaggingController, "tagging")
        assert tagging.menu.menuAction() in window.menuBar().actions()
        assert tagging.menu.menuAction() in panel.costs_view.actions()
        assert tagging.menu.menuAction() in panel.recommendations_view.actions()
        items = select_rows(panel, panel.costs_view, [0, 1])
        action = tagging.action_for("needs finance")
        action.trigger()
        assert all(reg.tags_of(e, i) == ["needs finance"] for e, i in items)
        tagging.menu.aboutToShow.emit()
        assert action.isChecked() and not tagging.action_for("legal").isChecked()
        tagging.menu.aboutToHide.emit()
        select_rows(panel, panel.costs_view, [])
        tagging.menu.aboutToShow.emit()  # nothing selected: greyed while the menu is open
        assert not action.isEnabled()
        tagging.menu.aboutToHide.emit()  # ...but the shortcut works again once it closes
        assert action.isEnabled()


def test_nothing_selected_says_what_to_do(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        select_rows(panel, panel.recommendations_view, [])
        with qtbot.waitSignal(panel.message_shown) as shown:
            press(qtbot, panel, Qt.Key.Key_1)
        assert "Select one or more" in shown.args[0]
        assert panel.undo_stack.count() == 0


def test_shortcuts_follow_the_edited_vocabulary_and_audit_names_the_clerk(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        tagging = panel.findChild(TaggingController, "tagging")
        dialog = open_preferences(window, window.workspace.preferences, T.vocabulary_path())
        dialog.name_edit.setText("Ada Lovelace")
        dialog.set_tags([T.Tag("urgent", "#ff0000"), *T.default_tags()])
        dialog.accept()
        assert tagging.action_for("urgent").shortcut().toString() == "Ctrl+1"
        assert tagging.action_for(T.default_tags()[0].name).shortcut().toString() == "Ctrl+2"
        assert len([a for a in window.actions() if a.objectName().startswith("tag.")]) == \
            len(T.default_tags()) + 1  # the old actions are gone, not duplicated
        items = select_rows(panel, panel.recommendations_view, [0])
        press(qtbot, panel, Qt.Key.Key_1)
        assert reg.tags_of(*items[0]) == ["urgent"]
        assert reg.tags()[0]["colour"] == "#ff0000"
        last = reg.audit_for(panel.paper_id)[-1]
        assert (last["what"], last["who"]) == ("tagged", "Ada Lovelace")
        QApplication.processEvents()


def test_a_damaged_vocabulary_file_is_explained_and_defaults_used(qtbot, tmp_path):
    path = T.vocabulary_path()
    path.parent.mkdir(parents=True)
    path.write_text("[[[", encoding="utf-8")
    with review(qtbot, tmp_path) as (window, panel):
        tagging = panel.findChild(TaggingController, "tagging")
        assert [a.text() for a in tagging.actions] == [t.name for t in T.default_tags()]
        assert "could not be used" in tagging.problem
        assert "could not be used" in panel.banner.text() or "could not be used" in \
            window.statusBar().currentMessage()


def test_no_two_window_shortcuts_clash(qtbot, tmp_path):
    """An ambiguous shortcut does nothing at all in Qt: every key must have one owner."""
    from PySide6.QtGui import QAction, QShortcut

    with review(qtbot, tmp_path) as (window, panel):
        owners: dict[str, list[str]] = {}
        for action in window.findChildren(QAction):
            if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
                continue
            for key in action.shortcuts():
                owners.setdefault(key.toString(), []).append(action.objectName() or action.text())
        local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for shortcut in window.findChildren(QShortcut):
            if shortcut.context() in local:
                continue  # a pane's own key, live only while the focus is inside that pane
            owners.setdefault(shortcut.key().toString(), []).append("shortcut")
        clashes = {k: v for k, v in owners.items() if k and len(set(v)) > 1}
        assert clashes == {}
        n = min(9, len(T.default_tags()))
        assert [owners[f"Ctrl+{k}"] for k in (1, n)] == [["tag.1"], [f"tag.{n}"]]
        assert owners["Ctrl+Shift+M"] == ["capture.cost"]


def test_renaming_a_tag_in_preferences_keeps_its_items_under_the_new_name(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        first = T.default_tags()[0]
        items = select_rows(panel, panel.recommendations_view, [0, 1])
        press(qtbot, panel, Qt.Key.Key_1)
        assert all(reg.tags_of(*item) == [first.name] for item in items)

        dialog = open_preferences(window, window.workspace.preferences, T.vocabulary_path())
        dialog.tag_list.item(0).setText("Capital spend")
        dialog.set_colour(0, "#123456")
        dialog.accept()
        assert all(reg.tags_of(*item) == ["Capital spend"] for item in items)
        [row] = [t for t in reg.tags() if t["name"] == "Capital spend"]
        assert row["colour"] == "#123456" and row["uses"] == 2
        assert "Capital spend" in panel.sections.models[1].index(0, 6).data()
        press(qtbot, panel, Qt.Key.Key_1)  # the shortcut now takes the renamed tag off
        assert all(reg.tags_of(*item) == [] for item in items)


def test_undo_after_a_rename_takes_the_renamed_tag_off(qtbot, tmp_path):
    with review(qtbot, tmp_path) as (window, panel):
        reg = panel.register
        items = select_rows(panel, panel.recommendations_view, [0, 1, 2])
        press(qtbot, panel, Qt.Key.Key_1)
        dialog = open_preferences(window, window.workspace.preferences, T.vocabulary_path())
        dialog.tag_list.item(0).setText("Capital spend")
        dialog.accept()
        panel.undo_stack.undo()
        assert all(reg.tags_of(*item) == [] for item in items)
        assert not panel.banner.isVisibleTo(panel)
        panel.undo_stack.redo()
        assert all(reg.tags_of(*item) == ["Capital spend"] for item in items)
        assert [t["name"] for t in reg.tags()] == ["Capital spend"]
