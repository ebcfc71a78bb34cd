"""Saving a pack: all of it or nothing, with the permissions colleagues expect.

The workbook is first built into memory (so a zip writer never meets a failing disk: that is
what printed "Exception ignored in ZipFile.__del__"), then written to a temporary file beside
the destination, flushed to disk, and moved over the destination in one step. A failure at
any point leaves the previous pack exactly as it was and no temporary file behind. Temporary
files of exports killed in earlier runs are removed.

The new file takes the mode of the pack it replaces (a shared 0644 pack stays readable by
colleagues), or for a new file the mode the user's umask gives any new file.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import socket
import stat
import sys
import time
from pathlib import Path

from openpyxl import Workbook

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
    if not dest.parent.is_dir():
        raise PackWriteError(f"The folder {dest.parent} does not exist.")


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


def _new_file_mode(dest: Path) -> int | None:
    """The mode to give the new pack: the replaced file's, else None (the umask decides)."""
    try:
        return stat.S_IMODE(dest.stat().st_mode)
    except OSError:
        return None


def _open_temp(dest: Path) -> tuple[int, Path]:
    """Create a new temporary file beside ``dest``. Opened with mode 0666 so the OS applies
    the user's umask, exactly as for any new file they save."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | (os.O_BINARY if sys.platform == "win32" else 0)
    for _ in range(20):
        name = f"{temp_prefix(dest)}{_HOST}-{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
        path = dest.parent / name
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not make a unique temporary file name")


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
        raise PackWriteError(
            f"Could not write the pack to {dest}: {exc.strerror or exc}. "
            "Any existing file there was left as it was."
        ) from exc
    write_atomically(data, dest)


def write_atomically(data: bytes, dest: Path) -> None:
    """Write ``data`` to ``dest`` through a temporary file moved into place."""
    folder = dest.parent
    remove_stale_temps(dest)
    mode = _new_file_mode(dest)
    try:
        fd, tmp = _open_temp(dest)
    except OSError as exc:
        raise PackWriteError(
            f"Cannot write in the folder {folder}: {exc.strerror or exc}. "
            "Choose a folder you can save to."
        ) from exc
    try:
        try:
            if mode is not None and sys.platform != "win32":
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)  # a full disk shows now, not after the old pack is gone
        finally:
            os.close(fd)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and dest.exists():
            raise PackWriteError(
                f"Cannot replace {dest.name}: it is open in another program or read-only. "
                "Close it and try again; the existing file was left as it was."
            ) from exc
        raise PackWriteError(
            f"Could not write the pack to {dest}: {exc.strerror or exc}. "
            "Any existing file there was left as it was."
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
