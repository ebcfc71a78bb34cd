"""What the window says about the register itself and the document shown: a read-only
register (a banner: reading, searching and exporting work, edits are refused), a damaged
one (the core's pointer to ``mopac-desk verify`` also names Tools › Check Register), and a
document PDFium repaired on opening (check it against the original)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from mopac_desk.register import Register
from mopac_desk.register.errors import VERIFY_HINT

READ_ONLY, REPAIRED = "read_only", "repaired"
WINDOW_HINT = "choose Tools › Check Register (or run `mopac-desk verify`) to see what is wrong"
_HINT = re.compile(re.escape(VERIFY_HINT), re.IGNORECASE)


def read_only_text(reason: str) -> str:
    return (f"This register is read-only: {reason}; you can read, search and export, "
            "not edit.")


def repaired_text(name: str) -> str:
    return f"{name} was repaired on opening: check it against the original."


def window_words(text: str) -> str:
    """The core's "run `mopac-desk verify` to see what is wrong", as the window says it (the
    window's own command first). Text without the hint is returned unchanged."""

    def say(match: re.Match[str]) -> str:
        return WINDOW_HINT[0].upper() + WINDOW_HINT[1:] if match.group(0)[0].isupper() \
            else WINDOW_HINT

    return _HINT.sub(say, text)


def names_damage(text: str) -> bool:
    """The message is the core's pointer to verify, not yet in the window's words."""
    return bool(_HINT.search(text)) and "Check Register" not in text


def repaired_document(register: Register, paper_id: int, open_path: Path | None,
                      opened_repaired: bool) -> bool:
    """Whether the document of ``paper_id`` shown (the file at ``open_path``) was repaired
    on opening: PDFium said so now, or the register remembers it of that document (else of
    the paper's current one, when the open file is an original elsewhere)."""
    if opened_repaired:
        return True
    documents = register.documents(paper_id)
    shown = next((d for d in documents if open_path is not None
                  and Path(d.stored_path) == Path(open_path)), None)
    if shown is None:
        shown = next((d for d in documents if d.current), None)
    return bool(shown is not None and shown.repaired)


class TrustBanner(QLabel):
    """A strip above the page holding the notes in force (read-only, repaired), one a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("About this register and paper")
        self.setStyleSheet(
            "QLabel#trustBanner { background: #fde7e9; color: #6b1118; padding: 8px 12px;"
            " border-bottom: 1px solid #e8a5ab; }")
        self._notes: dict[str, str] = {}
        self.hide()

    def note(self, key: str, text: str | None) -> None:
        """Show ``text`` under ``key`` (None: take that note away)."""
        if text:
            self._notes[key] = text
        else:
            self._notes.pop(key, None)
        self.setText("\n".join(self._notes[k] for k in (READ_ONLY, REPAIRED)
                               if k in self._notes))
        self.setVisible(bool(self._notes))

    def notes(self) -> dict[str, str]:
        return dict(self._notes)
