"""Writing a file whole: the one rule for every file the app writes.

A file is written under a temporary name beside its destination (the same folder, so the
same disk) and moved over the destination in one step (``os.replace``) only when the writing
ended normally. A failure, a full disk or a cancel therefore leaves no half-written file, no
temporary file, and any file already at the destination exactly as it was.

Every room writes through :func:`writing_whole` and gets the same plain sentences for the
same faults (the folder is missing, it takes no new files, the disk is full, the file is open
elsewhere), as one :class:`WholeFileError` that the room wraps in its own error class.

The new file takes the mode of the file it replaces (a shared 0644 pack stays readable by
colleagues), or for a new file the mode the user's umask gives any new file, never the 0600
of a private temporary file.

This module sits below every room: it imports nothing of the core but the plain words for
an OS error (:func:`mopac_desk.terminal.os_reason`, itself importing nothing of the core).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .terminal import os_reason

# What went wrong, for a caller whose own error classes tell these apart (the register's
# full / read-only errors); the message says it in words either way.
MISSING_FOLDER = "missing-folder"
READ_ONLY = "read-only"  # permission denied, a read-only disk or file
DISK_FULL = "disk-full"
IN_USE = "in-use"  # the file there could not be replaced (open in another program)
FAILED = "failed"

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}
_TRIES = 20
_BINARY = getattr(os, "O_BINARY", 0)


class WholeFileError(Exception):
    """A file could not be written whole; ``str(err)`` is one plain sentence for the clerk,
    ``kind`` one of the constants above, ``dest`` the file that was to be written. Whatever
    was at ``dest`` is as it was and no temporary file is left."""

    def __init__(self, message: str, *, kind: str, dest: Path) -> None:
        super().__init__(message)
        self.kind = kind
        self.dest = dest


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(dest: Path, what: str | None) -> str:
    return what or f"“{dest.name}”"


def _kind(exc: OSError) -> str:
    if exc.errno in _FULL:
        return DISK_FULL
    if exc.errno in _REFUSED or isinstance(exc, PermissionError):
        return READ_ONLY
    return FAILED


def not_written(dest: str | os.PathLike[str], exc: OSError, *,
                what: str | None = None) -> WholeFileError:
    """The failure ``exc`` met while writing ``dest`` (or making its contents), in the one
    wording; for a caller that fails before :func:`writing_whole` is reached."""
    dest = Path(dest)
    return WholeFileError(
        f"{_sentence(_label(dest, what))} could not be written in the folder “{dest.parent}” "
        f"({os_reason(exc)}); nothing there was changed.",
        kind=_kind(exc), dest=dest)


def check_folder(dest: str | os.PathLike[str], *, what: str | None = None) -> None:
    """Raise :class:`WholeFileError` (``MISSING_FOLDER``) when the folder ``dest`` is to be
    written in does not exist: for a caller that says so before long work, as
    :func:`writing_whole` would after it."""
    dest = Path(dest)
    if not dest.parent.is_dir():
        raise WholeFileError(f"{_sentence(_label(dest, what))} could not be written: the "
                             f"folder “{dest.parent}” does not exist.",
                             kind=MISSING_FOLDER, dest=dest)


def _no_new_files(dest: Path, exc: OSError, what: str | None) -> WholeFileError:
    return WholeFileError(
        f"{_sentence(_label(dest, what))} could not be written: the folder “{dest.parent}” "
        f"does not accept new files ({os_reason(exc)}).", kind=_kind(exc), dest=dest)


def _not_replaced(dest: Path, exc: OSError, what: str | None) -> WholeFileError:
    if isinstance(exc, PermissionError) and dest.exists():
        return WholeFileError(
            f"“{dest.name}” could not be replaced: it is open in another program or "
            "read-only. Close it and try again; it was not changed.",
            kind=IN_USE, dest=dest)
    return not_written(dest, exc, what=what)


@contextmanager
def writing_whole(dest: str | os.PathLike[str], *, what: str | None = None,
                  prefix: str | None = None, suffix: str = ".part", fsync: bool = False,
                  make_folder: bool = False) -> Iterator[Path]:
    """Yield a new empty temporary file beside ``dest`` to write; when the block ends normally
    it is moved over ``dest`` in one step. On any exception (an OSError, a cancel, anything)
    it is removed and ``dest`` left as it was.

    ``what`` names the file in messages ("the pack"; default its name in quotes). The
    temporary file is named ``prefix`` (default ``.<name>.``) + a random tag + ``suffix``, so a
    room that tidies after killed runs knows its own. ``fsync`` flushes the file, and the
    folder after the move, to the disk (a full disk shows before the old file is gone; the
    move survives a power cut). ``make_folder`` creates a missing folder instead of refusing.

    Raises :class:`WholeFileError` when the folder is missing or takes no new files, and for
    any OSError raised inside the block (taken as a failure to write the file: a caller that
    also reads inside the block and wants a read failure told apart must catch it there).
    """
    dest = Path(dest)
    folder = dest.parent
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _no_new_files(dest, exc, what) from exc
    else:
        check_folder(dest, what=what)
    mode = _mode_of(dest)
    try:
        tmp = _create(folder, f".{dest.name}." if prefix is None else prefix, suffix)
    except OSError as exc:
        raise _no_new_files(dest, exc, what) from exc
    try:
        try:
            yield tmp
            if fsync:
                _fsync(tmp)
            if mode is not None:
                os.chmod(tmp, mode)
        except OSError as exc:
            raise not_written(dest, exc, what=what) from exc
        try:
            os.replace(tmp, dest)
        except OSError as exc:
            raise _not_replaced(dest, exc, what) from exc
        if fsync:
            try:
                _fsync_folder(folder)
            except OSError as exc:
                raise not_written(dest, exc, what=what) from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)  # gone already once moved into place
        except OSError:
            pass  # the folder refuses even that: nothing more can be done


def _mode_of(dest: Path) -> int | None:
    """The mode to give the new file: the replaced file's, else None (the umask decides).
    Windows has no such modes."""
    if sys.platform == "win32":
        return None
    try:
        st = os.stat(dest)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def _create(folder: Path, prefix: str, suffix: str) -> Path:
    """A new empty file in ``folder``, opened with mode 0666 so the OS applies the user's
    umask exactly as for any new file they save (mkstemp's 0600 would hide it from
    colleagues)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    for _ in range(_TRIES):
        path = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            os.close(os.open(path, flags, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "no unused temporary file name was found")


def _fsync(path: Path) -> None:
    # Windows flushes only a handle that may write; POSIX any open handle.
    fd = os.open(path, (os.O_RDWR | _BINARY) if sys.platform == "win32" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # makes the rename itself durable on POSIX; Windows cannot open a folder for fsync
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
