"""The rows of the meeting pack's Annotations sheet: one per comment and one per reply.

A reply's row carries its comment's thread id as its parent, so the sheet can be filtered to
a thread or sorted back into one. Private notes never reach the pack. The values are plain
(text, numbers, datetimes); the Excel writer is the one that keeps paper text from being read
as a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Mapping, Sequence

from .model import Annotation

#: (heading, kind of column) in sheet order: kinds as export.excel's Column understands them
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Thread", "text"), ("Parent", "text"), ("Paper", "text"), ("Page label", "text"),
    ("Page", "int"), ("Kind", "text"), ("Quote", "wrap"), ("Contents", "wrap"),
    ("Author", "text"), ("Created", "datetime"), ("Modified", "datetime"),
    ("Status", "text"), ("Tags", "text"),
)
KIND_LABELS: dict[str, str] = {
    "highlight": "Highlight", "underline": "Underline", "strikeout": "Strike-out",
    "note": "Note", "area": "Area", "textbox": "Text box", "insert": "Insert", "ink": "Drawing",
}


@dataclass(frozen=True)
class AnnotationRow:
    """One line of the sheet (``parent`` is empty for a comment, its thread for a reply)."""

    thread: str
    parent: str
    paper: str
    page_label: str
    page: int
    kind: str
    quote: str
    contents: str
    author: str
    created: datetime | None
    modified: datetime | None
    status: str
    tags: str

    def values(self) -> tuple[object, ...]:
        """The row's cells in :data:`COLUMNS` order."""
        return (self.thread, self.parent, self.paper, self.page_label, self.page, self.kind,
                self.quote, self.contents, self.author, self.created, self.modified,
                self.status, self.tags)


def _when(iso: str) -> datetime | None:
    """A register time as a naive UTC datetime (Excel has no time zones)."""
    if not iso:
        return None
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when


def thread_id(a: Annotation, number: int) -> str:
    """A comment's thread id: its register number, else its place in the list."""
    return f"A{a.id}" if a.id is not None else f"A-{number}"


def annotation_rows(annotations: Iterable[Annotation], paper: str,
                    page_labels: Mapping[int, str] | None = None) -> list[AnnotationRow]:
    """The sheet's rows for one paper's comments (private ones left out), each comment
    followed by its replies."""
    labels = page_labels or {}
    rows: list[AnnotationRow] = []
    for number, a in enumerate(annotations, start=1):
        if a.private:
            continue
        thread = thread_id(a, number)
        label = labels.get(a.page, str(a.page))
        tags = ", ".join(a.tags)
        status = "" if a.status == "none" else a.status.capitalize()
        rows.append(AnnotationRow(
            thread, "", paper, label, a.page, KIND_LABELS.get(a.kind, a.kind), a.quote,
            a.contents, a.author, _when(a.created), _when(a.modified), status, tags))
        for k, r in enumerate(a.replies, start=1):
            rows.append(AnnotationRow(
                f"{thread}.{k}", thread, paper, label, a.page, "Reply", "", r.contents,
                r.author, _when(r.created), _when(r.modified), "", ""))
    return rows


def rows_for_papers(papers: Sequence[tuple[str, Sequence[Annotation], Mapping[int, str] | None]]
                    ) -> list[AnnotationRow]:
    """Rows for several papers in order: ``(paper label, comments, page labels)`` each."""
    out: list[AnnotationRow] = []
    for label, comments, pages in papers:
        out += annotation_rows(comments, label, pages)
    return out
