"""Undoable annotation edits: each step is one register operation (audited), holding ids.

Like the review panel's commands (:mod:`ui.panels.commands`), these hold the workspace and
the annotation's id, never a widget; the views refresh from ``workspace.changed``.
"""

from __future__ import annotations

import copy
from typing import Any

from mopac_desk.annotations.model import Annotation, Reply
from mopac_desk.register import Register

from ..panels.commands import RegisterCommand
from ..workspace import Workspace

KIND_NAMES = {
    "highlight": "highlight", "underline": "underline", "strikeout": "strike-out",
    "note": "note", "area": "area box", "textbox": "text box", "insert": "insertion",
    "ink": "ink drawing",
}


class AddAnnotationCommand(RegisterCommand):
    """Make a comment; undo removes it, redo puts the very same one back (same id)."""

    def __init__(self, workspace: Workspace, paper_id: int, document_id: int | None,
                 page: int, kind: str, rects: list[list[float]], *, quote: str = "",
                 text: str = "", colour: str | None = None) -> None:
        super().__init__(workspace, f"Add {KIND_NAMES.get(kind, kind)}")
        self.paper_id, self.document_id, self.page, self.kind = paper_id, document_id, page, kind
        self.rects, self.quote, self.text, self.colour = rects, quote, text, colour
        self.annotation_id: int | None = None
        self._made: Annotation | None = None  # what undo removed, for redo to restore

    def apply(self, register: Register, who: str) -> None:
        if self._made is not None:
            register.restore_annotation(copy.deepcopy(self._made), who)
            return
        extra: dict[str, Any] = {"colour": self.colour} if self.colour else {}
        changes = register.add_annotation(
            self.paper_id, self.page, self.kind, text=self.text, rects=self.rects,
            quote=self.quote, document_id=self.document_id, who=who, **extra)
        self.annotation_id = changes[0].entity_id

    def revert(self, register: Register, who: str) -> None:
        assert self.annotation_id is not None
        self._made = register.get_annotation(self.annotation_id)
        register.delete_annotation(self.annotation_id, who)


class EditAnnotationCommand(RegisterCommand):
    """Change a comment's words, colour, place, privacy or tags (``new`` and ``old`` are
    keyword arguments of ``register.update_annotation``)."""

    def __init__(self, workspace: Workspace, annotation_id: int, new: dict[str, Any],
                 old: dict[str, Any], text: str) -> None:
        super().__init__(workspace, text)
        self.annotation_id, self.new, self.old = annotation_id, dict(new), dict(old)

    @classmethod
    def of(cls, workspace: Workspace, a: Annotation, label: str,
           **new: Any) -> "EditAnnotationCommand | None":
        """The edit from comment ``a`` to ``new`` values (None when nothing changes)."""
        current = {"text": a.contents, "colour": a.colour, "rects": a.rects,
                   "private": a.private, "tags": a.tags}
        new = {k: v for k, v in new.items() if current[k] != v}
        if not new:
            return None
        return cls(workspace, a.id, new, {k: copy.deepcopy(current[k]) for k in new}, label)

    def apply(self, register: Register, who: str) -> None:
        register.update_annotation(self.annotation_id, who=who, **self.new)

    def revert(self, register: Register, who: str) -> None:
        register.update_annotation(self.annotation_id, who=who, **self.old)


class SetAnnotationStatusCommand(RegisterCommand):
    """Set a comment's review status (none, accepted, rejected, cancelled, completed)."""

    def __init__(self, workspace: Workspace, annotation_id: int, status: str,
                 old: str) -> None:
        super().__init__(workspace, f"Set annotation status to {status}")
        self.annotation_id, self.status, self.old = annotation_id, status, old

    def apply(self, register: Register, who: str) -> None:
        register.set_annotation_status(self.annotation_id, self.status, who)

    def revert(self, register: Register, who: str) -> None:
        register.set_annotation_status(self.annotation_id, self.old, who)


class ReplyCommand(RegisterCommand):
    """Reply in a comment's thread; undo takes the reply out, redo puts it back (same id)."""

    def __init__(self, workspace: Workspace, annotation_id: int, text: str) -> None:
        super().__init__(workspace, "Reply to annotation")
        self.annotation_id, self.text = annotation_id, text
        self.reply_id: int | None = None
        self._reply: Reply | None = None

    def apply(self, register: Register, who: str) -> None:
        if self._reply is not None:
            register.restore_reply(self.annotation_id, copy.deepcopy(self._reply), who)
            return
        changes = register.add_reply(self.annotation_id, self.text, author=who, who=who)
        self.reply_id = changes[0].entity_id

    def revert(self, register: Register, who: str) -> None:
        comment = register.get_annotation(self.annotation_id)
        self._reply = next((r for r in comment.replies if r.id == self.reply_id), None)
        register.delete_annotation(self.reply_id, who)


class DeleteAnnotationCommand(RegisterCommand):
    """Remove a comment with its thread; undo restores it as it was (same id, tags)."""

    def __init__(self, workspace: Workspace, annotation: Annotation) -> None:
        super().__init__(workspace, f"Delete {KIND_NAMES.get(annotation.kind, 'annotation')}")
        self.annotation = copy.deepcopy(annotation)

    def apply(self, register: Register, who: str) -> None:
        register.delete_annotation(self.annotation.id, who)

    def revert(self, register: Register, who: str) -> None:
        register.restore_annotation(copy.deepcopy(self.annotation), who)
