"""Plain-English errors the register raises; ``str(err)`` is fit to show a clerk."""

from __future__ import annotations


class RegisterError(Exception):
    """The register could not do what was asked; the message says why in plain English."""


class RegisterBusyError(RegisterError):
    """Another window or program is writing to the register and did not finish in time."""


class RegisterUnreadableError(RegisterError):
    """The register file is not a register, is damaged, or cannot be opened."""


class NotFoundError(RegisterError):
    """The paper, recommendation, cost, tag, meeting or annotation asked for does not exist."""
