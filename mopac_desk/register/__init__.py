"""The clerk's register: SQLite store, stored copies, import, search."""

from .errors import NotFoundError, RegisterBusyError, RegisterError, RegisterUnreadableError
from .search import SearchHit
from .store import Change, ImportedPaper, PaperSummary, Register

__all__ = [
    "Change", "ImportedPaper", "NotFoundError", "PaperSummary", "Register", "RegisterBusyError",
    "RegisterError", "RegisterUnreadableError", "SearchHit",
]
