"""The register browser: papers table, filters, search, import, meetings and agendas."""

from __future__ import annotations

from .browser import RegisterBrowser
from .model import PapersTableModel, format_pence
from .search_view import mark_words

__all__ = ["PapersTableModel", "RegisterBrowser", "format_pence", "mark_words"]
