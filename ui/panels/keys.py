"""The review panel's keyboard and right-click menus: Enter edits (or dismisses a check),
Space ticks a field on its Confirmed column only, Delete removes items or clears a field,
Shift+F10 opens the context menu; a wheel passing over the status box does not change the
paper's status.

Typing works as in a spreadsheet: on a text cell it starts editing it with what was typed;
anywhere else it does nothing (no jump to a row starting with the letter, no tick, no edit).
A stray key never writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu

from .models import CHOICES_ROLE, DATE_ROLE, KEY_ROLE
from .sections import CHECKS, CONFIRMED_COLUMN, COSTS, EDIT_COLUMN, FIELDS, RECOMMENDATIONS

# Modifiers that make a key a command rather than typing (Ctrl+1 tags, Alt+1 switches tab).
COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                     | Qt.KeyboardModifier.MetaModifier)

if TYPE_CHECKING:
    from .review_panel import ReviewPanel


class PanelKeys(QObject):
    """Event filter on the panel's views and status box; forwards keys to panel intents."""

    def __init__(self, panel: "ReviewPanel") -> None:
        super().__init__(panel)
        self.panel = panel
        self.views = panel.sections.views
        for view in self.views:
            view.installEventFilter(self)
        panel.status_combo.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        status = self.panel.status_combo
        if obj is status and event.type() == QEvent.Type.Wheel and not status.hasFocus():
            event.ignore()
            return True
        if event.type() == QEvent.Type.KeyPress and obj in self.views:
            if isinstance(event, QKeyEvent) and self._key(obj, event):
                return True
        return super().eventFilter(obj, event)

    def _key(self, view: QAbstractItemView, event: QKeyEvent) -> bool:
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        panel = self.panel
        key, section = event.key(), self.views.index(view)
        index = view.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            if not index.flags() & Qt.ItemFlag.ItemIsEditable and section in EDIT_COLUMN:
                index = index.siblingAtColumn(EDIT_COLUMN[section])
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                view.setCurrentIndex(index)
                view.edit(index)
                return True
            if section == CHECKS:
                panel.dismiss_selected_finding()
                return True
            return False
        if key == Qt.Key.Key_Space and not event.modifiers() & COMMAND_MODIFIERS:
            if section == FIELDS and index.isValid() and index.column() == CONFIRMED_COLUMN:
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                panel.set_field_confirmed(index.data(KEY_ROLE)[1], not checked)
            return True  # elsewhere Space does nothing: it never ticks a box out of sight
        if key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            # The keyboard's way to the right-click menu where there is no Menu key.
            menu = QMenu(view)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.addActions(view.actions())
            at = view.visualRect(index).center() if index.isValid() else view.rect().center()
            menu.popup(view.viewport().mapToGlobal(at))
            return True
        if key == Qt.Key.Key_Delete and section in (RECOMMENDATIONS, COSTS):
            panel.delete_selected()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and section == FIELDS:
            field_key = index.data(KEY_ROLE) if index.isValid() else None
            if field_key:  # the field becomes "not found"; Ctrl+Z brings the value back
                panel.edit_field(field_key[1], "")
            return True
        if _is_typing(event):
            if section == RECOMMENDATIONS and event.text() in "+-*":
                return False  # the tree's own keys: expand, collapse, expand all
            return self._type_into(view, index, event)
        return False

    def _type_into(self, view: QAbstractItemView, index, event: QKeyEvent) -> bool:
        """Typing on a text cell opens its editor holding what was typed; on any other cell
        the key is swallowed (the view would otherwise jump to a row by its first letter)."""
        if index.isValid() and self.views.index(view) == FIELDS and \
                not index.flags() & Qt.ItemFlag.ItemIsEditable:
            index = index.siblingAtColumn(EDIT_COLUMN[FIELDS])  # the row's value, as Enter
        text_cell = (index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
                     and index.data(CHOICES_ROLE) is None and not index.data(DATE_ROLE))
        if not text_cell:
            return True
        view.setCurrentIndex(index)
        # Qt's own "any key edits" path: the editor opens with its text selected and gets
        # the key, so what was typed replaces the value. Allowed for this one key only: the
        # view must never start an editor on a key this filter has not looked at.
        triggers = view.editTriggers()
        view.setEditTriggers(triggers | QAbstractItemView.EditTrigger.AnyKeyPressed)
        try:
            view.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)
        finally:
            view.setEditTriggers(triggers)
        return True


def _is_typing(event: QKeyEvent) -> bool:
    text = event.text()
    return (bool(text) and text.isprintable() and not text.isspace()
            and not event.modifiers() & COMMAND_MODIFIERS)


def add_context_actions(panel: "ReviewPanel") -> None:
    """Each list's right-click menu (its QActions); the keys are handled by PanelKeys."""
    def add(view: QAbstractItemView, text: str, slot: Callable[[], None]) -> None:
        action = QAction(text, view)
        action.triggered.connect(slot)
        view.addAction(action)

    def edit_current(section: int) -> Callable[[], None]:
        def run() -> None:
            view = panel.sections.views[section]
            index = view.currentIndex()
            if index.isValid():
                index = index.siblingAtColumn(EDIT_COLUMN[section])
                view.setCurrentIndex(index)
                view.edit(index)
        return run

    def toggle_confirmed() -> None:
        index = panel.fields_view.currentIndex()
        if index.isValid():
            checked = index.siblingAtColumn(2).data(Qt.ItemDataRole.CheckStateRole)
            panel.set_field_confirmed(index.data(KEY_ROLE)[1], checked != Qt.CheckState.Checked)

    add(panel.fields_view, "&Edit Value\tEnter", edit_current(FIELDS))
    add(panel.fields_view, "&Confirm / Unconfirm\tSpace", toggle_confirmed)
    add(panel.recommendations_view, "Set &Outcome\tEnter", edit_current(RECOMMENDATIONS))
    add(panel.costs_view, "Set &Kind\tEnter", edit_current(COSTS))
    for view in (panel.recommendations_view, panel.costs_view):
        add(view, "&Delete\tDel", panel.delete_selected)
    add(panel.checks_view, "&Dismiss…\tEnter", lambda: panel.dismiss_selected_finding())
    add(panel.checks_view, "&Reopen", panel.reopen_selected_finding)
    for view in panel.sections.views:
        add(view, "Show on &Page", panel.show_on_page)
