"""The Qt front end of mopac-desk: a thin skin over the ``mopac_desk`` core."""

from __future__ import annotations

import ctypes
import sys


def _pin_singletons() -> None:
    """Keep None, True and False from ever being freed.

    PySide6 6.12.0 hands back ``True``/``False``/``None`` from ``SignalInstance.emit`` and
    ``disconnect`` without taking a reference, so every emitted signal drops one reference
    to ``True``; after a few thousand signals CPython 3.11 aborts ("deallocating True or
    False"). Python 3.12+ makes these objects immortal; on older versions we do the same by
    giving them a reference count no program can drain.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_pin_singletons()
