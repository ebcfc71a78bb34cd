"""What every command on the register shares: one plain line (never a traceback) for any
failure, the warning about missing stored copies, and a meeting named by id or by date."""

from __future__ import annotations

import argparse
import functools
import sqlite3
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from ..paths import default_register_path
from ..terminal import warn
from .connect import connect_read_only, translate
from .errors import VERIFY_HINT, NotFoundError, RegisterError
from .register import Register
from .verify import missing_copies

Command = Callable[[argparse.Namespace], int]


def register_path(args: argparse.Namespace) -> Path:
    """The register a command works on (``--register FILE`` or the per-user one)."""
    given = getattr(args, "register", None)
    return Path(given) if given else default_register_path()


def fail(message: str, status: int = 1) -> int:
    """Say why on one line of stderr; returns the exit status."""
    warn(message)
    return status


def guarded(command: Command) -> Command:
    """Run a register command so that any failure is one plain line and exit status 1: the
    register's own errors as they are, SQLite's translated, and anything else a damaged file
    can provoke (a row read back as nonsense) named as damage when SQLite agrees it is."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except RegisterError as exc:
            return fail(str(exc))
        except sqlite3.DatabaseError as exc:
            return fail(str(translate(exc, register_path(args))))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            return fail(unexpected(exc, register_path(args)))

    return run


def unexpected(exc: BaseException, path: Path) -> str:
    """A plain line for an error the code did not foresee while a register was in use."""
    if is_damaged(path):
        return (f"The register {path.name} is damaged ({exc.__class__.__name__} while "
                f"reading it); nothing was written to it. "
                f"{VERIFY_HINT[0].upper()}{VERIFY_HINT[1:]}.")
    return (f"mopac-desk could not finish ({exc.__class__.__name__}: {exc}). This is a fault "
            "in mopac-desk, not in your register; please report it.")


def is_damaged(path: Path) -> bool:
    """SQLite's quick check of the file (read-only) finds damage."""
    try:
        conn = connect_read_only(path.resolve())
    except RegisterError:
        return True
    try:
        return conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def warn_missing_copies(reg: Register, paper_ids: Iterable[int] | None = None) -> None:
    """One line on stderr when papers' stored copies are missing (the command goes on)."""
    missing = missing_copies(reg, paper_ids)
    if not missing:
        return
    names = ", ".join(m.label for m in missing[:5]) + (
        f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    papers = "1 paper is" if len(missing) == 1 else f"{len(missing)} papers are"
    warn(f"warning: the stored copy of {papers} missing ({names}); "
         "run `mopac-desk verify` to see and repair them.")


def resolve_meeting(reg: Register, text: str, *, create: bool = False) -> int:
    """The id of the meeting named by ``text``: a meeting id ("3") or a date (YYYY-MM-DD,
    the first meeting that day). With ``create``, a date with no meeting makes one."""
    text = text.strip()
    if text.isdigit():
        meeting_id = int(text)
        if not any(m["id"] == meeting_id for m in reg.meetings()):
            raise NotFoundError(f"There is no meeting number {meeting_id} in the register "
                                "(`mopac-desk meeting list` shows them).")
        return meeting_id
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RegisterError(f"'{text}' is neither a meeting number nor a date written as "
                            "YYYY-MM-DD.") from None
    if create:
        return reg.meeting_for_date(day.isoformat())
    same_day = [m["id"] for m in reg.meetings() if m["date"] == day.isoformat()]
    if not same_day:
        raise NotFoundError(f"There is no meeting on {day:%d/%m/%Y} in the register; create "
                            f"it first (mopac-desk meeting create {day.isoformat()}).")
    return min(same_day)
