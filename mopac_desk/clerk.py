"""Who the clerk is: the name the audit history records for every edit."""

from __future__ import annotations

import getpass

MAX_NAME_LENGTH = 80
FALLBACK_NAME = "clerk"


def default_clerk_name() -> str:
    """The operating-system login name, or "clerk" when the system cannot say (some service
    and container contexts have no login name, and getpass then raises)."""
    try:
        name = getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError depending on platform
        return FALLBACK_NAME
    return clean_clerk_name(name) or FALLBACK_NAME


def clean_clerk_name(text: object) -> str:
    """A typed or stored name, trimmed, inner spaces collapsed and cut to a sensible length;
    "" when there is nothing usable (then the default applies)."""
    if not isinstance(text, str):
        return ""
    name = " ".join(text.split())
    return name[:MAX_NAME_LENGTH].rstrip()


def clerk_name(stored: object) -> str:
    """The name to record: the clerk's own setting when usable, else :func:`default_clerk_name`."""
    return clean_clerk_name(stored) or default_clerk_name()
