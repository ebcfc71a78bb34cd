"""Reviewers' annotations kept in the register."""

from __future__ import annotations

import json
from typing import Any

from . import schema
from .errors import RegisterError
from .store import Change, Store, _json, _now


class Annotations(Store):
    """Annotations on a paper's pages."""

    def add_annotation(self, paper_id: int, page: int, kind: str, *, text: str = "",
                       rects: list[list[float]] | None = None, colour: str = "#ffd54f",
                       who: str | None = None) -> list[Change]:
        """Add a highlight or note on a page (1-based) of a paper."""
        if kind not in schema.ANNOTATION_KINDS:
            raise RegisterError("An annotation is a highlight or a note.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            now = _now()
            aid = self.db["annotations"].insert({
                "paper_id": paper_id, "page": page, "rects": _json(rects or []), "kind": kind,
                "contents": text, "author": who or self.user, "created_at": now,
                "modified_at": now, "colour": colour}).last_pk
            self._audit(changes, who, Change("annotation", aid, paper_id, f"added {kind}",
                                             None, text))
        return changes

    def update_annotation(self, annotation_id: int, *, text: str | None = None,
                          colour: str | None = None, rects: list[list[float]] | None = None,
                          who: str | None = None) -> list[Change]:
        """Change an annotation's text, colour or rectangles."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            new = {k: v for k, v in (("contents", text), ("colour", colour),
                                     ("rects", _json(rects) if rects is not None else None))
                   if v is not None}
            if new:
                self.db["annotations"].update(annotation_id, {**new, "modified_at": _now()})
                self._audit(changes, who, Change(
                    "annotation", annotation_id, row["paper_id"], "edited annotation",
                    {k: row[k] for k in new}, new))
        return changes

    def delete_annotation(self, annotation_id: int, who: str | None = None) -> list[Change]:
        """Remove an annotation."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self._audit(changes, who, Change("annotation", annotation_id, row["paper_id"],
                                             f"deleted {row['kind']}", row["contents"], None))
        return changes

    def annotations(self, paper_id: int) -> list[dict[str, Any]]:
        """A paper's annotations by page (rects decoded)."""
        rows = self._all("SELECT * FROM annotations WHERE paper_id = ? ORDER BY page, id",
                         (paper_id,))
        for r in rows:
            r["rects"] = json.loads(r["rects"])
            r["text"] = r["contents"]
        return rows
