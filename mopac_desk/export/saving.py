"""Saving a pack: all of it or nothing, with the permissions colleagues expect.

The workbook is first built into memory (so a zip writer never meets a failing disk: that is
what printed "Exception ignored in ZipFile.__del__"), then written whole by the one rule
(:mod:`mopac_desk.whole_file`): to a temporary file beside the destination, flushed to disk,
and moved over the destination in one step. A failure at any point leaves the previous pack
exactly as it was and no temporary file behind. Temporary files of exports killed in earlier
runs are removed (their names carry host and process, so a running export is never touched).

The new file takes the mode of the pack it replaces (a shared 0644 pack stays readable by
colleagues), or for a new file the mode the user's umask gives any new file.
"""

from __future__ import annotations

import io
import os
import re
import socket
import sys
import time
from contextlib import AbstractContextManager
from pathlib import Path

from openpyxl import Workbook

from ..whole_file import WholeFileError, check_folder, not_written, writing_whole

TEMP_SUFFIX = ".xlsx.tmp"
# A temporary file of another export still running may be minutes old at most.
STALE_AFTER_S = 15 * 60
_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:20] or "host"


class PackWriteError(Exception):
    """The pack could not be written; the message is fit to show a clerk as it is."""


def check_destination(dest: Path) -> None:
    """Refuse, in a plain sentence, a destination that cannot be a pack."""
    if dest.suffix.lower() != ".xlsx":
        raise PackWriteError(f"The pack must be saved as an .xlsx file, not '{dest.name}'.")
    if dest.is_dir():
        raise PackWriteError(f"{dest} is a folder; choose a file name ending .xlsx.")
    try:
        check_folder(dest, what="the pack")
    except WholeFileError as exc:
        raise PackWriteError(str(exc)) from exc


def temp_prefix(dest: Path) -> str:
    """The start of every temporary file name an export to ``dest`` uses."""
    return ".~" + dest.stem + "-"


def remove_stale_temps(dest: Path) -> list[Path]:
    """Remove temporary files left beside ``dest`` by exports that were killed; return them.

    A temporary name carries its host and process id: one of this host whose process is gone
    is stale at once; any other (another computer's, or an older name) once it is older than
    :data:`STALE_AFTER_S`, so an export still running elsewhere is never disturbed."""
    removed = []
    prefix = temp_prefix(dest)
    try:
        names = [n for n in os.listdir(dest.parent)
                 if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        path = dest.parent / name
        try:
            if not _is_stale(name[len(prefix):-len(TEMP_SUFFIX)], path, now):
                continue
            path.unlink()
            removed.append(path)
        except OSError:
            continue  # another export is tidying too, or the file is not ours to remove
    return removed


def _is_stale(tag: str, path: Path, now: float) -> bool:
    parts = tag.split("-")
    if len(parts) == 3 and parts[0] == _HOST and parts[1].isdigit() and sys.platform != "win32":
        pid = int(parts[1])
        if pid == os.getpid():
            return False  # another thread of this process
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, another user's
    return now - path.stat().st_mtime > STALE_AFTER_S


def writing_pack(dest: Path) -> AbstractContextManager[Path]:
    """The one whole-file rule for a pack: a temporary file beside ``dest`` whose name carries
    this host and process (what :func:`remove_stale_temps` reads), flushed to disk before it
    replaces the old pack (a full disk shows now, not after the old pack is gone)."""
    return writing_whole(dest, what="the pack", suffix=TEMP_SUFFIX, fsync=True,
                         prefix=f"{temp_prefix(dest)}{_HOST}-{os.getpid()}-")


def workbook_bytes(wb: Workbook) -> bytes:
    """The whole .xlsx file, built in memory."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def discard(wb: Workbook) -> None:
    """Close the streaming sheets of a workbook that will not be saved, so nothing is left
    to complain when it is collected ("Exception ignored in ...")."""
    for ws in wb.worksheets:
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - a sheet half-written by a failed save
            pass


def save_atomically(wb: Workbook, dest: Path) -> None:
    """Save ``wb`` over ``dest`` in one step (see the module docstring); raises
    :class:`PackWriteError` with a plain message, the previous file left intact."""
    try:
        data = workbook_bytes(wb)
    except BaseException as exc:
        discard(wb)
        if not isinstance(exc, OSError):
            raise
        raise PackWriteError(str(not_written(dest, exc, what="the pack"))) from exc
    write_atomically(data, dest)


def write_atomically(data: bytes, dest: Path) -> None:
    """Write ``data`` to ``dest`` whole (:func:`writing_pack`), after removing the temporary
    files of killed exports."""
    remove_stale_temps(dest)
    try:
        with writing_pack(dest) as tmp:
            tmp.write_bytes(data)
    except WholeFileError as exc:
        raise PackWriteError(str(exc)) from exc
