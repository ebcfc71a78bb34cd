"""Plain-English errors the register raises; ``str(err)`` is fit to show a clerk."""

from __future__ import annotations

# What every message about a damaged register ends with: the one command that says more.
VERIFY_HINT = "run `mopac-desk verify` to see what is wrong"


class RegisterError(Exception):
    """The register could not do what was asked; the message says why in plain English."""


class RegisterBusyError(RegisterError):
    """Another window or program is writing to the register and did not finish in time."""


class RegisterUnreadableError(RegisterError):
    """The register file is not a register, is damaged, or cannot be opened."""


class RegisterDamagedError(RegisterUnreadableError):
    """The register file is damaged (or emptied) and nothing was written to it."""


class RegisterReadOnlyError(RegisterError):
    """The register can be read but not written (read-only file, folder or disk)."""


class RegisterFullError(RegisterError):
    """The disk holding the register or its stored copies is full."""


class NotFoundError(RegisterError):
    """The paper, recommendation, cost, tag, meeting or annotation asked for does not exist."""
