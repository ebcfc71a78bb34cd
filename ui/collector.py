"""Python's cycle collector, run on the GUI thread only.

Left to itself the collector runs in whichever thread happens to allocate when a threshold is
crossed: an export, an import or OCR on a worker thread. If that collection frees a cycle
holding a Qt object (a dialog, a model, a widget's closure), the object is destroyed off the
GUI thread and the process can crash inside Qt — seen as a segmentation fault while openpyxl
was writing a pack. So the automatic collector is switched off and a timer on the GUI thread
collects with the same thresholds, as calibre's GarbageCollector does. Reference counting
still frees everything without cycles at once, on any thread.

Three things keep each collection short, since it stops the window while it runs:

* the counts are looked at often while objects are being made (every 50 ms; every 200 ms
  once a look found nothing due), so a worker allocating fast (two long papers read for a
  comparison) leaves a young generation of thousands of objects, not of the hundreds of
  thousands that took 20 – 30 ms to walk when looked at twice a second;
* the middle generation is collected by the objects gone into it, not only by the count of
  young passes (:data:`MIDDLE_OBJECTS`);
* what exists once the window is built (modules, classes, the window's own widgets: about
  77,000 objects, 50 ms of every full pass) lives as long as the process, so
  :meth:`GuiThreadCollector.settle` moves it out of the collector's sight (``gc.freeze``).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

#: how often the GUI thread looks at the collector's counts (ms) while objects are being
#: made: a pause of this length only delays when cycles are freed, never whether; looking
#: costs a microsecond
INTERVAL_MS = 50
#: ... and once a look found nothing due: an idle window wakes five times a second, not
#: twenty (a laptop's battery), and the first look after work starts finds at most this
#: long's objects
IDLE_INTERVAL_MS = 200
#: a full pass waits this many times as long as the last one took
FULL_SPACING = 50
#: the middle generation is collected once about this many objects have gone into it,
#: however few young passes took them there (a pass walks ~1 µs an object here)
MIDDLE_OBJECTS = 10_000


class GuiThreadCollector(QObject):
    """Collects cycles on the thread it lives on (the GUI thread) while it runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._next_full = 0.0
        self._settled = False
        self._middle_size = 0  # objects young passes have moved on since the middle's last
        self._old_size = 0  # ... and middle passes, since the last full pass
        self._old_total = 0  # what the last full pass left (frozen objects aside)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect when the young count is over its threshold: the oldest generation due, in
        one pass, as Python itself does (collecting 0, then 1, then 2 walked the young
        objects three times: 130 ms of the window's time after comparing two long papers)."""
        young, middle, old = gc.get_count()
        if young <= self._threshold[0]:
            self._timer.setInterval(IDLE_INTERVAL_MS)
            return
        self._timer.setInterval(INTERVAL_MS)
        # Python's rule (every tenth young pass) assumes young passes of 700 objects; ours
        # come every INTERVAL_MS, of as many as a worker made meanwhile, so the middle
        # generation is also due by the objects that went into it (two long papers read
        # for a comparison: 40 ms a middle pass by the count of passes alone).
        if middle <= self._threshold[1] and self._middle_size + young <= MIDDLE_OBJECTS:
            self._middle_size += young
            gc.collect(0)
            return
        moved, self._middle_size = self._middle_size + young, 0
        # Python holds a full pass back until a quarter of what the last one left is new
        # (its own count is not ours to read: ours counts what went up, tuples it untracks
        # on the way included, so it errs towards passing sooner); and a full pass waits
        # FULL_SPACING times as long as the last one took: a big heap (two long papers
        # open) costs the window ~2 % at most, however fast a worker makes objects.
        if (old > self._threshold[2] and self._old_size + moved > self._old_total // 4
                and time.monotonic() >= self._next_full):
            started = time.perf_counter()
            gc.collect(2)  # the younger ones with it
            self._next_full = time.monotonic() + FULL_SPACING * (time.perf_counter() - started)
            self._old_size, self._old_total = 0, len(gc.get_objects(2))
        else:
            gc.collect(1)
            self._old_size += moved

    def settle(self) -> None:
        """Collect once, then keep what is left out of every later pass: called when the
        window is built and before anything it shows (a register, a paper) is opened, so
        what is kept out lives until the process ends; a cycle among it dropped before then
        would not be freed."""
        gc.collect(2)
        gc.freeze()
        self._settled = True

    def stop(self) -> None:
        """Hand collection back to Python (as it was before)."""
        self._timer.stop()
        if self._settled:
            gc.unfreeze()
        if self._was_enabled:
            gc.enable()
