"""Carrying a paper's annotations onto its new version.

When a file is a new version of a paper that has annotations, the old version's stored copy
and the new file are compared word by word and each comment goes where its quote now stands
(:func:`mopac_desk.compare.anchor.reanchor`). What cannot be placed stays on the old version,
marked "needs re-anchoring": it is never dropped. Board portals lose annotations when a paper
is replaced; this is the answer to that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Sequence

from ..compare.anchor import NEEDS_REANCHORING, reanchor
from ..compare.engine import compare_documents
from ..pdf import PaperDocument
from .store import Change, Store, _json, _now


@dataclass
class Move:
    """Where one annotation goes on the new version (``placed`` False: it stays where it
    was and is marked for re-anchoring)."""

    annotation_id: int
    placed: bool
    page: int
    rects: list[list[float]]


def plan_moves(old_pdf: Path, new_pdf: Path, annotations: Sequence[dict],
               new_password: str | None = None) -> list[Move]:
    """Compare the old and new files and place each annotation (dict rows with id, page,
    rects, quote) on the new one. Reads both PDFs: run it outside any transaction."""
    items = [SimpleNamespace(id=a["id"], quote=a.get("quote") or "", page=a["page"],
                             rects=a["rects"] if isinstance(a["rects"], list)
                             else json.loads(a["rects"] or "[]"))
             for a in annotations if a.get("parent_id") is None]
    if not items:
        return []
    with PaperDocument.open(old_pdf) as old_doc, \
            PaperDocument.open(new_pdf, password=new_password) as new_doc:
        comparison = compare_documents(old_doc, new_doc)
        placements = reanchor(comparison, items)
    return [Move(p.item.id, p.status != NEEDS_REANCHORING, p.page, p.rects)
            for p in placements]


class Anchoring(Store):
    """Moving annotations to a paper's new version."""

    def move_annotations(self, paper_id: int, document_id: int, moves: Sequence[Move],
                         who: str | None = None) -> list[Change]:
        """Apply :func:`plan_moves`' result in one transaction: placed comments (and their
        replies) move to ``document_id``; the rest are marked ``needs_anchor``."""
        with self._tx() as changes:
            for m in moves:
                row = self._one("SELECT id, page FROM annotations WHERE id = ? AND paper_id = ?",
                                (m.annotation_id, paper_id))
                if row is None:
                    continue
                if m.placed:
                    self.conn.execute(
                        "UPDATE annotations SET document_id = ?, page = ?, rects = ?, "
                        "needs_anchor = 0, modified_at = ? WHERE id = ?",
                        (document_id, m.page, _json(m.rects), _now(), m.annotation_id))
                    self.conn.execute("UPDATE annotations SET document_id = ?, page = ? "
                                      "WHERE parent_id = ?", (document_id, m.page,
                                                              m.annotation_id))
                    what = "moved to the new version"
                else:
                    self.conn.execute("UPDATE annotations SET needs_anchor = 1 WHERE id = ?",
                                      (m.annotation_id,))
                    what = "needs re-anchoring on the new version"
                self._audit(changes, who, Change("annotation", m.annotation_id, paper_id, what,
                                                 row["page"], m.page if m.placed else None))
        return changes
