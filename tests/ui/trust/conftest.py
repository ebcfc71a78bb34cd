"""Fixtures of the trust tests: throwaway settings, a window over a real register of real
papers (messages only emitted, never shown as boxes), and faults made with real file
operations: a file root may not read, a register on a read-only disk."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.helpers.register_window import window_with_register

CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def trust_window(qtbot, register: Path, papers=()) -> Iterator[tuple[object, object]]:
    """(window, browser) over ``register`` holding ``papers``; boxes are not shown."""
    with window_with_register(qtbot, register, papers) as (window, browser):
        window.messenger.interactive = False
        window.trust.missing.interactive = False
        window.resize(1280, 800)
        try:
            yield window, browser
        finally:
            window.close_document()


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextmanager
def obeying_file_modes() -> Iterator[None]:
    """On this (the GUI) thread, root obeys file modes like anyone else: its file-permission
    override is taken out of the thread's effective capabilities and put back after. Not
    root: file modes bind already."""
    if not IS_ROOT:
        yield
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
        if libc.capget(ctypes.byref(header), data) != 0:
            raise OSError(ctypes.get_errno(), "capget")
    except (OSError, AttributeError) as exc:
        pytest.skip(f"cannot drop root's file-permission override here ({exc})")
    saved = data[0].effective
    data[0].effective = saved & ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH))
    if libc.capset(ctypes.byref(header), data) != 0:
        pytest.skip("cannot drop root's file-permission override here")
    try:
        yield
    finally:
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


@contextmanager
def read_only_copy(folder: Path) -> Iterator[Path]:
    """``folder`` (a register and its store/) copied onto a read-only disk: a small tmpfs
    remounted read-only (root), else a copy whose files and folders are read-only."""
    if IS_ROOT:
        where = Path(tempfile.mkdtemp(prefix="mopac-desk-ro-"))
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            where.rmdir()
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        try:
            shutil.copytree(folder, where / "reg")
            subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
            yield where / "reg"
        finally:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
            where.rmdir()
        return
    target = Path(tempfile.mkdtemp(prefix="mopac-desk-ro-")) / "reg"
    shutil.copytree(folder, target)
    paths = sorted(target.rglob("*"), reverse=True) + [target]
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield target
    finally:
        for p in paths:
            p.chmod(0o755 if p.is_dir() else 0o644)
        shutil.rmtree(target.parent, ignore_errors=True)
