"""The workspace: one register at a time, one undo history, one change signal per edit."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QUndoCommand

from mopac_desk.register import Register, RegisterError
from tests.unit.register.conftest import make_extraction
from ui.workspace import Task, Workspace


def _register(tmp_path, name="register.sqlite") -> Register:
    reg = Register(tmp_path / name, user="tester")
    reg.add_extraction(make_extraction(), "store/x.pdf", ["page one"])
    return reg


def test_an_edit_in_an_acting_block_is_one_change_signal(qtbot, tmp_path):
    ws = Workspace()
    reg = _register(tmp_path)
    ws.set_register(reg, owned=True)
    pid = reg.list_papers()[0].id
    heard: list[tuple[list, object]] = []
    ws.changed.connect(lambda changes, who: heard.append((changes, who)))
    who = object()
    with ws.acting(who):
        reg.set_field(pid, "reference", "PCD 1")
        with ws.acting("inner"):  # nested blocks join the outermost
            reg.set_status(pid, "checked")
        assert heard == []  # nothing is announced before the edit is whole
    assert len(heard) == 1
    changes, by = heard[0]
    assert by is who and len(changes) >= 2 and {c.paper_id for c in changes} == {pid}

    reg.set_status(pid, "new")  # outside a block: announced on its own, made elsewhere
    assert len(heard) == 2 and heard[1][1] is None
    with ws.acting(who):
        pass  # nothing changed, nothing said
    assert len(heard) == 2
    ws.close()


def test_changes_committed_on_another_thread_arrive_on_the_gui_thread(qtbot, tmp_path):
    ws = Workspace()
    ws.set_register(_register(tmp_path), owned=True)
    path = ws.register.path
    threads: list[threading.Thread] = []
    ws.changed.connect(lambda _c, _w: threads.append(threading.current_thread()))

    def work() -> None:
        with Register(path) as own:
            own.add_listener(ws.post_changes)
            own.set_status(own.list_papers()[0].id, "checked")

    with qtbot.waitSignal(ws.changed, timeout=5000) as blocker:
        thread = threading.Thread(target=work)
        thread.start()
    thread.join()
    assert blocker.args[1] is None and threads == [threading.main_thread()]
    ws.close()


def test_switching_registers_is_one_signal_and_clears_the_undo_history(qtbot, tmp_path):
    ws = Workspace()
    (tmp_path / "a").mkdir()
    first = ws.open_register(tmp_path / "a" / "register.sqlite")
    ws.undo_stack.push(QUndoCommand("a step"))
    second = _register(tmp_path)
    with qtbot.waitSignal(ws.register_switched) as blocker:
        ws.set_register(second)
    assert blocker.args == [second] and ws.register is second
    assert ws.undo_stack.count() == 0
    # The workspace closed the register it opened; the one it was handed stays open.
    with pytest.raises(RegisterError):
        first.list_papers()
    ws.close()
    assert ws.register is None
    assert second.list_papers()  # still usable: the caller owns it
    second.close()


def test_a_task_reports_on_the_gui_thread(qtbot):
    task = Task(lambda t: threading.current_thread().name, "worker-test")
    with qtbot.waitSignal(task.done, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["worker-test"]
    failing = Task(lambda t: 1 / 0, "worker-fails")
    with qtbot.waitSignal(failing.failed, timeout=5000) as blocker:
        failing.start()
    assert isinstance(blocker.args[0], ZeroDivisionError)
