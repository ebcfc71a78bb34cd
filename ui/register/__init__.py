"""The register browser: papers table, filters, search, import, meetings and agendas."""

from __future__ import annotations

from .browser import RegisterBrowser
from .model import PapersTableModel, format_pence

__all__ = ["PapersTableModel", "RegisterBrowser", "format_pence"]
