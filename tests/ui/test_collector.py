"""Cycles, and the Qt objects in them, are freed on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

from ui.collector import GuiThreadCollector


class _Cycle:
    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_a_cycle_made_on_a_worker_is_freed_on_the_gui_thread(qtbot, gui_thread_collector):
    assert not gc.isenabled()
    freed_on: list[str] = []

    def work() -> None:
        _Cycle(freed_on)
        for _ in range(5_000):  # garbage cycles far past the young threshold: Python would
            loop: list = []     # collect on this thread now
            loop.append(loop)

    worker = threading.Thread(target=work, name="export-worker")
    worker.start()
    worker.join()
    assert freed_on == []  # the worker allocated plenty and collected nothing
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)
    assert freed_on == [threading.main_thread().name]


def test_stop_hands_collection_back(qapp):
    was = gc.isenabled()
    gc.enable()
    try:
        collector = GuiThreadCollector(qapp)
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
