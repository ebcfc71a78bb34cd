"""Edit › Undo/Redo follow the one undo stack, and outlive it quietly."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ui.actions import ACTIONS, bind_undo, build_action


def _actions(parent: QWidget) -> dict:
    return {k: build_action(k, ACTIONS[k], parent) for k in ("edit.undo", "edit.redo")}


def test_undo_names_the_step_and_a_stack_torn_down_with_steps_raises_nothing(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    owner = QObject()
    stack = QUndoStack(owner)
    actions = _actions(window)
    bind_undo(actions, stack)
    stack.push(QUndoCommand("Set Title"))
    assert actions["edit.undo"].isEnabled()
    assert actions["edit.undo"].text() == "&Undo Set Title"
    stack.undo()
    assert actions["edit.redo"].text() == "&Redo Set Title"
    stack.redo()
    # the owner (the workspace) goes with steps still on the stack: no late slot may fail
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(stack))


def _alive(obj: QObject) -> bool:
    from shiboken6 import isValid

    return isValid(obj)
