"""The clerk's register: SQLite store, stored copies, import, search."""

from .detail import PaperDetail
from .errors import NotFoundError, RegisterBusyError, RegisterError, RegisterUnreadableError
from .search import SearchHit
from .records import ImportedPaper, PaperSummary
from .register import Register
from .store import Change

__all__ = [
    "Change", "ImportedPaper", "NotFoundError", "PaperDetail", "PaperSummary", "Register",
    "RegisterBusyError", "RegisterError", "RegisterUnreadableError", "SearchHit",
]
