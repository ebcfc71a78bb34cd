"""Cycles, and the Qt objects in them, are freed on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

import pytest

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


@pytest.fixture
def every_generation_due(qapp):
    """A collector whose thresholds are all zero, and ``check()`` returning the generations
    the collections it ran started with, each due by the counts."""
    was = gc.isenabled()
    collector = GuiThreadCollector(qapp)
    collector._threshold = (0, 0, 0)

    def check() -> list[int]:
        gc.collect(1)  # one gen-1 collection (old count 1) and one gen-0 (middle count 1)
        gc.collect(0)
        keep = [_Box() for _ in range(100)]  # young objects past the threshold
        started: list[int] = []

        def seen(phase: str, info: dict) -> None:
            if phase == "start":
                started.append(info["generation"])

        gc.callbacks.append(seen)
        try:
            collector.check()
        finally:
            gc.callbacks.remove(seen)
        assert keep
        return started

    yield check
    collector.stop()
    (gc.enable if was else gc.disable)()


def test_a_due_collection_walks_the_objects_once(every_generation_due):
    # Every generation due: one collection of the oldest takes the younger ones with it
    # (collecting 0, then 1, then 2 walked the young objects three times: 130 ms of the
    # window's time after two long papers were compared).
    assert every_generation_due() == [2]


def test_a_full_pass_waits_in_proportion_to_the_last_one(every_generation_due):
    assert every_generation_due() == [2]
    # the second full pass is due by the counts but waits (FULL_SPACING x the first)
    assert every_generation_due() == [1]


def test_what_exists_once_settled_is_left_out_of_later_passes(gui_thread_collector):
    startup = [_Box() for _ in range(1_000)]  # as the window's objects, made before settling
    gui_thread_collector.settle()
    later = _Box()
    walked = {id(o) for o in gc.get_objects()}  # what a full pass would walk
    assert id(later) in walked
    assert not walked & {id(b) for b in startup}
    assert gc.get_freeze_count() >= len(startup)
    # and a cycle made after settling is still freed
    freed_on: list[str] = []
    _Cycle(freed_on)
    gc.collect()
    assert freed_on == [threading.main_thread().name]


def test_the_middle_generation_is_due_by_the_objects_gone_into_it(qapp):
    # A worker allocating fast: every look finds thousands of young objects, and Python's
    # rule (every tenth young pass) would let the middle generation grow to tens of
    # thousands before its pass (40 ms of the window's time after two long papers).
    from ui.collector import MIDDLE_OBJECTS

    collector = GuiThreadCollector(qapp)
    collector._threshold = (700, 1_000_000, 1_000_000)  # due by the objects alone
    gc.collect(1)
    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    kept: list[list[_Box]] = []
    gc.callbacks.append(seen)
    try:
        for _ in range(5):  # five looks, each after nearly a quarter of the limit was made
            kept.append([_Box() for _ in range(MIDDLE_OBJECTS // 4 - 100)])
            collector.check()
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
    assert started == [0, 0, 0, 0, 1]  # (Python's rule: five young passes)


def test_an_idle_window_looks_less_often(qapp):
    from ui.collector import IDLE_INTERVAL_MS, INTERVAL_MS

    collector = GuiThreadCollector(qapp)
    try:
        gc.collect(0)
        collector.check()  # nothing made since: the idle pace
        assert collector._timer.interval() == IDLE_INTERVAL_MS
        kept = [_Box() for _ in range(5_000)]  # work under way: the busy pace
        collector.check()
        assert collector._timer.interval() == INTERVAL_MS and kept
    finally:
        collector.stop()


def test_a_full_pass_waits_until_a_quarter_of_what_the_last_left_is_new(qapp):
    collector = GuiThreadCollector(qapp)
    collector._threshold = (0, 0, 0)  # every generation due by the counts
    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    def check() -> list[int]:
        collector._next_full = 0.0  # the spacing aside: only the quarter rule holds it back
        started.clear()
        gc.callbacks.append(seen)
        try:
            collector.check()
        finally:
            gc.callbacks.remove(seen)
        return list(started)

    try:
        gc.collect(1)  # old count 1 and, next, middle count 1: every generation due
        gc.collect(0)
        first = [_Box() for _ in range(20_000)]  # what the full pass leaves: a heap
        assert check() == [2]
        left = collector._old_total
        assert left >= len(first)
        gc.collect(1)
        gc.collect(0)
        few = [_Box() for _ in range(100)]
        assert check() == [1]  # a hundred new objects: a middle pass
        gc.collect(1)
        gc.collect(0)
        more = [_Box() for _ in range(left // 4 + 100)]
        assert check() == [2]  # a quarter new: a full pass
        assert first and few and more
    finally:
        collector.stop()
