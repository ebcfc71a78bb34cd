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


class _Box:
    pass


def test_a_due_collection_walks_the_objects_once(qapp):
    # Every generation due: one collection of the oldest takes the younger ones with it
    # (collecting 0, then 1, then 2 walked the young objects three times: 130 ms of the
    # window's time after two long papers were compared).
    was = gc.isenabled()
    collector = GuiThreadCollector(qapp)
    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    try:
        collector._threshold = (0, 0, 0)
        gc.collect(1)  # one gen-1 collection (old count 1) and one gen-0 (middle count 1)
        gc.collect(0)
        keep = [_Box() for _ in range(100)]  # young objects past the threshold
        gc.callbacks.append(seen)
        collector.check()
        assert started == [2] and keep
    finally:
        if seen in gc.callbacks:
            gc.callbacks.remove(seen)
        collector.stop()
        (gc.enable if was else gc.disable)()


def test_a_full_pass_waits_in_proportion_to_the_last_one(qapp):
    was = gc.isenabled()
    collector = GuiThreadCollector(qapp)
    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    try:
        collector._threshold = (0, 0, 0)
        for _ in range(2):
            gc.collect(1)
            gc.collect(0)
            keep = [_Box() for _ in range(100)]
            gc.callbacks.append(seen)
            collector.check()
            gc.callbacks.remove(seen)
        # the second full pass was due by the counts but waits (FULL_SPACING x the first)
        assert started == [2, 1] and keep
    finally:
        if seen in gc.callbacks:
            gc.callbacks.remove(seen)
        collector.stop()
        (gc.enable if was else gc.disable)()
