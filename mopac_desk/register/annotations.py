"""Reviewers' annotations kept in the register: comments, their reply threads, review status.

A comment is a row of ``annotations``; each reply is a row of kind ``reply`` whose
``parent_id`` is its comment. Every write is one transaction with its audit rows, like every
other register operation; :meth:`Annotations.list_annotations` gives typed
:class:`~mopac_desk.annotations.model.Annotation` records (replies and tags filled in).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..annotations.merge import MergePlan, plan_merge
from ..annotations.model import (
    DEFAULT_COLOUR, KINDS, STATUSES, Annotation, Reply, new_pdf_name, normal_colour, normal_rect,
)
from .errors import NotFoundError, RegisterError
from .store import Change, Store, _json, _now

_EDITABLE = ("contents", "colour", "rects", "ink", "quote", "page", "private", "status")


def _kind_ok(kind: str) -> None:
    if kind not in KINDS:
        raise RegisterError(f"'{kind}' is not a kind of annotation; use one of: "
                            + ", ".join(KINDS) + ".")


def _status_ok(status: str) -> None:
    if status not in STATUSES:
        raise RegisterError(f"'{status}' is not a review status; use one of: "
                            + ", ".join(STATUSES) + ".")


def _position(a: Annotation) -> tuple[int, float, float, str, int]:
    """Page order, then top to bottom and left to right, then time."""
    b = a.bounds or [0.0, 0.0, 0.0, 0.0]
    return (a.page, -round(b[3]), b[0], a.created, a.id or 0)


class Annotations(Store):
    """Annotations on a paper's pages (page numbers are 1-based pages of the document)."""

    # -- writing ----------------------------------------------------------------------------

    def _insert_annotation(self, changes: list[Change], who: str | None, a: Annotation,
                           paper_id: int, what: str) -> int:
        now = _now()
        row = {
            "paper_id": paper_id, "document_id": a.document_id, "parent_id": None,
            "page": a.page, "kind": a.kind, "rects": _json(a.rects), "ink": _json(a.ink),
            "contents": a.contents, "quote": a.quote, "author": a.author or who or self.user,
            "created_at": a.created or now, "modified_at": a.modified or a.created or now,
            "colour": normal_colour(a.colour), "status": a.status, "private": int(a.private),
            "pdf_name": a.pdf_name or new_pdf_name(), "origin": a.origin,
            "needs_anchor": int(a.needs_anchor),
        }
        if a.id is not None:
            row["id"] = a.id
        aid = int(self.db["annotations"].insert(row).last_pk)
        self._audit(changes, who, Change("annotation", aid, paper_id, what, None, a.contents))
        for reply in a.replies:
            self._insert_reply(changes, who, aid, paper_id, row, reply)
        if a.tags:
            self._set_tags(aid, a.tags)
        return aid

    def _insert_reply(self, changes: list[Change], who: str | None, parent_id: int,
                      paper_id: int, parent: dict[str, Any], r: Reply) -> int:
        now = _now()
        row = {
            "paper_id": paper_id, "document_id": parent["document_id"], "parent_id": parent_id,
            "page": parent["page"], "kind": "reply", "rects": "[]", "ink": "[]",
            "contents": r.contents, "quote": "", "author": r.author or who or self.user,
            "created_at": r.created or now, "modified_at": r.modified or r.created or now,
            "colour": parent["colour"], "status": "none", "private": parent["private"],
            "pdf_name": r.pdf_name or new_pdf_name(), "origin": parent["origin"],
        }
        if r.id is not None:
            row["id"] = r.id
        rid = int(self.db["annotations"].insert(row).last_pk)
        self._audit(changes, who, Change("annotation", rid, paper_id, "replied", None,
                                         r.contents))
        return rid

    def _set_tags(self, annotation_id: int, names: Iterable[str]) -> None:
        self._delete_tags("annotation", [annotation_id])
        for name in dict.fromkeys(names):
            tag = self._one("SELECT id FROM tags WHERE name = ?", (" ".join(name.split()),))
            if tag is None:
                raise NotFoundError(f"There is no tag called '{name}'.")
            self.conn.execute("INSERT OR IGNORE INTO tag_assignments VALUES (?, 'annotation', ?)",
                              (tag["id"], annotation_id))

    def add_annotation(self, paper_id: int, page: int, kind: str, *, text: str = "",
                       rects: list[list[float]] | None = None, colour: str = DEFAULT_COLOUR,
                       ink: list[list[list[float]]] | None = None, quote: str = "",
                       status: str = "none", private: bool = False,
                       tags: Sequence[str] = (), document_id: int | None = None,
                       who: str | None = None) -> list[Change]:
        """Add a comment on page ``page`` (1-based) of a paper's document; ``text`` is its
        words. The first change's ``entity_id`` is the new annotation's id."""
        _kind_ok(kind)
        _status_ok(status)
        if page < 1:
            raise RegisterError("An annotation's page is counted from 1.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            doc = document_id if document_id is not None else self._current_document(paper_id)
            a = Annotation(kind=kind, page=page, rects=list(rects or []), ink=list(ink or []),
                           contents=text, quote=quote, colour=colour, status=status,
                           private=private, tags=list(tags), document_id=doc,
                           author=who or self.user)
            self._insert_annotation(changes, who, a, paper_id, f"added {kind}")
        return changes

    def add_annotations(self, paper_id: int, annotations: Sequence[Annotation],
                        who: str | None = None) -> list[Change]:
        """Add whole comments (with their replies and tags) in one transaction."""
        for a in annotations:
            _kind_ok(a.kind)
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            doc = self._current_document(paper_id)
            for a in annotations:
                if a.document_id is None:
                    a.document_id = doc
                self._insert_annotation(changes, who, a, paper_id, f"added {a.kind}")
        return changes

    def restore_annotation(self, annotation: Annotation, who: str | None = None) -> list[Change]:
        """Put a deleted comment back as it was (same id, replies and tags): undo."""
        if annotation.paper_id is None:
            raise RegisterError("The annotation to restore does not say which paper it is on.")
        with self._tx() as changes:
            self._need("papers", annotation.paper_id, "paper")
            self._insert_annotation(changes, who, annotation, annotation.paper_id,
                                    f"restored {annotation.kind}")
        return changes

    def _current_document(self, paper_id: int) -> int | None:
        row = self._one("SELECT id FROM documents WHERE paper_id = ? ORDER BY current DESC, "
                        "version DESC, id LIMIT 1", (paper_id,))
        return row["id"] if row else None

    def update_annotation(self, annotation_id: int, *, text: str | None = None,
                          colour: str | None = None, rects: list[list[float]] | None = None,
                          ink: list[list[list[float]]] | None = None, quote: str | None = None,
                          page: int | None = None, private: bool | None = None,
                          tags: Sequence[str] | None = None,
                          who: str | None = None) -> list[Change]:
        """Change a comment's (or reply's) words, colour, place, quote, privacy or tags."""
        values: dict[str, Any] = {
            "contents": text, "colour": normal_colour(colour) if colour is not None else None,
            "rects": _json([normal_rect(r) for r in rects]) if rects is not None else None,
            "ink": _json(ink) if ink is not None else None, "quote": quote, "page": page,
            "private": int(private) if private is not None else None,
        }
        new = {k: v for k, v in values.items() if v is not None}
        if page is not None and page < 1:
            raise RegisterError("An annotation's page is counted from 1.")
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            new = {k: v for k, v in new.items() if row[k] != v}
            if new:
                self.db["annotations"].update(annotation_id, {**new, "modified_at": _now()})
                self._audit(changes, who, Change(
                    "annotation", annotation_id, row["paper_id"], "edited annotation",
                    {k: row[k] for k in new}, new))
            if tags is not None:
                old = self._tag_names(annotation_id)
                if list(dict.fromkeys(tags)) != old:
                    self._set_tags(annotation_id, tags)
                    self._audit(changes, who, Change("annotation", annotation_id,
                                                     row["paper_id"], "tags set", old,
                                                     list(dict.fromkeys(tags))))
        return changes

    def set_annotation_status(self, annotation_id: int, status: str,
                              who: str | None = None) -> list[Change]:
        """Set a comment's review status (Acrobat's Review model)."""
        _status_ok(status)
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            if row["kind"] == "reply":
                raise RegisterError("A reply has no review status of its own; set the "
                                    "comment's.")
            if row["status"] != status:
                self.db["annotations"].update(annotation_id,
                                              {"status": status, "modified_at": _now()})
                self._audit(changes, who, Change("annotation", annotation_id, row["paper_id"],
                                                 "status set", row["status"], status))
        return changes

    def add_reply(self, annotation_id: int, text: str, *, author: str | None = None,
                  who: str | None = None) -> list[Change]:
        """Reply to a comment (a reply to a reply joins the same thread)."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            if row["parent_id"] is not None:
                row = self._need("annotations", row["parent_id"], "annotation")
            self._insert_reply(changes, who, row["id"], row["paper_id"], row,
                               Reply(author=author or who or self.user, contents=text))
        return changes

    def restore_reply(self, annotation_id: int, reply: Reply,
                      who: str | None = None) -> list[Change]:
        """Put a deleted reply back into its comment's thread as it was (same id): undo."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            self._insert_reply(changes, who, row["id"], row["paper_id"], row, reply)
        return changes

    def delete_annotation(self, annotation_id: int, who: str | None = None) -> list[Change]:
        """Remove a comment with its replies (or one reply)."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            replies = [r["id"] for r in self._all(
                "SELECT id FROM annotations WHERE parent_id = ?", (annotation_id,))]
            self._delete_tags("annotation", [annotation_id, *replies])
            self.conn.execute("DELETE FROM annotations WHERE parent_id = ?", (annotation_id,))
            self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self._audit(changes, who, Change("annotation", annotation_id, row["paper_id"],
                                             f"deleted {row['kind']}", row["contents"], None))
        return changes

    def merge_annotations(self, paper_id: int, imported: Sequence[Annotation],
                          document_id: int | None = None,
                          who: str | None = None) -> tuple[MergePlan, list[Change]]:
        """Bring comments read from a PDF into a paper, matching the ones it has (by
        ``/NM``, else page, kind, place and words) so nothing is added twice. One
        transaction; returns what was planned and the changes made."""
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            plan = plan_merge(self._typed(paper_id), imported)
            doc = document_id if document_id is not None else self._current_document(paper_id)
            for a in plan.new:
                a.document_id, a.origin, a.id = doc, "imported", None
                self._insert_annotation(changes, who, a, paper_id, f"imported {a.kind}")
            for parent_id, reply in plan.replies:
                parent = self._need("annotations", parent_id, "annotation")
                reply.id = None
                self._insert_reply(changes, who, parent_id, paper_id, parent, reply)
            for aid, status in plan.statuses:
                old = self._need("annotations", aid, "annotation")["status"]
                self.db["annotations"].update(aid, {"status": status, "modified_at": _now()})
                self._audit(changes, who, Change("annotation", aid, paper_id,
                                                 "status imported", old, status))
            for aid, values in plan.updates:
                row = self._need("annotations", aid, "annotation")
                self.db["annotations"].update(aid, values)
                self._audit(changes, who, Change("annotation", aid, paper_id,
                                                 "edited annotation",
                                                 {k: row[k] for k in values}, values))
        return plan, changes

    # -- reading ----------------------------------------------------------------------------

    def _tag_names(self, annotation_id: int) -> list[str]:
        return [r["name"] for r in self._all(
            "SELECT t.name FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
            "WHERE a.entity = 'annotation' AND a.entity_id = ? ORDER BY t.name",
            (annotation_id,))]

    def _typed(self, paper_id: int | None, annotation_id: int | None = None) -> list[Annotation]:
        where, params = [], []
        if paper_id is not None:
            where.append("paper_id = ?")
            params.append(paper_id)
        if annotation_id is not None:
            where.append("(id = ? OR parent_id = ?)")
            params += [annotation_id, annotation_id]
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self._all(f"SELECT * FROM annotations {clause} ORDER BY id", params)
        tags: dict[int, list[str]] = {}
        for t in self._all("SELECT a.entity_id, t.name FROM tag_assignments a JOIN tags t "
                           "ON t.id = a.tag_id WHERE a.entity = 'annotation' ORDER BY t.name"):
            tags.setdefault(t["entity_id"], []).append(t["name"])
        comments: dict[int, Annotation] = {}
        for r in rows:
            if r["kind"] == "reply":
                continue
            comments[r["id"]] = Annotation(
                id=r["id"], paper_id=r["paper_id"], document_id=r["document_id"],
                page=r["page"], kind=r["kind"], rects=json.loads(r["rects"]),
                ink=json.loads(r["ink"]), contents=r["contents"], quote=r["quote"],
                author=r["author"], created=r["created_at"], modified=r["modified_at"],
                colour=r["colour"], status=r["status"], tags=tags.get(r["id"], []),
                private=bool(r["private"]), pdf_name=r["pdf_name"], origin=r["origin"],
                needs_anchor=bool(r["needs_anchor"]))
        for r in rows:
            parent = comments.get(r["parent_id"]) if r["kind"] == "reply" else None
            if parent is not None:
                parent.replies.append(Reply(
                    id=r["id"], author=r["author"], contents=r["contents"],
                    created=r["created_at"], modified=r["modified_at"], pdf_name=r["pdf_name"]))
        for a in comments.values():
            a.replies.sort(key=lambda rep: (rep.created, rep.id or 0))
        return sorted(comments.values(), key=_position)

    def list_annotations(self, paper_id: int | None = None, *,
                         include_private: bool = True) -> list[Annotation]:
        """Comments (of one paper, or all) in page order, then place, then time, each with
        its replies (oldest first) and tags."""
        found = self._typed(paper_id)
        return [a for a in found if include_private or not a.private]

    def get_annotation(self, annotation_id: int) -> Annotation:
        """One comment with its replies and tags (the comment of a reply's id)."""
        row = self._need("annotations", annotation_id, "annotation")
        found = self._typed(row["paper_id"], row["parent_id"] or annotation_id)
        if not found:
            raise NotFoundError(f"There is no annotation number {annotation_id} in the register.")
        return found[0]

    def annotations(self, paper_id: int, *, replies: bool = False) -> list[dict[str, Any]]:
        """A paper's comments (and, with ``replies``, their replies) as rows, by page then id
        (a reply has kind ``reply`` and its comment's id in ``parent_id``): rects and ink
        decoded, ``tags`` listed, ``private`` a bool, ``text`` the words."""
        only = "" if replies else " AND kind != 'reply'"
        rows = self._all(f"SELECT * FROM annotations WHERE paper_id = ?{only} ORDER BY page, id",
                         (paper_id,))
        tags: dict[int, list[str]] = {}
        for t in self._all("SELECT a.entity_id, t.name FROM tag_assignments a JOIN tags t "
                           "ON t.id = a.tag_id WHERE a.entity = 'annotation' AND a.entity_id "
                           "IN (SELECT id FROM annotations WHERE paper_id = ?) ORDER BY t.name",
                           (paper_id,)):
            tags.setdefault(t["entity_id"], []).append(t["name"])
        for r in rows:
            r["rects"] = json.loads(r["rects"])
            r["ink"] = json.loads(r["ink"])
            r["private"] = bool(r["private"])
            r["needs_anchor"] = bool(r["needs_anchor"])
            r["text"] = r["contents"]
            r["tags"] = tags.get(r["id"], [])
        return rows


def import_pdf_annotations(register: Annotations, paper_id: int, document_id: int | None,
                           path: str | Path, password: str | None = None) -> int:
    """Read the review comments of the PDF at ``path`` and merge them into the paper (one
    transaction); returns how many comments were added.

    Comments outside the paper's pages of the file are left to the other papers of the file.
    A *copy* of the paper (the same words, e.g. sent back by a colleague with comments) puts
    its comments on the paper's current document, page for page, so that they are shown and
    exported with the others; a new version keeps them on its own pages. Raises
    :class:`~mopac_desk.annotations.pdf_read.AnnotationReadError` if the file's annotations
    cannot be read."""
    from ..annotations.pdf_read import read_annotations  # pikepdf: loaded on first import

    doc = register._one("SELECT * FROM documents WHERE id = ? AND paper_id = ?",
                        (document_id, paper_id)) if document_id is not None else None
    if doc is None:
        doc = register._one("SELECT * FROM documents WHERE paper_id = ? ORDER BY current DESC, "
                            "version DESC, id LIMIT 1", (paper_id,))
    if doc is None:
        raise NotFoundError(f"Paper {paper_id} has no document in the register.")
    target, shift = doc["id"], 0
    if doc["role"] == "copy" and not doc["current"]:
        current = register._one("SELECT id, first_page, last_page FROM documents WHERE "
                                "paper_id = ? AND current = 1", (paper_id,))
        # page for page only when the copy has as many pages as the current document
        if current is not None and (current["last_page"] - current["first_page"]
                                    == doc["last_page"] - doc["first_page"]):
            target, shift = current["id"], current["first_page"] - doc["first_page"]
    found = []
    for a in read_annotations(path, password):
        if doc["first_page"] <= a.page <= doc["last_page"]:
            a.page += shift
            found.append(a)
    if not found:
        return 0
    plan, _ = register.merge_annotations(paper_id, found, target)
    return len(plan.new)
