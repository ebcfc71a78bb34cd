"""Failing a UI test when the GUI thread stops answering: ``responsive()`` watches the
event loop with a fast timer while the test's block runs (import, search, export)."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from PySide6.QtCore import QTimer

#: the longest the window may be unresponsive (ms): a tenth of a second is felt
LIMIT_MS = 100.0


@dataclass
class LoopWatch:
    """What the watch saw: every gap between timer ticks (wall ms) with the GUI thread's
    own CPU ms within it."""

    gaps: list[tuple[float, float]] = field(default_factory=list)

    @property
    def worst_busy_ms(self) -> float:
        """The longest stretch the GUI thread worked without returning to the loop."""
        return max((cpu for _wall, cpu in self.gaps), default=0.0)

    @property
    def worst_gap_ms(self) -> float:
        return max((wall for wall, _cpu in self.gaps), default=0.0)


@contextmanager
def responsive(limit_ms: float = LIMIT_MS, tick_ms: int = 5) -> Iterator[LoopWatch]:
    """Run the block with a ``tick_ms`` timer; fail if the GUI thread was blocked longer
    than ``limit_ms``.

    Blocked means the GUI thread itself worked (its CPU time) for longer than the limit
    between two ticks — or, for a wait that burns no CPU (a join, a lock), that no tick
    came for five times the limit. The machine being busy with other programs delays
    ticks without the thread working, which is not the window's fault, so a long gap
    alone below that bound is not counted.
    """
    watch = LoopWatch()
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        watch.gaps.append(((now - last[0]) * 1000, (cpu - last[1]) * 1000))
        last[0], last[1] = now, cpu

    timer = QTimer()
    timer.setInterval(tick_ms)
    timer.timeout.connect(tick)
    timer.start()
    try:
        yield watch
    finally:
        timer.stop()
        tick()  # the stretch from the last tick to the block's end counts too
    assert watch.worst_busy_ms <= limit_ms, (
        f"the event loop was blocked for {watch.worst_busy_ms:.0f} ms (limit {limit_ms:.0f})")
    assert watch.worst_gap_ms <= 5 * limit_ms, (
        f"the event loop waited {watch.worst_gap_ms:.0f} ms without a tick")
